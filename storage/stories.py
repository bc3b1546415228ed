"""Queries on `story_marks`: the near-duplicate index every process shares (see `bot.stories`)."""

from __future__ import annotations

from collections.abc import Sequence

from core.records import StoryMarkRecord
from storage.db import Row, Storage, insert_rows

_COLUMNS = "seq, item_id, story_id, link, title_sig, title_words, short_cjk_title, body_sig, published"


def _mark(row: Row) -> tuple[int, int, StoryMarkRecord]:
    """(seq, item id, mark) of a row."""
    mark = StoryMarkRecord(row["story_id"], row["link"], bytes(row["title_sig"]), row["title_words"],
                           bool(row["short_cjk_title"]), bytes(row["body_sig"]), row["published"])
    return row["seq"], row["item_id"], mark


async def marks_after(db: Storage, seq: int) -> list[tuple[int, int, StoryMarkRecord]]:
    """Marks placed after `seq`, in the order they were placed."""
    rows = await db.fetchall(f"SELECT {_COLUMNS} FROM story_marks WHERE seq > ? ORDER BY seq", (seq,))  # noqa: S608 - fixed columns
    return [_mark(r) for r in rows]


async def latest_marks(db: Storage, limit: int) -> list[tuple[int, int, StoryMarkRecord]]:
    """The `limit` most recently placed marks, oldest first."""
    rows = await db.fetchall(f"SELECT {_COLUMNS} FROM story_marks ORDER BY seq DESC LIMIT ?", (limit,))  # noqa: S608 - fixed columns
    return [_mark(r) for r in reversed(rows)]


async def add_marks(db: Storage, placed: Sequence[tuple[int, StoryMarkRecord]]) -> int:
    """Record placed items, (item id, mark); return the newest seq (0 when nothing was added)."""
    added = await insert_rows(
        db,
        "INSERT INTO story_marks (item_id, story_id, link, title_sig, title_words, short_cjk_title, body_sig, "
        "published) VALUES {values} ON CONFLICT (item_id) DO NOTHING RETURNING seq",
        [(item_id, m.story, m.link, m.title, m.title_words, int(m.short_cjk_title), m.body, m.published)
         for item_id, m in placed],
    )
    return max((int(r[0]) for r in added), default=0)


async def unmarked_items(db: Storage, since: float) -> list[Row]:
    """Items fetched since `since` that have a story but no mark (stored before the index was shared)."""
    return await db.fetchall(
        "SELECT i.id, i.title, i.summary, i.link, i.published_at, i.story_id FROM items i "
        "LEFT JOIN story_marks m ON m.item_id = i.id WHERE i.fetched_at >= ? AND m.item_id IS NULL "
        "AND i.story_id IS NOT NULL ORDER BY i.id",
        (since,),
    )


async def forget_before(db: Storage, published: float) -> None:
    await db.execute("DELETE FROM story_marks WHERE published < ?", (published,))
