"""Queries on the `items` table: new and edited entries, and their stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from bot.feeds.parse import ParsedEntry


@dataclass(frozen=True, slots=True)
class StoredItem:
    id: int
    feed_id: int
    title: str
    summary: str
    link: str
    published_at: float
    story_id: int | None
    edited: bool


async def store_entries(
    db: aiosqlite.Connection, feed_id: int, entries: Sequence[ParsedEntry], now: float
) -> list[StoredItem]:
    """Insert new entries and update edited ones; return exactly those (unchanged ones are skipped)."""
    stored = []
    for e in entries:
        async with db.execute(
            "INSERT INTO items (feed_id, identity, title, summary, link, published_at, fetched_at, "
            "content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (feed_id, identity) DO UPDATE SET title = excluded.title, "
            "summary = excluded.summary, link = excluded.link, content_hash = excluded.content_hash, "
            "edits = edits + 1 WHERE content_hash != excluded.content_hash "
            "RETURNING id, story_id, edits, published_at",
            (feed_id, e.identity, e.title, e.summary, e.link, e.published.timestamp(), now, e.content_hash),
        ) as cur:
            row = await cur.fetchone()
        if row:
            stored.append(StoredItem(row["id"], feed_id, e.title, e.summary, e.link,
                                     row["published_at"], row["story_id"], row["edits"] > 0))
    return stored


async def set_story(db: aiosqlite.Connection, item_id: int, story_id: int) -> None:
    await db.execute("UPDATE items SET story_id = ? WHERE id = ?", (story_id, item_id))


async def recent_items(db: aiosqlite.Connection, since: float) -> list[StoredItem]:
    """Items fetched since `since`, oldest first: replayed into the story index at start-up."""
    async with db.execute(
        "SELECT id, feed_id, title, summary, link, published_at, story_id, edits FROM items "
        "WHERE fetched_at >= ? ORDER BY id",
        (since,),
    ) as cur:
        rows = await cur.fetchall()
    return [StoredItem(r["id"], r["feed_id"], r["title"], r["summary"], r["link"], r["published_at"],
                       r["story_id"], r["edits"] > 0) for r in rows]


async def count_items(db: aiosqlite.Connection) -> int:
    async with db.execute("SELECT COUNT(*) FROM items") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0
