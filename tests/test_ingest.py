"""Ingest: new items become evidence, statuses and queued alerts in one transaction; nothing twice."""

from __future__ import annotations

import asyncio
import time

from bot.engine import Claim, Engine, Entity, StoryIndex
from bot.ingest import ingest
from storage import chats, claims, connect, evidence, feeds, outbox, transaction
from storage.db import Storage
from tests.conftest import new_pg_database
from tests.helpers import entry
from tests.pg import PostgresServer

ENTITIES = (Entity("baic", ("BAIC Blue Valley", "北汽蓝谷")), Entity("xiaomi", ("Xiaomi", "小米")))
CLAIM = Claim(
    id="xiaomi-baic-oem",
    topic="xiaomi-auto",
    text="BAIC Blue Valley will build Xiaomi cars as a contract manufacturer",
    officials=("baic", "xiaomi"),
)
RUMOR = "BAIC Blue Valley will build Xiaomi cars as a contract manufacturer, sources say"


async def setup(db: Storage, official_for: tuple[str, ...] = ()) -> feeds.Feed:
    now = time.time()
    async with transaction(db):
        await claims.upsert_entities(db, ENTITIES)
        await claims.upsert_claims(db, [CLAIM], "config", now)
        feed = await feeds.add_feed(db, "https://news.example/rss", "News", official_for, "config", now)
        await chats.ensure_chat(db, 100, "private", "alice", now)
        await chats.subscribe(db, 100, 0, "claim", CLAIM.id, now)
        await chats.ensure_chat(db, 200, "supergroup", "fans", now)
        await chats.subscribe(db, 200, 7, "topic", "xiaomi-auto", now)
    assert feed is not None
    return feed


async def pending(db: Storage) -> list[outbox.PendingAlert]:
    return await outbox.due_alerts(db, time.time() + 1)


async def test_matching_item_queues_one_alert_per_subscriber(db: Storage) -> None:
    """A claim subscriber and a topic subscriber (in a forum thread) each get one alert."""
    feed = await setup(db)
    engine, stories = Engine([CLAIM], ENTITIES), StoryIndex()
    report = await ingest(db, engine, stories, {}, feed, [entry("a", RUMOR)], now=time.time(), alert=True)
    assert (report.new_items, report.alerts) == (1, 2)
    assert sorted((a.chat_id, a.thread_id, a.claim_id) for a in await pending(db)) == [
        (100, 0, CLAIM.id), (200, 7, CLAIM.id)
    ]


async def test_backlog_is_stored_without_alerts(db: Storage) -> None:
    """Items already in a feed on its first poll are evidence but do not alert."""
    feed = await setup(db)
    report = await ingest(db, Engine([CLAIM], ENTITIES), StoryIndex(), {}, feed, [entry("a", RUMOR)],
                          now=time.time(), alert=False)
    assert (report.new_items, report.evidence, report.alerts) == (1, 1, 0)
    assert await pending(db) == []
    assert len(await evidence.claim_evidence(db, CLAIM.id)) == 1


async def test_same_items_again_change_nothing(db: Storage) -> None:
    """A second poll of unchanged items stores, matches and alerts nothing."""
    feed = await setup(db)
    engine, stories = Engine([CLAIM], ENTITIES), StoryIndex()
    await ingest(db, engine, stories, {}, feed, [entry("a", RUMOR)], now=time.time(), alert=True)
    again = await ingest(db, engine, stories, {}, feed, [entry("a", RUMOR)], now=time.time(), alert=True)
    assert (again.new_items, again.edited_items, again.alerts) == (0, 0, 0)
    assert len(await pending(db)) == 2


async def test_syndicated_copy_is_one_story_and_one_alert(db: Storage) -> None:
    """The same report under another identity in the same story does not alert again."""
    feed = await setup(db)
    engine, stories = Engine([CLAIM], ENTITIES), StoryIndex()
    await ingest(db, engine, stories, {}, feed, [entry("a", RUMOR, link="https://x.example/r")],
                 now=time.time(), alert=True)
    copy = await ingest(db, engine, stories, {}, feed, [entry("b", RUMOR, link="https://x.example/r")],
                        now=time.time(), alert=True)
    assert (copy.new_items, copy.evidence, copy.alerts) == (1, 1, 0)


async def test_unrelated_item_is_not_evidence(db: Storage) -> None:
    """An item about something else leaves the claim and the outbox alone."""
    feed = await setup(db)
    report = await ingest(db, Engine([CLAIM], ENTITIES), StoryIndex(), {}, feed,
                          [entry("p", "Apple unveils a new phone with a bigger battery")], now=time.time(), alert=True)
    assert (report.new_items, report.evidence, report.alerts) == (1, 0, 0)


