"""A configured feed that moved for good (301/308) stays one feed across restarts."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.fakes.feed_server import FakeItem, FeedServer, rss20

CONFIG = """
[polling]
allow_private = true

[[feeds]]
url = "{url}"
name = "Moving News"
"""


async def poll_once(config: Path, db: Path) -> list[dict[str, object]]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "poll", "--once", "--config", str(config),
        env={**os.environ, "RUMORBOT_DB": str(db)}, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=30)
    assert proc.returncode == 0, err.decode()
    return [json.loads(line) for line in out.decode().splitlines()]


async def test_a_configured_feed_that_moved_is_polled_once_after_a_restart(tmp_path: Path) -> None:
    """`poll --once` after a 301 prints one line for the feed, at its new URL, not the old URL again beside it."""
    async with FeedServer() as server:
        server.set("/new.xml", rss20([FakeItem("Xiaomi news", "https://news.example/1", "n-1")]))
        server.redirect("/old.xml", "/new.xml", status=301)
        config = tmp_path / "bot.toml"
        config.write_text(CONFIG.format(url=server.url("/old.xml")), encoding="utf-8")
        db = tmp_path / "bot.sqlite3"

        first = await poll_once(config, db)
        second = await poll_once(config, db)
        third = await poll_once(config, db)

    assert [r["feed"] for r in first] == [server.url("/old.xml")]
    assert [r["feed"] for r in second] == [server.url("/new.xml")]
    assert [r["feed"] for r in third] == [server.url("/new.xml")]
    assert [r["new_items"] for r in (*first, *second, *third)] == [1, 0, 0]
