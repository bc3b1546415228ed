"""What only PostgreSQL does for several processes: leases, session locks, changes told to every process."""

from __future__ import annotations

import asyncio
import time

from bot.engine import Claim
from storage import claims, connect, feeds, transaction
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
