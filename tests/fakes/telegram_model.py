"""What the fake Telegram server knows about: users, chats, recorded calls and messages, scripted errors.

Plain dataclasses and pure functions that build Bot API JSON objects; no I/O here. A test builds
people and places with `user()`, `private_chat()`, `group()`, `supergroup()` and `forum_topic()`,
and errors to inject with `retry_after()`, `blocked()`, `kicked()`, `chat_not_found()`, `migrated()`,
`cant_parse_entities()`, `server_error()`, `timeout()` and `delay()`.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from typing import Any, Literal

JSON = dict[str, Any]
ChatType = Literal["private", "group", "supergroup", "channel"]
MemberStatus = Literal["creator", "administrator", "member", "restricted", "left", "kicked"]

_user_ids = itertools.count(1001)


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user as the bot sees it in `from` fields."""

    id: int
    first_name: str = "Alice"
    username: str | None = None
    language_code: str | None = "en"
    is_bot: bool = False

    def to_api(self) -> JSON:
        """The Bot API `User` object."""
        obj: JSON = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.username is not None:
            obj["username"] = self.username
        if self.language_code is not None:
            obj["language_code"] = self.language_code
        return obj


@dataclass(frozen=True)
class FakeChat:
    """A chat; with `thread_id` set it stands for one topic of a forum supergroup."""

    id: int
    type: ChatType
    title: str | None = None
    first_name: str | None = None
    username: str | None = None
    is_forum: bool = False
    thread_id: int | None = None

    def to_api(self) -> JSON:
        """The Bot API `Chat` object (as embedded in messages)."""
        obj: JSON = {"id": self.id, "type": self.type}
        for key in ("title", "first_name", "username"):
            value = getattr(self, key)
            if value is not None:
                obj[key] = value
        if self.is_forum:
            obj["is_forum"] = True
        return obj

    def to_full_info(self) -> JSON:
        """The Bot API `ChatFullInfo` object returned by getChat."""
        gifts = {
            "unlimited_gifts": True,
            "limited_gifts": True,
            "unique_gifts": True,
            "premium_subscription": True,
            "gifts_from_channels": True,
        }
        return {**self.to_api(), "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": gifts}


def user(
    user_id: int | None = None,
    first_name: str = "Alice",
    *,
    username: str | None = None,
    language_code: str | None = "en",
) -> FakeUser:
    """A user; ids count up from 1001 when not given."""
    return FakeUser(
        id=next(_user_ids) if user_id is None else user_id,
        first_name=first_name,
        username=username,
        language_code=language_code,
    )


def private_chat(person: FakeUser) -> FakeChat:
    """The private chat between `person` and the bot (its id is the user's id)."""
    return FakeChat(id=person.id, type="private", first_name=person.first_name, username=person.username)


def group(chat_id: int = -4001, title: str = "Test group") -> FakeChat:
    """A basic group; Telegram gives them small negative ids."""
    return FakeChat(id=chat_id, type="group", title=title)


def supergroup(
    chat_id: int = -1001000000001, title: str = "Test supergroup", *, is_forum: bool = False
) -> FakeChat:
    """A supergroup (ids look like -100…); `is_forum=True` for a group with topics."""
    return FakeChat(id=chat_id, type="supergroup", title=title, is_forum=is_forum)


def channel(chat_id: int = -1002000000001, title: str = "Test channel", *, username: str | None = None) -> FakeChat:
    """A channel (ids look like -100…); with `username` it can be named as `@username`."""
    return FakeChat(id=chat_id, type="channel", title=title, username=username)


def forum_topic(chat: FakeChat, thread_id: int) -> FakeChat:
    """One topic (message thread) of a forum supergroup."""
    return dataclasses.replace(chat, type="supergroup", is_forum=True, thread_id=thread_id)


@dataclass(frozen=True)
class Call:
    """One request the bot made: the Bot API method, its decoded parameters, when, and the HTTP status."""

    method: str
    params: JSON
    time: float
    status: int = 200


@dataclass
class SentMessage:
    """A text message the bot sent (as sent; later edits are in `FakeTelegram.edits`)."""

    message_id: int
    chat_id: int
    thread_id: int | None
    text: str
    parse_mode: str | None
    reply_markup: JSON | None
    link_preview_options: JSON | None
    disable_web_page_preview: bool | None
    date: int
    params: JSON = field(repr=False, default_factory=dict)


