"""The process's one SQLite connection: WAL, foreign keys, migrations applied on open.

Errors:
    StorageError            the database cannot be opened, migrated or written
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from weakref import WeakKeyDictionary

import aiosqlite

from core.errors import StorageError
from storage.migrations import MIGRATIONS


async def connect(path: str | Path) -> aiosqlite.Connection:
    """Open (creating if needed) and migrate the database at `path`."""
    path = Path(path)
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        db = await aiosqlite.connect(path, isolation_level=None)
    except Exception as err:
        raise StorageError(f"cannot open database {path}: {err}") from err
    try:
        db.row_factory = aiosqlite.Row
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA foreign_keys=ON")
        await db.execute("PRAGMA busy_timeout=5000")
        await db.execute("PRAGMA synchronous=NORMAL")
        await migrate(db)
    except BaseException:
        await db.close()
        raise
    return db


async def migrate(db: aiosqlite.Connection) -> int:
    """Apply the migrations not yet recorded; return how many were applied."""
    await db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)"
    )
    async with db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations") as cur:
        row = await cur.fetchone()
    current = int(row[0]) if row else 0
    if current > len(MIGRATIONS):
        raise StorageError(f"database schema {current} is newer than this rumorbot ({len(MIGRATIONS)})")
    for version, (name, sql) in enumerate(MIGRATIONS[current:], start=current + 1):
        try:
            await db.execute("BEGIN IMMEDIATE")
            for statement in _statements(sql):
                await db.execute(statement)
            await db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, time.time()),
            )
            await db.execute("COMMIT")
        except Exception as err:
            await db.execute("ROLLBACK")
            raise StorageError(f"migration {version} ({name}) failed: {err}") from err
    return len(MIGRATIONS) - current


def _statements(sql: str) -> list[str]:
    """Split a migration script; executescript would commit behind our transaction's back."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


_locks: WeakKeyDictionary[aiosqlite.Connection, asyncio.Lock] = WeakKeyDictionary()


@asynccontextmanager
async def transaction(db: aiosqlite.Connection) -> AsyncIterator[aiosqlite.Connection]:
    """A write transaction; tasks sharing the connection take turns so statements never interleave."""
    lock = _locks.setdefault(db, asyncio.Lock())
    async with lock:
        await db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            await db.execute("ROLLBACK")
            raise
        await db.execute("COMMIT")
