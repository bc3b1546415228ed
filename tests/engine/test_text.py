"""Text pipeline: sentence splitting."""

from __future__ import annotations

import pytest

from bot.engine.text import split_sentences

SENTENCES = [
    ("Xiaomi Corp. hasn't obtained it. Next one.", ["Xiaomi Corp. hasn't obtained it.", "Next one."]),
    ("Apple Inc. and Foxconn Ltd. met. Co. staff left.", ["Apple Inc. and Foxconn Ltd. met.", "Co. staff left."]),
    ("Shares rose 22.18% in three days. It said so.", ["Shares rose 22.18% in three days.", "It said so."]),
    ("Revenue was 3.1 billion yuan.", ["Revenue was 3.1 billion yuan."]),
    ("He moved to the U.S. last year. Then left.", ["He moved to the U.S. last year.", "Then left."]),
    ("Mr. Lei and Dr. Wang spoke.", ["Mr. Lei and Dr. Wang spoke."]),
    ("It ranks No. 1 in China. Rivals said no. Then", ["It ranks No. 1 in China.", "Rivals said no.", "Then"]),
    ("J. K. Rowling wrote it.", ["J. K. Rowling wrote it."]),
    ('He said "yes." Then he left!Really?', ['He said "yes."', "Then he left!", "Really?"]),
    ("full of expectations.Spilled it", ["full of expectations.", "Spilled it"]),
    ("近日，有媒体报道称。经公司核实，未收到。公司将", ["近日，有媒体报道称。", "经公司核实，未收到。", "公司将"]),
    ("股价上涨22.18%。", ["股价上涨22.18%。"]),
    ("line one\nline two", ["line one", "line two"]),
    ("", []),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentences_end_at_stops_not_inside_numbers_or_abbreviations(text: str, expected: list[str]) -> None:
    """A stop ends a sentence unless it is a decimal point or ends an abbreviation."""
    assert split_sentences(text) == expected
