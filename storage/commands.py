"""What a chat command writes, each change whole in its own transaction.

Handlers call these and never open a transaction themselves: storage owns SQL and transactions.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.records import Claim, Entity
from storage import chats, claims, feeds, outbox
from storage.chats import ChatSettings
from storage.db import Storage, transaction


async def record_chat(
    db: Storage, chat_id: int, chat_type: str, title: str, now: float, seen_language: str | None
) -> None:
    """The chat spoke: remember it, active, with the language its last speaker uses."""
    async with transaction(db):
        await chats.ensure_chat(db, chat_id, chat_type, title, now, seen_language)


async def change_subscription(
    db: Storage, chat_id: int, thread_id: int, kind: str, target: str, now: float, *, adding: bool
) -> bool:
    """Subscribe or unsubscribe; True when something changed."""
    async with transaction(db):
        if adding:
            return await chats.subscribe(db, chat_id, thread_id, kind, target, now)
        return await chats.unsubscribe(db, chat_id, thread_id, kind, target)


async def mute_claim(db: Storage, chat_id: int, thread_id: int, claim_id: str, now: float) -> None:
    async with transaction(db):
        await chats.mute(db, chat_id, thread_id, claim_id, now)


async def change_settings(db: Storage, chat_id: int, changes: dict[str, str | None]) -> ChatSettings:
    """Store some settings of a chat; the settings now in force."""
    async with transaction(db):
        await chats.update_settings(db, chat_id, changes)
    return await chats.chat_settings(db, chat_id)


async def track_claim(db: Storage, claim: Claim, origin: str, now: float) -> None:
    async with transaction(db):
        await claims.upsert_claims(db, [claim], origin, now)


async def untrack_claim(db: Storage, claim_id: str) -> None:
    """The claim goes, and every subscription to it with it."""
    async with transaction(db):
        await claims.delete_claim(db, claim_id)
        await chats.drop_claim_subscriptions(db, claim_id)


async def save_entity(db: Storage, entity: Entity) -> None:
    async with transaction(db):
        await claims.upsert_entities(db, [entity])


async def set_feed_officials(db: Storage, feed_id: int, entity_ids: Sequence[str]) -> None:
    async with transaction(db):
        await feeds.set_official_for(db, feed_id, entity_ids)


async def remove_feed(db: Storage, feed_id: int) -> None:
    """The feed goes, with its items and evidence."""
    async with transaction(db):
        await feeds.remove_feed(db, feed_id)


async def rights_restored(db: Storage, chat_id: int, now: float) -> int:
    """The bot may send in the chat again: clear the mark and release the alerts held for it; how many."""
    async with transaction(db):
        if not await chats.mark_can_send(db, chat_id):
            return 0
        return await outbox.release_chat_alerts(db, chat_id, now)
