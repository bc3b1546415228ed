"""PostgreSQL through asyncpg: a connection pool, transactions per task, advisory locks, LISTEN/NOTIFY.

asyncpg rather than psycopg 3: on the write a poller does most (a batch of 20 items in a transaction)
and on a keyed select it measured faster (figures in the commit that chose it), it prepares and caches
each statement per connection by itself, and its records read by name and by position, as sqlite3's
rows do, so the query modules need no row factory of their own.

Outside a transaction each call takes a pooled connection for one statement (autocommit). Inside
`async with db.transaction():` the task's calls go to that transaction's connection; other tasks are
not affected, so several feeds are stored at once, each in its own transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from storage.db import Hold, Row, Storage, StorageError
from storage.dialect import Dialect, numbered

log = logging.getLogger(__name__)
# A lost listening connection is made again after this long, doubling up to the most.
RELISTEN_FIRST_S = 0.5
RELISTEN_MAX_S = 30.0
# How often the listening connection is asked a question, and how long it has to answer.
LISTEN_CHECK_S = 30.0
LISTEN_ANSWER_S = 10.0
# How long closing waits for the server to acknowledge before the connections are cut.
CLOSE_TIMEOUT_S = 10.0
CHANNEL_PREFIX = "rumorbot_"
# What a connection that does not answer raises: gone, timed out, refused by the server, or unusable.
NO_ANSWER = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[1]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc}"))


class _SessionHold:
    """An advisory lock held by a dedicated connection: it ends when the connection does."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def release(self) -> None:
        with contextlib.suppress(Exception):
            await self.conn.close(timeout=CLOSE_TIMEOUT_S)  # then cut: a dropped connection never answers

    async def alive(self) -> bool:
        """Whether the lock is still ours: its connection answers (a lost connection lost the lock)."""
        try:
            await asyncio.wait_for(self.conn.fetchval("SELECT 1"), timeout=5)
        except NO_ANSWER:
            return False
        return True


