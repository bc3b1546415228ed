"""SQLite: the process's one aiosqlite connection, WAL, foreign keys; one transaction, or one statement
outside any, at a time.

One process owns the file (`bot.lock.InstanceLock`), so the cross-process calls are trivial here:
`lock` has nothing to wait for (`BEGIN IMMEDIATE` already excludes every other writer), `try_hold`
always succeeds, and nobody else listens to `notify`.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import aiosqlite

from storage.db import Hold, Row, Storage, StorageError
from storage.dialect import Dialect

log = logging.getLogger(__name__)
_JOINED = nullcontext()  # a statement inside this task's transaction: the connection is already held


class _NoHold:
    async def release(self) -> None:
        return None

    async def alive(self) -> bool:
        return True


class SQLiteStorage:
    """One shared connection, taken in turns: a transaction holds it from BEGIN to COMMIT, and a
    statement outside any transaction holds it for that statement.

    On one connection, a statement another task runs while a transaction is open is part of that
    transaction: a read would see its uncommitted rows, a write would be rolled back with it, and a
    write still being read (`UPDATE ... RETURNING`) when the transaction commits makes the COMMIT fail.
    """

    dialect: Dialect = "sqlite"

    def __init__(self, conn: aiosqlite.Connection, path: Path) -> None:
        self.conn, self.target = conn, str(path)
        self._write = asyncio.Lock()
        self._inside: ContextVar[bool] = ContextVar(f"sqlite-tx-{id(self)}", default=False)

    def _turn(self) -> AbstractAsyncContextManager[object]:
        """The connection for one statement: this task's transaction has it already, or wait for it."""
        return _JOINED if self._inside.get() else self._write

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> None:
        async with self._turn():
            await self.conn.execute(sql, tuple(args))

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        values = [tuple(r) for r in rows]
        async with self._turn():
            await self.conn.executemany(sql, values)

    async def fetchone(self, sql: str, args: Sequence[Any] = ()) -> Row | None:
        async with self._turn(), self.conn.execute(sql, tuple(args)) as cur:
            row: Row | None = await cur.fetchone()
        return row

    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        async with self._turn():
            return list(await self.conn.execute_fetchall(sql, tuple(args)))

    async def fetchval(self, sql: str, args: Sequence[Any] = ()) -> Any:
        row = await self.fetchone(sql, args)
        return row[0] if row is not None else None

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Storage]:
        """A write transaction (`BEGIN IMMEDIATE`); one opened inside another joins it."""
        if self._inside.get():
            yield self
            return
        async with self._write:
            token = self._inside.set(True)
            try:
                await self.conn.execute("BEGIN IMMEDIATE")
                yield self
                await self.conn.execute("COMMIT")
            except BaseException:
                await self._undo()
                raise
            finally:
                self._inside.reset(token)

    async def _undo(self) -> None:
        """Roll back whatever began, if anything did.

        A statement handed to the connection's thread runs to its end even when the task awaiting it is
        cancelled: a BEGIN cancelled while it waits on another writer still opens a transaction, and a
        COMMIT that fails leaves one open. Either would make every later BEGIN on the shared connection
        fail, so this runs after any failure, queued behind the statement that was interrupted.
        """
        try:
            await self.conn.execute("ROLLBACK")
        except sqlite3.OperationalError as err:
            if "no transaction is active" not in str(err):
                log.error("database %s: rollback failed: %s", self.target, err)

    @asynccontextmanager
    async def aside(self) -> AsyncIterator[Storage]:
        """One process writes alone: nothing to show others early, so this joins the current transaction."""
        async with self.transaction():
            yield self

    async def lock(self, *names: str) -> None:
        return None

    async def try_hold(self, name: str) -> Hold | None:
        return _NoHold()

    async def notify(self, channel: str) -> None:
        return None

    async def listen(self, channel: str, callback: Callable[[], None]) -> None:
        return None

    async def columns(self, table: str) -> list[str]:
        return [str(r["name"]) for r in await self.fetchall("SELECT name FROM pragma_table_info(?)", (table,))]

    async def tables(self) -> list[str]:
        rows = await self.fetchall("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'")
        return [str(r["name"]) for r in rows]

    async def probe(self, lock_timeout: float) -> None:
        """A read on the shared connection, and the write lock tried on a connection of its own (opened
        read-write, never creating the file), so a lock held by another process shows here without tying
        up the shared connection."""
        try:
            await self.fetchval("SELECT 1")
            await asyncio.to_thread(_try_write_lock, Path(self.target), lock_timeout)
        except sqlite3.Error as err:
            raise StorageError(str(err)) from err

    async def close(self) -> None:
        await self.conn.close()


def _open_and_close(path: Path) -> None:
    sqlite3.connect(path).close()


def _try_write_lock(path: Path, timeout: float) -> None:
    uri = path.resolve().as_uri() + "?mode=rw"
    conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    finally:
        conn.close()


async def open_sqlite(path: Path) -> SQLiteStorage:
    if str(path) != ":memory:":
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        # Opened once with plain sqlite3 first: when aiosqlite fails to open, its worker thread outlives
        # the event loop and prints a traceback at exit.
        await asyncio.to_thread(_open_and_close, path)
        conn = await aiosqlite.connect(path, isolation_level=None)
    except Exception as err:
        raise StorageError(f"cannot open database {path}: {err}") from err
    try:
        conn.row_factory = aiosqlite.Row
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000", "synchronous=NORMAL"):
            await conn.execute(f"PRAGMA {pragma}")
    except BaseException as err:
        await conn.close()
        if isinstance(err, sqlite3.Error):
            raise StorageError(f"cannot use database {path}: {err}") from err
        raise
    return SQLiteStorage(conn, path)
