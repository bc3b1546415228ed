"""The database: migrations recorded once, WAL, foreign keys, transactions that roll back."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import pytest

from storage import connect, transaction
from storage.db import Storage
from storage.migrations import MIGRATIONS

T = TypeVar("T")


async def test_migrations_are_recorded_and_not_reapplied(tmp_path: Path) -> None:
    """Opening twice applies each migration once."""
    path = tmp_path / "m.sqlite3"
    for _ in range(2):
        conn = await connect(path)
        versions = [r[0] for r in await conn.fetchall("SELECT version FROM schema_migrations ORDER BY version")]
        await conn.close()
        assert versions == list(range(1, len(MIGRATIONS) + 1))


async def test_wal_and_foreign_keys_are_on(tmp_path: Path) -> None:
    """The SQLite connection runs in WAL mode with foreign keys enforced."""
    db = await connect(tmp_path / "wal.sqlite3")
    assert (await db.fetchone("PRAGMA journal_mode"))[0] == "wal"  # type: ignore[index]
    assert (await db.fetchone("PRAGMA foreign_keys"))[0] == 1  # type: ignore[index]
    await db.close()


async def test_transaction_rolls_back_on_error(db: Storage) -> None:
    """A failure inside a transaction leaves nothing behind."""
    async def failing_write() -> None:
        async with transaction(db):
            await db.execute("INSERT INTO entities (id, names) VALUES ('x', '[]')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await failing_write()
    assert (await db.fetchone("SELECT COUNT(*) FROM entities"))[0] == 0  # type: ignore[index]


async def _hold_write_lock(path: Path, ready: threading.Event, release: threading.Event) -> None:
    def hold() -> None:
        other = sqlite3.connect(path, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            ready.set()
            release.wait(10)
            other.execute("ROLLBACK")
        finally:
            other.close()
    await asyncio.to_thread(hold)


async def test_a_transaction_cancelled_while_it_waits_to_begin_leaves_none_open(tmp_path: Path) -> None:
    """BEGIN waiting on another process's write lock still runs after its task is cancelled; the
    transaction it opens must be undone, or every later write fails on the shared connection."""
    path = tmp_path / "busy.sqlite3"
    db = await connect(path)
    try:
        ready, release = threading.Event(), threading.Event()
        holder = asyncio.create_task(_hold_write_lock(path, ready, release))
        await asyncio.to_thread(ready.wait, 10)

        async def write() -> None:
            async with transaction(db):
                await db.execute("INSERT INTO entities (id, names) VALUES ('never', '[]')")

        waiting = asyncio.create_task(write())
        await asyncio.sleep(0.2)  # BEGIN IMMEDIATE is now waiting on the other writer
        waiting.cancel()
        await asyncio.sleep(0.05)
        release.set()  # so that BEGIN, still queued on the connection's thread, goes through
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await holder

        async with transaction(db):
            await db.execute("INSERT INTO entities (id, names) VALUES ('later', '[]')")
        rows = await db.fetchall("SELECT id FROM entities")
        assert [r[0] for r in rows] == ["later"]
    finally:
        await db.close()
    other = sqlite3.connect(path)
    assert [r[0] for r in other.execute("SELECT id FROM entities")] == ["later"]
    other.close()


async def test_a_failed_commit_is_rolled_back_and_the_connection_stays_usable(tmp_path: Path) -> None:
    """A COMMIT refused (here by a deferred foreign key) leaves SQLite's transaction open: it is rolled
    back, the error reaches the caller, and the next transaction begins."""
    db = await connect(tmp_path / "commit.sqlite3")
    try:
        await db.execute("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
        await db.execute("CREATE TABLE child (parent INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)")
        with pytest.raises(sqlite3.IntegrityError):
            async with transaction(db):
                await db.execute("INSERT INTO child (parent) VALUES (7)")
        async with transaction(db):
            await db.execute("INSERT INTO parent (id) VALUES (1)")
        assert [tuple(r) for r in await db.fetchall("SELECT * FROM child")] == []
        assert [tuple(r) for r in await db.fetchall("SELECT * FROM parent")] == [(1,)]
    finally:
        await db.close()


async def _in_transaction_until(db: Storage, inserted: asyncio.Event, go_on: asyncio.Event, *, fail: bool) -> None:
    async with transaction(db):
        await db.execute("INSERT INTO entities (id, names) VALUES ('inside', '[]')")
        inserted.set()
        await go_on.wait()
        if fail:
            raise RuntimeError("rolled back")


async def _beside_a_transaction(
    db: Storage, statement: Callable[[], Awaitable[T]], *, fail: bool, settle: float = 0.05
) -> T:
    """Run `statement` from another task while a transaction that has written is open, then end that
    transaction (rolled back when `fail`); the statement's result."""
    inserted, go_on = asyncio.Event(), asyncio.Event()
    open_tx = asyncio.create_task(_in_transaction_until(db, inserted, go_on, fail=fail))
    await inserted.wait()
    beside = asyncio.ensure_future(statement())
    await asyncio.sleep(settle)
    go_on.set()
    if fail:
        with pytest.raises(RuntimeError):
            await open_tx
    else:
        await open_tx
    return await beside


async def test_a_write_outside_a_transaction_survives_another_tasks_rollback(db: Storage) -> None:
    """On one shared connection, a lone write must not join (and die with) the transaction another task
    has open at that moment."""
    lone = "INSERT INTO entities (id, names) VALUES ('lone', '[]')"
    await _beside_a_transaction(db, lambda: db.execute(lone), fail=True)
    assert [r[0] for r in await db.fetchall("SELECT id FROM entities ORDER BY id")] == ["lone"]


async def test_a_read_outside_a_transaction_never_sees_another_tasks_uncommitted_rows(db: Storage) -> None:
    assert await _beside_a_transaction(db, lambda: db.fetchval("SELECT COUNT(*) FROM entities"), fail=True) == 0


async def test_a_write_with_returning_beside_a_transaction_lets_it_commit(db: Storage) -> None:
    """`UPDATE ... RETURNING` outside a transaction (as feed leases are taken) while another task commits:
    both land, and neither sees the other's statement half done."""
    await db.executemany("INSERT INTO entities (id, names) VALUES (?, '[]')", [(f"e{i}",) for i in range(200)])
    update = "UPDATE entities SET names = '[\"x\"]' WHERE id LIKE 'e%' RETURNING id"
    updated = await _beside_a_transaction(db, lambda: asyncio.gather(*(db.fetchall(update) for _ in range(5))),
                                          fail=False, settle=0)
    assert all(len(rows) == 200 for rows in updated)
    assert await db.fetchval("SELECT COUNT(*) FROM entities WHERE id = 'inside'") == 1
