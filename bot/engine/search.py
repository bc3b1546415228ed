"""Finding a claim by its words, in any language: one clear winner, a few to choose from, or none.

The engine ranks the claims for the query (its similarity fused with BM25, over every text of every
claim); each ranked claim is then asked how much of the query it says: the share of the query's terms
found in its texts, keywords, topic, id and the names of its parties in every language (an entity's
aliases are one term, so 小米 finds a claim that says only "Xiaomi"). A claim saying at least half of the
query is a candidate; the one that says the most of it, alone, wins; a tie is for the reader to pick.

With an encoder, meaning settles what words leave open: when the claims saying the most of the query
still leave part of it unsaid ("小米 资质" against claims that name Xiaomi, one of them in English only),
the one clearly nearest the query by meaning wins, even when no claim says half of it in words (but a
third at least). A query
every tied claim says in full ("小米") stays the reader's to pick: meaning would only guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from bot.engine.matcher import Engine
from core.records import Claim

_JOINER = re.compile(r"(?<=\w)[-_](?=\w)")
MIN_COVERAGE = 0.5
RANKED = 8
CHOICES = 5
CLOSEST = 3
# How far the nearest claim by meaning must lead the next, as a share of its height above the query's
# background level (a share, so it holds for encoders whose cosines sit in different bands).
MEANING_MARGIN = 0.25
# Meaning may carry what the words leave unsaid up to twice what they say: "小米 造车资质" (Xiaomi said,
# two words not) is settled by meaning, "Xiaomi weather forecast Paris" is not.
MEANING_COVERAGE = 1 / 3

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


def is_claim_id(engine: Engine, query: str) -> bool:
    return query.strip().lower() in {c.id for c in engine.claims}


def query_vector(engine: Engine, query: str) -> np.ndarray | None:
    """The query encoded for `find_claims`, None without an encoder or for an id: the encoder alone, no
    reading, so it may run in a worker thread."""
    if engine.semantic is None or not query.strip() or is_claim_id(engine, query):
        return None
    return engine.encode_texts([query])[query]


def find_claims(engine: Engine, query: str, vector: np.ndarray | None = None) -> Found:
    """The claims a reader means by `query` (an id, or words in English or Chinese); `vector`, the query
    encoded (`query_vector`), lets meaning decide what the words leave open."""
    wanted = query.strip().lower()
    if is_claim_id(engine, wanted):
        return Found("one", (wanted,))
    by_id = {c.id: c for c in engine.claims}
    # Ids and topics are words joined by hyphens ("xiaomi-oem"): read them as the words they are.
    query = _JOINER.sub(" ", query)
    terms = engine.read(query).terms
    ranked = [claim_id for claim_id, _ in engine.rank(query, RANKED, vector)]
    # A party a claim's text does not name (the regulator who would answer) is not in the ranking.
    parties = {term[1:] for term in terms if term.startswith("@")}
    ranked += [c.id for c in engine.claims if parties & set(c.officials) and c.id not in ranked][:RANKED]
    covered = [(coverage(terms, _claim_terms(engine, by_id[c])), c) for c in ranked]
    if vector is not None and (winner := _by_meaning(engine, covered, vector)):
        return Found("one", (winner,))
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


def _by_meaning(engine: Engine, covered: list[tuple[float, str]], vector: np.ndarray) -> str | None:
    """Among the claims saying the most of the query, when that is some but not all of it, the one
    clearly nearest by meaning."""
    best = max((share for share, _ in covered), default=0.0)
    if not MEANING_COVERAGE - 1e-9 <= best < 1.0:
        return None
    return engine.clearly_nearest(vector, [c for share, c in covered if share == best], MEANING_MARGIN)
