"""Suggested claims move only forward: draft, pending, then approved or rejected, each step once."""

from __future__ import annotations

import asyncio
import time

from bot.engine import Claim
from storage import chats, claims, suggestions
from storage.db import Storage, transaction

LI = 1102


async def _chat(db: Storage, chat_id: int = LI) -> None:
    async with transaction(db):
        await chats.ensure_chat(db, chat_id, "private", "Li", time.time())


async def test_draft_confirm_approve(db: Storage) -> None:
    """An approved suggestion tracks its claim and subscribes its author's chat, in one step."""
    await _chat(db)
    drafted = await suggestions.draft(db, LI, LI, "Li", "zh", "小米汽车将在香港上市", time.time(), max_open=3)
    assert drafted.suggestion_id is not None
    pending = await suggestions.confirm(db, drafted.suggestion_id, LI, time.time())
    assert pending is not None
    assert pending.state == "pending"
    claim = Claim("suggested-1", "小米汽车将在香港上市")
    approved = await suggestions.approve(db, drafted.suggestion_id, 42, claim, time.time())
    assert approved is not None
    assert (approved.state, approved.claim_id) == ("approved", "suggested-1")
    record = await claims.get_claim(db, "suggested-1")
    assert record is not None
    assert record.origin == "suggestion"
    assert [(s.kind, s.target) for s in await chats.chat_subscriptions(db, LI)] == [("claim", "suggested-1")]


async def test_a_decision_is_taken_once(db: Storage) -> None:
    """Two admins pressing at once: one approval wins, the other press changes nothing."""
    await _chat(db)
    drafted = await suggestions.draft(db, LI, LI, "Li", "en", "Xiaomi will list in Hong Kong", time.time(), max_open=3)
    assert drafted.suggestion_id is not None
    await suggestions.confirm(db, drafted.suggestion_id, LI, time.time())
    claim = Claim("xiaomi-listing", "Xiaomi will list in Hong Kong")
    results = await asyncio.gather(
        suggestions.approve(db, drafted.suggestion_id, 42, claim, time.time()),
        suggestions.reject(db, drafted.suggestion_id, 43, time.time()),
        suggestions.approve(db, drafted.suggestion_id, 44, claim, time.time()),
    )
    assert sum(r is not None for r in results) == 1


async def test_only_the_author_confirms_and_only_once(db: Storage) -> None:
    """Someone else cannot confirm a draft; a confirmed draft is not confirmed again."""
    drafted = await suggestions.draft(db, LI, LI, "Li", "en", "Xiaomi will list in Hong Kong", time.time(), max_open=3)
    assert drafted.suggestion_id is not None
    assert await suggestions.confirm(db, drafted.suggestion_id, 9999, time.time()) is None
    assert await suggestions.confirm(db, drafted.suggestion_id, LI, time.time()) is not None
    assert await suggestions.confirm(db, drafted.suggestion_id, LI, time.time()) is None
    assert not await suggestions.withdraw(db, drafted.suggestion_id, LI)


async def test_limits_on_waiting_suggestions(db: Storage) -> None:
    """At most `max_open` suggestions of a user wait for the admins, never the same text twice."""
    now = time.time()

    async def sent(text: str) -> suggestions.Drafted:
        drafted = await suggestions.draft(db, LI, LI, "Li", "en", text, now, max_open=2)
        if drafted.suggestion_id is not None:
            await suggestions.confirm(db, drafted.suggestion_id, LI, now)
        return drafted

    assert (await sent("Xiaomi will list in Hong Kong")).suggestion_id
    assert await sent("xiaomi will LIST in Hong Kong") == suggestions.Drafted(None, "duplicate")
    assert (await sent("Xiaomi will buy Nio")).suggestion_id
    assert await sent("Xiaomi will buy BYD") == suggestions.Drafted(None, "too_many")


async def test_a_new_draft_replaces_the_unsent_one(db: Storage) -> None:
    """Drafts never block: a new one withdraws the user's unsent draft, whose Send button then does nothing."""
    first = await suggestions.draft(db, LI, LI, "Li", "en", "Xiaomi will list in Hong Kong", time.time(), max_open=1)
    again = await suggestions.draft(db, LI, LI, "Li", "en", "Xiaomi will list in Hong Kong", time.time(), max_open=1)
    assert first.suggestion_id is not None
    assert again.suggestion_id is not None
    assert await suggestions.confirm(db, first.suggestion_id, LI, time.time()) is None
    assert await suggestions.confirm(db, again.suggestion_id, LI, time.time()) is not None


async def test_admin_copies_are_remembered(db: Storage) -> None:
    """Each admin's copy of a suggestion is kept once per admin chat."""
    drafted = await suggestions.draft(db, LI, LI, "Li", "en", "Xiaomi will list in Hong Kong", time.time(), max_open=3)
    assert drafted.suggestion_id is not None
    await suggestions.record_admin_message(db, drafted.suggestion_id, 42, 7)
    await suggestions.record_admin_message(db, drafted.suggestion_id, 43, 8)
    await suggestions.record_admin_message(db, drafted.suggestion_id, 42, 9)
    assert await suggestions.admin_messages(db, drafted.suggestion_id) == [(42, 9), (43, 8)]
