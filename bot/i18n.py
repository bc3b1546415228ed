"""The bot's own words in English and Chinese, and how a chat's language is chosen.

Strings are Telegram HTML templates filled with `str.format`; every value put into them must already
be escaped by the caller. Both languages have the same keys and placeholders (a test checks it).
"""

from __future__ import annotations

from typing import Literal

from bot import i18n_extra, i18n_strings

Lang = Literal["en", "zh"]
LANGUAGES: tuple[Lang, ...] = ("en", "zh")
LANGUAGE_NAMES: dict[Lang, str] = {"en": "English", "zh": "中文"}
TABLES: dict[Lang, dict[str, str]] = {
    "en": {**i18n_strings.EN, **i18n_extra.EN},
    "zh": {**i18n_strings.ZH, **i18n_extra.ZH},
}
EN = TABLES["en"]


def choose_language(chat_language: str | None, user_language_code: str | None) -> Lang:
    """The chat's chosen language, else Chinese for a user whose Telegram speaks zh-*, else English."""
    if chat_language in LANGUAGES:
        return "zh" if chat_language == "zh" else "en"
    if user_language_code and user_language_code.lower().startswith("zh"):
        return "zh"
    return "en"


def as_lang(value: str | None) -> Lang:
    """A stored or given language code as one we speak (English when unknown)."""
    return "zh" if value == "zh" else "en"


def t(lang: str, key: str, **values: object) -> str:
    """The text for `key` in `lang` with `values` filled in; English when the key is missing in `lang`."""
    table = TABLES[as_lang(lang)]
    template = table.get(key) or EN[key]
    return template.format(**values) if values else template


def plural(lang: str, key: str, n: int) -> str:
    """`key.one` or `key.many` filled with `n` (Chinese has one form)."""
    return t(lang, f"{key}.one" if n == 1 else f"{key}.many", n=n)


def label(lang: str, group: str, value: str) -> str:
    """The word for a known value (`status`, `stance`, `level`…); the value itself when it has none."""
    key = f"{group}.{value}"
    return t(lang, key) if key in EN else value
