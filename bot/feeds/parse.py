"""Parsing feed bytes into plain entries with stable identities.

RSS 0.9x/1.0/2.0 and Atom go through feedparser (in a worker thread: it is CPU-bound); JSON Feed
through `jsonfeed`. Both give `RawEntry`s, cleaned here the same way: text without HTML, absolute
links, UTC dates, identities and content hashes.
"""

from __future__ import annotations

import asyncio
import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import feedparser

from bot.feeds import jsonfeed
from bot.feeds.encoding import media_type, to_text
from bot.feeds.identity import IdentitySource, assign_identities, content_hash
from bot.feeds.raw import RawEntry, RawFeed
from bot.feeds.text import plain_text
from core.errors import FeedError
from core.records import ParsedEntry

__all__ = ["ParsedEntry", "ParsedFeed", "parse", "parse_sync", "plain_text"]

# A feed clock a few minutes fast is common; beyond that a date in the future is a bug in the feed.
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_SUMMARY_CHARS = 10_000
MAX_TTL_MINUTES = 7 * 24 * 60
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """`error` set means nothing usable was found; `warning` means usable but broken (bozo XML)."""

    title: str
    entries: tuple[ParsedEntry, ...]
    ttl_minutes: int | None = None
    error: str | None = None
    warning: str | None = None


def _header(headers: Mapping[str, str], name: str) -> str:
    return next((value for key, value in headers.items() if key.lower() == name), "")


def _ttl(value: Any) -> int | None:
    text = str(value or "").strip()
    return int(text) if text.isdigit() and 0 < int(text) <= MAX_TTL_MINUTES else None


def _published(entry: Any) -> datetime | None:
    # dict.get, not entry.get: FeedParserDict's key aliasing warns when published falls back to updated.
    stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    return datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC) if stamp else None


def _raw_entry(entry: Any) -> RawEntry:
    summary = entry.get("summary") or next((c.get("value", "") for c in entry.get("content", ())), "")
    return RawEntry(str(entry.get("id", "")), str(entry.get("title", "")), str(summary),
                    str(entry.get("link", "")), _published(entry))


def _read_xml(body: bytes, content_type: str) -> RawFeed:
    text, _ = to_text(body, content_type)
    # No content-location: feedparser would resolve guids against it, and a guid must not change
    # when the feed moves. Links are resolved in `_clean` instead.
    headers = {"content-type": f"{media_type(content_type) or 'application/xml'}; charset=utf-8"}
    # We never render feed HTML, only reduce it to text (`plain_text` drops scripts and styles), so
    # feedparser's sanitiser and URI rewriting inside content would be cost without benefit.
    parsed = feedparser.parse(text.encode("utf-8"), response_headers=headers, sanitize_html=False,
                              resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        is_html = media_type(content_type) == "text/html" or _HTML_START.match(body[:2048])
        raise FeedError("not a feed (HTML page)" if is_html else "not a feed")
    warning = None
    if parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), Exception):
        warning = f"broken XML: {str(parsed.bozo_exception)[:120]}"
    entries = tuple(_raw_entry(entry) for entry in parsed.entries)
    return RawFeed(str(parsed.feed.get("title", "")), entries, _ttl(parsed.feed.get("ttl")), warning)


def _clean(raw: RawFeed, url: str, fetched_at: datetime) -> ParsedFeed:
    latest = fetched_at + FUTURE_TOLERANCE
    titles = [plain_text(entry.title) for entry in raw.entries]
    summaries = [plain_text(entry.summary)[:MAX_SUMMARY_CHARS] for entry in raw.entries]
    links = [urljoin(url, entry.link.strip()) if entry.link.strip() else "" for entry in raw.entries]
    identities = assign_identities([
        IdentitySource(entry.guid, link, title, summary)
        for entry, link, title, summary in zip(raw.entries, links, titles, summaries, strict=True)
    ])
    entries = tuple(
        ParsedEntry(identity, title, summary, link,
                    entry.published if entry.published and entry.published <= latest else fetched_at,
                    content_hash(title, summary))
        for identity, entry, link, title, summary
        in zip(identities, raw.entries, links, titles, summaries, strict=True)
    )
    return ParsedFeed(plain_text(raw.title), entries, raw.ttl_minutes, warning=raw.warning)


def parse_sync(body: bytes, headers: Mapping[str, str], url: str, fetched_at: datetime) -> ParsedFeed:
    """Parse in the calling thread; use `parse` from the event loop. `url`: where the body came from."""
    fetched_at = fetched_at.astimezone(UTC)
    if not body.strip(b"\xef\xbb\xbf \t\r\n\x00"):
        return ParsedFeed("", (), error="empty body")
    content_type = _header(headers, "content-type")
    try:
        if jsonfeed.looks_like_json(body, media_type(content_type)):
            raw = jsonfeed.read(body)
        else:
            raw = _read_xml(body, content_type)
    except FeedError as err:
        return ParsedFeed("", (), error=err.reason)
    return _clean(raw, url, fetched_at)


async def parse(body: bytes, headers: Mapping[str, str], url: str, fetched_at: datetime) -> ParsedFeed:
    """feedparser is CPU-bound and blocking: run it in a worker thread."""
    return await asyncio.to_thread(parse_sync, body, headers, url, fetched_at)
