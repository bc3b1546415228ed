"""Telegram command and button handlers, one module per feature, all registered in `register`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import Any

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, TypeHandler, filters

from bot.i18n import LANGUAGES, t
from handlers import (
    admin_claims,
    admin_feeds,
    claims,
    common,
    fallback,
    mysubs,
    settings,
    start,
    stats,
    status,
    subscriptions,
    suggest,
    timeline,
)

log = logging.getLogger(__name__)
Handler = Callable[[Update, Any], Coroutine[Any, Any, None]]

# (command, handler, description for Telegram's command menu)
COMMANDS: tuple[tuple[str, Handler, str], ...] = (
    ("start", start.start, "What this bot does"),
    ("help", start.help_command, "List the commands"),
    ("claims", claims.list_claims, "Tracked claims"),
    ("topics", claims.list_topics, "Topics of claims"),
    ("subscribe", subscriptions.subscribe, "Get alerts on a claim or topic"),
    ("unsubscribe", subscriptions.unsubscribe, "Stop alerts on a claim or topic"),
    ("mysubs", mysubs.my_subscriptions, "This chat's subscriptions"),
    ("status", status.status, "Where a claim stands and why"),
    ("timeline", timeline.timeline, "A claim's story as a chart"),
    ("settings", settings.settings, "Alert level, delivery, quiet hours, language"),
    ("suggest", suggest.suggest, "Suggest a rumor to track"),
    ("track", admin_claims.track, "Admin: track a claim"),
    ("untrack", admin_claims.untrack, "Admin: stop tracking a claim"),
    ("entities", admin_claims.list_entities, "Admin: parties that answer officially"),
    ("entity", admin_claims.set_entity, "Admin: add or rename an entity"),
    ("official", admin_claims.set_official, "Admin: whose official voice a feed is"),
    ("stats", stats.stats, "Admin: feeds, items, claims, chats, outbox"),
    ("addfeed", admin_feeds.add_feed, "Admin: track a feed URL"),
    ("feeds", admin_feeds.list_feeds, "Admin: feeds and their state"),
    ("rmfeed", admin_feeds.remove_feed, "Admin: stop tracking a feed"),
)
# Commands that wait on the network (a feed's DNS and fetch) or draw a chart: other chats' updates go on meanwhile.
SLOW_COMMANDS = frozenset({"addfeed", "timeline"})
# Commands everyone sees in Telegram's menu; the admins' own menu adds the admin commands.
MENU = ("start", "help", "claims", "topics", "subscribe", "unsubscribe", "mysubs", "status", "timeline", "settings",
        "suggest")

# (callback_data pattern, handler) for inline buttons
BUTTONS: tuple[tuple[str, Handler], ...] = (
    (r"^status:", status.status_button),
    (r"^tl:", timeline.timeline_button),
    (r"^sg:", suggest.suggestion_button),
    (r"^ms:", mysubs.mysubs_button),
    (r"^mute:", subscriptions.mute_button),
    (r"^sub:", subscriptions.subscribe_button),
    (r"^unsub:", subscriptions.unsubscribe_button),
    (r"^claims:", claims.claims_page_button),
    (r"^set:", settings.settings_button),
)

# An OPML file sent to the bot (by extension or MIME type) imports its feeds.
OPML_DOCUMENTS = (
    filters.Document.FileExtension("opml") | filters.Document.FileExtension("xml")
    | filters.Document.MimeType("text/x-opml")
)


def menu(lang: str) -> list[BotCommand]:
    """The command menu in one language, as `setMyCommands` takes it."""
    return [BotCommand(name, t(lang, f"cmd.{name}")) for name in MENU]


def admin_menu(lang: str) -> list[BotCommand]:
    """The menu of a bot admin: everyone's commands, then the admin commands."""
    return menu(lang) + [BotCommand(name, t(lang, f"cmd.{name}")) for name, _, _ in COMMANDS if name not in MENU]


async def set_menus(bot: Bot, admins: Iterable[int]) -> None:
    """Everyone's menu in English and Chinese; each admin's own chat also lists the admin commands.

    An admin who has never opened a chat with the bot cannot be given a menu yet (Telegram answers
    "chat not found"): that is logged, and the next start tries again.
    """
    for lang in LANGUAGES:
        await bot.set_my_commands(menu(lang), language_code=None if lang == "en" else lang)
    for admin in admins:
        for lang in LANGUAGES:
            try:
                await bot.set_my_commands(admin_menu(lang), scope=BotCommandScopeChat(admin),
                                          language_code=None if lang == "en" else lang)
            except TelegramError as err:
                log.warning("no command menu for admin %d yet: %s", admin, err.message)
                break


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(TypeHandler(Update, common.remember_chat), group=-1)
    for name, callback, _ in COMMANDS:
        application.add_handler(CommandHandler(name, callback, block=name not in SLOW_COMMANDS))
    for pattern, on_press in BUTTONS:
        application.add_handler(CallbackQueryHandler(on_press, pattern=pattern))
    application.add_handler(CallbackQueryHandler(fallback.stale_button))
    application.add_handler(MessageHandler(OPML_DOCUMENTS, admin_feeds.import_opml))
    application.add_handler(MessageHandler(filters.COMMAND, fallback.unknown_command))
    application.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, fallback.plain_text))
    application.add_error_handler(fallback.on_error)
