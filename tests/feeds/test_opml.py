"""OPML import and export, including hostile files."""

from __future__ import annotations

import time

import pytest

from bot.feeds.opml import OpmlFeed, export_opml, parse_opml
from core.errors import OpmlError

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>subs</title></head><body>
  <outline text="News">
    <outline text="Xiaomi newsroom" title="Xiaomi" type="rss" xmlUrl="https://xiaomi.example/rss"/>
    <outline text="Deeper"><outline text="BAIC" xmlurl="http://baic.example/feed.xml"/></outline>
  </outline>
  <outline text="no url here"/>
  <outline text="local file" xmlUrl="file:///etc/passwd"/>
  <outline text="dup" xmlUrl="https://xiaomi.example/rss"/>
  <outline xmlUrl="https://miit.example/rss"/>
</body></opml>"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<opml version="2.0"><body><outline text="&lol9;" xmlUrl="http://x.example/"/></body></opml>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<opml version="2.0"><body><outline text="&xxe;" xmlUrl="http://x.example/"/></body></opml>"""


def test_nested_outlines_are_flattened() -> None:
    """Feeds at any depth are found, named by title then text then URL; non-http and duplicates skipped."""
    assert parse_opml(NESTED) == [
        OpmlFeed("https://xiaomi.example/rss", "Xiaomi"),
        OpmlFeed("http://baic.example/feed.xml", "BAIC"),
        OpmlFeed("https://miit.example/rss", "https://miit.example/rss"),
    ]


def test_round_trip() -> None:
    """Exported feeds, names with markup and Chinese included, import back unchanged."""
    feeds = [("https://xiaomi.example/rss", "Xiaomi <news> & more"), ("http://gxb.example/rss", "工信部")]
    exported = export_opml(feeds)
    assert exported.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<opml version=\"2.0\">")
    assert [(f.url, f.name) for f in parse_opml(exported)] == feeds


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (BILLION_LAUGHS, "OPML refused: DOCTYPE not allowed"),
        (EXTERNAL_ENTITY, "OPML refused: DOCTYPE not allowed"),
        (b"<opml><body><outline", "OPML is not well-formed XML: unclosed token at line 1"),
        (b"<rss version='2.0'><channel/></rss>", "not an OPML document"),
        (b"", "OPML is not well-formed XML: no element found at line 1"),
        (b"<opml>" + b" " * (5 * 1024 * 1024) + b"</opml>", "OPML refused: file over 5 MiB"),
    ],
)
def test_hostile_or_broken_files_are_refused(data: bytes, reason: str) -> None:
    """Entity tricks, broken XML, other documents and oversized files are refused with a reason."""
    with pytest.raises(OpmlError) as caught:
        parse_opml(data)
    assert caught.value.reason == reason


def test_billion_laughs_is_refused_fast() -> None:
    """The refusal comes before any entity is expanded."""
    started = time.perf_counter()
    with pytest.raises(OpmlError):
        parse_opml(BILLION_LAUGHS)
    assert time.perf_counter() - started < 0.5
