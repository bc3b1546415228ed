"""`rumorbot feeds import FILE.opml` and `rumorbot feeds export`: the feed list in and out as OPML.

Neither takes the instance lock: both are one short transaction on the shared SQLite file (WAL,
`BEGIN IMMEDIATE`, a busy timeout), so they work beside a running bot, which polls imported feeds
at its next tick. The lock exists to stop two pollers and two senders, which these are not.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

from bot.feedlist import ImportReport, export_feeds, import_feeds
from bot.feeds.opml import MAX_OPML_BYTES, parse_opml
from config.settings import Settings, load_settings
from core.errors import OpmlError
from storage import connect, feeds, transaction
from storage.db import Storage


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser("feeds", help="import or export the feed list as OPML")
    actions = parser.add_subparsers(dest="feeds_action", required=True)
    importing = actions.add_parser("import", help="add the feeds of an OPML file; print a summary line")
    importing.add_argument("file", type=Path, help="the OPML file")
    exporting = actions.add_parser("export", help="print every tracked feed as OPML 2.0")
    for action in (importing, exporting):
        action.add_argument("--config", help="TOML configuration (default: $RUMORBOT_CONFIG or the example)")
    parser.set_defaults(handler=main)


async def open_database(settings: Settings) -> Storage:
    """The bot's database with the configured feeds in it, as a running bot would have it."""
    db = await connect(settings.database)
    try:
        async with transaction(db):
            await feeds.sync_config_feeds(db, settings.feeds, time.time())
    except BaseException:
        await db.close()
        raise
    return db


async def run_import(settings: Settings, data: bytes) -> ImportReport:
    listed = parse_opml(data)
    db = await open_database(settings)
    try:
        return await import_feeds(db, listed, allow_private=settings.polling.allow_private,
                                  proxied=bool(settings.polling.proxy))
    finally:
        await db.close()


async def run_export(settings: Settings) -> bytes:
    db = await open_database(settings)
    try:
        return await export_feeds(db)
    finally:
        await db.close()


def read_opml(path: Path) -> bytes:
    """The file's bytes; OpmlError for a file that cannot be read or is too large to be an OPML list."""
    try:
        if path.stat().st_size > MAX_OPML_BYTES:
            raise OpmlError("OPML refused: file over 5 MiB")
        return path.read_bytes()
    except OSError as err:
        raise OpmlError(f"cannot read {path}: {err.strerror or err}") from err


def main(args: argparse.Namespace) -> None:
    settings = load_settings(args.config, os.environ)
    if args.feeds_action == "export":
        sys.stdout.buffer.write(asyncio.run(run_export(settings)))
        sys.stdout.flush()
        return
    report = asyncio.run(run_import(settings, read_opml(args.file)))
    print(f"{args.file}: {report.summary()}")
    for url, reason in report.refused:
        print(f"rumorbot: refused {url}: {reason}", file=sys.stderr)
