"""Ids and limits of suggested claims."""

from __future__ import annotations

import pytest

from bot.suggested import MAX_TEXT, claim_id_for, text_problem
from core.ids import is_id


@pytest.mark.parametrize(("text", "taken", "expected"), [
    ("Xiaomi will list its car unit in Hong Kong", (), "xiaomi-list-car-unit-hong"),
    ("Xiaomi will list its car unit in Hong Kong", ("xiaomi-list-car-unit-hong",), "xiaomi-list-car-unit-hong-7"),
    ("小米汽车将在香港上市", (), "suggestion-7"),
    ("Tesla 将在上海建第二工厂", (), "tesla"),
    ("The   U.S.   will ban TikTok!!!", (), "ban-tiktok"),
    ("a" * 100, (), "a" * 40),
])
def test_claim_ids(text: str, taken: tuple[str, ...], expected: str) -> None:
    """A slug of the first meaningful words, numbered when taken or when there are none."""
    claim_id = claim_id_for(text, 7, taken)
    assert claim_id == expected
    assert is_id(claim_id)
    assert len(f"status:{claim_id}-1234567".encode()) <= 64


@pytest.mark.parametrize(("text", "problem"), [
    ("Xiaomi IPO", None), ("小米汽车将在香港上市", None), ("short", "too_short"), ("x" * (MAX_TEXT + 1), "too_long"),
])
def test_text_limits(text: str, problem: str | None) -> None:
    """A suggestion says something, in a sentence, not an essay."""
    assert text_problem(text) == problem