async def test_official_source_decides_status_and_says_so(db: Storage) -> None:
    """A denial from the entity's own feed denies the claim and the alert names the official response."""
    feed = await setup(db, official_for=("baic",))
    denial = ("BAIC Blue Valley denied that it will build Xiaomi cars as a contract manufacturer: "
              "the company has not received any such information")
    report = await ingest(db, Engine([CLAIM], ENTITIES), StoryIndex(), {"baic": "BAIC Blue Valley"}, feed,
                          [entry("d", denial)], now=time.time(), alert=True)
    assert report.status_changes == {CLAIM.id: ("unverified", "denied")}
    record = await claims.get_claim(db, CLAIM.id)
    assert record is not None
    assert record.status == "denied"
    alerts = await pending(db)
    assert {a.kind for a in alerts} == {"official"}
    assert "Official response from BAIC Blue Valley" in alerts[0].text
    assert "denied" in alerts[0].text


async def test_edit_is_evaluated_again(db: Storage) -> None:
    """An item whose text changes under the same identity is matched again."""
    feed = await setup(db)
    engine, stories = Engine([CLAIM], ENTITIES), StoryIndex()
    await ingest(db, engine, stories, {}, feed, [entry("a", "Xiaomi shares rise")], now=time.time(), alert=True)
    edited = await ingest(db, engine, stories, {}, feed, [entry("a", RUMOR)], now=time.time(), alert=True)
    assert (edited.new_items, edited.edited_items, edited.alerts) == (0, 1, 2)


async def test_feeds_match_in_turn(db: Storage) -> None:
    """Feeds ingested at once in one process match one at a time: while another feed holds the turn, a
    feed waits before matching and stores nothing; given the turn, it finishes as usual."""
    feed = await setup(db)
    turn = asyncio.Lock()
    await turn.acquire()
    waiting = asyncio.ensure_future(ingest(db, Engine([CLAIM], ENTITIES), StoryIndex(), {}, feed,
                                           [entry("a", RUMOR)], now=time.time(), alert=True, turn=turn))
    await asyncio.sleep(0.3)
    assert not waiting.done()
    assert await evidence.claim_evidence(db, CLAIM.id) == []
    turn.release()
    report = await asyncio.wait_for(waiting, timeout=10)
    assert (report.new_items, report.alerts) == (1, 2)
    assert not turn.locked()


async def _hold_claim_lock(db: Storage, claim_id: str, held: asyncio.Event, release: asyncio.Event) -> None:
    async with transaction(db):
        await db.lock(f"claim:{claim_id}")
        held.set()
        await release.wait()


async def test_a_feed_waiting_for_claims_locks_keeps_the_turn_until_it_commits(pg_server: PostgresServer) -> None:
    """Another poller holds a claim's lock: the feed with evidence on it waits for the lock holding its
    process's turn, so the process's other feeds do not match (nor store) until it has committed."""
    url = await new_pg_database(pg_server)
    db, other = await connect(url), await connect(url)
    held, release = asyncio.Event(), asyncio.Event()
    try:
        feed = await setup(db)
        async with transaction(db):
            quiet = await feeds.add_feed(db, "https://other.example/rss", "Other", (), "config", time.time())
        assert quiet is not None
        holder = asyncio.create_task(_hold_claim_lock(other, CLAIM.id, held, release))
        await held.wait()
        turn, engine, stories = asyncio.Lock(), Engine([CLAIM], ENTITIES), StoryIndex()
        evidenced = asyncio.create_task(ingest(db, engine, stories, {}, feed, [entry("a", RUMOR)],
                                               now=time.time(), alert=True, turn=turn))
        waits = ("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                 "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
        for _ in range(200):
            if await other.fetchval(waits):
                break
            await asyncio.sleep(0.05)
        assert await other.fetchval(waits) == 1
        unrelated = asyncio.create_task(ingest(db, engine, stories, {}, quiet, [entry("b", "Xiaomi shares rise")],
                                               now=time.time(), alert=True, turn=turn))
        # Long enough for the other feed to finish many times over, were it not waiting for the turn.
        await asyncio.wait({unrelated}, timeout=1.5)
        assert not unrelated.done()
        assert await other.fetchval("SELECT COUNT(*) FROM items WHERE feed_id = ?", (quiet.id,)) == 0
        release.set()
        await holder
        assert (await asyncio.wait_for(evidenced, timeout=10)).alerts == 2
        quiet_report = await asyncio.wait_for(unrelated, timeout=10)
        assert (quiet_report.new_items, quiet_report.evidence) == (1, 0)  # it had no claim's lock to wait for
        assert not turn.locked()
    finally:
        release.set()
        await db.close()
        await other.close()
