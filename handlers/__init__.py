"""Telegram command handlers, one module per feature, all registered in `register`."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from handlers import claims, fallback, start, status, subscriptions

Handler = Callable[[Update, Any], Coroutine[Any, Any, None]]

# (command, handler, description for Telegram's command menu)
COMMANDS: tuple[tuple[str, Handler, str], ...] = (
    ("start", start.start, "What this bot does"),
    ("help", start.help_command, "List the commands"),
    ("claims", claims.list_claims, "Tracked claims"),
    ("topics", claims.list_topics, "Topics of claims"),
    ("subscribe", subscriptions.subscribe, "Get alerts on a claim or topic"),
    ("unsubscribe", subscriptions.unsubscribe, "Stop alerts on a claim or topic"),
    ("mysubs", subscriptions.my_subscriptions, "This chat's subscriptions"),
    ("status", status.status, "Where a claim stands and why"),
)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    for name, callback, _ in COMMANDS:
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(MessageHandler(filters.COMMAND, fallback.unknown_command))
    application.add_error_handler(fallback.on_error)
