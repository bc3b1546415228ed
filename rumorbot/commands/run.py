"""`rumorbot run [--role all|chat|poller|sender]`: the bot itself, or one of its roles (see `bot.roles`).

The chat role (and `all`) receives updates by long polling or, with `[telegram] webhook_url`, by webhook.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from contextlib import AbstractContextManager, nullcontext
from typing import Any
from urllib.parse import urlsplit

from telegram import Update

from bot.lock import InstanceLock
from bot.logs import setup_logging
from bot.roles import ROLES, run_poller, run_sender, until_stopped
from config.settings import Settings, load_settings, split_listen
from core.errors import ConfigError
from rumorbot.app import App, build_application, open_runtime

SETUP_HELP = (
    "TELEGRAM_BOT_TOKEN is not set. Get a token from @BotFather in Telegram (send /newbot), "
    "then run: export TELEGRAM_BOT_TOKEN='123456:ABC...' and start again."
)
ROLES_NEED_POSTGRES = (
    "--role {role} runs beside other rumorbot processes, which needs a PostgreSQL database "
    "(RUMORBOT_DB=postgresql://...); on SQLite run the whole bot in one process (--role all, the default)."
)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser("run", help="run the bot (long polling, or a webhook when configured), or one of its roles")
    parser.add_argument("--config", help="TOML configuration (default: $RUMORBOT_CONFIG or the example)")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.add_argument("--role", default="all", choices=ROLES,
                        help="all (default): the whole bot; chat, poller, sender: one part, on PostgreSQL")
    parser.set_defaults(handler=main)


def serve(app: App, settings: Settings) -> None:
    """Receive updates until stopped: Telegram pushes them to the webhook, or the bot long-polls."""
    telegram = settings.telegram
    if not telegram.webhook_url:
        app.run_polling(allowed_updates=Update.ALL_TYPES)
        return
    host, port = split_listen(telegram.listen)
    app.run_webhook(
        listen=host, port=port, url_path=urlsplit(telegram.webhook_url).path.lstrip("/"),
        webhook_url=telegram.webhook_url, secret_token=telegram.secret_token or None,
        allowed_updates=Update.ALL_TYPES,
    )


def instance_lock(settings: Settings) -> AbstractContextManager[object]:
    """On SQLite, the file lock that keeps a second process off the database; PostgreSQL uses its own locks."""
    return nullcontext() if settings.on_postgres else InstanceLock(settings.db_path)


async def _headless(settings: Settings, role: str) -> None:
    rt = await open_runtime(settings, role)
    try:
        await until_stopped(run_poller(rt) if role == "poller" else run_sender(rt))
    finally:
        await rt.http.aclose()
        await rt.db.close()


def main(args: argparse.Namespace) -> None:
    settings = load_settings(args.config, os.environ)
    if args.role != "all" and not settings.on_postgres:
        raise ConfigError(ROLES_NEED_POSTGRES.format(role=args.role))
    if not settings.telegram.token and args.role != "poller":
        raise ConfigError(SETUP_HELP)
    secrets = (settings.telegram.token, settings.telegram.secret_token, urlsplit(settings.database).password or "")
    setup_logging(args.log_level, secrets=secrets, fmt=settings.logging.format)
    with instance_lock(settings):
        if args.role in ("poller", "sender"):
            asyncio.run(_headless(settings, args.role))
        else:
            serve(build_application(settings, args.role), settings)
