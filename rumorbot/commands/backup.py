"""`rumorbot backup PATH`: a consistent copy of the SQLite database, safe while the bot runs."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from config.settings import load_settings
from core.errors import InputError
from storage.backup import backup_sqlite


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser("backup", help="copy the SQLite database, safely while the bot runs")
    parser.add_argument("path", type=Path, help="where to write the copy (replaced if it exists)")
    parser.add_argument("--config", help="TOML configuration (default: $RUMORBOT_CONFIG or the example)")
    parser.set_defaults(handler=main)


def main(args: argparse.Namespace) -> None:
    settings = load_settings(args.config, os.environ)
    if settings.on_postgres:
        raise InputError("backup copies SQLite databases; for PostgreSQL use pg_dump")
    size = backup_sqlite(settings.db_path, args.path)
    print(f"{args.path}: {size} bytes, a consistent copy of {settings.db_path}")
