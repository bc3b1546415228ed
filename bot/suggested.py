"""What a suggested claim becomes once approved: its id, derived from its words. Pure."""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.engine.lexicon import EN_STOP
from core.ids import MAX_ID_LENGTH

MIN_TEXT = 8
MAX_TEXT = 300
MAX_OPEN = 3
ID_WORDS = 5
MAX_ID = MAX_ID_LENGTH - 8  # room for "-<suggestion id>" within the one id limit
_WORD = re.compile(r"[a-z0-9]+")


def claim_id_for(text: str, suggestion_id: int, taken: Collection[str]) -> str:
    """A slug of the text's first meaningful Latin words ('xiaomi-list-car-unit-hong'); the suggestion's
    number is added when the slug is taken or the text has no Latin words (a Chinese text)."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in EN_STOP][:ID_WORDS]
    slug = "-".join(words)[:MAX_ID].strip("-")
    if not slug:
        return f"suggestion-{suggestion_id}"
    return slug if slug not in taken else f"{slug}-{suggestion_id}"


def text_problem(text: str) -> str | None:
    """Why a suggestion's text cannot be taken ('too_short', 'too_long'), or None."""
    if len(text) < MIN_TEXT:
        return "too_short"
    if len(text) > MAX_TEXT:
        return "too_long"
    return None
