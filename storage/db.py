"""The storage object: one per process, owning its SQLite connection or PostgreSQL pool and its transactions.

The query modules take it first (`await chats.subscribe(db, ...)`) and speak through a handful of
methods: `execute`, `executemany`, `fetchone`, `fetchall`, `fetchval`, and `transaction()`. Inside
`async with db.transaction():` every call on `db` from the same task runs in that transaction (and
from a task started inside it, which therefore must not outlive it: start none there). On SQLite, whose
process shares one connection, other tasks' calls wait until the transaction ends.

`async with db.aside():` is a short transaction of its own, committed at once even inside another one
(PostgreSQL; on SQLite, whose one process writes alone, it joins the current transaction): what
other processes must see before the surrounding transaction ends.

Coordination between processes (PostgreSQL only; one SQLite process needs none):
    lock(*names)      exclusive locks until the transaction ends (advisory, transaction-scoped)
    try_hold(name)    a lock held until released or until the process dies (advisory, session-scoped)
    notify / listen   a change told to every process at commit (LISTEN/NOTIFY)

Errors:
    StorageError            the database cannot be opened, migrated or written
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any, Protocol, TypeVar

from core.errors import StorageError
from storage.dialect import Dialect, ddl, is_postgres_url
from storage.migrations import MIGRATIONS, Migration

__all__ = ["Hold", "Row", "Storage", "StorageError", "batches", "connect", "insert_rows", "migrate", "probe",
           "transaction"]


class Row(Protocol):
    """A result row: by column name or position (sqlite3.Row and asyncpg.Record both are)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Any: ...

    def __len__(self) -> int: ...


class Hold(Protocol):
    """A session lock held by this process; released by `release()` or by the process's death."""

    async def release(self) -> None: ...

    async def alive(self) -> bool: ...


class Storage(Protocol):
    dialect: Dialect
    target: str  # the path or URL it was opened with (without a password)

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> None: ...

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None: ...

    async def fetchone(self, sql: str, args: Sequence[Any] = ()) -> Row | None: ...

    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[Row]: ...

    async def fetchval(self, sql: str, args: Sequence[Any] = ()) -> Any: ...

    def transaction(self) -> AbstractAsyncContextManager[Storage]: ...

    def aside(self) -> AbstractAsyncContextManager[Storage]: ...

    async def lock(self, *names: str) -> None: ...

    async def try_hold(self, name: str) -> Hold | None: ...

    async def notify(self, channel: str) -> None: ...

    async def listen(self, channel: str, callback: Callable[[], None]) -> None: ...

    async def columns(self, table: str) -> list[str]: ...

    async def tables(self) -> list[str]: ...

    async def probe(self, lock_timeout: float) -> None: ...

    async def close(self) -> None: ...


async def connect(target: str | Path) -> Storage:
    """Open (creating if needed) and migrate the database: a SQLite path or a postgresql:// URL."""
    text = str(target)
    if is_postgres_url(text):
        from storage.postgres import open_postgres

        db: Storage = await open_postgres(text)
    else:
        from storage.sqlite import open_sqlite

        db = await open_sqlite(Path(text))
    try:
        await migrate(db)
    except BaseException as err:
        await db.close()
        if isinstance(err, sqlite3.Error):
            raise StorageError(f"cannot use database {db.target}: {err}") from err
        raise
    return db


async def probe(db: Storage, lock_timeout: float = 2.0) -> None:
    """Raise StorageError unless the database answers a read and could take its write lock now."""
    await db.probe(lock_timeout)


T = TypeVar("T")
# Values per IN (...) list, rows per multi-row INSERT: with rows of up to 60 values, under SQLite's
# limit of 32,766 bound parameters (PostgreSQL's is 65,535), and statements stay small.
BATCH = 500


def batches(values: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    """`values` a few hundred at a time, for one statement each."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


async def insert_rows(db: Storage, sql: str, rows: Sequence[Sequence[Any]]) -> list[Row]:
    """Run an `INSERT ... VALUES {values} ... RETURNING ...` over many rows, a few hundred rows per
    statement (one round trip each, not one per row); the rows it returned."""
    returned: list[Row] = []
    for chunk in batches(rows):
        values = ", ".join(["(" + ", ".join("?" * len(chunk[0])) + ")"] * len(chunk))
        returned.extend(await db.fetchall(sql.format(values=values), [v for row in chunk for v in row]))
    return returned


def transaction(db: Storage) -> AbstractAsyncContextManager[Storage]:
    """`db.transaction()`, for callers written as `async with transaction(db):`."""
    return db.transaction()


async def migrate(db: Storage) -> int:
    """Apply the migrations not yet recorded; return how many were applied.

    Each migration runs in its own transaction under the `migrate` lock, so processes that start
    together on one PostgreSQL apply each migration once.
    """
    applied = 0
    while True:
        async with db.transaction():
            await db.lock("migrate")
            await db.execute(ddl(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at REAL NOT NULL)", db.dialect))
            current = int(await db.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"))
            if current > len(MIGRATIONS):
                raise StorageError(f"database schema {current} is newer than this rumorbot ({len(MIGRATIONS)}); "
                                   "run the rumorbot that wrote it, or restore a backup")
            if current == len(MIGRATIONS):
                return applied
            await _apply(db, current + 1, MIGRATIONS[current])
            applied += 1


async def _apply(db: Storage, version: int, migration: Migration) -> None:
    name, scripts = migration
    sql = scripts if isinstance(scripts, str) else scripts[db.dialect]
    try:
        for statement in statements(sql):
            await db.execute(ddl(statement, db.dialect))
        await db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", (version, name, time.time())
        )
    except Exception as err:
        raise StorageError(f"migration {version} ({name}) failed: {err}") from err


def statements(sql: str) -> list[str]:
    """Split a migration script; executescript would commit behind our transaction's back."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
