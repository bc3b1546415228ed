"""A plain Okapi BM25 ranking: the usual CheckThat! baseline, measured beside the engine."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from bot.engine.lexicon import EN_STOP

_WORD = re.compile(r"[a-z0-9]+")


def bm25_tokens(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in EN_STOP]


class BM25:
    """Okapi BM25 over documents given as (id, text); k1 and b at their textbook values."""

    def __init__(self, docs: Sequence[tuple[str, str]], k1: float = 1.2, b: float = 0.75) -> None:
        self.ids = [d for d, _ in docs]
        self.k1, self.b = k1, b
        self._postings: defaultdict[str, list[tuple[int, int]]] = defaultdict(list)
        lengths = []
        for i, (_, text) in enumerate(docs):
            counts = Counter(bm25_tokens(text))
            lengths.append(sum(counts.values()))
            for term, tf in counts.items():
                self._postings[term].append((i, tf))
        self._lengths = lengths
        self._avg = sum(lengths) / max(1, len(lengths))
        n = len(docs)
        self._idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self._postings.items()}

    def rank(self, query: str, limit: int = 5) -> list[str]:
        scores: defaultdict[int, float] = defaultdict(float)
        for term in set(bm25_tokens(query)):
            idf = self._idf.get(term, 0.0)
            for i, tf in self._postings.get(term, ()):
                norm = tf + self.k1 * (1 - self.b + self.b * self._lengths[i] / self._avg)
                scores[i] += idf * tf * (self.k1 + 1) / norm
        best = sorted(scores, key=scores.__getitem__, reverse=True)[:limit]
        return [self.ids[i] for i in best]
