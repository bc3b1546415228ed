"""Ranking claims for a text with no thresholds: the engine's similarity fused with Okapi BM25.

The engine's similarity (IDF-weighted Dice over term sets) knows subjects and synonyms but not how often
a claim repeats a word; BM25 over the same terms counts that (a claim's fact-check title often repeats
its key words) and normalises for length. Each ranking is scaled by its best score and the two are
summed, BM25 weighing more (weights chosen on CheckThat! 2020 train and dev).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

K1 = 1.2
B = 0.75
SIMILARITY_SHARE = 0.15
DEPTH = 30


class ClaimBM25:
    """Okapi BM25 over each claim's terms (all its texts together), with textbook k1 and b."""

    def __init__(self, bags: Sequence[Sequence[str]]) -> None:
        self._postings: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        self._lengths = [len(bag) for bag in bags]
        for i, bag in enumerate(bags):
            for term, tf in Counter(bag).items():
                self._postings[term].append((i, tf))
        self._average = sum(self._lengths) / max(1, len(bags))
        n = len(bags)
        self._idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self._postings.items()}

    def scores(self, terms: set[str], limit: int = DEPTH) -> dict[int, float]:
        """The `limit` best claims for a set of query terms, with their scores."""
        acc: defaultdict[int, float] = defaultdict(float)
        lengths, average = self._lengths, self._average or 1.0
        for term in terms:
            idf = self._idf.get(term)
            if idf is None:
                continue
            for i, tf in self._postings[term]:
                acc[i] += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * lengths[i] / average))
        best = sorted(acc, key=acc.__getitem__, reverse=True)[:limit]
        return {i: acc[i] for i in best}


def fuse(similarity: dict[int, float], bm25: dict[int, float]) -> dict[int, float]:
    """Both rankings scaled by their best score, summed with fixed shares."""
    top_similarity = max(similarity.values(), default=0.0) or 1.0
    top_bm25 = max(bm25.values(), default=0.0) or 1.0
    fused: defaultdict[int, float] = defaultdict(float)
    for i, s in similarity.items():
        fused[i] += SIMILARITY_SHARE * s / top_similarity
    for i, s in bm25.items():
        fused[i] += (1 - SIMILARITY_SHARE) * s / top_bm25
    return dict(fused)
