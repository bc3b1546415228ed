"""Alert messages: what happened, in valid Telegram HTML, with every piece of feed text escaped."""

from __future__ import annotations

import pytest

from bot.alerts import AlertFacts, render_alert, safe_link
from bot.engine import Claim, Evidence

CLAIM = Claim("xiaomi-qualification", "Xiaomi has obtained the qualification to build cars")


def facts(**changes: object) -> AlertFacts:
    ev = Evidence("1", CLAIM.id, 0.9, "match", "refutes", "not", None, None, "Xiaomi has not obtained it")
    base = AlertFacts(CLAIM, ev, "Title", "https://news.example/a", "Bloomberg", "")
    return AlertFacts(**{**{f: getattr(base, f) for f in base.__slots__}, **changes})


def test_media_alert_names_claim_stance_quote_and_source() -> None:
    """A media report alert carries the claim id, its stance, the sentence and a link to the source."""
    text = render_alert(facts())
    assert "<b>xiaomi-qualification</b>" in text
    assert "refutes the claim" in text
    assert "<blockquote>Xiaomi has not obtained it</blockquote>" in text
    assert '<a href="https://news.example/a">Bloomberg</a>' in text


def test_official_alert_says_so_in_its_own_words() -> None:
    """An official response is announced as such, with the entity's name."""
    ev = Evidence("1", CLAIM.id, 0.9, "match", "supports", "confirmed", "source", "xiaomi", "Xiaomi confirmed it")
    text = render_alert(facts(evidence=ev, official_name="Xiaomi"))
    assert "Official response from Xiaomi" in text
    assert "confirms" in text


def test_status_change_is_shown() -> None:
    """When the alert changes the claim's status, the old and new status are given."""
    assert "Status: unverified → <b>leaning false</b>" in render_alert(facts(old_status="unverified",
                                                                           new_status="leaning false"))


@pytest.mark.parametrize(
    "hostile",
    ["<script>alert(1)</script>", "Tom & Jerry <b>bold", '"><a href="javascript:x">', "</blockquote><i>"],
)
def test_feed_text_is_escaped(hostile: str) -> None:
    """No tag from a feed reaches Telegram: titles, sources and sentences are escaped."""
    ev = Evidence("1", CLAIM.id, 0.9, "match", "neutral", "", None, None, hostile)
    text = render_alert(facts(evidence=ev, source=hostile, link="javascript:alert(1)"))
    assert hostile not in text
    assert 'href="javascript' not in text
    tags = {t.split(">")[0].split()[0] for t in text.split("<")[1:]}
    assert tags <= {"b", "/b", "blockquote", "/blockquote", "a", "/a"}


@pytest.mark.parametrize(
    ("url", "expected"),
    [("https://a.example/x", "https://a.example/x"), ("http://a.example", "http://a.example"),
     ("javascript:alert(1)", None), ("data:text/html,x", None), ("/relative", None), ("", None)],
)
def test_only_web_links_are_kept(url: str, expected: str | None) -> None:
    """Links other than http(s) are dropped."""
    assert safe_link(url) == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", CLAIM.text), ("zh", "小米已获得造车资质")],
)
def test_claim_is_shown_in_the_readers_language(lang: str, expected: str) -> None:
    """A Chinese reader sees the claim's Chinese text when it has one; others see the main text."""
    claim = Claim(CLAIM.id, CLAIM.text, texts=("Xiaomi a obtenu la qualification", "小米已获得造车资质"))
    ev = Evidence("1", CLAIM.id, 0.9, "match", "refutes", "not", None, None, "x")
    assert expected in render_alert(facts(claim=claim, evidence=ev), lang)
