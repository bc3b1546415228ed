"""`rumorbot run`: the bot itself, by long polling or, with `[telegram] webhook_url`, by webhook."""

from __future__ import annotations

import argparse
import os
from typing import Any
from urllib.parse import urlsplit

from telegram import Update

from bot.lock import InstanceLock
from bot.logs import setup_logging
from config.settings import Settings, load_settings, split_listen
from core.errors import ConfigError
from rumorbot.app import App, build_application

SETUP_HELP = (
    "TELEGRAM_BOT_TOKEN is not set. Get a token from @BotFather in Telegram (send /newbot), "
    "then run: export TELEGRAM_BOT_TOKEN='123456:ABC...' and start again."
)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser("run", help="run the bot (long polling, or a webhook when configured)")
    parser.add_argument("--config", help="TOML configuration (default: $RUMORBOT_CONFIG or the example)")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
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


def main(args: argparse.Namespace) -> None:
    settings = load_settings(args.config, os.environ)
    if not settings.telegram.token:
        raise ConfigError(SETUP_HELP)
    setup_logging(args.log_level, secrets=(settings.telegram.token, settings.telegram.secret_token),
                  fmt=settings.logging.format)
    with InstanceLock(settings.db_path):
        serve(build_application(settings), settings)
