"""Deleting what is no longer needed, a bounded batch per call so that no transaction runs long.

Kept whatever its age: items that are match-level evidence on a claim (they decide its status, and
`/status` shows them, official responses first) and alerts not yet delivered. Deleting an item
deletes its evidence with it (ON DELETE CASCADE).
"""

from __future__ import annotations

from storage.db import Storage


async def _deleted(db: Storage, sql: str, params: tuple[float | int, ...]) -> int:
    return len(list(await db.fetchall(sql, params)))


async def prune_items(db: Storage, before: float, limit: int) -> int:
    """Delete up to `limit` items fetched before `before` that are no claim's match-level evidence."""
    return await _deleted(
        db,
        "DELETE FROM items WHERE id IN (SELECT i.id FROM items i WHERE i.fetched_at < ? AND NOT EXISTS "
        "(SELECT 1 FROM evidence e WHERE e.item_id = i.id AND e.level = 'match') ORDER BY i.id LIMIT ?) RETURNING id",
        (before, limit),
    )


async def prune_candidates(db: Storage, before: float, limit: int) -> int:
    """Delete up to `limit` candidate-level evidence rows recorded before `before` (on items that stay)."""
    return await _deleted(
        db,
        "DELETE FROM evidence WHERE id IN (SELECT id FROM evidence WHERE level = 'candidate' AND created_at < ? "
        "ORDER BY id LIMIT ?) RETURNING id",
        (before, limit),
    )


async def prune_alerts(db: Storage, sent_before: float, dead_before: float, limit: int) -> int:
    """Delete up to `limit` alerts sent before `sent_before` or given up before `dead_before`; never pending ones."""
    return await _deleted(
        db,
        "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE (state = 'sent' AND sent_at < ?) "
        "OR (state = 'dead' AND created_at < ?) ORDER BY id LIMIT ?) RETURNING id",
        (sent_before, dead_before, limit),
    )
