"""Keyword matching of items to claims: an item is evidence when it names most of a claim's terms."""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.engine.types import Claim, Entity, Evidence, Item, OfficialKind, Stance

_WORD = re.compile(r"[a-z0-9]+|[\u4e00-\u9fff]", re.IGNORECASE)
_STOP = frozenset(
    "a an the has have had is are was were be been to of in on for and or that this it its with by as at "
    "from will would can could".split()
)
_REFUTE = ("not", "no", "denied", "denies", "false", "didn't", "hasn't", "未", "没有", "否认", "辟谣", "不实")
_SUPPORT = ("confirmed", "confirms", "announced", "证实", "宣布", "官宣")
MATCH_THRESHOLD = 0.6
CANDIDATE_THRESHOLD = 0.4


def _terms(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP}


class Engine:
    """Matches items against a fixed set of claims."""

    def __init__(self, claims: Iterable[Claim], entities: Iterable[Entity] = ()) -> None:
        self.claims = tuple(claims)
        self.entities = {e.id: e for e in entities}
        self._terms = {c.id: _terms(" ".join((c.text, *c.keywords))) for c in self.claims}

    def match(self, item: Item) -> list[Evidence]:
        """Return the evidence `item` gives on each claim it speaks to, best first."""
        text = f"{item.title}. {item.summary}"
        words = _terms(text)
        found: list[Evidence] = []
        for claim in self.claims:
            terms = self._terms[claim.id]
            if not terms:
                continue
            score = len(terms & words) / len(terms)
            if score < CANDIDATE_THRESHOLD:
                continue
            stance, cue = _stance(text)
            official, entity = _official(claim, item)
            found.append(
                Evidence(
                    item_id=item.id,
                    claim_id=claim.id,
                    score=round(score, 4),
                    level="match" if score >= MATCH_THRESHOLD else "candidate",
                    stance=stance,
                    cue=cue,
                    official=official,
                    official_entity=entity,
                    sentence=item.title,
                )
            )
        return sorted(found, key=lambda e: -e.score)


def _stance(text: str) -> tuple[Stance, str]:
    lowered = text.lower()
    for cue in _REFUTE:
        if re.search(rf"(?<![a-z]){re.escape(cue)}(?![a-z])", lowered):
            return "refutes", cue
    for cue in _SUPPORT:
        if cue in lowered:
            return "supports", cue
    return "neutral", ""


def _official(claim: Claim, item: Item) -> tuple[OfficialKind | None, str | None]:
    for entity in claim.officials:
        if entity in item.official_for:
            return "source", entity
    return None, None
