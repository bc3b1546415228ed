"""The typed context every callback gets: `context.runtime` instead of looking services up by key.

python-telegram-bot builds one `RumorContext` per update and job (see `CONTEXT_TYPES`); `bot_data` is a
`BotData`, filled by the application's start-up and emptied at shut-down.
"""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.monitor import MonitorServer
from bot.runtime import Runtime
from config.settings import Settings
from storage.db import Hold


class BotData:
    """What the application keeps between updates: the settings, then the runtime and sender once started."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.runtime: Runtime | None = None
        self.sender: asyncio.Task[None] | None = None
        self.monitor: MonitorServer | None = None  # /healthz and /metrics, when [metrics] listen is set
        self.role = "all"  # all | chat: see bot.roles
        self.hold: Hold | None = None  # the chat role's lock, while this process takes the updates

    def started(self) -> Runtime:
        """The runtime; an error before `post_init` has made it."""
        if self.runtime is None:
            raise RuntimeError("rumorbot runtime is not initialised (post_init has not run)")
        return self.runtime


class RumorContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """PTB's context with the process's runtime on it."""

    @property
    def runtime(self) -> Runtime:
        return self.bot_data.started()


CONTEXT_TYPES = ContextTypes(context=RumorContext, bot_data=BotData)
