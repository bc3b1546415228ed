"""Claim status from story evidence: official words decide, media evidence is weighed per story."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.engine import StoryEvidence, claim_status
from core.records import OfficialKind, Stance

T0 = datetime(2023, 10, 19, tzinfo=UTC)


def ev(
    story: int, stance: Stance, official: OfficialKind | None = None, score: float = 0.8, hours: int = 0
) -> StoryEvidence:
    entity = "xiaomi" if official else None
    return StoryEvidence(story, stance, official, entity, score, "feed", T0 + timedelta(hours=hours))


CASES = [
    ([], "unverified", ()),
    ([ev(1, "neutral"), ev(2, "neutral")], "unverified", (1, 2)),
    ([ev(1, "supports")], "leaning true", (1,)),
    ([ev(1, "refutes")], "leaning false", (1,)),
    ([ev(1, "supports"), ev(2, "refutes")], "disputed", (1, 2)),
    (
        [ev(1, "supports"), ev(2, "supports"), ev(3, "supports"), ev(4, "refutes", score=0.6)],
        "leaning true",
        (1, 2, 3, 4),
    ),
    ([ev(1, "supports"), ev(2, "refutes", "reported")], "denied", (2,)),
    ([ev(1, "refutes"), ev(2, "supports", "source")], "confirmed", (2,)),
    ([ev(1, "refutes", "source"), ev(2, "supports", "source", hours=5)], "confirmed", (2,)),
    ([ev(1, "neutral", "source"), ev(2, "refutes")], "leaning false", (2,)),
]


@pytest.mark.parametrize(("evidence", "status", "decided_by"), CASES)
def test_status(evidence: list[StoryEvidence], status: str, decided_by: tuple[int, ...]) -> None:
    """Each status names the stories that made it so."""
    result = claim_status(evidence)
    assert (result.status, result.decided_by) == (status, decided_by)
    assert result.reason


def test_a_story_counts_once() -> None:
    """Four syndicated copies of one supporting story do not outweigh three refuting stories."""
    copies = [ev(1, "supports")] * 4
    assert (
        claim_status([*copies, ev(2, "refutes"), ev(3, "refutes"), ev(4, "refutes")]).status
        == "leaning false"
    )


def test_official_reason_names_the_entity() -> None:
    """The reason of an official verdict says who spoke and how."""
    assert claim_status([ev(1, "refutes", "source")]).reason == "xiaomi denied it officially (its own feed)"


def test_official_reason_names_the_entity_when_names_are_given() -> None:
    """The reason reads "BAIC Blue Valley denied it officially", not the entity's id."""
    denial = StoryEvidence(1, "refutes", "source", "baic", 0.9, "BAIC IR", datetime(2023, 10, 19, tzinfo=UTC))
    assert claim_status([denial], {"baic": "BAIC Blue Valley"}).reason.startswith("BAIC Blue Valley denied it")
    assert claim_status([denial]).reason.startswith("baic denied it")
