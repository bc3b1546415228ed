"""`rumorbot poll --once`: poll every configured feed once, store what is new, print one JSON line per feed."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
from dataclasses import asdict
from typing import Any

from bot.logs import setup_logging
from bot.poller import IN_FLIGHT_PER_FETCH, FeedReport, poll_feed
from config.settings import Settings, load_settings
from rumorbot.app import open_runtime
from rumorbot.commands.run import instance_lock
from storage import feeds


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    parser = sub.add_parser("poll", help="poll feeds once and print what each gave")
    parser.add_argument("--once", action="store_true", required=True, help="poll every feed once, then exit")
    parser.add_argument("--config", help="TOML configuration (default: $RUMORBOT_CONFIG or the example)")
    parser.set_defaults(handler=main)


async def poll_all(settings: Settings) -> list[FeedReport]:
    rt = await open_runtime(settings)
    try:
        in_flight = asyncio.Semaphore(IN_FLIGHT_PER_FETCH * settings.polling.concurrency)
        return list(await asyncio.gather(*(poll_feed(rt, f, in_flight) for f in await feeds.list_feeds(rt.db))))
    finally:
        await rt.http.aclose()
        await rt.db.close()


def main(args: argparse.Namespace) -> None:
    settings = load_settings(args.config, os.environ)
    setup_logging("WARNING", secrets=(settings.telegram.token,), fmt=settings.logging.format)
    with instance_lock(settings):
        reports = asyncio.run(poll_all(settings))
    for report in reports:
        line = {k: v for k, v in asdict(report).items() if k in ("feed", "status", "http_status", "new_items", "error")}
        print(json.dumps(line, ensure_ascii=False))
