"""Retention: old items, candidate evidence and delivered alerts go; what /status stands on stays."""

from __future__ import annotations

import time

from bot.engine import Evidence, claim_status
from bot.retention import prune
from config.settings import RetentionConfig
from core.records import Claim
from storage import claims, evidence, feeds, items, outbox
from storage.db import Storage, transaction
from tests.helpers import entry

DAY = 86400.0
NOW = time.time()
OLD = NOW - 100 * DAY
CLAIM = "xiaomi-qualification"


async def add_item(db: Storage, feed_id: int, key: str, fetched_at: float,
                   level: str | None = None, stance: str = "supports", official: str | None = None) -> int:
    async with transaction(db):
        [stored] = await items.store_entries(db, feed_id, [entry(key, f"{key} title")], fetched_at)
        if level is not None:
            ev = Evidence(str(stored.id), CLAIM, 0.9, level, stance, "", official,  # type: ignore[arg-type]
                          "xiaomi" if official else None, f"{key} sentence")
            await evidence.record_evidence(db, stored.id, stored.id, ev, fetched_at)
    return stored.id


async def table_ids(db: Storage, table: str) -> set[int]:
    return {row[0] for row in await db.fetchall(f"SELECT id FROM {table}")}


async def status_view(db: Storage) -> tuple[object, ...]:
    """Everything /status shows that rests on match-level evidence, and the status derived from it."""
    return (
        await evidence.claim_evidence(db, CLAIM, "match", limit=100),
        await evidence.evidence_counts(db, CLAIM),
        claim_status(await evidence.story_evidence(db, CLAIM), {"xiaomi": "Xiaomi"}),
    )


async def fill(db: Storage) -> dict[str, int]:
    async with transaction(db):
        await claims.upsert_claims(db, [Claim(id=CLAIM, text="Xiaomi may build cars")], "config", OLD)
        feed = await feeds.add_feed(db, "https://news.example/feed", "News", (), "config", OLD)
    assert feed is not None
    ids = {
        "old_plain": await add_item(db, feed.id, "old-plain", OLD),
        "old_candidate": await add_item(db, feed.id, "old-candidate", OLD, "candidate"),
        "old_official": await add_item(db, feed.id, "old-official", OLD, "match", "refutes", "source"),
        "old_report": await add_item(db, feed.id, "old-report", OLD, "match", "supports"),
        "new_plain": await add_item(db, feed.id, "new-plain", NOW),
        "new_candidate": await add_item(db, feed.id, "new-candidate", NOW, "candidate"),
    }
    async with transaction(db):
        await outbox.enqueue(db, [outbox.NewAlert(1, 0, CLAIM, story, "evidence", f"alert {story}")
                                  for story in range(1, 6)], OLD)
        await outbox.mark_sent(db, 1, 11, NOW - 8 * DAY)     # delivered long ago: goes
        await outbox.mark_sent(db, 2, 12, NOW - 1 * DAY)     # delivered yesterday: stays
        await outbox.mark_dead(db, 3, "chat not found")       # dead for 100 days: goes
        # 4 and 5 are still pending: never pruned, however old
    return ids


async def test_prune_keeps_what_status_needs_and_drops_the_rest(db: Storage) -> None:
    """Old items without match-level evidence go, with their candidate evidence; old official and
    match-level evidence stay, so /status reads the same; sent alerts go after 7 days, pending ones never."""
    ids = await fill(db)
    before = await status_view(db)

    report = await prune(db, RetentionConfig(days=90, sent_days=7, batch=2), NOW)

    kept = {ids[k] for k in ("old_official", "old_report", "new_plain", "new_candidate")}
    assert await table_ids(db, "items") == kept
    assert await status_view(db) == before
    assert (report.items, report.alerts) == (2, 2)
    assert await table_ids(db, "outbox") == {2, 4, 5}
    candidates = await db.fetchall("SELECT item_id FROM evidence WHERE level = 'candidate'")
    assert [row[0] for row in candidates] == [ids["new_candidate"]]


async def test_prune_twice_finds_nothing_more(db: Storage) -> None:
    """Pruning is idempotent: a second pass deletes nothing."""
    await fill(db)
    await prune(db, RetentionConfig(), NOW)
    again = await prune(db, RetentionConfig(), NOW)
    assert (again.items, again.evidence, again.alerts) == (0, 0, 0)
