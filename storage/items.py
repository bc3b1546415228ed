"""Queries on the `items` table: new and edited entries, and their stories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from core.records import ParsedEntry
from storage.db import Row, Storage, batches
from storage.dialect import one_of


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
    identity: str = ""


async def store_entries(
    db: Storage, feed_id: int, entries: Sequence[ParsedEntry], now: float
) -> list[StoredItem]:
    """Insert new entries and update edited ones; return exactly those (unchanged ones are skipped).

    A few statements per feed, not one per entry: read what is stored under these identities, insert
    the new ones and update the edited ones with `executemany`, then read back their rows. Call it
    inside a transaction. An identity listed twice in one batch counts once, with its last text.
    """
    latest = {e.identity: e for e in entries}
    stored = await stored_hashes(db, feed_id, list(latest))
    new = [e for key, e in latest.items() if key not in stored]
    edited = [e for key, e in latest.items() if key in stored and stored[key] != e.content_hash]
    if new:
        await db.executemany(
            "INSERT INTO items (feed_id, identity, title, summary, link, published_at, fetched_at, content_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed_id, identity) DO NOTHING",
            [(feed_id, e.identity, e.title, e.summary, e.link, e.published.timestamp(), now, e.content_hash)
             for e in new],
        )
    if edited:
        await db.executemany(
            "UPDATE items SET title = ?, summary = ?, link = ?, content_hash = ?, edits = edits + 1 "
            "WHERE feed_id = ? AND identity = ?",
            [(e.title, e.summary, e.link, e.content_hash, feed_id, e.identity) for e in edited],
        )
    changed = {e.identity for e in (*new, *edited)}
    rows = await _rows(db, feed_id, [key for key in latest if key in changed])
    return [StoredItem(rows[key]["id"], feed_id, e.title, e.summary, e.link, rows[key]["published_at"],
                       rows[key]["story_id"], rows[key]["edits"] > 0, key)
            for key, e in latest.items() if key in changed and key in rows]


async def changed_entries(db: Storage, feed_id: int, entries: Sequence[ParsedEntry]) -> list[ParsedEntry]:
    """The entries that `store_entries` would insert or update now: a read, outside any transaction."""
    latest = {e.identity: e for e in entries}
    stored = await stored_hashes(db, feed_id, list(latest))
    return [e for key, e in latest.items() if stored.get(key) != e.content_hash]


async def stored_hashes(db: Storage, feed_id: int, identities: Sequence[str]) -> dict[str, str]:
    """{identity: content_hash} of the given identities already stored for the feed."""
    return {row["identity"]: row["content_hash"]
            for row in await _select(db, "identity, content_hash", feed_id, identities)}


async def _rows(db: Storage, feed_id: int, identities: Sequence[str]) -> dict[str, Row]:
    return {row["identity"]: row
            for row in await _select(db, "identity, id, published_at, story_id, edits", feed_id, identities)}


async def _select(
    db: Storage, columns: str, feed_id: int, identities: Sequence[str]
) -> list[Row]:
    found: list[Row] = []
    for chunk in batches(identities):
        where, args = one_of(db.dialect, "identity", chunk)
        found.extend(await db.fetchall(
            f"SELECT {columns} FROM items WHERE feed_id = ? AND {where}",  # noqa: S608 - fixed columns, placeholders only
            (feed_id, *args),
        ))
    return found


async def set_stories(db: Storage, stories: Sequence[tuple[int, int]]) -> None:
    """Record the story of many items at once: (item_id, story_id) pairs."""
    await db.executemany("UPDATE items SET story_id = ? WHERE id = ?", [(story, item) for item, story in stories])


async def recent_items(db: Storage, since: float) -> list[StoredItem]:
    """Items fetched since `since`, oldest first: replayed into the story index at start-up."""
    rows = await db.fetchall(
        "SELECT id, feed_id, title, summary, link, published_at, story_id, edits FROM items "
        "WHERE fetched_at >= ? ORDER BY id",
        (since,),
    )
    return [StoredItem(r["id"], r["feed_id"], r["title"], r["summary"], r["link"], r["published_at"],
                       r["story_id"], r["edits"] > 0) for r in rows]


async def count_items(db: Storage) -> int:
    row = await db.fetchone("SELECT COUNT(*) FROM items")
    return int(row[0]) if row else 0
