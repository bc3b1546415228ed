"""What only PostgreSQL does for several processes: leases, session locks, changes told to every process."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.engine import Claim
from storage import claims, connect, feeds, transaction
from tests.conftest import new_pg_database
from tests.fakes.silent_link import SilentLink
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


async def test_locks_taken_together_are_taken_in_one_order_whatever_order_they_are_named_in(
    pg_server: PostgresServer,
) -> None:
    """Locks named together are taken in the one order every process uses: a transaction waiting for
    the later one already holds the earlier, whichever order it named them in, so two transactions
    wanting some of the same locks never each hold one the other waits for. It waits for the commit."""
    url = await new_pg_database(pg_server)
    first, second, watcher = await connect(url), await connect(url), await connect(url)
    holding, release = asyncio.Event(), asyncio.Event()

    async def hold(name: str) -> None:
        async with transaction(first):
            await first.lock(name)
            holding.set()
            await release.wait()

    try:
        early, late = [str(r[0]).removeprefix("rumorbot:") for r in await watcher.fetchall(
            "SELECT k FROM unnest(?::text[]) AS k ORDER BY hashtext(k), k",
            (["rumorbot:claim:a", "rumorbot:claim:x"],))]
        holder = asyncio.ensure_future(hold(late))
        await holding.wait()
        held = ("SELECT l.granted FROM pg_locks l WHERE l.locktype = 'advisory' AND l.pid = ? "
                "AND l.objid::int = hashtext(?)")
        async with transaction(second):
            pid = await second.fetchval("SELECT pg_backend_pid()")
            waiting = asyncio.ensure_future(second.lock(late, early))  # named latest first
            for _ in range(200):
                if await watcher.fetchval(held, (pid, f"rumorbot:{late}")) is False:
                    break
                await asyncio.sleep(0.05)
            assert await watcher.fetchval(held, (pid, f"rumorbot:{late}")) is False  # waiting for it
            assert await watcher.fetchval(held, (pid, f"rumorbot:{early}")) is True  # holding this one
            assert not waiting.done()
            release.set()
            await asyncio.wait_for(holder, timeout=10)
            await asyncio.wait_for(waiting, timeout=10)  # at the other's commit
            assert await watcher.fetchval(held, (pid, f"rumorbot:{late}")) is True
    finally:
        await first.close()
        await second.close()
        await watcher.close()


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


async def test_a_listening_connection_gone_silent_is_made_again(
    pg_server: PostgresServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The network drops the poller's connections without a word (no reset ever arrives): the poller
    notices its listening connection no longer answers, connects again, is told once, and hears the next
    change; closing, it cuts the connections that cannot close."""
    url = await new_pg_database(pg_server)
    async with SilentLink(pg_server.port) as link:
        chat = await connect(url)
        poller = await connect(url.replace(f":{pg_server.port}/", f":{link.port}/"))
        # Asked often; given long enough to answer that only the silenced connection fails to.
        poller.listen_check, poller.listen_answer = 0.2, 3.0  # type: ignore[attr-defined]
        poller.close_timeout = 0.5  # type: ignore[attr-defined]
        heard = asyncio.Event()
        try:
            await poller.listen("claims", heard.set)
            made = link.connections
            link.silence()
            await asyncio.wait_for(heard.wait(), timeout=20)
            assert link.connections > made  # a new connection, through the same link
            lost = len(_silent_warnings(caplog))
            assert lost == 1
            heard.clear()
            async with transaction(chat):
                await claims.upsert_claims(chat, [Claim(id="c", text="Xiaomi will build cars")], "chat", time.time())
            await asyncio.wait_for(heard.wait(), timeout=10)
            assert len(_silent_warnings(caplog)) == lost  # heard on the new connection, not told by a remake
        finally:
            await chat.close()
            await asyncio.wait_for(poller.close(), timeout=20)


def _silent_warnings(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "does not answer" in r.getMessage()]
