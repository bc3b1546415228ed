"""`rumorbot run`: the bot itself, long polling."""

from __future__ import annotations

import argparse
import os
from typing import Any

from telegram import Update

from bot.lock import InstanceLock
from bot.logs import setup_logging
from config.settings import load_settings
from core.errors import ConfigError
from rumorbot.app import build_application

SETUP_HELP = (
    "TELEGRAM_BOT_TOKEN is not set. Get a token from @BotFather in Telegram (send /newbot), "
    "then run: export TELEGRAM_BOT_TOKEN='123456:ABC...' and start again."
)


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser("run", help="run the bot (long polling)")
    parser.add_argument("--config", help="TOML configuration (default: $RUMORBOT_CONFIG or the example)")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> None:
    settings = load_settings(args.config, os.environ)
    if not settings.telegram.token:
        raise ConfigError(SETUP_HELP)
    setup_logging(args.log_level, secrets=(settings.telegram.token,))
    with InstanceLock(settings.db_path):
        build_application(settings).run_polling(allowed_updates=Update.ALL_TYPES)
