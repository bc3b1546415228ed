"""Evidence as /status reads it."""

from __future__ import annotations

import time

from bot.engine import Claim, Evidence
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
