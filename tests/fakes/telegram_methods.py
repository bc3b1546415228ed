"""The fake server's memory and the Bot API methods that read and change it.

`TelegramState.handler(method)` gives the coroutine for a Bot API method; it takes the decoded
parameters and uploaded files and returns the `result`, or raises `Failure` with Telegram's error.
The `user_*` methods queue updates the way Telegram would when a person writes or presses a button.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import Awaitable, Callable
from pathlib import PurePosixPath
from typing import Any

from aiohttp import web

from tests.fakes.telegram_model import (
    CHANNEL_RIGHTS,
    JSON,
    ApiError,
    Call,
    FakeChat,
    FakeUser,
    MemberStatus,
    SentDocument,
    SentMessage,
    SentPhoto,
    cant_parse_entities,
    chat_member,
    chat_not_found,
    command_entities,
    migrated,
)
from tests.fakes.telegram_text import parse_error, visible_length

Handler = Callable[[JSON, dict[str, web.FileField]], Awaitable[Any]]
MAX_TEXT = 4096
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
)
CONFLICT = (
    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
)


class Failure(Exception):
    """A Bot API method answers with an error."""

    def __init__(self, error: ApiError) -> None:
        super().__init__(error.description)
        self.error = error


def bad_request(description: str) -> Failure:
    return Failure(ApiError(400, f"Bad Request: {description}"))


class TelegramState:
    """Chats, members, messages, files and the update queue of one fake bot."""

    def __init__(self, token: str, bot_username: str, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 123456789
        self.bot = FakeUser(bot_id, "Rumorbot", username=bot_username, language_code=None, is_bot=True)
        self.calls: list[Call] = []
        self.sent: list[SentMessage] = []
        self.sent_by_chat: dict[int, list[SentMessage]] = {}
        self.documents: list[SentDocument] = []
        self.photos: list[SentPhoto] = []
        self.edits: list[SentMessage] = []
        self.deleted: list[tuple[int, int]] = []
        self.messages: dict[tuple[int, int], JSON] = {}
        self.chats: dict[int, FakeChat] = {}
        self.members: dict[int, dict[int, tuple[FakeUser, MemberStatus]]] = {}
        self.rights: dict[tuple[int, int], JSON] = {}  # (chat, user): an administrator's rights that differ
        self.bot_status: dict[int, MemberStatus] = {}  # the bot's place in channels (not added: "left")
        self.migrated: dict[int, int] = {}
        self.commands: dict[tuple[str, str], list[JSON]] = {}
        self.files: dict[str, JSON] = {}
        self.file_contents: dict[str, bytes] = {}
        self.updates: list[JSON] = []
        self.allowed_updates: set[str] | None = None
        self.webhook: JSON | None = None  # {"url", "secret_token"} while a webhook is set
        self.callback_ids: set[str] = set()
        self.closing = False
        self._poll_generation = 0
        self._ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        self._update_event = asyncio.Event()
        self._activity = asyncio.Event()
        self._methods: dict[str, Handler] = {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "sendChatAction": self.true,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "sendDocument": self.send_document,
            "sendPhoto": self.send_photo,
            "getFile": self.get_file,
            "close": self.true,
            "logOut": self.true,
        }
        self._canonical = {name.lower(): name for name in self._methods}

    # -- plumbing --------------------------------------------------------------------------------

    def canonical_method(self, method: str) -> str:
        """Telegram method names are case-insensitive; record them as documented."""
        return self._canonical.get(method.lower(), method)

    def handler(self, method: str) -> Handler | None:
        return self._methods.get(method)

    def record(self, call: Call) -> None:
        self.calls.append(call)
        self._wake_waiters()

    def _wake_waiters(self) -> None:
        self._activity.set()
        self._activity = asyncio.Event()

    async def wait_until(
        self, condition: Callable[[], bool], timeout: float  # noqa: ASYNC109 (a deadline, not I/O)
    ) -> bool:
        """Wait until `condition()` holds after some request; False on timeout."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition():
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._activity.wait(), remaining)
        return True

    def notify_updates(self) -> None:
        self._update_event.set()
        self._update_event = asyncio.Event()

    @property
    def update_event(self) -> asyncio.Event:
        """Set (and replaced) when an update is queued or the webhook changes."""
        return self._update_event

    def next_id(self) -> int:
        return next(self._ids)

    # -- chats -----------------------------------------------------------------------------------

    def remember_chat(self, chat: FakeChat) -> FakeChat:
        """Record the chat itself (a forum topic is remembered as its supergroup)."""
        known = FakeChat(chat.id, chat.type, chat.title, chat.first_name, chat.username, chat.is_forum)
        self.chats[chat.id] = known
        return known

    def add_member(self, chat: FakeChat, person: FakeUser, status: MemberStatus, rights: JSON | None = None) -> None:
        self.remember_chat(chat)
        self.members.setdefault(chat.id, {})[person.id] = (person, status)
        self.rights[(chat.id, person.id)] = dict(rights or {})

    def set_bot_member(self, chat: FakeChat, status: MemberStatus, rights: JSON | None = None) -> None:
        self.remember_chat(chat)
        self.bot_status[chat.id] = status
        self.rights[(chat.id, self.bot.id)] = dict(rights or {})

    def _member(self, chat: FakeChat, person: FakeUser, status: MemberStatus) -> JSON:
        """A member as getChatMember shows them: a channel's administrators may also post and edit."""
        defaults = dict.fromkeys(CHANNEL_RIGHTS, True) if chat.type == "channel" else {}
        return chat_member(person, status, {**defaults, **self.rights.get((chat.id, person.id), {})})

    def check_may_post(self, chat: FakeChat) -> None:
        """In a channel only an administrator with the right to post may send, as Telegram enforces."""
        if chat.type != "channel":
            return
        status = self.bot_status.get(chat.id, "left")
        if status not in ("administrator", "creator"):
            raise Failure(ApiError(403, "Forbidden: bot is not a member of the channel chat"))
        if self.rights.get((chat.id, self.bot.id), {}).get("can_post_messages") is False:
            raise bad_request("need administrator rights in the channel chat")

    def migrate(self, old_chat_id: int, new_chat: FakeChat) -> None:
        self.migrated[old_chat_id] = new_chat.id
        self.remember_chat(new_chat)
        if old_chat_id in self.members:
            self.members[new_chat.id] = dict(self.members[old_chat_id])

    def resolve_migration(self, chat_id: int) -> int:
        return self.migrated.get(chat_id, chat_id)

    def chat_for(self, params: JSON, *, create: bool = False) -> FakeChat:
        """The chat named by `chat_id` (an id or @username); raises chat not found or migration."""
        raw = params.get("chat_id")
        if isinstance(raw, str) and raw.startswith("@"):
            for chat in self.chats.values():
                if chat.username and f"@{chat.username}" == raw:
                    return chat
            raise Failure(chat_not_found())
        if not isinstance(raw, int) or isinstance(raw, bool):
            raise bad_request("chat_id is empty" if raw is None else "chat not found")
        if raw in self.migrated:
            raise Failure(migrated(self.migrated[raw]))
        known = self.chats.get(raw)
        if known is not None:
            return known
        if not create:
            raise Failure(chat_not_found())
        return self.remember_chat(_chat_from_id(raw))

    # -- updates from users ----------------------------------------------------------------------

    def queue_update(self, kind: str, payload: JSON) -> JSON:
        update = {"update_id": next(self._update_ids), kind: payload}
        self.updates.append(update)
        self.notify_updates()
        return update

    def user_message(self, chat: FakeChat, sender: FakeUser, reply_to: int | None = None) -> JSON:
        self.remember_chat(chat)
        if chat.type != "private":
            self.members.setdefault(chat.id, {}).setdefault(sender.id, (sender, "member"))
        message: JSON = {
            "message_id": self.next_id(),
            "from": sender.to_api(),
            "chat": chat.to_api(),
            "date": int(self.clock()),
        }
        if chat.thread_id is not None:
            message.update(message_thread_id=chat.thread_id, is_topic_message=True)
        if reply_to is not None and (original := self.messages.get((chat.id, reply_to))) is not None:
            message["reply_to_message"] = original
        return message

    def user_text(self, chat: FakeChat, sender: FakeUser, text: str, reply_to: int | None) -> JSON:
        message = self.user_message(chat, sender, reply_to)
        message["text"] = text
        if entities := command_entities(text):
            message["entities"] = entities
        self.messages[(chat.id, message["message_id"])] = message
        return self.queue_update("message", message)

    def channel_post(self, chat: FakeChat, text: str) -> JSON:
        """A post in a channel: no `from`, the channel itself is the sender."""
        self.remember_chat(chat)
        message: JSON = {"message_id": self.next_id(), "sender_chat": chat.to_api(), "chat": chat.to_api(),
                         "date": int(time.time()), "text": text}
        if entities := command_entities(text):
            message["entities"] = entities
        self.messages[(chat.id, message["message_id"])] = message
        return self.queue_update("channel_post", message)

    def user_button(self, chat: FakeChat, sender: FakeUser, message_id: int, data: str) -> JSON:
        self.remember_chat(chat)
        query_id = f"cbq-{self.next_id()}"
        self.callback_ids.add(query_id)
        message = self.messages.get((chat.id, message_id)) or {
            "message_id": message_id, "chat": chat.to_api(), "date": 0,
        }
        query = {"id": query_id, "from": sender.to_api(), "chat_instance": f"ci{chat.id}",
                 "message": message, "data": data}
        return self.queue_update("callback_query", query)

    def user_document(
        self, chat: FakeChat, sender: FakeUser, filename: str, content: bytes, caption: str | None,
        mime_type: str | None,
    ) -> JSON:
        message = self.user_message(chat, sender)
        message["document"] = self.store_file(filename, content, mime_type)
        if caption is not None:
            message["caption"] = caption
            if entities := command_entities(caption):
                message["caption_entities"] = entities
        self.messages[(chat.id, message["message_id"])] = message
        return self.queue_update("message", message)

    def store_file(self, filename: str, content: bytes, mime_type: str | None) -> JSON:
        number = self.next_id()
        file_id = f"BQACAgFake{number:06d}"
        path = f"documents/file_{number}{PurePosixPath(filename).suffix}"
        document: JSON = {"file_id": file_id, "file_unique_id": f"AgADFake{number}", "file_name": filename,
                          "file_size": len(content)}
        if mime_type:
            document["mime_type"] = mime_type
        self.files[file_id] = {**document, "file_path": path}
        self.file_contents[path] = content
        return document

    # -- Bot API methods -------------------------------------------------------------------------

    async def true(self, params: JSON, files: dict[str, web.FileField]) -> bool:
        return True

    async def get_me(self, params: JSON, files: dict[str, web.FileField]) -> JSON:
        return {**self.bot.to_api(), "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False, "can_connect_to_business": False, "has_main_web_app": False}

    async def set_webhook(self, params: JSON, files: dict[str, web.FileField]) -> bool:
        """Push updates to `url` from now on (plain http is accepted here, unlike Telegram, for tests)."""
        url = params.get("url")
        if not url:
            return await self.delete_webhook(params, files)
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise bad_request("bad webhook: an HTTPS URL must be provided for webhook")
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = set(allowed) or None
        if params.get("drop_pending_updates") is True:
            self.updates.clear()
        self.webhook = {"url": url, "secret_token": params.get("secret_token")}
        self.notify_updates()
        return True

    async def delete_webhook(self, params: JSON, files: dict[str, web.FileField]) -> bool:
        if params.get("drop_pending_updates") is True:
            self.updates.clear()
        self.webhook = None
        return True

    async def get_webhook_info(self, params: JSON, files: dict[str, web.FileField]) -> JSON:
        url = self.webhook["url"] if self.webhook else ""
        return {"url": url, "has_custom_certificate": False, "pending_update_count": len(self.updates)}

    def next_push(self) -> JSON | None:
        """The oldest allowed update waiting for the webhook, if one is set."""
        if self.webhook is None:
            return None
        ready = self._deliverable(1)
        return ready[0] if ready else None

    def pushed(self, update: JSON) -> None:
        """The webhook answered 2xx: the update is delivered."""
        self.updates = [u for u in self.updates if u["update_id"] != update["update_id"]]

    async def get_updates(self, params: JSON, files: dict[str, web.FileField]) -> list[JSON]:
        """Long poll: confirm below `offset`, answer as soon as an allowed update is queued."""
        if self.webhook is not None:
            raise Failure(ApiError(409, WEBHOOK_CONFLICT))
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self.allowed_updates = set(allowed) or None
        offset = params.get("offset")
        if isinstance(offset, int):
            self._confirm(offset)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + float(params.get("timeout") or 0)
        self._poll_generation += 1
        generation = self._poll_generation
        self.notify_updates()  # an older long poll still waiting is now answered with 409
        while True:
            if generation != self._poll_generation:
                raise Failure(ApiError(409, CONFLICT))
            ready = self._deliverable(limit)
            remaining = deadline - loop.time()
            if ready or self.closing or remaining <= 0:
                return ready
            event = self._update_event
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), remaining)

    def _confirm(self, offset: int) -> None:
        if offset < 0:
            self.updates = self.updates[offset:]
        else:
            self.updates = [update for update in self.updates if update["update_id"] >= offset]

    def _deliverable(self, limit: int) -> list[JSON]:
        if self.allowed_updates is not None:
            allowed = self.allowed_updates
            self.updates = [u for u in self.updates if next(k for k in u if k != "update_id") in allowed]
        return self.updates[:limit]

    def commands_key(self, scope: JSON | None, language_code: str | None) -> tuple[str, str]:
        return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code or ""

    async def set_my_commands(self, params: JSON, files: dict[str, web.FileField]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("parameter \"commands\" is required")
        self.commands[self.commands_key(params.get("scope"), params.get("language_code"))] = commands
        return True

    async def get_my_commands(self, params: JSON, files: dict[str, web.FileField]) -> list[JSON]:
        return self.commands.get(self.commands_key(params.get("scope"), params.get("language_code")), [])

    async def delete_my_commands(self, params: JSON, files: dict[str, web.FileField]) -> bool:
        self.commands.pop(self.commands_key(params.get("scope"), params.get("language_code")), None)
        return True

    def _check_text(self, text: object, parse_mode: object) -> str:
        if not isinstance(text, str) or not text.strip():
            raise bad_request("message text is empty")
        mode = parse_mode if isinstance(parse_mode, str) else None
        if (detail := parse_error(text, mode)) is not None:
            raise Failure(cant_parse_entities(detail))
        if visible_length(text, mode) > MAX_TEXT:
            raise bad_request("message is too long")
        return text

    def _bot_message(self, chat: FakeChat, params: JSON) -> JSON:
        message: JSON = {"message_id": self.next_id(), "from": self.bot.to_api(), "chat": chat.to_api(),
                         "date": int(self.clock())}
        thread_id = params.get("message_thread_id")
        if isinstance(thread_id, int):
            message["message_thread_id"] = thread_id
            if chat.is_forum:
                message["is_topic_message"] = True
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        return message

    def _sent_record(self, message: JSON, params: JSON) -> SentMessage:
        markup, preview = params.get("reply_markup"), params.get("link_preview_options")
        no_preview = params.get("disable_web_page_preview")
        return SentMessage(
            message_id=message["message_id"],
            chat_id=message["chat"]["id"],
            thread_id=message.get("message_thread_id"),
            text=message.get("text", ""),
            parse_mode=params.get("parse_mode"),
            reply_markup=markup if isinstance(markup, dict) else None,
            link_preview_options=preview if isinstance(preview, dict) else None,
            disable_web_page_preview=no_preview if isinstance(no_preview, bool) else None,
            date=message["date"],
            params=params,
        )

    async def send_message(self, params: JSON, files: dict[str, web.FileField]) -> JSON:
        chat = self.chat_for(params, create=True)
        self.check_may_post(chat)
        text = self._check_text(params.get("text"), params.get("parse_mode"))
        message = self._bot_message(chat, params)
        message["text"] = text
        self.messages[(chat.id, message["message_id"])] = message
        record = self._sent_record(message, params)
        self.sent.append(record)
        self.sent_by_chat.setdefault(chat.id, []).append(record)
        return message

    def _bot_message_at(self, params: JSON, what: str) -> JSON:
        chat = self.chat_for(params)
        message_id = params.get("message_id")
        message = self.messages.get((chat.id, message_id)) if isinstance(message_id, int) else None
        if message is None or message.get("from", {}).get("id") != self.bot.id:
            raise bad_request(f"message to {what} not found")
        return message

    async def edit_message_text(self, params: JSON, files: dict[str, web.FileField]) -> JSON | bool:
        if "inline_message_id" in params:
            return True
        message = self._bot_message_at(params, "edit")
        text = self._check_text(params.get("text"), params.get("parse_mode"))
        markup = params.get("reply_markup")
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are exactly "
                "the same as a content and reply markup of the current message"
            )
        message["text"] = text
        message["edit_date"] = int(self.clock())
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        self.edits.append(self._sent_record(message, params))
        return message

    async def edit_message_reply_markup(self, params: JSON, files: dict[str, web.FileField]) -> JSON | bool:
        if "inline_message_id" in params:
            return True
        message = self._bot_message_at(params, "edit")
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message

    async def delete_message(self, params: JSON, files: dict[str, web.FileField]) -> bool:
        chat = self.chat_for(params)
        message_id = params.get("message_id")
        if not isinstance(message_id, int) or (chat.id, message_id) not in self.messages:
            raise bad_request("message to delete not found")
        del self.messages[(chat.id, message_id)]
        self.deleted.append((chat.id, message_id))
        return True

    async def answer_callback_query(self, params: JSON, files: dict[str, web.FileField]) -> bool:
        if params.get("callback_query_id") not in self.callback_ids:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        return True

    async def get_chat(self, params: JSON, files: dict[str, web.FileField]) -> JSON:
        return self.chat_for(params).to_full_info()

    async def get_chat_member(self, params: JSON, files: dict[str, web.FileField]) -> JSON:
        chat = self.chat_for(params)
        user_id = params.get("user_id")
        if not isinstance(user_id, int):
            raise bad_request("invalid user_id specified")
        if user_id == self.bot.id:
            default: MemberStatus = "member" if chat.type == "private" else "administrator"
            if chat.type == "channel":
                default = "left"
            return self._member(chat, self.bot, self.bot_status.get(chat.id, default))
        known = self.members.get(chat.id, {}).get(user_id)
        if known is not None:
            return self._member(chat, *known)
        if chat.type == "private" and chat.id == user_id:
            return chat_member(FakeUser(user_id, chat.first_name or "User"), "member")
        return chat_member(FakeUser(user_id, "User", language_code=None), "left")

    async def get_chat_administrators(self, params: JSON, files: dict[str, web.FileField]) -> list[JSON]:
        chat = self.chat_for(params)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        members = self.members.get(chat.id, {}).values()
        admins = [(person, status) for person, status in members if status in ("creator", "administrator")]
        return [self._member(chat, person, status) for person, status in admins]

    async def send_document(self, params: JSON, files: dict[str, web.FileField]) -> JSON:
        chat = self.chat_for(params, create=True)
        upload = files.get("document")
        filename: str
        mime_type: str | None
        message = self._bot_message(chat, params)
        if upload is not None:
            content = upload.file.read()
            filename, mime_type = upload.filename or "document", str(upload.content_type)
            message["document"] = self.store_file(filename, content, mime_type)
        elif isinstance(doc_id := params.get("document"), str) and doc_id in self.files:
            stored = self.files[doc_id]
            filename, mime_type = stored["file_name"], stored.get("mime_type")
            content = self.file_contents[stored["file_path"]]
            message["document"] = {k: v for k, v in stored.items() if k != "file_path"}
        else:
            raise bad_request("there is no document in the request")
        caption = params.get("caption")
        if isinstance(caption, str):
            message["caption"] = caption
        self.messages[(chat.id, message["message_id"])] = message
        self.documents.append(SentDocument(message["message_id"], chat.id, message.get("message_thread_id"),
                                           filename, content, caption if isinstance(caption, str) else None,
                                           mime_type))
        return message

    async def send_photo(self, params: JSON, files: dict[str, web.FileField]) -> JSON:
        """A photo upload: recorded with its bytes; a photo's file_id sent again is reused."""
        chat = self.chat_for(params, create=True)
        self.check_may_post(chat)
        upload = files.get("photo")
        if upload is not None:
            content, filename = upload.file.read(), upload.filename or "photo"
            stored = self.store_file(filename, content, str(upload.content_type))
        elif isinstance(photo_id := params.get("photo"), str) and photo_id in self.files:
            stored = {k: v for k, v in self.files[photo_id].items() if k != "file_path"}
            content, filename = self.file_contents[self.files[photo_id]["file_path"]], stored["file_name"]
        else:
            raise bad_request("there is no photo in the request")
        message = self._bot_message(chat, params)
        message["photo"] = [{"file_id": stored["file_id"], "file_unique_id": stored["file_unique_id"],
                             "width": 800, "height": 450, "file_size": len(content)}]
        caption = params.get("caption")
        if isinstance(caption, str):
            if (detail := parse_error(caption, params.get("parse_mode"))) is not None:
                raise Failure(cant_parse_entities(detail))
            message["caption"] = caption
        self.messages[(chat.id, message["message_id"])] = message
        markup = params.get("reply_markup")
        self.photos.append(SentPhoto(message["message_id"], chat.id, message.get("message_thread_id"), filename,
                                     content, caption if isinstance(caption, str) else None,
                                     markup if isinstance(markup, dict) else None))
        return message

    async def get_file(self, params: JSON, files: dict[str, web.FileField]) -> JSON:
        stored = self.files.get(str(params.get("file_id")))
        if stored is None:
            raise bad_request("invalid file_id")
        return {key: stored[key] for key in ("file_id", "file_unique_id", "file_size", "file_path")}


def _chat_from_id(chat_id: int) -> FakeChat:
    """A chat the bot writes to without having seen it: its kind follows Telegram's id ranges."""
    if chat_id > 0:
        return FakeChat(chat_id, "private", first_name=f"User {chat_id}")
    if str(chat_id).startswith("-100"):
        return FakeChat(chat_id, "supergroup", title=f"Supergroup {chat_id}")
    return FakeChat(chat_id, "group", title=f"Group {chat_id}")
