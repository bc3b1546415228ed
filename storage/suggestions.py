"""Queries on `suggestions`: claims anyone may suggest, and the bot admins' decision on each.

A suggestion moves only forward, each step one guarded UPDATE, so that two presses (two admins, or one
impatient author) cannot both win:

    draft ──confirm──▶ pending ──approve──▶ approved (claim tracked, author subscribed)
      └──withdraw──▶ withdrawn    └──reject──▶ rejected

Every write here is its own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import StorageError
from core.records import Claim
from storage import chats, claims
from storage.db import Row, Storage, transaction


@dataclass(frozen=True, slots=True)
class Suggestion:
    id: int
    user_id: int
    chat_id: int
    author: str
    language: str
    text: str
    state: str
    claim_id: str | None
    created_at: float


@dataclass(frozen=True, slots=True)
class Drafted:
    """The new draft's id, or why there is none: `too_many` suggestions wait, or the same text waits."""

    suggestion_id: int | None
    refused: str | None = None


def _suggestion(row: Row) -> Suggestion:
    return Suggestion(row["id"], row["user_id"], row["chat_id"], row["author"], row["language"], row["text"],
                      row["state"], row["claim_id"], row["created_at"])


async def draft(
    db: Storage, user_id: int, chat_id: int, author: str, language: str, text: str, now: float,
    max_open: int,
) -> Drafted:
    """A new draft, replacing the user's unsent one; refused when `max_open` of theirs already wait for the
    admins, or this very text does."""
    async with transaction(db):
        await db.execute("UPDATE suggestions SET state = 'withdrawn' WHERE user_id = ? AND state = 'draft'",
                         (user_id,))
        waiting = [row["text"] for row in await db.fetchall(
            "SELECT text FROM suggestions WHERE user_id = ? AND state = 'pending'", (user_id,)
        )]
        if any(t.casefold() == text.casefold() for t in waiting):
            return Drafted(None, "duplicate")
        if len(waiting) >= max_open:
            return Drafted(None, "too_many")
        row = await db.fetchone(
            "INSERT INTO suggestions (user_id, chat_id, author, language, text, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (user_id, chat_id, author, language, text, now),
        )
    if row is None:
        raise StorageError("a new suggestion was not stored")
    return Drafted(int(row["id"]))


async def get(db: Storage, suggestion_id: int) -> Suggestion | None:
    row = await db.fetchone("SELECT * FROM suggestions WHERE id = ?", (suggestion_id,))
    return _suggestion(row) if row else None


async def _advance(
    db: Storage, suggestion_id: int, before: str, after: str, extra: str, args: tuple[object, ...]
) -> Suggestion | None:
    """Move one suggestion from `before` to `after`; None when it was not in `before` (already moved)."""
    sql = f"UPDATE suggestions SET state = ?{extra} WHERE id = ? AND state = ? RETURNING *"  # noqa: S608 - fixed text
    row = await db.fetchone(sql, (after, *args, suggestion_id, before))
    return _suggestion(row) if row else None


async def confirm(db: Storage, suggestion_id: int, user_id: int, now: float) -> Suggestion | None:
    """The author confirms a draft: it is pending for the admins. None when it was not this user's draft."""
    async with transaction(db):
        found = await get(db, suggestion_id)
        if found is None or found.user_id != user_id:
            return None
        return await _advance(db, suggestion_id, "draft", "pending", ", sent_at = ?", (now,))


async def withdraw(db: Storage, suggestion_id: int, user_id: int) -> bool:
    """The author drops a draft; True when there was one."""
    async with transaction(db):
        found = await get(db, suggestion_id)
        if found is None or found.user_id != user_id:
            return False
        return await _advance(db, suggestion_id, "draft", "withdrawn", "", ()) is not None


async def reject(db: Storage, suggestion_id: int, admin_id: int, now: float) -> Suggestion | None:
    """An admin rejects a pending suggestion; None when it was decided already."""
    async with transaction(db):
        return await _advance(db, suggestion_id, "pending", "rejected", ", decided_at = ?, decided_by = ?",
                              (now, admin_id))


async def approve(
    db: Storage, suggestion_id: int, admin_id: int, claim: Claim, now: float
) -> Suggestion | None:
    """An admin approves: the claim is tracked and its author's chat subscribed, all at once.

    None when the suggestion was decided already (nothing changes then).
    """
    async with transaction(db):
        decided = await _advance(db, suggestion_id, "pending", "approved",
                                 ", decided_at = ?, decided_by = ?, claim_id = ?", (now, admin_id, claim.id))
        if decided is None:
            return None
        await claims.upsert_claims(db, [claim], "suggestion", now)
        await chats.subscribe(db, decided.chat_id, 0, "claim", claim.id, now)
    return decided


async def record_admin_message(db: Storage, suggestion_id: int, chat_id: int, message_id: int) -> None:
    """Remember an admin's copy of a suggestion, to redraw it once decided."""
    async with transaction(db):
        await db.execute(
            "INSERT INTO suggestion_messages (suggestion_id, chat_id, message_id) VALUES (?, ?, ?) "
            "ON CONFLICT (suggestion_id, chat_id) DO UPDATE SET message_id = excluded.message_id",
            (suggestion_id, chat_id, message_id),
        )


async def admin_messages(db: Storage, suggestion_id: int) -> list[tuple[int, int]]:
    """(chat_id, message_id) of every admin's copy of the suggestion."""
    return [(int(r["chat_id"]), int(r["message_id"])) for r in await db.fetchall(
        "SELECT chat_id, message_id FROM suggestion_messages WHERE suggestion_id = ? ORDER BY chat_id",
        (suggestion_id,),
    )]
