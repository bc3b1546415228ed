"""Parsing feed bytes: formats, encodings, broken input, dates and links."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.feeds.parse import ParsedFeed, parse, parse_sync
from tests.fakes.feed_server import FakeItem, atom, json_feed, rss10, rss20

FETCHED = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
ITEMS = [
    FakeItem("Xiaomi gets car qualification", "http://news.example/1", "id-1",
             "<p>MIIT &amp; Xiaomi</p>", datetime(2024, 5, 1, 8, 0, tzinfo=UTC)),
    FakeItem("BAIC denies report", "http://news.example/2", "id-2",
             "BAIC did not receive relevant information", datetime(2024, 5, 2, 8, 0, tzinfo=UTC)),
]
SIMPLIFIED = ("新闻", "小米汽车获得生产资质", "工信部回应：北汽蓝谷未收到相关信息")
TRADITIONAL = ("新聞", "小米汽車獲得生產資質", "工信部回應：北汽藍谷未收到相關信息")


def chinese_feed(texts: tuple[str, str, str], encoding: str = "utf-8") -> bytes:
    return rss20([FakeItem(texts[1], "http://news.example/cn/1", "cn-1", texts[2])], title=texts[0],
                 encoding=encoding)


def run(body: bytes, content_type: str = "application/xml", url: str = "http://feeds.example/rss",
        ) -> ParsedFeed:
    return parse_sync(body, {"Content-Type": content_type}, url, FETCHED)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (rss20(ITEMS), "application/rss+xml"),
        (rss20(ITEMS, version="0.91"), "application/rss+xml"),
        (rss20(ITEMS, version="0.92"), "text/xml"),
        (atom(ITEMS), "application/atom+xml"),
        (json_feed(ITEMS), "application/feed+json"),
        (json_feed(ITEMS), "application/json"),
        (json_feed(ITEMS), "text/plain"),
    ],
)
def test_each_format_gives_the_same_entries(body: bytes, content_type: str) -> None:
    """RSS 0.91/0.92/2.0, Atom and JSON Feed (by type or by sniffing) give the same cleaned entries."""
    feed = run(body, content_type)
    assert feed.error is None
    assert [(e.identity, e.title, e.summary, e.link, e.published) for e in feed.entries] == [
        ("id-1", "Xiaomi gets car qualification", "MIIT & Xiaomi", "http://news.example/1",
         datetime(2024, 5, 1, 8, 0, tzinfo=UTC)),
        ("id-2", "BAIC denies report", "BAIC did not receive relevant information", "http://news.example/2",
         datetime(2024, 5, 2, 8, 0, tzinfo=UTC)),
    ]


def test_rss10_entries_are_known_by_link() -> None:
    """RSS 1.0 has no guid: rdf:about (the link) identifies the entry."""
    feed = run(rss10(ITEMS), "application/rdf+xml")
    assert [(e.identity, e.title) for e in feed.entries] == [
        ("http://news.example/1", "Xiaomi gets car qualification"),
        ("http://news.example/2", "BAIC denies report"),
    ]


@pytest.mark.parametrize(
    ("texts", "encoding", "content_type"),
    [
        (SIMPLIFIED, "utf-8", "application/rss+xml"),
        (SIMPLIFIED, "gbk", "application/rss+xml"),
        (SIMPLIFIED, "gb2312", "application/rss+xml"),
        (SIMPLIFIED, "gb18030", "text/xml"),
        (SIMPLIFIED, "gbk", "text/xml; charset=gbk"),
        (TRADITIONAL, "big5", "application/rss+xml"),
        (TRADITIONAL, "big5", "application/xml; charset=big5"),
        (TRADITIONAL, "utf-16", "application/rss+xml"),
    ],
)
def test_declared_encodings(texts: tuple[str, str, str], encoding: str, content_type: str) -> None:
    """Encodings declared in the XML prolog or the HTTP charset are honoured."""
    feed = run(chinese_feed(texts, encoding), content_type)
    assert (feed.title, feed.entries[0].title, feed.entries[0].summary) == texts


@pytest.mark.parametrize(
    ("texts", "encoding"),
    [(SIMPLIFIED, "gbk"), (SIMPLIFIED, "gb18030"), (TRADITIONAL, "big5"), (TRADITIONAL, "utf-8")],
)
def test_undeclared_encodings_are_sniffed(texts: tuple[str, str, str], encoding: str) -> None:
    """With no charset anywhere, the encoding is guessed from the bytes."""
    text = chinese_feed(texts).decode("utf-8").replace(' encoding="utf-8"', "")
    feed = run(text.encode(encoding), "text/xml")
    assert (feed.title, feed.entries[0].title, feed.entries[0].summary) == texts


def test_wrong_declaration_falls_back_to_sniffing() -> None:
    """A feed that says UTF-8 but is GBK still reads right."""
    body = chinese_feed(SIMPLIFIED, "gbk").replace(b'encoding="gbk"', b'encoding="utf-8"')
    assert run(body, "text/xml").entries[0].title == SIMPLIFIED[1]


@pytest.mark.parametrize(
    ("body", "content_type", "error"),
    [
        (b"", "application/rss+xml", "empty body"),
        (b"  \r\n ", "application/rss+xml", "empty body"),
        (b"<!DOCTYPE html><html><head><title>Hi</title></head><body>x</body></html>", "text/html",
         "not a feed (HTML page)"),
        (b"<html><body><p>Moved</p></body></html>", "application/rss+xml", "not a feed (HTML page)"),
        (b"just some text", "text/plain", "not a feed"),
        (b'{"hello": "world"}', "application/json", "not a feed (JSON document)"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "application/feed+json",
         "broken JSON: Expecting value: line 1 column 59 (char 58)"),
    ],
)
def test_not_a_feed(body: bytes, content_type: str, error: str) -> None:
    """Empty bodies, HTML pages and other documents give an error and no entries."""
    assert run(body, content_type) == ParsedFeed("", (), error=error)


def test_broken_xml_keeps_usable_entries() -> None:
    """bozo is not failure: a truncated feed with an unescaped ampersand still yields its entries."""
    body = rss20(ITEMS).replace(b"BAIC denies report", b"BAIC & Co deny").replace(b"</channel></rss>", b"")
    feed = run(body, "application/rss+xml")
    assert feed.error is None
    assert (feed.warning or "").startswith("broken XML")
    assert [e.title for e in feed.entries] == ["Xiaomi gets car qualification", "BAIC & Co deny"]


def test_relative_links_resolve_against_feed_url_and_xml_base() -> None:
    """Relative links resolve against xml:base when present, else the URL the feed came from."""
    body = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://base.example/news/">'
            b'<title>t</title><entry><id>a</id><title>A</title><link href="story/1"/></entry></feed>')
    rss = rss20([FakeItem("B", "/story/2", "b")])
    assert run(body).entries[0].link == "http://base.example/news/story/1"
    assert run(rss, url="https://feeds.example/x/rss").entries[0].link == "https://feeds.example/story/2"


def test_html_is_reduced_to_text() -> None:
    """Scripts and styles are dropped, entities decoded, whitespace folded."""
    summary = ("<div><style>p{}</style><p>Xiaomi&nbsp;&#x5C0F;&#31859;</p>\n\n"
               "<script>alert(1)</script><p>says</p></div>")
    feed = run(json_feed([FakeItem("T &amp; <b>U</b>", "http://x.example/1", "1", summary)]))
    assert (feed.entries[0].title, feed.entries[0].summary) == ("T & U", "Xiaomi 小米 says")


def test_dates_are_utc_and_clamped() -> None:
    """Offsets become UTC; missing, unparsable and far-future dates become the fetch time."""
    body = rss20([FakeItem("a", "http://x.example/a", "a")]).replace(
        b"Mon, 01 Jan 2024 00:00:00 GMT", b"Mon, 01 Jan 2024 08:00:00 +0800")
    future = json_feed([FakeItem("f", "http://x.example/f", "f", published=FETCHED + timedelta(days=3))])
    garbage = rss20([FakeItem("g", "http://x.example/g", "g")]).replace(
        b"Mon, 01 Jan 2024 00:00:00 GMT", b"yesterday-ish")
    assert run(body).entries[0].published == datetime(2024, 1, 1, 0, 0, tzinfo=UTC)
    assert run(future).entries[0].published == FETCHED
    assert run(garbage).entries[0].published == FETCHED


def test_ttl_is_read() -> None:
    """RSS <ttl> is reported in minutes."""
    assert run(rss20(ITEMS, ttl=45)).ttl_minutes == 45
    assert run(rss20(ITEMS)).ttl_minutes is None


def test_edit_changes_content_hash_not_identity() -> None:
    """An edited summary keeps the identity and changes the content hash."""
    before = run(rss20(ITEMS)).entries[1]
    edited = [ITEMS[0], FakeItem(ITEMS[1].title, ITEMS[1].link, ITEMS[1].guid, "BAIC: official denial")]
    after = run(rss20(edited)).entries[1]
    assert (after.identity, after.content_hash != before.content_hash) == (before.identity, True)
    assert run(rss20(ITEMS)).entries[1].content_hash == before.content_hash


async def test_parse_runs_in_a_thread() -> None:
    """The async form gives the same result as the sync one."""
    body = rss20(ITEMS)
    assert await parse(body, {}, "http://feeds.example/rss", FETCHED) == parse_sync(
        body, {}, "http://feeds.example/rss", FETCHED)
