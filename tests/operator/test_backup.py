"""`rumorbot backup PATH`: a consistent copy of a database another process keeps writing to."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
import sys
import time
from pathlib import Path

from storage import connect, feeds, items
from storage.db import transaction
from storage.migrations import MIGRATIONS
from tests.conftest import ROOT
from tests.helpers import entry


async def run_cli(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout=60)
    return (proc.returncode if proc.returncode is not None else -1), out.decode(), err.decode()


async def write_pairs(path: Path, stop: asyncio.Event) -> int:
    """Insert items two at a time, one transaction per pair, until told to stop; return the pairs written."""
    db = await connect(path)
    pairs = 0
    try:
        async with transaction(db):
            feed = await feeds.add_feed(db, "https://news.example/feed", "News", (), "config", time.time())
        assert feed is not None
        while not stop.is_set():
            async with transaction(db):
                await items.store_entries(db, feed.id, [entry(f"a{pairs}", f"first of pair {pairs}" + " x" * 200),
                                                        entry(f"b{pairs}", f"second of pair {pairs}" + " y" * 200)],
                                          time.time())
            pairs += 1
            await asyncio.sleep(0)
    finally:
        await db.close()
    return pairs


def read_copy(path: Path) -> tuple[str, int, int]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        version = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
        count = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    return check, version, count


async def test_backup_while_another_process_writes_is_consistent(tmp_path: Path) -> None:
    """Each copy taken mid-write passes integrity_check, has the full schema and only whole transactions."""
    db_path = tmp_path / "bot.sqlite3"
    env = {**os.environ, "RUMORBOT_DB": str(db_path)}
    stop = asyncio.Event()
    writer = asyncio.create_task(write_pairs(db_path, stop))
    await asyncio.sleep(0.5)
    counts = []
    for n in range(3):
        target = tmp_path / f"copy-{n}.sqlite3"
        code, out, err = await run_cli("backup", str(target), env=env)
        assert code == 0, err
        assert str(target) in out
        check, version, count = read_copy(target)
        assert (check, version) == ("ok", len(MIGRATIONS))
        assert count % 2 == 0, "a copy holds half of a transaction"
        counts.append(count)
    stop.set()
    pairs = await writer
    assert 0 < counts[0] <= counts[-1] <= 2 * pairs


async def test_backup_refuses_a_postgresql_database(tmp_path: Path) -> None:
    """On PostgreSQL the online backup API does not apply: it says to use pg_dump."""
    env = {**os.environ, "RUMORBOT_DB": "postgresql://rumorbot@localhost/rumorbot"}
    code, _, err = await run_cli("backup", str(tmp_path / "x.sqlite3"), env=env)
    assert code == 2
    assert "pg_dump" in err


async def test_backup_of_a_missing_database_says_so(tmp_path: Path) -> None:
    """No database yet: one line and a non-zero exit, and no empty copy left behind."""
    env = {**os.environ, "RUMORBOT_DB": str(tmp_path / "nothing.sqlite3")}
    code, _, err = await run_cli("backup", str(tmp_path / "copy.sqlite3"), env=env)
    assert code == 2
    assert "no database at" in err
    assert not (tmp_path / "copy.sqlite3").exists()
    assert not (tmp_path / "nothing.sqlite3").exists()
