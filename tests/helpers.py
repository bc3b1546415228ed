"""Small builders shared by tests."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from bot.feeds.parse import ParsedEntry


def entry(identity: str, title: str, summary: str = "", link: str = "", when: float = 1_700_000_000) -> ParsedEntry:
    """A parsed feed entry whose content hash follows its text, as the parser makes it."""
    content_hash = hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    published = datetime.fromtimestamp(when, tz=UTC)
    return ParsedEntry(identity, title, summary, link or f"https://news.example/{identity}", published, content_hash)
