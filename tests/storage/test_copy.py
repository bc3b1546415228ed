"""`rumorbot db copy`: a deployment moves from SQLite to PostgreSQL and back with every row and id."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from bot.engine import Engine, StoryIndex
from bot.ingest import ingest
from rumorbot.cli import main
from storage import StorageError, channels, connect, feeds, outbox, suggestions, transaction
from storage.copy import copy_database
from storage.db import Storage
from tests.conftest import new_pg_database
from tests.helpers import entry
from tests.pg import PostgresServer
from tests.test_ingest import CLAIM, ENTITIES, RUMOR, setup

TABLES = ("feeds", "items", "entities", "claims", "evidence", "chats", "subscriptions", "outbox", "story_marks",
          "suggestions", "suggestion_messages", "channel_admins")


async def filled(path: Path) -> Storage:
    """A SQLite deployment with a feed, items in two stories, evidence, subscribers and queued alerts."""
    db = await connect(path)
    feed = await setup(db)
    engine = Engine([CLAIM], ENTITIES)
    batch = [entry("a", RUMOR), entry("b", "Unrelated: a new phone goes on sale"), entry("c", RUMOR + ".")]
    await ingest(db, engine, StoryIndex(), {}, feed, batch, now=time.time(), alert=True)
    drafted = await suggestions.draft(db, 7, 7, "Li", "zh", "Xiaomi will build cars in Beijing", time.time(), 3)
    assert drafted.suggestion_id is not None
    await suggestions.confirm(db, drafted.suggestion_id, 7, time.time())
    await suggestions.record_admin_message(db, drafted.suggestion_id, 42, 1001)
    await channels.subscribe(db, -1001, "Car news", 7, "topic", "xiaomi-auto", time.time())
    return db


async def snapshot(db: Storage) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted, with blobs as bytes."""
    tables = {}
    for table in TABLES:
        rows = await db.fetchall(f"SELECT * FROM {table}")
        tables[table] = sorted(tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows)
    return tables


async def test_sqlite_to_postgres_and_back_keeps_every_row(tmp_path: Path, pg_server: PostgresServer) -> None:
    """SQLite -> PostgreSQL -> a new SQLite file: the same rows with the same ids, counts reported."""
    source = await filled(tmp_path / "a.sqlite3")
    target = await connect(await new_pg_database(pg_server, migrated=False))
    back = await connect(tmp_path / "b.sqlite3")
    try:
        counts = await copy_database(source, target)
        assert counts["items"] == 3
        assert counts["outbox"] == 2
        assert await copy_database(target, back) == counts
        assert await snapshot(back) == await snapshot(source)
        assert await snapshot(target) == await snapshot(source)
    finally:
        for db in (source, target, back):
            await db.close()


async def test_new_rows_after_a_copy_get_new_ids(tmp_path: Path, pg_server: PostgresServer) -> None:
    """PostgreSQL's id sequences continue after the copied rows."""
    source = await filled(tmp_path / "a.sqlite3")
    target = await connect(await new_pg_database(pg_server))
    try:
        await copy_database(source, target)
        async with transaction(target):
            feed = await feeds.add_feed(target, "https://other.example/rss", "Other", (), "config", time.time())
            await outbox.enqueue(target, [outbox.NewAlert(100, 0, CLAIM.id, 999, "evidence", "x")], time.time())
        assert feed is not None
        assert feed.id == 2
        assert await target.fetchval("SELECT MAX(id) FROM outbox") == 3
    finally:
        await source.close()
        await target.close()


async def test_a_target_with_rows_is_refused(tmp_path: Path) -> None:
    """Copying into a database that is in use would mix two histories: refused, nothing written."""
    source = await filled(tmp_path / "a.sqlite3")
    target = await filled(tmp_path / "b.sqlite3")
    try:
        with pytest.raises(StorageError, match="is not empty"):
            await copy_database(source, target)
    finally:
        await source.close()
        await target.close()


async def test_cli_copy_prints_each_table_count(
    tmp_path: Path, pg_server: PostgresServer, capsys: pytest.CaptureFixture[str]
) -> None:
    """`rumorbot db copy --from PATH --to URL` prints each table's rows and a summary line."""
    source = await filled(tmp_path / "a.sqlite3")
    await source.close()
    url = await new_pg_database(pg_server, migrated=False)
    assert await _run_cli(["db", "copy", "--from", str(tmp_path / "a.sqlite3"), "--to", url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "items: 3 rows" in out
    assert out[-1].startswith("copied ")
    assert await _run_cli(["db", "copy", "--from", str(tmp_path / "a.sqlite3"), "--to", url]) == 2
    assert "is not empty" in capsys.readouterr().err


async def _run_cli(argv: list[str]) -> int:
    """The CLI runs its own event loop: call it from a thread."""
    return await asyncio.to_thread(main, argv)
