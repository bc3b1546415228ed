"""Alert messages: what happened, in valid Telegram HTML, with every piece of feed text escaped."""

from __future__ import annotations

from html import escape

import pytest

from bot.alerts import AlertFacts, name_in, render_alert, safe_link
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


# 2021-03-04 06:05 UTC, 14:05 in Shanghai
PUBLISHED = 1614837900.0


def test_headline_source_and_local_time() -> None:
    """The headline in bold, then the linked source and the publication time in the chat's zone."""
    text = render_alert(facts(title="Xiaomi denies report", published=PUBLISHED), "en", "Asia/Shanghai")
    lines = text.split("\n")
    assert lines[2] == "<b>Xiaomi denies report</b>"
    assert lines[3] == '<a href="https://news.example/a">Bloomberg</a> · 2021-03-04 14:05 CST'
    assert render_alert(facts(published=PUBLISHED), "en", "UTC").count("2021-03-04 06:05 UTC") == 1


def test_an_unknown_time_zone_shows_utc() -> None:
    """A time zone that cannot be read falls back to UTC rather than failing the alert."""
    assert "2021-03-04 06:05 UTC" in render_alert(facts(published=PUBLISHED), "en", "Mars/Olympus")


def test_the_deciding_sentence_follows_when_it_is_not_the_headline() -> None:
    """The sentence that decided the stance is quoted under the headline, unless it is the headline."""
    ev = Evidence("1", CLAIM.id, 0.9, "match", "refutes", "not", None, None, "Xiaomi denies report.")
    assert "<blockquote>" not in render_alert(facts(title="Xiaomi  denies report", evidence=ev))
    quoted = render_alert(facts(title="Xiaomi denies report"))
    assert quoted.index("<b>Xiaomi denies report</b>") < quoted.index("<blockquote>Xiaomi has not obtained it")


def test_an_item_without_headline_still_shows_its_sentence() -> None:
    """No title: the sentence alone says what the item said."""
    text = render_alert(facts(title=""))
    assert "<blockquote>Xiaomi has not obtained it</blockquote>" in text
    assert "<b></b>" not in text


@pytest.mark.parametrize("hostile", ["<b>Xiaomi</b> & <i>BAIC", "</b><a href='javascript:x'>click</a>"])
def test_a_hostile_headline_is_escaped(hostile: str) -> None:
    """Markup in a headline reaches the reader as text."""
    text = render_alert(facts(title=hostile, published=PUBLISHED))
    assert hostile not in text
    assert f"<b>{escape(hostile)}</b>" in text


def test_chinese_alert_with_time() -> None:
    """A Chinese reader in Shanghai gets the headline and the local time."""
    text = render_alert(facts(title="小米否认获得造车资质", published=PUBLISHED), "zh", "Asia/Shanghai")
    assert "<b>小米否认获得造车资质</b>" in text
    assert "2021-03-04 14:05 CST" in text
    assert "反驳该传闻" in text


@pytest.mark.parametrize(("names", "lang", "expected"), [
    (("BAIC Blue Valley", "北汽蓝谷"), "zh", "北汽蓝谷"),
    (("BAIC Blue Valley", "北汽蓝谷"), "en", "BAIC Blue Valley"),
    (("MIIT",), "zh", "MIIT"),
    ((), "en", ""),
])
def test_entity_names_in_the_readers_language(names: tuple[str, ...], lang: str, expected: str) -> None:
    """A Chinese reader sees a party's Chinese name when it has one."""
    assert name_in(names, lang) == expected


def test_the_answering_party_is_named_in_the_readers_language() -> None:
    """With the party's names in both languages, a Chinese alert names it in Chinese."""
    ev = Evidence("1", CLAIM.id, 0.9, "match", "refutes", "denies", "source", "baic", "BAIC denies it")
    both = facts(evidence=ev, official_name="BAIC Blue Valley", official_names=("BAIC Blue Valley", "北汽蓝谷"))
    assert "北汽蓝谷 官方回应" in render_alert(both, "zh")
    assert "Official response from BAIC Blue Valley" in render_alert(both, "en")
