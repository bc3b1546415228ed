"""Queries on `chats` and `subscriptions`: who wants to hear about what."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite

from core.records import Delivery


@dataclass(frozen=True, slots=True)
class Subscriber:
    """A chat (and forum thread) that should hear about a claim, with its delivery preferences."""

    chat_id: int
    thread_id: int
    language: str | None
    alert_level: str
    delivery: Delivery
    quiet_start: str | None = None
    quiet_end: str | None = None
    timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class Subscription:
    thread_id: int
    kind: str
    target: str
    muted: bool = False


async def ensure_chat(
    db: aiosqlite.Connection, chat_id: int, chat_type: str, title: str, now: float,
    seen_language: str | None = None,
) -> None:
    """Record a chat the first time it talks to us; a chat that comes back is active again.

    `seen_language` is the language of the user who just spoke there (kept when None).
    """
    await db.execute(
        "INSERT INTO chats (chat_id, type, title, created_at, seen_language) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title, active = 1, "
        "gone_reason = NULL, seen_language = COALESCE(excluded.seen_language, seen_language)",
        (chat_id, chat_type, title, now, seen_language),
    )


async def subscribe(
    db: aiosqlite.Connection, chat_id: int, thread_id: int, kind: str, target: str, now: float
) -> bool:
    """True when the subscription is new (or was a muted claim, now heard again)."""
    async with db.execute(
        "INSERT INTO subscriptions (chat_id, thread_id, kind, target, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT DO UPDATE SET muted = 0 WHERE muted = 1 RETURNING chat_id",
        (chat_id, thread_id, kind, target, now),
    ) as cur:
        return await cur.fetchone() is not None


async def unsubscribe(db: aiosqlite.Connection, chat_id: int, thread_id: int, kind: str, target: str) -> bool:
    """True when there was such a subscription."""
    async with db.execute(
        "DELETE FROM subscriptions WHERE chat_id = ? AND thread_id = ? AND kind = ? AND target = ? "
        "RETURNING chat_id",
        (chat_id, thread_id, kind, target),
    ) as cur:
        return await cur.fetchone() is not None


async def chat_subscriptions(db: aiosqlite.Connection, chat_id: int) -> list[Subscription]:
    async with db.execute(
        "SELECT thread_id, kind, target, muted FROM subscriptions WHERE chat_id = ? "
        "ORDER BY thread_id, kind, target",
        (chat_id,),
    ) as cur:
        return [Subscription(r["thread_id"], r["kind"], r["target"], bool(r["muted"])) for r in await cur.fetchall()]


async def subscribers(db: aiosqlite.Connection, claim_id: str, topic: str) -> list[Subscriber]:
    """Active chats subscribed to the claim or to its topic, once per (chat, thread)."""
    async with db.execute(
        "SELECT DISTINCT s.chat_id, s.thread_id, COALESCE(c.language, c.seen_language) AS language, "
        "c.alert_level, c.delivery, c.quiet_start, c.quiet_end, c.timezone "
        "FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
        "WHERE c.active = 1 AND s.muted = 0 AND ((s.kind = 'claim' AND s.target = ?) "
        "OR (s.kind = 'topic' AND s.target = ? AND s.target != '')) "
        "AND NOT EXISTS (SELECT 1 FROM subscriptions m WHERE m.chat_id = s.chat_id "
        "AND m.thread_id = s.thread_id AND m.kind = 'claim' AND m.target = ? AND m.muted = 1) "
        "ORDER BY s.chat_id, s.thread_id",
        (claim_id, topic, claim_id),
    ) as cur:
        return [Subscriber(r["chat_id"], r["thread_id"], r["language"], r["alert_level"], r["delivery"],
                           r["quiet_start"], r["quiet_end"], r["timezone"])
                for r in await cur.fetchall()]


async def migrate_chat(db: aiosqlite.Connection, old_id: int, new_id: int) -> None:
    """A group became a supergroup: move its settings, subscriptions and pending alerts."""
    await db.execute(
        "INSERT INTO chats (chat_id, type, title, language, seen_language, alert_level, delivery, quiet_start, "
        "quiet_end, timezone, created_at) SELECT ?, 'supergroup', title, language, seen_language, alert_level, "
        "delivery, quiet_start, quiet_end, timezone, created_at FROM chats WHERE chat_id = ? "
        "ON CONFLICT (chat_id) DO NOTHING",
        (new_id, old_id),
    )
    await db.execute(
        "UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?", (new_id, old_id)
    )
    await db.execute(
        "UPDATE OR IGNORE outbox SET chat_id = ? WHERE chat_id = ? AND state = 'pending'", (new_id, old_id)
    )
    await db.execute(
        "UPDATE chats SET active = 0, gone_reason = ? WHERE chat_id = ?", (f"migrated to {new_id}", old_id)
    )


async def deactivate_chat(db: aiosqlite.Connection, chat_id: int, reason: str) -> None:
    """The chat is gone (blocked, kicked, deleted): stop alerting it, keep its history."""
    await db.execute("UPDATE chats SET active = 0, gone_reason = ? WHERE chat_id = ?", (reason, chat_id))
    await db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))


async def mark_cannot_send(db: aiosqlite.Connection, chat_id: int, reason: str, now: float) -> bool:
    """The bot may not send in the chat (rights lost); True when this is news, i.e. it could until now."""
    async with db.execute(
        "UPDATE chats SET cannot_send_since = ?, cannot_send_reason = ? "
        "WHERE chat_id = ? AND cannot_send_since IS NULL RETURNING chat_id",
        (now, reason, chat_id),
    ) as cur:
        return await cur.fetchone() is not None


async def mark_can_send(db: aiosqlite.Connection, chat_id: int) -> bool:
    """A message went through: the chat is writable again; True when it had been marked otherwise."""
    async with db.execute(
        "UPDATE chats SET cannot_send_since = NULL, cannot_send_reason = NULL "
        "WHERE chat_id = ? AND cannot_send_since IS NOT NULL RETURNING chat_id",
        (chat_id,),
    ) as cur:
        return await cur.fetchone() is not None


async def chat_title(db: aiosqlite.Connection, chat_id: int) -> str:
    async with db.execute("SELECT title FROM chats WHERE chat_id = ?", (chat_id,)) as cur:
        row = await cur.fetchone()
    return str(row["title"]) if row and row["title"] else ""


async def chat_language(db: aiosqlite.Connection, chat_id: int) -> str | None:
    async with db.execute("SELECT language FROM chats WHERE chat_id = ?", (chat_id,)) as cur:
        row = await cur.fetchone()
    return row["language"] if row else None


async def count_chats(db: aiosqlite.Connection) -> int:
    async with db.execute("SELECT COUNT(*) FROM chats WHERE active = 1") as cur:
        row = await cur.fetchone()
    return int(row[0]) if row else 0


@dataclass(frozen=True, slots=True)
class ChatSettings:
    """What a chat hears and when: the columns `/settings` changes."""

    language: str | None = None
    alert_level: str = "all"
    delivery: Delivery = "instant"
    quiet_start: str | None = None
    quiet_end: str | None = None
    timezone: str = "UTC"
    previews: str = "off"


SETTING_COLUMNS = frozenset(
    {"language", "alert_level", "delivery", "quiet_start", "quiet_end", "timezone", "previews"}
)


async def chat_settings(db: aiosqlite.Connection, chat_id: int) -> ChatSettings:
    """The chat's settings; the defaults for a chat never seen."""
    async with db.execute(
        "SELECT language, alert_level, delivery, quiet_start, quiet_end, timezone, previews FROM chats "
        "WHERE chat_id = ?",
        (chat_id,),
    ) as cur:
        row = await cur.fetchone()
    return ChatSettings(*row) if row else ChatSettings()


