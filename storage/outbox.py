"""Queries on `outbox`: alerts waiting to be sent, and what became of them.

A row's unique key (chat, thread, claim, story, kind) makes a second alert for the same story
impossible: `enqueue` silently skips it. A row whose `not_before` lies after its queueing time is
*held* (a digest or quiet hours, see `bot.delivery`): when due, the held rows of a chat and thread are
sent together as one digest.

States: pending -> sent (Telegram accepted it) | dead (the chat is gone, or Telegram refused it for good).
A chat where the bot lost the right to send keeps its alerts pending, held (`hold_chat_alerts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.db import Row, Storage, insert_rows


@dataclass(frozen=True, slots=True)
class Alert:
    """Where an alert goes (chat, forum thread), what it is about (claim, story, kind) and its text."""

    chat_id: int
    thread_id: int
    claim_id: str
    story_id: int
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class NewAlert(Alert):
    not_before: float = 0.0


@dataclass(frozen=True, slots=True)
class PendingAlert(Alert):
    id: int
    attempts: int
    created_at: float
    held: bool = False


def _pending(row: Row) -> PendingAlert:
    return PendingAlert(
        chat_id=row["chat_id"], thread_id=row["thread_id"], claim_id=row["claim_id"], story_id=row["story_id"],
        kind=row["kind"], text=row["text"], id=row["id"], attempts=row["attempts"], created_at=row["created_at"],
        held=bool(row["held"]),
    )


async def enqueue(db: Storage, alerts: Sequence[NewAlert], now: float) -> int:
    """Queue alerts not queued before; return how many were new. One released after `now` is held."""
    inserted = await insert_rows(
        db,
        "INSERT INTO outbox (chat_id, thread_id, claim_id, story_id, kind, text, not_before, created_at, held) "
        "VALUES {values} ON CONFLICT DO NOTHING RETURNING id",
        [(a.chat_id, a.thread_id, a.claim_id, a.story_id, a.kind, a.text, a.not_before, now, int(a.not_before > now))
         for a in alerts],
    )
    return len(inserted)


async def due_alerts(db: Storage, now: float, limit: int = 100) -> list[PendingAlert]:
    """Pending alerts whose time has come, oldest first."""
    return [_pending(r) for r in await db.fetchall(
        "SELECT id, chat_id, thread_id, claim_id, story_id, kind, text, attempts, created_at, held FROM outbox "
        "WHERE state = 'pending' AND not_before <= ? ORDER BY id LIMIT ?",
        (now, limit),
    )]


async def next_per_chat(db: Storage, now: float, limit: int) -> list[PendingAlert]:
    """The oldest due alert of each chat, oldest first: a chat with many alerts cannot starve the others."""
    return [_pending(r) for r in await db.fetchall(
        "SELECT id, chat_id, thread_id, claim_id, story_id, kind, text, attempts, created_at, held FROM outbox "
        "WHERE id IN (SELECT MIN(id) FROM outbox "
        "WHERE state = 'pending' AND not_before <= ? GROUP BY chat_id) ORDER BY id LIMIT ?",
        (now, limit),
    )]


async def due_held(db: Storage, chat_id: int, thread_id: int, now: float) -> list[PendingAlert]:
    """The held alerts of one chat and thread that are due now, oldest first: one digest's content."""
    return [_pending(r) for r in await db.fetchall(
        "SELECT id, chat_id, thread_id, claim_id, story_id, kind, text, attempts, created_at, held FROM outbox "
        "WHERE chat_id = ? AND thread_id = ? AND state = 'pending' "
        "AND not_before <= ? AND held = 1 ORDER BY id",
        (chat_id, thread_id, now),
    )]


async def next_due_at(db: Storage) -> float | None:
    row = await db.fetchone("SELECT MIN(not_before) FROM outbox WHERE state = 'pending'")
    return float(row[0]) if row and row[0] is not None else None


async def mark_sent(db: Storage, alert_id: int, message_id: int | None, now: float) -> None:
    """Telegram accepted the alert (alone or in a digest message)."""
    await db.execute(
        "UPDATE outbox SET state = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1 "
        "WHERE id = ? AND state = 'pending'",
        (now, message_id, alert_id),
    )


async def mark_sent_many(
    db: Storage, alert_ids: Sequence[int], message_id: int | None, now: float
) -> None:
    """Telegram accepted one message carrying these alerts (a digest, or a single alert)."""
    await db.executemany(
        "UPDATE outbox SET state = 'sent', sent_at = ?, message_id = ?, attempts = attempts + 1 "
        "WHERE id = ? AND state = 'pending'",
        [(now, message_id, alert_id) for alert_id in alert_ids],
    )


async def mark_dead(db: Storage, alert_id: int, reason: str) -> None:
    await db.execute(
        "UPDATE outbox SET state = 'dead', last_error = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
        (reason, alert_id),
    )


async def drop_chat_alerts(db: Storage, chat_id: int, reason: str) -> int:
    """The chat is gone: its pending alerts will never be delivered."""
    return len(list(await db.fetchall(
        "UPDATE outbox SET state = 'dead', last_error = ? WHERE chat_id = ? AND state = 'pending' RETURNING id",
        (reason, chat_id),
    )))


async def reschedule(db: Storage, alert_id: int, not_before: float, error: str) -> None:
    await db.execute(
        "UPDATE outbox SET not_before = ?, last_error = ?, attempts = attempts + 1 WHERE id = ? AND state = 'pending'",
        (not_before, error, alert_id),
    )


async def hold_chat_alerts(db: Storage, chat_id: int, until: float, reason: str) -> None:
    """Nothing can be sent to the chat for now: its pending alerts wait until `until` (none is given up)."""
    await db.execute(
        "UPDATE outbox SET not_before = CASE WHEN not_before < ? THEN ? ELSE not_before END, last_error = ? "
        "WHERE chat_id = ? AND state = 'pending'",
        (until, until, reason, chat_id),
    )


async def release_chat_alerts(db: Storage, chat_id: int, now: float) -> int:
    """The chat can be written to again: its held instant alerts are due now (digests keep their time)."""
    rows = await db.fetchall(
        "UPDATE outbox SET not_before = ? WHERE chat_id = ? AND state = 'pending' AND held = 0 AND not_before > ? "
        "RETURNING id",
        (now, chat_id, now),
    )
    return len(rows)


async def backlog(db: Storage) -> tuple[int, float | None]:
    """How many alerts are pending (held ones included), and when the oldest of them was queued."""
    row = await db.fetchone("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE state = 'pending'")
    return (int(row[0]), row[1]) if row else (0, None)
