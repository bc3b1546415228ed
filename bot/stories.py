"""The story index shared by every process: an in-memory `StoryIndex` kept in step with `story_marks`.

Placing items is a short transaction of its own (`db.aside()`), committed before the caller's: under
the database's `stories` lock it reads the marks other processes placed since this one last looked,
places the new items and records their marks. Two pollers that fetch copies of one story at the same
moment take turns for a few milliseconds, and the second sees the first's copy, while the rest of
their work (evidence, statuses, alerts) runs side by side. A mark whose item's transaction then fails
stays: the item comes again with the next fetch and joins the story that mark named.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from bot.engine import StoryIndex
from bot.engine.stories import StoryMark, mark
from core.links import canonical_link
from core.records import StoryMarkRecord
from storage import stories as marks
from storage.db import Storage


async def place(db: Storage, index: StoryIndex, new: Sequence[tuple[int, StoryMark]]) -> dict[int, int]:
    """{item id: story id} for marked new items (their ids from the caller's transaction)."""
    if not new:
        return {}
    async with db.aside():
        await db.lock("stories")
        await catch_up(db, index)
        placed = {item_id: index.place(item_id, m) for item_id, m in new}
        index.synced = max(index.synced, await marks.add_marks(db, new))
    return placed


async def catch_up(db: Storage, index: StoryIndex) -> None:
    """Remember the marks other processes placed since this index last looked."""
    for seq, item_id, m in await marks.marks_after(db, index.synced):
        index.remember(item_id, _story_mark(m))
        index.synced = seq


async def load(db: Storage, index: StoryIndex, since: float) -> None:
    """At start-up: mark the recent items stored before marks existed, then load the latest marks."""
    async with db.transaction():
        await db.lock("stories")
        legacy = await marks.unmarked_items(db, since)
        backfill = []
        for r in legacy:
            m = mark(r["title"], r["summary"], canonical_link(r["link"]), _utc(r["published_at"]))
            m.story = r["story_id"]
            backfill.append((r["id"], m))
        await marks.add_marks(db, backfill)
    for seq, item_id, stored in await marks.latest_marks(db, index.max_items):
        index.remember(item_id, _story_mark(stored))
        index.synced = seq


def _story_mark(m: StoryMarkRecord) -> StoryMark:
    return StoryMark(m.story, m.link, m.title, m.title_words, m.short_cjk_title, m.body, m.published)


def _utc(stamp: float) -> datetime:
    return datetime.fromtimestamp(stamp, tz=UTC)
