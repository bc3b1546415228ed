"""Queries on `chats` and `subscriptions`: who wants to hear about what."""

from __future__ import annotations

from dataclasses import dataclass

from core.records import Delivery
from storage.db import Storage


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
    db: Storage, chat_id: int, chat_type: str, title: str, now: float,
    seen_language: str | None = None,
) -> None:
    """Record a chat the first time it talks to us; a chat that comes back is active again.

    `seen_language` is the language of the user who just spoke there (kept when None).
    """
    await db.execute(
        "INSERT INTO chats (chat_id, type, title, created_at, seen_language) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (chat_id) DO UPDATE SET type = excluded.type, title = excluded.title, active = 1, "
        "gone_reason = NULL, seen_language = COALESCE(excluded.seen_language, chats.seen_language)",
        (chat_id, chat_type, title, now, seen_language),
    )


async def subscribe(
    db: Storage, chat_id: int, thread_id: int, kind: str, target: str, now: float
) -> bool:
    """True when the subscription is new (or was a muted claim, now heard again)."""
    return await db.fetchone(
        "INSERT INTO subscriptions (chat_id, thread_id, kind, target, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (chat_id, thread_id, kind, target) DO UPDATE SET muted = 0 WHERE subscriptions.muted = 1 "
        "RETURNING chat_id",
        (chat_id, thread_id, kind, target, now),
    ) is not None


async def unsubscribe(db: Storage, chat_id: int, thread_id: int, kind: str, target: str) -> bool:
    """True when there was such a subscription."""
    return await db.fetchone(
        "DELETE FROM subscriptions WHERE chat_id = ? AND thread_id = ? AND kind = ? AND target = ? "
        "RETURNING chat_id",
        (chat_id, thread_id, kind, target),
    ) is not None


async def chat_subscriptions(db: Storage, chat_id: int) -> list[Subscription]:
    return [Subscription(r["thread_id"], r["kind"], r["target"], bool(r["muted"])) for r in await db.fetchall(
        "SELECT thread_id, kind, target, muted FROM subscriptions WHERE chat_id = ? "
        "ORDER BY thread_id, kind, target",
        (chat_id,),
    )]


async def subscribers(db: Storage, claim_id: str, topic: str) -> list[Subscriber]:
    """Active chats subscribed to the claim or to its topic, once per (chat, thread)."""
    return [Subscriber(r["chat_id"], r["thread_id"], r["language"], r["alert_level"], r["delivery"],
                           r["quiet_start"], r["quiet_end"], r["timezone"])
                for r in await db.fetchall(
        "SELECT DISTINCT s.chat_id, s.thread_id, COALESCE(c.language, c.seen_language) AS language, "
        "c.alert_level, c.delivery, c.quiet_start, c.quiet_end, c.timezone "
        "FROM subscriptions s JOIN chats c ON c.chat_id = s.chat_id "
        "WHERE c.active = 1 AND s.muted = 0 AND ((s.kind = 'claim' AND s.target = ?) "
        "OR (s.kind = 'topic' AND s.target = ? AND s.target != '')) "
        "AND NOT EXISTS (SELECT 1 FROM subscriptions m WHERE m.chat_id = s.chat_id "
        "AND m.thread_id = s.thread_id AND m.kind = 'claim' AND m.target = ? AND m.muted = 1) "
        "ORDER BY s.chat_id, s.thread_id",
        (claim_id, topic, claim_id),
    )]


async def migrate_chat(db: Storage, old_id: int, new_id: int) -> None:
    """A group became a supergroup: move its settings, subscriptions and pending alerts."""
    await db.execute(
        "INSERT INTO chats (chat_id, type, title, language, seen_language, alert_level, delivery, quiet_start, "
        "quiet_end, timezone, created_at) SELECT ?, 'supergroup', title, language, seen_language, alert_level, "
        "delivery, quiet_start, quiet_end, timezone, created_at FROM chats WHERE chat_id = ? "
        "ON CONFLICT (chat_id) DO NOTHING",
        (new_id, old_id),
    )
    # Rows the new chat already has (same key) stay with the old chat, as UPDATE OR IGNORE would leave them.
    await db.execute(
        "UPDATE subscriptions SET chat_id = ? WHERE chat_id = ? AND NOT EXISTS (SELECT 1 FROM subscriptions n "
        "WHERE n.chat_id = ? AND n.thread_id = subscriptions.thread_id AND n.kind = subscriptions.kind "
        "AND n.target = subscriptions.target)",
        (new_id, old_id, new_id),
    )
    await db.execute(
        "UPDATE outbox SET chat_id = ? WHERE chat_id = ? AND state = 'pending' AND NOT EXISTS (SELECT 1 FROM outbox n "
        "WHERE n.chat_id = ? AND n.thread_id = outbox.thread_id AND n.claim_id = outbox.claim_id "
        "AND n.story_id = outbox.story_id AND n.kind = outbox.kind)",
        (new_id, old_id, new_id),
    )
    await db.execute(
        "UPDATE chats SET active = 0, gone_reason = ? WHERE chat_id = ?", (f"migrated to {new_id}", old_id)
    )