async def update_settings(db: aiosqlite.Connection, chat_id: int, changes: dict[str, str | None]) -> None:
    """Change some settings of a known chat; only the columns in SETTING_COLUMNS can be named."""
    unknown = set(changes) - SETTING_COLUMNS
    if unknown:
        raise ValueError(f"not a chat setting: {', '.join(sorted(unknown))}")
    for column, value in changes.items():
        sql = f"UPDATE chats SET {column} = ? WHERE chat_id = ?"  # noqa: S608 - column is from SETTING_COLUMNS
        await db.execute(sql, (value, chat_id))


async def mute(db: aiosqlite.Connection, chat_id: int, thread_id: int, claim_id: str, now: float) -> None:
    """No more alerts on this claim in this chat (and thread), whether it came by claim or by topic."""
    await db.execute(
        "INSERT INTO subscriptions (chat_id, thread_id, kind, target, muted, created_at) "
        "VALUES (?, ?, 'claim', ?, 1, ?) ON CONFLICT DO UPDATE SET muted = 1",
        (chat_id, thread_id, claim_id, now),
    )


async def drop_claim_subscriptions(db: aiosqlite.Connection, claim_id: str) -> int:
    """The claim is no longer tracked: forget every subscription to it."""
    async with db.execute(
        "DELETE FROM subscriptions WHERE kind = 'claim' AND target = ? RETURNING chat_id", (claim_id,)
    ) as cur:
        return len(list(await cur.fetchall()))


async def reading_language(db: aiosqlite.Connection, chat_id: int) -> str | None:
    """The language alerts to the chat are written in: its chosen one, else the one last seen there."""
    async with db.execute("SELECT COALESCE(language, seen_language) FROM chats WHERE chat_id = ?", (chat_id,)) as cur:
        row = await cur.fetchone()
    return row[0] if row else None


@dataclass(frozen=True, slots=True)
class AlertOptions:
    """How alerts to a chat are sent: the language of their buttons, link previews, and whether it is a
    channel (where buttons would let any reader act for everyone)."""

    language: str | None = None
    previews: bool = False
    channel: bool = False


async def alert_options(db: aiosqlite.Connection, chat_id: int) -> AlertOptions:
    """How alerts to the chat are sent; the defaults for a chat never seen."""
    async with db.execute(
        "SELECT COALESCE(language, seen_language), previews, type FROM chats WHERE chat_id = ?", (chat_id,)
    ) as cur:
        row = await cur.fetchone()
    return AlertOptions(row[0], row[1] == "on", row[2] == "channel") if row else AlertOptions()
