"""Fakes of the outside world: real servers on loopback ports that tests drive and inspect.

`telegram_api.FakeTelegram` speaks the Telegram Bot API well enough for python-telegram-bot's
`Application` to long-poll it, records what the bot sends, and injects the errors Telegram returns.
"""

from typing import TYPE_CHECKING, Any

from tests.fakes.telegram_model import (
    ApiError,
    Call,
    FakeChat,
    FakeUser,
    SentDocument,
    SentMessage,
    SentPhoto,
    blocked,
    cant_parse_entities,
    channel,
    chat_not_found,
    delay,
    forum_topic,
    group,
    kicked,
    migrated,
    private_chat,
    retry_after,
    server_error,
    supergroup,
    timeout,
    user,
)

if TYPE_CHECKING:
    from tests.fakes.telegram_api import FakeTelegram


def __getattr__(name: str) -> Any:
    """Import the server lazily, so `python -m tests.fakes.telegram_api` runs it only once."""
    if name == "FakeTelegram":
        from tests.fakes.telegram_api import FakeTelegram

        return FakeTelegram
    raise AttributeError(name)


__all__ = [
    "ApiError",
    "Call",
    "FakeChat",
    "FakeTelegram",
    "FakeUser",
    "SentDocument",
    "SentMessage",
    "SentPhoto",
    "blocked",
    "cant_parse_entities",
    "channel",
    "chat_not_found",
    "delay",
    "forum_topic",
    "group",
    "kicked",
    "migrated",
    "private_chat",
    "retry_after",
    "server_error",
    "supergroup",
    "timeout",
    "user",
]
