"""The database: migrations recorded once, WAL, foreign keys, transactions that roll back."""

from __future__ import annotations

from pathlib import Path

import aiosqlite
import pytest

from storage import connect, transaction
from storage.migrations import MIGRATIONS


async def test_migrations_are_recorded_and_not_reapplied(tmp_path: Path) -> None:
    """Opening twice applies each migration once."""
    path = tmp_path / "m.sqlite3"
    for _ in range(2):
        conn = await connect(path)
        async with conn.execute("SELECT version FROM schema_migrations ORDER BY version") as cur:
            versions = [r[0] for r in await cur.fetchall()]
        await conn.close()
        assert versions == list(range(1, len(MIGRATIONS) + 1))


async def test_wal_and_foreign_keys_are_on(db: aiosqlite.Connection) -> None:
    """The connection runs in WAL mode with foreign keys enforced."""
    async with db.execute("PRAGMA journal_mode") as cur:
        assert (await cur.fetchone())[0] == "wal"  # type: ignore[index]  # a PRAGMA always answers one row
    async with db.execute("PRAGMA foreign_keys") as cur:
        assert (await cur.fetchone())[0] == 1  # type: ignore[index]  # a PRAGMA always answers one row


async def test_transaction_rolls_back_on_error(db: aiosqlite.Connection) -> None:
    """A failure inside a transaction leaves nothing behind."""
    async def failing_write() -> None:
        async with transaction(db):
            await db.execute("INSERT INTO entities (id, names) VALUES ('x', '[]')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await failing_write()
    async with db.execute("SELECT COUNT(*) FROM entities") as cur:
        assert (await cur.fetchone())[0] == 0  # type: ignore[index]  # COUNT(*) always answers one row
