"""Finding a claim by its words, in any language: one clear winner, a few to choose from, or none.

The engine ranks the claims for the query (its similarity fused with BM25, over every text of every
claim); each ranked claim is then asked how much of the query it says: the share of the query's terms
found in its texts, keywords, topic, id and the names of its parties in every language (an entity's
aliases are one term, so 小米 finds a claim that says only "Xiaomi"). A claim saying at least half of the
query is a candidate; the one that says the most of it, alone, wins; a tie is for the reader to pick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.engine.matcher import Engine
from core.records import Claim

_JOINER = re.compile(r"(?<=\w)[-_](?=\w)")
MIN_COVERAGE = 0.5
RANKED = 8
CHOICES = 5
CLOSEST = 3

Outcome = Literal["one", "several", "none"]


@dataclass(frozen=True, slots=True)
class Found:
    """The winner (`one`), the claims to choose from, best first (`several`), or the closest ids (`none`)."""

    outcome: Outcome
    claim_ids: tuple[str, ...]


def _claim_terms(engine: Engine, claim: Claim) -> frozenset[str]:
    """Every term a claim answers to: its texts, keywords, topic, id words and its parties."""
    texts = (claim.text, *claim.texts, *claim.keywords, claim.topic.replace("-", " "), claim.id.replace("-", " "))
    terms = {term for text in texts if text for term in engine.read(text).terms}
    return frozenset(terms | {f"@{entity}" for entity in claim.officials})


def coverage(query_terms: frozenset[str], claim_terms: frozenset[str]) -> float:
    """The share of the query's terms that the claim says."""
    return len(query_terms & claim_terms) / len(query_terms) if query_terms else 0.0


def find_claims(engine: Engine, query: str) -> Found:
    """The claims a reader means by `query` (an id, or words in English or Chinese)."""
    by_id = {c.id: c for c in engine.claims}
    wanted = query.strip().lower()
    if wanted in by_id:
        return Found("one", (wanted,))
    # Ids and topics are words joined by hyphens ("xiaomi-oem"): read them as the words they are.
    query = _JOINER.sub(" ", query)
    terms = engine.read(query).terms
    ranked = [claim_id for claim_id, _ in engine.rank(query, RANKED)]
    # A party a claim's text does not name (the regulator who would answer) is not in the ranking.
    parties = {term[1:] for term in terms if term.startswith("@")}
    ranked += [c.id for c in engine.claims if parties & set(c.officials) and c.id not in ranked][:RANKED]
    covered = [(coverage(terms, _claim_terms(engine, by_id[c])), c) for c in ranked]
    candidates = [(share, c) for share, c in covered if share >= MIN_COVERAGE]
    if not candidates:
        return Found("none", tuple(ranked[:CLOSEST]))
    best = max(share for share, _ in candidates)
    top = [c for share, c in candidates if share == best]
    if len(top) == 1:
        return Found("one", (top[0],))
    # Ties first, in the engine's order, then the claims that say less of the query.
    ordered = top + [c for share, c in candidates if share < best]
    return Found("several", tuple(ordered[:CHOICES]))
