"""The bot's words in English and Chinese, and how the language is chosen."""

from __future__ import annotations

import re

import pytest

from bot import i18n_extra, i18n_strings
from bot.alerts import AlertFacts, render_alert
from bot.buttons import alert_keyboard
from bot.engine import Claim, Evidence
from bot.i18n import TABLES, choose_language, t

EN, ZH = TABLES["en"], TABLES["zh"]

PLACEHOLDER = re.compile(r"\{(\w+)\}")


def test_both_languages_have_the_same_keys() -> None:
    """Every English text has a Chinese one and the other way round."""
    assert set(EN) == set(ZH)


@pytest.mark.parametrize("key", sorted(EN))
def test_same_placeholders_in_both_languages(key: str) -> None:
    """A Chinese text is filled with the same values as the English one."""
    assert set(PLACEHOLDER.findall(EN[key])) == set(PLACEHOLDER.findall(ZH[key]))


@pytest.mark.parametrize(
    ("chat_language", "user_language", "expected"),
    [(None, "zh-hans", "zh"), (None, "zh", "zh"), (None, "ZH-TW", "zh"), (None, "en", "en"), (None, "de", "en"),
     (None, None, "en"), ("en", "zh-hans", "en"), ("zh", "en", "zh"), ("fr", "zh", "zh")],
)
def test_choose_language(chat_language: str | None, user_language: str | None, expected: str) -> None:
    """The chat's choice wins, else a zh-* Telegram language means Chinese, else English."""
    assert choose_language(chat_language, user_language) == expected


def test_unknown_language_falls_back_to_english() -> None:
    """A language we do not speak is answered in English."""
    assert t("de", "unknown_command") == EN["unknown_command"]


CLAIM = Claim("xiaomi-baic-oem", "BAIC Blue Valley will build Xiaomi's cars")
DENIAL = Evidence("1", CLAIM.id, 0.9, "match", "refutes", "denies", "source", "baic",
                  "BAIC Blue Valley said it did not receive relevant information")


def test_official_alert_in_chinese() -> None:
    """A Chinese alert says who answered officially and how, in Chinese, with Chinese buttons."""
    facts = AlertFacts(CLAIM, DENIAL, "t", "https://x.example/a", "BAIC IR", "北汽蓝谷", "unverified", "denied")
    text = render_alert(facts, "zh")
    assert "北汽蓝谷 官方回应</b>（声明）：否认" in text
    assert "现状：未证实 → <b>已否认</b>" in text
    labels = [b.text for row in alert_keyboard(CLAIM.id, "zh").inline_keyboard for b in row]
    assert labels == ["完整现状", "静音此传闻"]


def test_english_alert_says_what_happened() -> None:
    """The English alert reads "Official response from BAIC Blue Valley (statement): denies"."""
    facts = AlertFacts(CLAIM, DENIAL, "t", "https://x.example/a", "BAIC IR", "BAIC Blue Valley")
    assert "Official response from BAIC Blue Valley</b> (statement): denies" in render_alert(facts)


def test_string_tables_do_not_overlap() -> None:
    """A key is defined in one table only, so no text silently replaces another."""
    assert not set(i18n_strings.EN) & set(i18n_extra.EN)
    assert not set(i18n_strings.ZH) & set(i18n_extra.ZH)