@dataclass(frozen=True)
class SentDocument:
    """A document the bot sent with sendDocument."""

    message_id: int
    chat_id: int
    thread_id: int | None
    filename: str
    content: bytes
    caption: str | None
    mime_type: str | None


@dataclass(frozen=True)
class SentPhoto:
    """A photo the bot sent with sendPhoto: the uploaded file's bytes as received."""

    message_id: int
    chat_id: int
    thread_id: int | None
    filename: str
    content: bytes
    caption: str | None
    reply_markup: JSON | None


@dataclass(frozen=True)
class ApiError:
    """A scripted answer: an error response, or a slow answer when `delay` is set.

    `status == 200` means "answer normally"; `deliver_first` means the request takes effect before
    the delay (a timeout after the message arrived), otherwise after it.
    """

    status: int = 200
    description: str = ""
    parameters: JSON | None = None
    delay: float = 0.0
    deliver_first: bool = False

    def body(self) -> JSON:
        """The JSON body Telegram answers with."""
        obj: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            obj["parameters"] = self.parameters
        return obj


def retry_after(seconds: int = 1) -> ApiError:
    """HTTP 429 flood control with `parameters.retry_after`."""
    return ApiError(429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds})


def blocked() -> ApiError:
    """HTTP 403: the user blocked the bot."""
    return ApiError(403, "Forbidden: bot was blocked by the user")


def kicked() -> ApiError:
    """HTTP 403: the bot was removed from the group."""
    return ApiError(403, "Forbidden: bot was kicked from the group chat")


def chat_not_found() -> ApiError:
    """HTTP 400: the chat does not exist (or the bot never met it)."""
    return ApiError(400, "Bad Request: chat not found")


def migrated(new_chat_id: int) -> ApiError:
    """HTTP 400: the group became a supergroup with a new id."""
    return ApiError(
        400,
        "Bad Request: group chat was upgraded to a supergroup chat",
        {"migrate_to_chat_id": new_chat_id},
    )


def cant_parse_entities(detail: str = "Can't find end of the entity starting at byte offset 0") -> ApiError:
    """HTTP 400: the formatted text is malformed."""
    return ApiError(400, f"Bad Request: can't parse entities: {detail}")


def server_error() -> ApiError:
    """HTTP 500 from Telegram's side."""
    return ApiError(500, "Internal Server Error")


def timeout(seconds: float) -> ApiError:
    """The request takes effect at once but the answer comes `seconds` late (client sees a timeout)."""
    return ApiError(delay=seconds, deliver_first=True)


def delay(seconds: float) -> ApiError:
    """The request is handled normally after `seconds`."""
    return ApiError(delay=seconds)


# What a channel administrator may do beyond a group administrator; all granted unless a test says not.
CHANNEL_RIGHTS = ("can_post_messages", "can_edit_messages")


def chat_member(person: FakeUser, status: MemberStatus, overrides: JSON | None = None) -> JSON:
    """The Bot API `ChatMember` object for `person` with `status`; `overrides` change an administrator's rights."""
    obj: JSON = {"user": person.to_api(), "status": status}
    if status == "creator":
        obj["is_anonymous"] = False
    elif status == "administrator":
        rights = (
            "can_manage_chat can_delete_messages can_manage_video_chats can_restrict_members "
            "can_change_info can_invite_users can_post_stories can_edit_stories can_delete_stories "
            "can_pin_messages can_manage_topics"
        )
        obj.update(dict.fromkeys(rights.split(), True))
        obj.update(can_be_edited=False, is_anonymous=False, can_promote_members=False)
        obj.update(overrides or {})
    elif status == "restricted":
        obj.update(is_member=True, until_date=0)
        perms = (
            "can_send_messages can_send_audios can_send_documents can_send_photos can_send_videos "
            "can_send_video_notes can_send_voice_notes can_send_polls can_send_other_messages "
            "can_add_web_page_previews can_change_info can_invite_users can_pin_messages can_manage_topics"
        )
        obj.update(dict.fromkeys(perms.split(), False))
    elif status == "kicked":
        obj["until_date"] = 0
    return obj


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[JSON]:
    """The `bot_command` entity Telegram attaches to a message that starts with a command."""
    if not text.startswith("/") or len(text) < 2:
        return []
    command = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