async def deactivate_chat(db: Storage, chat_id: int, reason: str) -> None:
    """The chat is gone (blocked, kicked, deleted): stop alerting it, keep its history."""
    await db.execute("UPDATE chats SET active = 0, gone_reason = ? WHERE chat_id = ?", (reason, chat_id))
    await db.execute("DELETE FROM subscriptions WHERE chat_id = ?", (chat_id,))


async def mark_cannot_send(db: Storage, chat_id: int, reason: str, now: float) -> bool:
    """The bot may not send in the chat (rights lost); True when this is news, i.e. it could until now."""
    return await db.fetchone(
        "UPDATE chats SET cannot_send_since = ?, cannot_send_reason = ? "
        "WHERE chat_id = ? AND cannot_send_since IS NULL RETURNING chat_id",
        (now, reason, chat_id),
    ) is not None


async def mark_can_send(db: Storage, chat_id: int) -> bool:
    """A message went through: the chat is writable again; True when it had been marked otherwise."""
    return await db.fetchone(
        "UPDATE chats SET cannot_send_since = NULL, cannot_send_reason = NULL "
        "WHERE chat_id = ? AND cannot_send_since IS NOT NULL RETURNING chat_id",
        (chat_id,),
    ) is not None


async def chat_title(db: Storage, chat_id: int) -> str:
    row = await db.fetchone("SELECT title FROM chats WHERE chat_id = ?", (chat_id,))
    return str(row["title"]) if row and row["title"] else ""


async def chat_language(db: Storage, chat_id: int) -> str | None:
    row = await db.fetchone("SELECT language FROM chats WHERE chat_id = ?", (chat_id,))
    return row["language"] if row else None


async def count_chats(db: Storage) -> int:
    row = await db.fetchone("SELECT COUNT(*) FROM chats WHERE active = 1")
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


async def chat_settings(db: Storage, chat_id: int) -> ChatSettings:
    """The chat's settings; the defaults for a chat never seen."""
    row = await db.fetchone(
        "SELECT language, alert_level, delivery, quiet_start, quiet_end, timezone, previews FROM chats "
        "WHERE chat_id = ?",
        (chat_id,),
    )
    return ChatSettings(*row) if row else ChatSettings()


async def update_settings(db: Storage, chat_id: int, changes: dict[str, str | None]) -> None:
    """Change some settings of a known chat; only the columns in SETTING_COLUMNS can be named."""
    unknown = set(changes) - SETTING_COLUMNS
    if unknown:
        raise ValueError(f"not a chat setting: {', '.join(sorted(unknown))}")
    for column, value in changes.items():
        sql = f"UPDATE chats SET {column} = ? WHERE chat_id = ?"  # noqa: S608 - column is from SETTING_COLUMNS
        await db.execute(sql, (value, chat_id))


async def mute(db: Storage, chat_id: int, thread_id: int, claim_id: str, now: float) -> None:
    """No more alerts on this claim in this chat (and thread), whether it came by claim or by topic."""
    await db.execute(
        "INSERT INTO subscriptions (chat_id, thread_id, kind, target, muted, created_at) "
        "VALUES (?, ?, 'claim', ?, 1, ?) ON CONFLICT (chat_id, thread_id, kind, target) DO UPDATE SET muted = 1",
        (chat_id, thread_id, claim_id, now),
    )


async def drop_claim_subscriptions(db: Storage, claim_id: str) -> int:
    """The claim is no longer tracked: forget every subscription to it."""
    return len(list(await db.fetchall(
        "DELETE FROM subscriptions WHERE kind = 'claim' AND target = ? RETURNING chat_id", (claim_id,)
    )))


async def reading_language(db: Storage, chat_id: int) -> str | None:
    """The language alerts to the chat are written in: its chosen one, else the one last seen there."""
    row = await db.fetchone("SELECT COALESCE(language, seen_language) FROM chats WHERE chat_id = ?", (chat_id,))
    return row[0] if row else None


@dataclass(frozen=True, slots=True)
class AlertOptions:
    """How alerts to a chat are sent: the language of their buttons, link previews, and whether it is a
    channel (where buttons would let any reader act for everyone)."""

    language: str | None = None
    previews: bool = False
    channel: bool = False


async def alert_options(db: Storage, chat_id: int) -> AlertOptions:
    """How alerts to the chat are sent; the defaults for a chat never seen."""
    row = await db.fetchone(
        "SELECT COALESCE(language, seen_language), previews, type FROM chats WHERE chat_id = ?", (chat_id,)
    )
    return AlertOptions(row[0], row[1] == "on", row[2] == "channel") if row else AlertOptions()