class PostgresStorage:
    dialect: Dialect = "postgresql"

    def __init__(self, pool: asyncpg.Pool, url: str) -> None:
        self.pool, self.url, self.target = pool, url, redact(url)
        self._tx: ContextVar[asyncpg.Connection | None] = ContextVar(f"pg-tx-{id(self)}", default=None)
        self._listener: asyncpg.Connection | None = None
        self._listens: list[tuple[str, Callable[[], None]]] = []
        self._relisten: asyncio.Task[None] | None = None
        self._watching: asyncio.Task[None] | None = None
        self.listen_check, self.listen_answer, self.close_timeout = LISTEN_CHECK_S, LISTEN_ANSWER_S, CLOSE_TIMEOUT_S
        # One operation at a time on the listening connection (asyncpg refuses two): LISTEN, or the check.
        self._listener_use = asyncio.Lock()
        self._closing = False
        self._aside: asyncpg.Connection | None = None
        self._aside_turn = asyncio.Lock()

    @asynccontextmanager
    async def _conn(self) -> AsyncIterator[asyncpg.Connection]:
        current = self._tx.get()
        if current is not None:
            yield current
            return
        async with self.pool.acquire() as conn:
            yield conn

    async def execute(self, sql: str, args: Sequence[Any] = ()) -> None:
        async with self._conn() as conn:
            await conn.execute(numbered(sql), *args)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if batch:
            async with self._conn() as conn:
                await conn.executemany(numbered(sql), batch)

    async def fetchone(self, sql: str, args: Sequence[Any] = ()) -> Row | None:
        async with self._conn() as conn:
            row: Row | None = await conn.fetchrow(numbered(sql), *args)
        return row

    async def fetchall(self, sql: str, args: Sequence[Any] = ()) -> list[Row]:
        async with self._conn() as conn:
            return list(await conn.fetch(numbered(sql), *args))

    async def fetchval(self, sql: str, args: Sequence[Any] = ()) -> Any:
        async with self._conn() as conn:
            return await conn.fetchval(numbered(sql), *args)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Storage]:
        """A transaction on a connection of its own; one opened inside another joins it."""
        if self._tx.get() is not None:
            yield self
            return
        async with self.pool.acquire() as conn, conn.transaction():
            token = self._tx.set(conn)
            try:
                yield self
            finally:
                self._tx.reset(token)

    @asynccontextmanager
    async def aside(self) -> AsyncIterator[Storage]:
        """A transaction on a connection kept for this (not from the pool, which the caller's transaction
        may have emptied), committed when the block ends; the task's calls go to it meanwhile."""
        async with self._aside_turn:
            if self._aside is None or self._aside.is_closed():
                self._aside = await asyncpg.connect(self.url)
            token = self._tx.set(self._aside)
            try:
                async with self._aside.transaction():
                    yield self
            finally:
                self._tx.reset(token)

    async def lock(self, *names: str) -> None:
        """Wait for the named locks, held until the current transaction ends.

        Several are taken in one statement, in one order everywhere (that of the lock keys): a
        transaction waits for them all in one round trip, not one round trip per lock, and two that
        want some of the same locks take them in the same order, so neither holds one the other needs
        while waiting for one it holds.
        """
        if self._tx.get() is None:
            raise StorageError(f"lock {', '.join(names)!r} taken outside a transaction")
        keys = [f"rumorbot:{name}" for name in sorted(set(names))]
        if len(keys) == 1:
            await self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", keys)
        elif keys:
            await self.execute("SELECT pg_advisory_xact_lock(hashtext(k)) FROM "
                               "(SELECT k FROM unnest(?::text[]) AS k ORDER BY hashtext(k), k) AS ordered", (keys,))

    async def try_hold(self, name: str) -> Hold | None:
        """Take the named lock for as long as this process lives, or None when another holds it."""
        conn = await asyncpg.connect(self.url)
        try:
            got = await conn.fetchval("SELECT pg_try_advisory_lock(hashtext($1))", f"rumorbot:{name}")
        except BaseException:
            await conn.close()
            raise
        if not got:
            await conn.close()
            return None
        return _SessionHold(conn)

    async def notify(self, channel: str) -> None:
        """Tell every listening process; inside a transaction, at its commit."""
        await self.execute("SELECT pg_notify(?, '')", (CHANNEL_PREFIX + channel,))

    async def listen(self, channel: str, callback: Callable[[], None]) -> None:
        """Call `callback` whenever another process tells `channel`, for as long as this storage is open.

        The listening connection is made again when it is lost (a server restart, a network cut). What
        was told meanwhile went unheard, so every callback is then called once, as if told.
        """
        self._listens.append((CHANNEL_PREFIX + channel, callback))
        if self._relisten is not None and not self._relisten.done():
            return  # the connection being made listens on every channel, this one included
        if self._listener is None or self._listener.is_closed():
            await self._listen_again()
        else:
            async with self._listener_use:
                await self._listener.add_listener(CHANNEL_PREFIX + channel, _heard(callback))

    async def _listen_again(self) -> None:
        conn = await asyncpg.connect(self.url)
        try:
            for name, callback in self._listens:
                await conn.add_listener(name, _heard(callback))
        except BaseException:
            await conn.close(timeout=self.close_timeout)
            raise
        conn.add_termination_listener(self._listener_lost)
        self._listener = conn
        if self._watching is None:
            self._watching = asyncio.ensure_future(self._watch_listener())

    async def _watch_listener(self) -> None:
        """Ask the listening connection a question now and then; cut it when it does not answer.

        A connection the network dropped silently (a NAT that forgot it, a peer gone without a reset)
        stays open here and hears nothing, ever: no change would reach this process again. Cut, it is
        made again like any lost one (`_listener_lost`).
        """
        while not self._closing:
            await asyncio.sleep(self.listen_check)
            if self._listener is None or self._listener.is_closed():
                continue
            conn: asyncpg.Connection = self._listener
            try:
                await asyncio.wait_for(self._ask(conn), timeout=self.listen_answer)
            except NO_ANSWER as err:
                if self._closing or conn is not self._listener:
                    continue  # closing, or already lost and being made again
                log.warning("%s: the connection that hears other processes' changes does not answer (%s)",
                            self.target, err or type(err).__name__)
                conn.terminate()
            except Exception:  # the check must go on whatever happened to one round of it
                log.exception("%s: checking the listening connection failed", self.target)

    async def _ask(self, conn: asyncpg.Connection) -> None:
        async with self._listener_use:
            await conn.fetchval("SELECT 1")

    def _listener_lost(self, conn: asyncpg.Connection) -> None:
        if self._closing or conn is not self._listener:
            return
        log.warning("%s: lost the connection that hears other processes' changes; connecting again", self.target)
        self._relisten = asyncio.ensure_future(self._reconnect())

    async def _reconnect(self) -> None:
        delay = RELISTEN_FIRST_S
        while not self._closing:
            try:
                await self._listen_again()
            except Exception as err:  # whatever stopped it, try again: listening must come back
                log.warning("%s: cannot listen yet (%s); trying again in %.0f s", self.target,
                            err or type(err).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RELISTEN_MAX_S)
                continue
            log.info("%s: listening again", self.target)
            for _, callback in self._listens:
                try:
                    callback()
                except Exception:
                    log.exception("%s: a listener failed on being told", self.target)
            return

    async def columns(self, table: str) -> list[str]:
        rows = await self.fetchall(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (table,))
        return [str(r[0]) for r in rows]

    async def tables(self) -> list[str]:
        rows = await self.fetchall(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE'")
        return [str(r[0]) for r in rows]

    async def probe(self, lock_timeout: float) -> None:
        """A read through the pool within the timeout; PostgreSQL has no file lock to try."""
        try:
            await asyncio.wait_for(self.fetchval("SELECT 1"), timeout=lock_timeout)
        except NO_ANSWER as err:
            raise StorageError(f"{self.target}: {err or type(err).__name__}") from err

    async def close(self) -> None:
        self._closing = True
        for task in (self._relisten, self._watching):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        # A graceful close waits for the server's answer on every connection, and one the network
        # dropped never answers: all are closed at once, and those still open after the timeout are cut.
        closing = [conn.close(timeout=self.close_timeout) for conn in (self._listener, self._aside) if conn is not None]
        for failed in await asyncio.gather(self._close_pool(), *closing, return_exceptions=True):
            if isinstance(failed, Exception):
                log.warning("%s: closing a connection failed: %s", self.target, failed)

    async def _close_pool(self) -> None:
        try:
            await asyncio.wait_for(self.pool.close(), timeout=self.close_timeout)
        except TimeoutError:
            log.warning("%s: connections did not close within %g s; cut", self.target, self.close_timeout)
            self.pool.terminate()


def _heard(callback: Callable[[], None]) -> Callable[..., None]:
    """asyncpg's listener signature (connection, pid, channel, payload) around a plain callback."""
    return lambda *_: callback()


async def open_postgres(url: str, max_size: int = 10) -> PostgresStorage:
    try:
        pool = await asyncpg.create_pool(url, min_size=1, max_size=max_size)
    except (OSError, asyncpg.PostgresError) as err:
        raise StorageError(f"cannot open database {redact(url)}: {err}") from err
    return PostgresStorage(pool, url)
