"""Queries on the `feeds` table: what to poll, and what polling found."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from core.records import FeedConfig
from storage.db import Row, Storage


@dataclass(frozen=True, slots=True)
class Feed:
    id: int
    url: str
    name: str
    title: str
    official_for: tuple[str, ...]
    origin: str
    etag: str | None
    last_modified: str | None
    interval_s: float | None
    next_check_at: float
    last_checked_at: float | None
    last_success_at: float | None
    last_error: str | None
    error_count: int
    failing: bool
    polled_once: bool

    @property
    def display_name(self) -> str:
        return self.name or self.title or self.url


def _feed(row: Row) -> Feed:
    return Feed(
        id=row["id"],
        url=row["url"],
        name=row["name"],
        title=row["title"],
        official_for=tuple(json.loads(row["official_for"])),
        origin=row["origin"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        interval_s=row["interval_s"],
        next_check_at=row["next_check_at"],
        last_checked_at=row["last_checked_at"],
        last_success_at=row["last_success_at"],
        last_error=row["last_error"],
        error_count=row["error_count"],
        failing=bool(row["failing"]),
        polled_once=bool(row["polled_once"]),
    )


async def sync_config_feeds(db: Storage, feeds: Sequence[FeedConfig], now: float) -> None:
    """Add the configured feeds that are new and refresh the names and official_for of the others.

    A configured feed is found by the URL it has now or by the URL the configuration gave it, so a feed
    that moved for good (and is stored under its new URL) is not added a second time at its old one.
    """
    for f in feeds:
        official = json.dumps(list(f.official_for))
        if await db.fetchone(
            "UPDATE feeds SET name = ?, official_for = ?, config_url = COALESCE(config_url, ?) "
            "WHERE id = (SELECT MIN(id) FROM feeds WHERE config_url = ? OR url = ?) RETURNING id",
            (f.name, official, f.url, f.url, f.url),
        ) is not None:
            continue
        # Another process starting at the same time may have added it since: theirs stands.
        await db.execute(
            "INSERT INTO feeds (url, config_url, name, official_for, origin, added_at) "
            "VALUES (?, ?, ?, ?, 'config', ?) ON CONFLICT (url) DO NOTHING",
            (f.url, f.url, f.name, official, now),
        )


async def add_feed(
    db: Storage, url: str, name: str, official_for: Sequence[str], origin: str, now: float
) -> Feed | None:
    """Insert a feed; None if the URL is already tracked."""
    row = await db.fetchone(
        "INSERT INTO feeds (url, name, official_for, origin, added_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (url) DO NOTHING RETURNING *",
        (url, name, json.dumps(list(official_for)), origin, now),
    )
    return _feed(row) if row else None


async def remove_feed(db: Storage, feed_id: int) -> bool:
    """Forget a feed, its items (cascade) and their story marks (which have no foreign key)."""
    await db.execute("DELETE FROM story_marks WHERE item_id IN (SELECT id FROM items WHERE feed_id = ?)", (feed_id,))
    return await db.fetchone("DELETE FROM feeds WHERE id = ? RETURNING id", (feed_id,)) is not None


async def get_feed(db: Storage, key: int | str) -> Feed | None:
    """A feed by id or URL."""
    column = "id" if isinstance(key, int) else "url"
    row = await db.fetchone(f"SELECT * FROM feeds WHERE {column} = ?", (key,))  # noqa: S608 - fixed column names
    return _feed(row) if row else None


async def list_feeds(db: Storage) -> list[Feed]:
    return [_feed(r) for r in await db.fetchall("SELECT * FROM feeds ORDER BY id")]


async def due_feeds(db: Storage, now: float, limit: int = 1000) -> list[Feed]:
    """The feeds whose next check time has come, most overdue first."""
    return [_feed(r) for r in await db.fetchall(
        "SELECT * FROM feeds WHERE next_check_at <= ? ORDER BY next_check_at LIMIT ?", (now, limit)
    )]


async def claim_due(db: Storage, now: float, lease_until: float, limit: int) -> list[Feed]:
    """Lease up to `limit` due feeds that no one holds, most overdue first: each is polled by one poller.

    On PostgreSQL, `SKIP LOCKED` lets pollers claim at the same moment without waiting for each other;
    a poller that dies keeps its feeds only until `lease_until`.
    """
    skip_locked = " FOR UPDATE SKIP LOCKED" if db.dialect == "postgresql" else ""
    rows = await db.fetchall(
        "UPDATE feeds SET lease_until = ? WHERE id IN (SELECT id FROM feeds WHERE next_check_at <= ? "  # noqa: S608 - fixed clause
        f"AND lease_until <= ? ORDER BY next_check_at LIMIT ?{skip_locked}) RETURNING *",
        (lease_until, now, now, limit),
    )
    return sorted((_feed(r) for r in rows), key=lambda f: (f.next_check_at, f.id))


async def release_leases(db: Storage) -> None:
    """Forget every lease: for the one process of a SQLite database, which cannot share it with a poller."""
    await db.execute("UPDATE feeds SET lease_until = 0 WHERE lease_until > 0")


async def set_next_check(db: Storage, feed_id: int, at: float) -> None:
    """Move a feed's next check, e.g. to now to poll it at the next tick."""
    await db.execute("UPDATE feeds SET next_check_at = ? WHERE id = ?", (at, feed_id))


