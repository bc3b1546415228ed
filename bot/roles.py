"""The roles a process can play on one PostgreSQL database, and what makes each singleton role single.

| role     | how many           | how                                                                      |
| -------- | ------------------ | ------------------------------------------------------------------------ |
| `chat`   | exactly one        | holds the `chat` lock; a second one is refused (`AlreadyRunning`)        |
| `poller` | any number         | leases due feeds (`storage.feeds.claim_due`); stories shared in the DB   |
| `sender` | one sends, others wait | the `sender` lock: a standby tries every second and takes over when  |
|          |                    | the holder's connection ends (its process died)                          |
| `all`    | one per database   | chat + poller + sender in one process, as on SQLite                      |

Locks are PostgreSQL advisory locks held by a connection, so the server releases them when a
process dies, `kill -9` included. On SQLite the one process is all roles and `bot.lock` guards the file.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable

from telegram.ext import AIORateLimiter, ExtBot

from bot.poller import poll_due
from bot.runtime import Runtime
from bot.sender import Sender
from config.settings import Settings
from core.errors import AlreadyRunning, StorageError
from storage.db import Hold, Storage

log = logging.getLogger(__name__)
ROLES = ("all", "chat", "poller", "sender")
STANDBY_RETRY_S = 1.0
HOLD_CHECK_S = 2.0


async def hold_chat(db: Storage) -> Hold:
    """The chat role's lock, or `AlreadyRunning` when another process takes this database's updates."""
    hold = await db.try_hold("chat")
    if hold is None:
        raise AlreadyRunning(
            "another rumorbot is already running on this database and takes its Telegram updates "
            "(role chat or all); stop it first, or add pollers with --role poller"
        )
    return hold


async def lead_sender(db: Storage, make_sender: Callable[[], Sender], ready: asyncio.Event) -> None:
    """Be the one sender: stand by until the lock is free, send while it is held, stand by again if it is lost."""
    await db.listen("outbox", ready.set)
    while True:
        hold = await _wait_for_lock(db, "sender")
        log.info("sender: this process sends the alerts")
        sending = asyncio.ensure_future(make_sender().run())
        try:
            while not sending.done() and await hold.alive():
                await asyncio.wait({sending}, timeout=HOLD_CHECK_S)
        finally:
            sending.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await sending
            await hold.release()
        log.warning("sender: lost the sender lock (database connection gone); standing by")


async def _wait_for_lock(db: Storage, name: str) -> Hold:
    hold = await db.try_hold(name)
    if hold is None:
        log.info("%s: another process holds the %s lock; standing by", name, name)
    while hold is None:
        await asyncio.sleep(STANDBY_RETRY_S)
        with contextlib.suppress(OSError, StorageError):
            hold = await db.try_hold(name)
    return hold


def telegram_bot(settings: Settings) -> ExtBot[int]:
    """The Bot the sender uses outside the chat process: same token, API server and rate limiter."""
    base = (settings.telegram.base_url or "https://api.telegram.org/bot").rstrip("/")
    return ExtBot(settings.telegram.token, base_url=base, base_file_url=base.removesuffix("/bot") + "/file/bot",
                  rate_limiter=AIORateLimiter(max_retries=0))


async def run_poller(rt: Runtime) -> None:
    """Poll due feeds forever; claim changes from other processes reach the engine before the next match."""
    await rt.db.listen("claims", rt.claims_changed.set)
    log.info("poller started: %d claims", len(rt.engine.claims))
    tick = min(max(rt.settings.polling.min_interval / 2, 0.5), 15.0)
    while True:
        started = asyncio.get_running_loop().time()
        try:
            await poll_due(rt)
        except Exception:
            log.exception("poller: unexpected error; trying again at the next tick")
        await asyncio.sleep(max(0.0, tick - (asyncio.get_running_loop().time() - started)))


async def run_sender(rt: Runtime) -> None:
    bot = telegram_bot(rt.settings)
    await bot.initialize()
    try:
        await lead_sender(rt.db, lambda: Sender(bot, rt.db, rt.outbox_ready, clock=rt.clock,
                                                admins=rt.settings.telegram.admins), rt.outbox_ready)
    finally:
        await bot.shutdown()


async def until_stopped(work: Awaitable[None]) -> None:
    """Run `work` until it ends or the process gets SIGTERM or SIGINT."""
    task = asyncio.ensure_future(work)
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, task.cancel)
    with contextlib.suppress(asyncio.CancelledError):
        await task
