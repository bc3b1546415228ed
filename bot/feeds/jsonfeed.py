"""JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1), which feedparser does not read."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bot.feeds.raw import RawEntry, RawFeed
from core.errors import FeedError

VERSION_PREFIX = "https://jsonfeed.org/version/"
JSON_TYPES = frozenset({"application/feed+json", "application/json", "text/json"})


def looks_like_json(body: bytes, media_type: str) -> bool:
    """True when the body should be read as JSON rather than XML."""
    return media_type in JSON_TYPES or body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value) if isinstance(value, int | float) else ""


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        stamp = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC) if stamp.tzinfo is None else stamp.astimezone(UTC)


def _entry(item: dict[str, Any]) -> RawEntry:
    summary = _text(item.get("content_html")) or _text(item.get("summary")) or _text(item.get("content_text"))
    return RawEntry(
        guid=_text(item.get("id")),
        title=_text(item.get("title")),
        summary=summary,
        link=_text(item.get("url")) or _text(item.get("external_url")),
        published=_date(item.get("date_published")) or _date(item.get("date_modified")),
    )


def read(body: bytes) -> RawFeed:
    """Read a JSON Feed document; raise FeedError when it is not one."""
    try:
        document = json.loads(body.decode("utf-8-sig", errors="replace"))
    except ValueError as err:
        raise FeedError(f"broken JSON: {str(err)[:80]}") from err
    version = document.get("version") if isinstance(document, dict) else None
    if not (isinstance(version, str) and version.startswith(VERSION_PREFIX)):
        raise FeedError("not a feed (JSON document)")
    items = document.get("items")
    items = items if isinstance(items, list) else []
    entries = tuple(_entry(item) for item in items if isinstance(item, dict))
    return RawFeed(_text(document.get("title")), entries)
