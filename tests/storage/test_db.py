"""The database: migrations recorded once, WAL, foreign keys, transactions that roll back."""

from __future__ import annotations

from pathlib import Path

import pytest

from storage import connect, transaction
from storage.db import Storage
from storage.migrations import MIGRATIONS


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
