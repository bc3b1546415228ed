"""Identity rules and canonical links."""

from __future__ import annotations

import pytest

from bot.feeds.identity import IdentitySource, assign_identities, content_hash
from core.links import canonical_link


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTP://News.Example.COM:80/a/b?x=1", "http://news.example.com/a/b?x=1"),
        ("https://news.example.com:443/a", "https://news.example.com/a"),
        ("https://news.example.com:8443/a", "https://news.example.com:8443/a"),
        ("https://news.example.com", "https://news.example.com/"),
        ("https://x.example/a?utm_source=tw&utm_medium=social&id=7", "https://x.example/a?id=7"),
        ("https://x.example/a?fbclid=abc&gclid=def&spm=a2c.1&b=2&a=1", "https://x.example/a?a=1&b=2"),
        ("https://x.example/a?UTM_Campaign=x&MSCLKID=y", "https://x.example/a"),
        ("https://x.example/a#comments", "https://x.example/a"),
        ("https://x.example/a?q=&z=1", "https://x.example/a?q=&z=1"),
        ("https://x.example/%E5%B0%8F%E7%B1%B3?k=%E5%B0%8F", "https://x.example/%E5%B0%8F%E7%B1%B3?k=%E5%B0%8F"),
        ("https://[2001:DB8::1]:443/a", "https://[2001:db8::1]/a"),
        ("  https://x.example/a  ", "https://x.example/a"),
        ("urn:uuid:1234", "urn:uuid:1234"),
        ("http://x.example:notaport/", "http://x.example:notaport/"),
    ],
)
def test_canonical_link(url: str, expected: str) -> None:
    """Links that differ only by case, default port, tracking parameters, order or fragment are equal."""
    assert canonical_link(url) == expected


def source(guid: str = "", link: str = "", title: str = "t", content: str = "c") -> IdentitySource:
    return IdentitySource(guid, link, title, content)


def sha(title: str, content: str) -> str:
    import hashlib

    return "sha256:" + hashlib.sha256(f"{title}\x00{content}".encode()).hexdigest()


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ([source("g1", "http://x.example/1")], ["g1"]),
        ([source("  g1 ", "http://x.example/1")], ["g1"]),
        ([source("", "http://X.example/1?utm_source=a")], ["http://x.example/1"]),
        ([source("   ", "http://x.example/1")], ["http://x.example/1"]),
        ([source("same", "http://x.example/1"), source("same", "http://x.example/2")],
         ["http://x.example/1", "http://x.example/2"]),
        ([source("same", "http://x.example/1"), source("same", "http://x.example/2"), source("g3", "")],
         ["http://x.example/1", "http://x.example/2", "g3"]),
        ([source("", "http://x.example/", "a", "1"), source("", "http://x.example/", "b", "2")],
         [sha("a", "1"), sha("b", "2")]),
        ([source("", "", "only title", "")], [sha("only title", "")]),
        ([source("same", "http://x.example/")] * 1, ["same"]),
    ],
)
def test_identity_rules(sources: list[IdentitySource], expected: list[str]) -> None:
    """A unique guid wins, else a unique canonical link, else a sha256 of title and content."""
    assert assign_identities(sources) == expected


def test_content_hash_tracks_title_and_summary() -> None:
    """The hash is sha256 hex and changes with either field, but not across the field boundary."""
    base = content_hash("title", "summary")
    assert len(base) == 64
    assert base == content_hash("title", "summary")
    assert len({base, content_hash("title!", "summary"), content_hash("title", "summary!"),
                content_hash("titles", "ummary")}) == 4
