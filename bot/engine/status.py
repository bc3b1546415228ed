"""A claim's status, derived from the evidence of its stories.

An official confirmation or denial decides (the latest one, if the party changed its mind). Otherwise
media stories are weighed by their match scores, one vote per story however many feeds carried it:
one side clearly heavier leans that way, two comparable sides make the claim disputed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.records import ClaimStatus, StoryEvidence

# The lighter side must weigh at least this share of the heavier for the claim to count as disputed.
DISPUTED_RATIO = 0.5


def _strength(e: StoryEvidence) -> tuple[bool, bool, float]:
    return (e.official is not None and e.stance != "neutral", e.stance != "neutral", e.score)


def per_story(evidence: Sequence[StoryEvidence]) -> list[StoryEvidence]:
    """One piece of evidence per story: the strongest of its items."""
    best: dict[int, StoryEvidence] = {}
    for e in evidence:
        if e.story_id not in best or _strength(e) > _strength(best[e.story_id]):
            best[e.story_id] = e
    return list(best.values())


def _official(stories: Sequence[StoryEvidence], names: Mapping[str, str]) -> ClaimStatus | None:
    said = [e for e in stories if e.official is not None and e.stance != "neutral"]
    if not said:
        return None
    latest = max(said, key=lambda e: (e.published, e.story_id))
    verb = "confirmed" if latest.stance == "supports" else "denied"
    reporter = latest.source or "the media"
    how = "its own feed" if latest.official == "source" else f"a statement reported by {reporter}"
    who = names.get(latest.official_entity or "", latest.official_entity or "the party concerned")
    reason = f"{who} {verb} it officially ({how})"
    return ClaimStatus("confirmed" if latest.stance == "supports" else "denied", reason, (latest.story_id,))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}y" if n == 1 else f"{n} {word}ies"


def _media(stories: Sequence[StoryEvidence]) -> ClaimStatus:
    pro = [e for e in stories if e.stance == "supports"]
    con = [e for e in stories if e.stance == "refutes"]
    weight_pro, weight_con = sum(e.score for e in pro), sum(e.score for e in con)
    ids = tuple(e.story_id for e in (*pro, *con))
    counts = f"{_plural(len(pro), 'supporting stor')}, {_plural(len(con), 'refuting stor')}"
    if not pro and not con:
        neutral = tuple(e.story_id for e in stories)
        reason = f"{_plural(len(stories), 'stor')} report it, none takes a side"
        return ClaimStatus("unverified", reason, neutral)
    if min(weight_pro, weight_con) >= DISPUTED_RATIO * max(weight_pro, weight_con):
        return ClaimStatus("disputed", f"{counts}, no official word", ids)
    if weight_pro > weight_con:
        return ClaimStatus("leaning true", f"{counts}, no official word", ids)
    return ClaimStatus("leaning false", f"{counts}, no official word", ids)


def claim_status(evidence: Sequence[StoryEvidence], names: Mapping[str, str] | None = None) -> ClaimStatus:
    """An official word decides; otherwise media support and refutation are weighed, per story.

    `names` gives entities' display names for the reason ("BAIC Blue Valley denied it officially").
    """
    stories = per_story(evidence)
    if not stories:
        return ClaimStatus("unverified", "no evidence yet", ())
    return _official(stories, names or {}) or _media(stories)