async def set_official_for(db: Storage, feed_id: int, entities: Sequence[str]) -> None:
    await db.execute("UPDATE feeds SET official_for = ? WHERE id = ?", (json.dumps(list(entities)), feed_id))


async def record_success(
    db: Storage,
    feed_id: int,
    *,
    now: float,
    next_check_at: float,
    etag: str | None,
    last_modified: str | None,
    title: str | None = None,
    url: str | None = None,
) -> None:
    """A fetch worked (200 or 304): clear the error state and keep the validators."""
    await db.execute(
        "UPDATE feeds SET etag = COALESCE(?, etag), last_modified = COALESCE(?, last_modified), "
        "title = COALESCE(?, title), next_check_at = ?, last_checked_at = ?, "
        "last_success_at = ?, error_count = 0, failing = 0, polled_once = 1, lease_until = 0 WHERE id = ?",
        (etag, last_modified, title, next_check_at, now, now, feed_id),
    )
    if url:
        # A feed that moved for good follows its new URL, unless another tracked feed is already there.
        await db.execute(
            "UPDATE feeds SET url = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM feeds WHERE url = ?)",
            (url, feed_id, url),
    )


async def record_error(
    db: Storage, feed_id: int, *, now: float, next_check_at: float, error: str, failing_after: int
) -> bool:
    """A fetch failed; return True when this failure is the one that marks the feed failing."""
    row = await db.fetchone(
        "UPDATE feeds SET error_count = error_count + 1, last_error = ?, last_error_at = ?, "
        "last_checked_at = ?, next_check_at = ?, lease_until = 0, "
        "failing = CASE WHEN error_count + 1 >= ? THEN 1 ELSE 0 END WHERE id = ? "
        "RETURNING error_count, failing",
        (error, now, now, next_check_at, failing_after, feed_id),
    )
    return bool(row and row["failing"] and row["error_count"] == failing_after)


FEED_STATES = ("ok", "erroring", "failing", "never_polled")


async def count_by_state(db: Storage) -> dict[str, int]:
    """How many feeds are ok, erroring (failed lately), failing (told to admins) or never polled."""
    found = {row["state"]: int(row["n"]) for row in await db.fetchall(
        "SELECT CASE WHEN last_checked_at IS NULL THEN 'never_polled' WHEN failing = 1 THEN 'failing' "
        "WHEN error_count > 0 THEN 'erroring' ELSE 'ok' END AS state, COUNT(*) AS n FROM feeds GROUP BY 1"
    )}
    return {state: found.get(state, 0) for state in FEED_STATES}
