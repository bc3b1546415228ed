"""What only PostgreSQL does for several processes: leases, session locks, changes told to every process."""

from __future__ import annotations

import asyncio
import time

from bot.engine import Claim
from storage import claims, connect, feeds, transaction
from storage.db import Storage
from tests.conftest import new_pg_database
from tests.pg import PostgresServer


async def test_each_due_feed_is_claimed_by_one_poller_until_its_lease_ends(pg_server: PostgresServer) -> None:
    """Two pollers claiming at once split the due feeds; a lease that ran out lets the feed be claimed again."""
    url = await new_pg_database(pg_server)
    first, second = await connect(url), await connect(url)
    try:
        now = time.time()
        async with transaction(first):
            for n in range(10):
                await feeds.add_feed(first, f"https://feed{n}.example/rss", f"f{n}", (), "config", now)
        a, b = await asyncio.gather(feeds.claim_due(first, now, now + 60, 6), feeds.claim_due(second, now, now + 60, 6))
        assert sorted(f.id for f in a + b) == sorted({f.id for f in a + b})
        assert len(a) + len(b) == 10
        assert await feeds.claim_due(first, now + 30, now + 90, 10) == []
        assert len(await feeds.claim_due(second, now + 61, now + 121, 10)) == 10
    finally:
        await first.close()
        await second.close()


async def test_a_session_lock_has_one_holder_and_passes_on_when_released(pg_server: PostgresServer) -> None:
    """The sender's lock: the second process waits until the first lets go (or dies)."""
    url = await new_pg_database(pg_server)
    first, second = await connect(url), await connect(url)
    try:
        hold = await first.try_hold("sender")
        assert hold is not None
        assert await second.try_hold("sender") is None
        await hold.release()
        taken = await second.try_hold("sender")
        assert taken is not None
        await taken.release()
    finally:
        await first.close()
        await second.close()


async def test_a_claim_change_is_told_to_every_listening_process(pg_server: PostgresServer) -> None:
    """/track in the chat process reaches the pollers at commit, through LISTEN/NOTIFY."""
    url = await new_pg_database(pg_server)
    chat, poller = await connect(url), await connect(url)
    heard = asyncio.Event()
    try:
        await poller.listen("claims", heard.set)
        async with transaction(chat):
            await claims.upsert_claims(chat, [Claim(id="c", text="Xiaomi will build cars")], "chat", time.time())
            await asyncio.sleep(0.2)
            assert not heard.is_set()  # not before the commit
        await asyncio.wait_for(heard.wait(), timeout=5)
    finally:
        await chat.close()
        await poller.close()


async def test_locks_taken_together_in_any_order_wait_and_never_deadlock(pg_server: PostgresServer) -> None:
    """Two pollers with overlapping claims, named in opposite orders: one waits for the other's commit,
    and both finish (the locks are taken in one order, in one statement)."""
    url = await new_pg_database(pg_server)
    first, second = await connect(url), await connect(url)
    order: list[str] = []
    try:
        holding = asyncio.Event()

        async def poller(db: Storage, names: tuple[str, ...], label: str, hold_for: float) -> None:
            async with transaction(db):
                await db.lock(*names)
                order.append(f"{label} locked")
                holding.set()
                await asyncio.sleep(hold_for)
                order.append(f"{label} commits")

        one = asyncio.ensure_future(poller(first, ("claim:a", "claim:b", "claim:c"), "first", 0.5))
        await holding.wait()
        other = asyncio.ensure_future(poller(second, ("claim:c", "claim:x", "claim:a"), "second", 0))
        await asyncio.wait_for(asyncio.gather(one, other), timeout=10)
        assert order == ["first locked", "first commits", "second locked", "second commits"]
        async with transaction(first):  # disjoint names do not wait
            await first.lock("claim:y", "claim:z")
            async with transaction(second):
                await asyncio.wait_for(second.lock("claim:x"), timeout=2)
    finally:
        await first.close()
        await second.close()


async def test_a_lost_listening_connection_is_made_again(pg_server: PostgresServer) -> None:
    """The server cuts the connection a poller listens on: the poller connects again, is told once (what
    was told meanwhile went unheard), and hears the next change as before."""
    url = await new_pg_database(pg_server)
    chat, poller = await connect(url), await connect(url)
    heard = asyncio.Event()
    try:
        await poller.listen("claims", heard.set)
        listening = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'"
        first = await chat.fetchval(listening)
        assert await chat.fetchval("SELECT pg_terminate_backend(?)", (first,)) is True
        await asyncio.wait_for(heard.wait(), timeout=10)
        second = await chat.fetchval(listening)
        assert second is not None
        assert second != first
        heard.clear()
        async with transaction(chat):
            await claims.upsert_claims(chat, [Claim(id="c", text="Xiaomi will build cars")], "chat", time.time())
        await asyncio.wait_for(heard.wait(), timeout=10)
    finally:
        await chat.close()
        await poller.close()
