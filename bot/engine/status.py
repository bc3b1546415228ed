"""A claim's status, derived from the evidence of its stories."""

from __future__ import annotations

from collections.abc import Sequence

from bot.engine.types import ClaimStatus, Status, StoryEvidence


def claim_status(evidence: Sequence[StoryEvidence]) -> ClaimStatus:
    """An official word decides; otherwise media support and refutation are weighed."""
    official = [e for e in evidence if e.official and e.stance != "neutral"]
    if official:
        latest = max(official, key=lambda e: e.published)
        verdict: Status = "confirmed" if latest.stance == "supports" else "denied"
        return ClaimStatus(verdict, f"official response from {latest.official_entity}", (latest.story_id,))
    pro = [e.story_id for e in evidence if e.stance == "supports"]
    con = [e.story_id for e in evidence if e.stance == "refutes"]
    if pro and con:
        return ClaimStatus("disputed", f"{len(pro)} supporting and {len(con)} refuting stories", (*pro, *con))
    if pro:
        return ClaimStatus("leaning true", f"{len(pro)} supporting stories, none refuting", tuple(pro))
    if con:
        return ClaimStatus("leaning false", f"{len(con)} refuting stories, none supporting", tuple(con))
    return ClaimStatus("unverified", "no story takes a side yet", ())
