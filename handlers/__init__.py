"""Telegram command handlers, one module per feature, all registered in `register`."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.ext import Application, CommandHandler, MessageHandler, filters

from handlers import admin_feeds, claims, fallback, start, status, subscriptions

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
    ("addfeed", admin_feeds.add_feed, "Admins: track a feed URL"),
    ("feeds", admin_feeds.list_feeds, "Admins: feeds and their state"),
    ("rmfeed", admin_feeds.remove_feed, "Admins: stop tracking a feed"),
)

# An OPML file sent to the bot (by extension or MIME type) imports its feeds.
OPML_DOCUMENTS = (
    filters.Document.FileExtension("opml") | filters.Document.FileExtension("xml")
    | filters.Document.MimeType("text/x-opml")
)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    for name, callback, _ in COMMANDS:
        application.add_handler(CommandHandler(name, callback))
    application.add_handler(MessageHandler(OPML_DOCUMENTS, admin_feeds.import_opml))
    application.add_handler(MessageHandler(filters.COMMAND, fallback.unknown_command))
    application.add_error_handler(fallback.on_error)
