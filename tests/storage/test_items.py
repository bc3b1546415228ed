"""store_entries: exactly the new and edited entries come back, in a few statements per feed."""

from __future__ import annotations

import time

from core.records import ParsedEntry
from storage import feeds, items, transaction
from storage.db import Storage
from tests.helpers import entry


async def new_feed(db: Storage) -> int:
    async with transaction(db):
        feed = await feeds.add_feed(db, "https://news.example/rss", "News", (), "config", time.time())
    assert feed is not None
    return feed.id


async def store(db: Storage, feed_id: int, batch: list[ParsedEntry]) -> list[items.StoredItem]:
    async with transaction(db):
        return await items.store_entries(db, feed_id, batch, time.time())


async def test_new_edited_and_unchanged_entries(db: Storage) -> None:
    """New entries come back as new, edited ones as edited with their first id, unchanged ones not at all."""
    feed_id = await new_feed(db)
    first = await store(db, feed_id, [entry("a", "A"), entry("b", "B")])
    assert [(s.title, s.edited) for s in first] == [("A", False), ("B", False)]
    again = await store(db, feed_id, [entry("c", "C"), entry("a", "A"), entry("b", "B, updated")])
    assert [(s.title, s.edited) for s in again] == [("C", False), ("B, updated", True)]
    assert again[1].id == first[1].id
    assert await store(db, feed_id, [entry("a", "A"), entry("b", "B, updated")]) == []
    assert await items.count_items(db) == 3


async def test_an_identity_twice_in_one_batch_counts_once(db: Storage) -> None:
    """A feed that lists one identity twice stores one item, with the last text."""
    feed_id = await new_feed(db)
    [stored] = await store(db, feed_id, [entry("a", "first"), entry("a", "second")])
    assert (stored.title, stored.edited) == ("second", False)


async def test_large_batches_are_read_in_chunks(db: Storage) -> None:
    """More entries than one IN (...) list holds are all stored and all recognised the next time."""
    feed_id = await new_feed(db)
    batch = [entry(f"id-{n}", f"Title {n}") for n in range(1200)]
    assert len(await store(db, feed_id, batch)) == 1200
    assert await store(db, feed_id, batch) == []
    assert [s.title for s in await store(db, feed_id, [*batch[:-1], entry("id-1199", "Changed")])] == ["Changed"]

