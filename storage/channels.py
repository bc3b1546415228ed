"""Queries on `channel_admins`: channels subscribed from a private chat, and who manages them there.

A channel is a chat like any other in `chats` and `subscriptions`; what it lacks is a place to type
commands, so its administrators manage it from their private chat with the bot. Every write here is its
own transaction.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import chats
from storage.db import Storage, transaction


@dataclass(frozen=True, slots=True)
class Channel:
    chat_id: int
    title: str


async def subscribe(
    db: Storage, channel_id: int, title: str, user_id: int, kind: str, target: str, now: float,
    language: str | None = None,
) -> bool:
    """Subscribe a channel on behalf of its administrator `user_id`; True when the subscription is new.

    Alerts to the channel are written in `language` (the administrator's); a channel new to the bot also
    takes the time zone of that administrator's private chat, for the times its alerts show.
    """
    async with transaction(db):
        known = await db.fetchone("SELECT 1 FROM chats WHERE chat_id = ?", (channel_id,)) is not None
        await chats.ensure_chat(db, channel_id, "channel", title, now, language)
        if not known:
            await db.execute(
                "UPDATE chats SET timezone = COALESCE((SELECT c.timezone FROM chats c WHERE c.chat_id = ?), 'UTC') "
                "WHERE chat_id = ?",
                (user_id, channel_id),
            )
        await db.execute(
            "INSERT INTO channel_admins (channel_id, user_id, added_at) VALUES (?, ?, ?) "
            "ON CONFLICT (channel_id, user_id) DO NOTHING",
            (channel_id, user_id, now),
        )
        return await chats.subscribe(db, channel_id, 0, kind, target, now)


async def unsubscribe(db: Storage, channel_id: int, kind: str, target: str) -> bool:
    """End a channel's subscription; True when there was one."""
    async with transaction(db):
        return await chats.unsubscribe(db, channel_id, 0, kind, target)


async def managed_by(db: Storage, user_id: int) -> list[Channel]:
    """The active channels `user_id` subscribed from their private chat, by title."""
    return [Channel(int(r["chat_id"]), r["title"]) for r in await db.fetchall(
        "SELECT c.chat_id, c.title FROM channel_admins a JOIN chats c ON c.chat_id = a.channel_id "
        "WHERE a.user_id = ? AND c.active = 1 ORDER BY c.title, c.chat_id",
        (user_id,),
    )]
