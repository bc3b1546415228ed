"""The process's one SQLite connection: WAL, foreign keys, migrations applied on open.

Errors:
    StorageError            the database cannot be opened, migrated or written
"""

from __future__ import annotations

import asyncio
import sqlite3
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
        # Opened once with plain sqlite3 first: when aiosqlite fails to open, its worker thread outlives
        # the event loop and prints a traceback at exit.
        await asyncio.to_thread(_open_and_close, path)
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
    except BaseException as err:
        await db.close()
        if isinstance(err, sqlite3.Error):
            raise StorageError(f"cannot use database {path}: {err}") from err
        raise
    return db


def _open_and_close(path: Path) -> None:
    sqlite3.connect(path).close()


async def probe(db: aiosqlite.Connection, path: str | Path, lock_timeout: float = 2.0) -> None:
    """Raise StorageError unless the database answers a read and could take its write lock now.

    The write check uses a connection of its own (opened read-write, never creating the file), so a
    lock held by another process shows here without tying up the shared connection.
    """
    try:
        async with db.execute("SELECT 1") as cur:
            await cur.fetchone()
        await asyncio.to_thread(_try_write_lock, Path(path), lock_timeout)
    except sqlite3.Error as err:
        raise StorageError(str(err)) from err


def _try_write_lock(path: Path, timeout: float) -> None:
    uri = path.resolve().as_uri() + "?mode=rw"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    finally:
        conn.close()


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
        raise StorageError(f"database schema {current} is newer than this rumorbot ({len(MIGRATIONS)}); "
                           "run the rumorbot that wrote it, or restore a backup")
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
