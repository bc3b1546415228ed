"""A fake Telegram Bot API server for tests: real HTTP on a loopback port, state in memory.

    FakeTelegram (test-side API: users act, errors are scripted, what the bot did is recorded)
      └─ TelegramState   (chats, members, messages, files, updates; Bot API methods in telegram_methods)
      └─ aiohttp app     /bot<TOKEN>/<method>   and   /file/bot<TOKEN>/<path>
      └─ webhook pusher  after setWebhook, POSTs each update to its URL (with the secret token header)

python-telegram-bot connects with
`ApplicationBuilder().token(fake.token).base_url(fake.base_url).base_file_url(fake.base_file_url)`.
Run it alone with `python -m tests.fakes.telegram_api --port N --token T`; it prints the bound port.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from tests.fakes.telegram_limits import Algorithm, FloodLimits
from tests.fakes.telegram_methods import Failure, TelegramState
from tests.fakes.telegram_model import (
    JSON,
    ApiError,
    Call,
    ChatType,
    FakeChat,
    FakeUser,
    MemberStatus,
    SentDocument,
    SentMessage,
    SentPhoto,
    forum_topic,
    retry_after,
)
from tests.fakes.telegram_webhook import WebhookPusher

DEFAULT_TOKEN = "123456789:AAFakeTokenForTheRumorbotTestSuite00"
SEND_METHODS = frozenset({"sendMessage", "sendDocument", "sendPhoto"})
# Parameters whose values are text even when they look like numbers or JSON.
TEXT_PARAMS = frozenset(
    "text caption callback_query_id inline_message_id file_id language_code parse_mode url "
    "description short_description name title".split()
)
_INT = re.compile(r"-?\d+")


class _Script:
    """One scripted error waiting for a matching request."""

    __slots__ = ("chat_id", "error", "remaining")

    def __init__(self, error: ApiError, chat_id: int | None, times: int | None) -> None:
        self.error, self.chat_id, self.remaining = error, chat_id, times


class FakeTelegram:
    """The fake Bot API server and everything a test does with it."""

    def __init__(
        self, token: str = DEFAULT_TOKEN, *, port: int = 0, bot_username: str = "rumor_test_bot",
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`clock` stamps calls, message dates and the flood limits: a test's own clock, or the real one."""
        self.token = token
        self.clock = clock
        self.state = TelegramState(token, bot_username, clock)
        self._requested_port = port
        self._port: int | None = None
        self._runner: web.AppRunner | None = None
        self._scripts: dict[str, list[_Script]] = {}
        self._limits: FloodLimits | None = None
        self.count_429 = 0
        self._pusher = WebhookPusher(self.state)

    # -- lifecycle -------------------------------------------------------------------------------

    async def start(self) -> FakeTelegram:
        """Bind 127.0.0.1 (port chosen by the OS unless given) and start serving."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._handle_file)
        _add_control_routes(app, self)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self._requested_port)
        await site.start()
        self._port = int(self._runner.addresses[0][1])
        self._pusher.start()
        return self

    async def stop(self) -> None:
        """Answer pending long polls and close the server."""
        self.state.closing = True
        self.state.notify_updates()
        await self._pusher.stop()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        return await self.start()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """The bound port (after start())."""
        if self._port is None:
            raise RuntimeError("FakeTelegram is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """PTB's `base_url`: `http://127.0.0.1:PORT/bot` (PTB appends the token)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's `base_file_url`: `http://127.0.0.1:PORT/file/bot`."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot_user(self) -> FakeUser:
        """The bot itself, as getMe describes it."""
        return self.state.bot

    # -- webhook delivery ------------------------------------------------------------------------

    @property
    def webhook(self) -> JSON | None:
        """What setWebhook registered (`url`, `secret_token`), or None in long-polling mode."""
        return self.state.webhook

    @property
    def webhook_answers(self) -> list[int]:
        """The HTTP status of each push to the webhook, in order."""
        return self._pusher.answers

    # -- what the bot did ------------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every request, in the order answered."""
        return self.state.calls

    def calls_to(self, method: str) -> list[Call]:
        """Requests to one Bot API method (case-insensitive)."""
        wanted = method.lower()
        return [call for call in self.state.calls if call.method.lower() == wanted]

    def sent_messages(self, chat_id: int | None = None) -> list[SentMessage]:
        """Text messages the bot sent, oldest first, to one chat or to all."""
        if chat_id is None:
            return list(self.state.sent)
        return list(self.state.sent_by_chat.get(chat_id, ()))

    def _sent_count(self, chat_id: int | None) -> int:
        return len(self.state.sent if chat_id is None else self.state.sent_by_chat.get(chat_id, ()))

    def sent_documents(self, chat_id: int | None = None) -> list[SentDocument]:
        """Documents the bot sent."""
        return [doc for doc in self.state.documents if chat_id is None or doc.chat_id == chat_id]

    def sent_photos(self, chat_id: int | None = None) -> list[SentPhoto]:
        """Photos the bot sent, with the bytes it uploaded."""
        return [photo for photo in self.state.photos if chat_id is None or photo.chat_id == chat_id]

    def edited_messages(self, chat_id: int | None = None) -> list[SentMessage]:
        """Every successful editMessageText, as the message looked after the edit."""
        return [msg for msg in self.state.edits if chat_id is None or msg.chat_id == chat_id]

    @property
    def deleted_messages(self) -> list[tuple[int, int]]:
        """(chat_id, message_id) of every message the bot deleted."""
        return list(self.state.deleted)

    def message(self, chat_id: int, message_id: int) -> JSON | None:
        """The current Bot API Message object of a message (None if unknown or deleted)."""
        return self.state.messages.get((chat_id, message_id))

    def my_commands(self, scope: JSON | None = None, language_code: str = "") -> list[JSON] | None:
        """Commands set with setMyCommands for a scope (default scope) and language; None if never set."""
        return self.state.commands.get(self.state.commands_key(scope, language_code))

    @property
    def pending_updates(self) -> int:
        """Updates queued and not yet confirmed by the bot."""
        return len(self.state.updates)

    async def wait_for_messages(
        self, n: int, chat_id: int | None = None, timeout: float = 10  # noqa: ASYNC109 (a deadline, not I/O)
    ) -> list[SentMessage]:
        """Wait until at least `n` messages were sent (to `chat_id`); return all of them."""
        if await self.state.wait_until(lambda: self._sent_count(chat_id) >= n, timeout):
            return self.sent_messages(chat_id)
        where = "" if chat_id is None else f" to chat {chat_id}"
        sent = "\n".join(f"  chat={m.chat_id} thread={m.thread_id} text={m.text!r}" for m in self.state.sent)
        raise AssertionError(
            f"expected {n} message(s){where} within {timeout}s, got {len(self.sent_messages(chat_id))}; "
            f"all sent messages:\n{sent or '  (none)'}\nlast calls: {[c.method for c in self.calls[-10:]]}"
        )

    async def wait_for_calls(
        self, method: str, n: int = 1, timeout: float = 10  # noqa: ASYNC109 (a deadline, not I/O)
    ) -> list[Call]:
        """Wait until the bot made at least `n` requests to `method`; return them."""
        if await self.state.wait_until(lambda: len(self.calls_to(method)) >= n, timeout):
            return self.calls_to(method)
        raise AssertionError(
            f"expected {n} call(s) to {method} within {timeout}s, got {len(self.calls_to(method))}; "
            f"calls: {[c.method for c in self.calls[-20:]]}"
        )

    # -- users act -------------------------------------------------------------------------------

    def send_text(self, chat: FakeChat, sender: FakeUser, text: str, *, reply_to: int | None = None) -> JSON:
        """Queue a message from `sender` in `chat` (commands get a bot_command entity); return the Update."""
        return self.state.user_text(chat, sender, text, reply_to)

    def press_button(self, chat: FakeChat, sender: FakeUser, message_id: int, data: str) -> JSON:
        """Queue a callback_query: `sender` pressed the inline button with `data` under `message_id`."""
        return self.state.user_button(chat, sender, message_id, data)

    def send_document(
        self,
        chat: FakeChat,
        sender: FakeUser,
        filename: str,
        content: bytes,
        caption: str | None = None,
        mime_type: str | None = None,
    ) -> JSON:
        """Queue a message with a document; the bot can getFile and download `content`."""
        return self.state.user_document(chat, sender, filename, content, caption, mime_type)

    def add_member(
        self, chat: FakeChat, person: FakeUser, status: MemberStatus = "member", **rights: bool
    ) -> None:
        """Make `person` a member of `chat` with `status` (administrator, creator, member, ...).

        `rights` change an administrator's rights (`can_post_messages=False`); all are granted otherwise.
        """
        self.state.add_member(chat, person, status, rights)

    def set_bot_member(self, chat: FakeChat, status: MemberStatus = "administrator", **rights: bool) -> None:
        """Put the bot into a channel with `status` and `rights`; until then it is not a member there."""
        self.state.set_bot_member(chat, status, rights)

    def post_in_channel(self, chat: FakeChat, text: str) -> JSON:
        """Queue a `channel_post` update: the channel itself posts `text`."""
        return self.state.channel_post(chat, text)

    def add_chat(self, chat: FakeChat) -> None:
        """Make a chat known (getChat) without anyone writing in it."""
        self.state.remember_chat(chat)

    def migrate_chat(self, old_chat_id: int, new_chat: FakeChat) -> None:
        """From now on, requests to `old_chat_id` fail with migrate_to_chat_id=new_chat.id."""
        self.state.migrate(old_chat_id, new_chat)

    # -- errors ----------------------------------------------------------------------------------

    def fail_next(
        self, method: str, error: ApiError, *, chat_id: int | None = None, times: int | None = 1
    ) -> None:
        """Answer the next `times` requests to `method` (for `chat_id` only, if given) with `error`.

        `times=None` keeps failing until `clear_failures()`.
        """
        self._scripts.setdefault(method.lower(), []).append(_Script(error, chat_id, times))

    def clear_failures(self) -> None:
        """Forget every scripted error that has not fired yet."""
        self._scripts.clear()

    def enforce_limits(
        self,
        global_per_s: int = 30,
        per_chat_interval: float = 1.0,
        group_per_min: int = 20,
        *,
        algorithm: Algorithm = "window",
    ) -> None:
        """Answer sendMessage/sendDocument with 429 (and a retry_after) when the bot exceeds these limits."""
        self._limits = FloodLimits(global_per_s, per_chat_interval, group_per_min, algorithm)

    def _scripted(self, method: str, chat_id: int | None) -> ApiError | None:
        scripts = self._scripts.get(method.lower())
        if not scripts:
            return None
        for script in scripts:
            if script.chat_id is None or script.chat_id == chat_id:
                if script.remaining is not None:
                    script.remaining -= 1
                    if script.remaining <= 0:
                        scripts.remove(script)
                return script.error
        return None

    # -- HTTP ------------------------------------------------------------------------------------

    async def _handle_api(self, request: web.Request) -> web.Response:
        arrived = self.clock()
        params, files = await _read_params(request)
        method = self.state.canonical_method(request.match_info["method"])
        if request.match_info["token"] != self.token:
            return self._answer(Call(method, params, arrived, 401), _error_body(401, "Unauthorized"))
        handler = self.state.handler(method)
        if handler is None:
            return self._answer(Call(method, params, arrived, 404), _error_body(404, "Not Found"))
        chat_id = _int_or_none(params.get("chat_id"))
        script = self._scripted(method, chat_id)
        if script is not None and not script.deliver_first:
            await asyncio.sleep(script.delay)
        if script is not None and script.status != 200:
            return self._answer(Call(method, params, arrived, script.status), script.body())
        if self._limits is not None and method in SEND_METHODS and chat_id is not None:
            wait = self._limits.check(self.state.resolve_migration(chat_id), self.clock())
            if wait is not None:
                error = retry_after(wait)
                return self._answer(Call(method, params, arrived, 429), error.body())
        body = await self._call(handler, params, files)
        if script is not None and script.deliver_first:
            await asyncio.sleep(script.delay)
        return self._answer(Call(method, params, arrived, body.get("error_code", 200)), body)

    async def _call(
        self, handler: Callable[[JSON, dict[str, web.FileField]], Awaitable[Any]], params: JSON,
        files: dict[str, web.FileField],
    ) -> JSON:
        try:
            return {"ok": True, "result": await handler(params, files)}
        except Failure as failure:
            return failure.error.body()

    def _answer(self, call: Call, body: JSON) -> web.Response:
        if call.status == 429:
            self.count_429 += 1
        self.state.record(call)
        return web.json_response(body, status=call.status)

    async def _handle_file(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return web.json_response(_error_body(401, "Unauthorized"), status=401)
        content = self.state.file_contents.get(request.match_info["path"])
        if content is None:
            return web.json_response(_error_body(404, "Not Found"), status=404)
        return web.Response(body=content, content_type="application/octet-stream")


def _error_body(code: int, description: str) -> JSON:
    return {"ok": False, "error_code": code, "description": description}


def _int_or_none(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _INT.fullmatch(value):
        return int(value)
    return None


def decode_param(key: str, value: str) -> Any:
    """A form value as Telegram reads it: JSON objects and arrays, numbers and booleans decoded."""
    if key in TEXT_PARAMS:
        return value
    if value[:1] in ("{", "["):
        with contextlib.suppress(ValueError):
            return json.loads(value)
    if value in ("true", "false"):
        return value == "true"
    if _INT.fullmatch(value):
        return int(value)
    return value


async def _read_params(request: web.Request) -> tuple[JSON, dict[str, web.FileField]]:
    """Query string, JSON body, urlencoded or multipart form: all become one decoded dict."""
    params: JSON = {key: decode_param(key, value) for key, value in request.query.items()}
    files: dict[str, web.FileField] = {}
    if not request.body_exists:
        return params, files
    if request.content_type == "application/json":
        body = await request.json()
        if isinstance(body, dict):
            params.update(body)
        return params, files
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            files[key] = value
            params[key] = {"filename": value.filename, "content_type": value.content_type}
        elif isinstance(value, str):
            params[key] = decode_param(key, value)
    return params, files


def _add_control_routes(app: web.Application, fake: FakeTelegram) -> None:
    """`/_fake/...`: drive the fake over HTTP when it runs as its own process (demos)."""

    def chat_of(body: JSON, sender: FakeUser) -> FakeChat:
        chat_id = int(body.get("chat_id", sender.id))
        if chat_id == sender.id:
            return FakeChat(id=chat_id, type="private", first_name=sender.first_name)
        known = fake.state.chats.get(chat_id)
        kind: ChatType = "supergroup" if str(chat_id).startswith("-100") else "group"
        chat = known or FakeChat(id=chat_id, type=kind, title=str(body.get("title", "Demo group")))
        if body.get("thread_id") is not None:
            return forum_topic(chat, int(body["thread_id"]))
        return chat

    def sender_of(body: JSON) -> FakeUser:
        return FakeUser(int(body.get("user_id", 1001)), str(body.get("first_name", "Demo")),
                        language_code=body.get("language_code", "en"))

    async def send_text(request: web.Request) -> web.Response:
        body = await request.json()
        sender = sender_of(body)
        return web.json_response(fake.send_text(chat_of(body, sender), sender, str(body["text"])))

    async def add_member(request: web.Request) -> web.Response:
        body = await request.json()
        sender = sender_of(body)
        fake.add_member(chat_of(body, sender), sender, body.get("status", "administrator"))
        return web.json_response({"ok": True})

    async def sent_messages(request: web.Request) -> web.Response:
        chat_id = _int_or_none(request.query.get("chat_id"))
        return web.json_response([
            {"chat_id": m.chat_id, "thread_id": m.thread_id, "message_id": m.message_id, "text": m.text,
             "parse_mode": m.parse_mode, "reply_markup": m.reply_markup}
            for m in fake.sent_messages(chat_id)
        ])

    app.router.add_post("/_fake/send_text", send_text)
    app.router.add_post("/_fake/add_member", add_member)
    app.router.add_get("/_fake/sent_messages", sent_messages)


async def _serve(port: int, token: str) -> None:
    async with FakeTelegram(token, port=port) as fake:
        print(fake.port, flush=True)
        print(f"fake Telegram Bot API on {fake.base_url} token={token}", flush=True)
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    """Run the fake server until interrupted."""
    parser = argparse.ArgumentParser(description="Fake Telegram Bot API server for rumorbot tests and demos.")
    parser.add_argument("--port", type=int, default=0, help="port to bind on 127.0.0.1 (0: any free port)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the only bot token accepted")
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.port, args.token))


if __name__ == "__main__":
    main()
