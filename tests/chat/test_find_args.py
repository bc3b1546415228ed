"""Reading the words a reader typed after a command."""

from __future__ import annotations

import pytest

from handlers.find import MAX_WORDS, words_arg


@pytest.mark.parametrize(("args", "words"), [
    (["xiaomi-qualification"], "xiaomi-qualification"),
    (["Xiaomi", "qualification"], "Xiaomi qualification"),
    (["小米", "资质"], "小米 资质"),
    (["'; DROP TABLE claims; --"], "'; DROP TABLE claims; --"),
    ([], None),
    (["", " "], None),
    (["<b>"], None),
    (["%%%", "!!"], None),
    (["x" * (MAX_WORDS + 1)], None),
])
def test_words_arg(args: list[str], words: str | None) -> None:
    """Words are kept as typed; nothing, punctuation, bare markup or an essay are not words to search."""
    assert words_arg(args) == words
