"""Evidence as /status reads it."""

from __future__ import annotations

import time

from bot.engine import Claim, Evidence, claim_status
from core.records import Stance
from storage import claims, evidence, feeds, items, transaction
from storage.db import Storage
from tests.helpers import entry


async def test_status_evidence_shows_one_copy_per_story(db: Storage) -> None:
    """Syndicated copies of one story are listed once, by their first copy."""
    now = time.time()
    async with transaction(db):
        await claims.upsert_claims(db, [Claim("c", "Acme bought Foo")], "config", now)
        first = await feeds.add_feed(db, "https://a.example/rss", "A", (), "config", now)
        second = await feeds.add_feed(db, "https://b.example/rss", "B", (), "config", now)
        assert first is not None
        assert second is not None
        [a] = await items.store_entries(db, first.id, [entry("x", "Acme bought Foo", when=1000)], now)
        [b] = await items.store_entries(db, second.id, [entry("y", "Acme bought Foo", when=2000)], now)
        for it in (a, b):
            ev = Evidence(str(it.id), "c", 0.9, "match", "supports", "", None, None, "Acme bought Foo")
            await evidence.record_evidence(db, it.id, a.id, ev, now)
    shown = await evidence.claim_evidence(db, "c")
    assert [(e.item_id, e.source) for e in shown] == [(a.id, "A")]


async def test_several_claims_read_and_set_at_once(db: Storage) -> None:
    """The statuses of a feed's claims are read and written in a few statements: the same figures as one
    claim at a time, and only the claims whose status moved are reported, with their old status."""
    now = time.time()
    async with transaction(db):
        await claims.upsert_claims(db, [Claim("c", "Acme bought Foo"), Claim("d", "Foo sold Bar"),
                                        Claim("e", "Quiet claim")], "config", now)
        feed = await feeds.add_feed(db, "https://a.example/rss", "A", (), "config", now)
        assert feed is not None
        stored = await items.store_entries(db, feed.id, [entry("x", "Acme bought Foo", when=1000),
                                                         entry("y", "Foo did not sell Bar", when=2000)], now)
        stances: tuple[tuple[str, Stance], ...] = (("c", "supports"), ("d", "refutes"))
        for it, (claim_id, stance) in zip(stored, stances, strict=True):
            ev = Evidence(str(it.id), claim_id, 0.9, "match", stance, "", None, None, it.title)
            await evidence.record_evidence(db, it.id, it.id, ev, now)
        together = await evidence.stories_evidence(db, ["c", "d", "e"])
        assert together == {claim_id: await evidence.story_evidence(db, claim_id) for claim_id in "cde"}
        assert [s.stance for s in together["c"]] == ["supports"]
        assert together["e"] == []
        statuses = {claim_id: claim_status(stories, {}) for claim_id, stories in together.items()}
        assert statuses["c"].status != statuses["e"].status
        moved = await claims.set_statuses(db, statuses, now)
        assert moved == dict.fromkeys(("c", "d"), "unverified")
        assert await claims.set_statuses(db, statuses, now + 1) == {}
    record = await claims.get_claim(db, "d")
    assert record is not None
    assert record.status == statuses["d"].status
