"""Splitting Telegram HTML: UTF-16 lengths, never inside a tag or entity, tags closed and reopened."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from bot.textsplit import split_html, trim_html, utf16_len


class _Balance(HTMLParser):
    """Checks that every tag opened is closed, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack
        assert self.stack.pop() == tag


def assert_valid(part: str) -> None:
    checker = _Balance()
    checker.feed(part)
    checker.close()
    assert checker.stack == []
    assert not re.search(r"&[#a-zA-Z0-9]*$", part.split("<")[-1])  # no cut entity at the end


@pytest.mark.parametrize(
    ("text", "units"),
    [("abc", 3), ("小米", 2), ("😀", 2), ("a😀b", 4), ("", 0), ("𠮷", 2)],
)
def test_utf16_length(text: str, units: int) -> None:
    """Length counts UTF-16 code units, as Telegram does."""
    assert utf16_len(text) == units


def test_short_text_is_one_part() -> None:
    """A message that fits is left alone."""
    assert split_html("<b>hi</b> &amp; bye") == ["<b>hi</b> &amp; bye"]


@pytest.mark.parametrize(
    "text",
    [
        "<b>" + "😀" * 3000 + "</b>",
        "\n".join(f"<code>claim-{n}</code> – 小米已获得造车资质 &amp; more" for n in range(400)),
        '<a href="https://x.example/a?b=1&amp;c=2">' + "link text " * 900 + "</a>",
        "<blockquote><i>" + "&lt;tag&gt; " * 2000 + "</i></blockquote> tail",
        "x" * 10000,
    ],
    ids=["emoji-in-bold", "many-lines", "long-link", "nested-entities", "no-spaces"],
)
def test_every_part_fits_and_is_valid_html(text: str) -> None:
    """Each part is at most 4,096 UTF-16 units, has balanced tags and no cut entity; no text is lost."""
    parts = split_html(text)
    assert len(parts) > 1
    for part in parts:
        assert utf16_len(part) <= 4096
        assert_valid(part)
    visible = "".join(re.sub(r"<[^>]*>", "", p) for p in parts)
    assert visible.replace("\n", "") == re.sub(r"<[^>]*>", "", text).replace("\n", "")


def test_split_prefers_line_ends() -> None:
    """Lines are kept whole when they can be."""
    lines = [f"line {n} " + "y" * 50 for n in range(200)]
    parts = split_html("\n".join(lines), limit=500)
    assert all(p.split("\n")[-1] in lines for p in parts)


def test_trim_keeps_the_first_part_with_an_ellipsis() -> None:
    """Trimming keeps valid HTML under the limit and says something was left out."""
    trimmed = trim_html("<b>" + "word " * 2000 + "</b>", limit=100)
    assert utf16_len(trimmed) <= 100
    assert trimmed.endswith("</b>…")
    assert_valid(trimmed)
