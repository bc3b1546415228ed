"""Parsing feed bytes into plain entries with stable identities."""

from __future__ import annotations

import asyncio
import calendar
import hashlib
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry: `identity` is stable across polls, `content_hash` changes when the text is edited."""

    identity: str
    title: str
    summary: str
    link: str
    published: datetime
    content_hash: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    entries: tuple[ParsedEntry, ...]
    ttl_minutes: int | None = None
    error: str | None = None


def plain_text(markup: str) -> str:
    """Reduce HTML to one line of plain text."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", markup))).strip()


def _published(entry: Any, fetched_at: datetime) -> datetime:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if stamp:
        return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
    return fetched_at


def _entry(entry: Any, fetched_at: datetime) -> ParsedEntry:
    title = plain_text(entry.get("title", ""))
    summary = plain_text(entry.get("summary", ""))
    link = entry.get("link", "")
    content_hash = hashlib.sha256(f"{title}\n{summary}".encode()).hexdigest()
    identity = entry.get("id") or link or f"sha256:{content_hash}"
    return ParsedEntry(identity, title, summary, link, _published(entry, fetched_at), content_hash)


def parse_sync(body: bytes, headers: Mapping[str, str], url: str, fetched_at: datetime) -> ParsedFeed:
    """Parse in the calling thread; use `parse` from the event loop."""
    parsed = feedparser.parse(body, response_headers={**headers, "content-location": url})
    if not parsed.get("version") and not parsed.entries:
        return ParsedFeed("", (), error="not a feed")
    entries = tuple(_entry(e, fetched_at) for e in parsed.entries)
    return ParsedFeed(plain_text(parsed.feed.get("title", "")), entries)


async def parse(body: bytes, headers: Mapping[str, str], url: str, fetched_at: datetime) -> ParsedFeed:
    """feedparser is CPU-bound and blocking: run it in a worker thread."""
    return await asyncio.to_thread(parse_sync, body, headers, url, fetched_at)
