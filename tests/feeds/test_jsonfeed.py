"""JSON Feed reading details."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bot.feeds.jsonfeed import looks_like_json, read
from bot.feeds.raw import RawEntry
from core.errors import FeedError


def document(items: list[object], version: str = "https://jsonfeed.org/version/1") -> bytes:
    return json.dumps({"version": version, "title": "T", "items": items}).encode()


def test_fields_and_fallbacks() -> None:
    """Numeric ids become text; summary and text stand in for HTML; external_url and date_modified too."""
    feed = read(document([
        {"id": 7, "title": "a", "summary": "s", "external_url": "https://x.example/a",
         "date_modified": "2024-01-01T08:00:00+08:00"},
        {"id": "b", "content_text": "plain", "date_published": "2024-01-01T00:00:00"},
        "not an item",
        {"id": "c", "date_published": "not a date"},
    ]))
    assert feed.entries == (
        RawEntry("7", "a", "s", "https://x.example/a", datetime(2024, 1, 1, 0, 0, tzinfo=UTC)),
        RawEntry("b", "", "plain", "", datetime(2024, 1, 1, 0, 0, tzinfo=UTC)),
        RawEntry("c", "", "", "", None),
    )


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"version": "1.1", "items": []}', "not a feed (JSON document)"),
        (b"[1, 2]", "not a feed (JSON document)"),
        (b"{", "broken JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ],
)
def test_not_json_feed(body: bytes, reason: str) -> None:
    """JSON without a jsonfeed.org version, or no JSON at all, is refused with a reason."""
    with pytest.raises(FeedError) as caught:
        read(body)
    assert caught.value.reason == reason


def test_missing_items_is_an_empty_feed() -> None:
    """A JSON Feed without items is a feed with no entries, not an error."""
    assert read(b'{"version": "https://jsonfeed.org/version/1.1", "title": "T"}').entries == ()


@pytest.mark.parametrize(
    ("body", "media_type", "expected"),
    [(b"{}", "", True), (b"\xef\xbb\xbf  {", "text/plain", True), (b"<rss/>", "application/feed+json", True),
     (b"<rss/>", "application/rss+xml", False)],
)
def test_detection(body: bytes, media_type: str, expected: bool) -> None:
    """JSON is recognised by its media type or by a body opening with a brace."""
    assert looks_like_json(body, media_type) is expected
