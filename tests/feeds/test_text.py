"""HTML to plain text."""

from __future__ import annotations

import pytest

from bot.feeds.text import plain_text


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("plain  text\n here", "plain text here"),
        ("AT&amp;T &lt;b&gt; &#23567;&#x7C73;", "AT&T <b> 小米"),
        ("<p>one</p><p>two</p>", "one two"),
        ("<script>var a = '<p>x</p>';</script>kept<style>.a{}</style>", "kept"),
        ("<noscript>no</noscript><b>bold</b> <i>it</i>", "bold it"),
        ("a<br/>b", "a b"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("<p>unclosed <b>tags", "unclosed tags"),
        ("工信部：<a href='x'>回应</a>", "工信部： 回应"),
        ("", ""),
    ],
)
def test_plain_text(markup: str, expected: str) -> None:
    """Tags become spaces, hidden elements vanish, entities decode, whitespace folds."""
    assert plain_text(markup) == expected


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<SCRIPT type='x'>evil()</SCRIPT >after", "after"),
        ("<!-- hidden -->shown", "shown"),
        ("<![CDATA[x]]>y", "y"),
        ("before<script>never closed", "before"),
        ("<iframe src='x'>fallback</iframe>ok", "ok"),
    ],
)
def test_hidden_content_is_dropped(markup: str, expected: str) -> None:
    """Scripts, comments and embeds never reach the text, closed or not."""
    assert plain_text(markup) == expected
