"""Small builders shared by tests."""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime
from pathlib import Path

from core.records import ParsedEntry
from storage import chats, connect, outbox, transaction

FAN_OUT_CLAIM = "xiaomi-qualification"


def entry(identity: str, title: str, summary: str = "", link: str = "", when: float = 1_700_000_000) -> ParsedEntry:
    """A parsed feed entry whose content hash follows its text, as the parser makes it."""
    content_hash = hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    published = datetime.fromtimestamp(when, tz=UTC)
    return ParsedEntry(identity, title, summary, link or f"https://news.example/{identity}", published, content_hash)


async def fill_outbox(path: Path, n: int) -> None:
    """n private chats subscribed to a claim, each with one pending alert whose text names the chat."""
    db = await connect(path)
    now = time.time()
    try:
        async with transaction(db):
            for chat_id in range(1, n + 1):
                await chats.ensure_chat(db, chat_id, "private", f"user {chat_id}", now)
                await chats.subscribe(db, chat_id, 0, "claim", FAN_OUT_CLAIM, now)
            await outbox.enqueue(db, [
                outbox.NewAlert(chat_id, 0, FAN_OUT_CLAIM, 1, "official",
                                f"🔔 <b>{FAN_OUT_CLAIM}</b>: MIIT answers (for chat {chat_id})")
                for chat_id in range(1, n + 1)
            ], now)
    finally:
        await db.close()
