"""A character-bigram TF-IDF matcher: the plain baseline for matching Chinese text to claims.

Chinese runs give their overlapping character bigrams (and single characters, for one-character runs),
other text its lower-cased words. Each claim text is a TF-IDF vector (IDF over the claim texts); a
post's score on a claim is the cosine with the claim's closest text. Its stance is read from a few
cue words, without any notion of what the claim says.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from core.records import Claim, Stance

_RUN = re.compile(r"[\u3400-\u9fff]+|[a-z0-9]+", re.IGNORECASE)
_REFUTE = re.compile(
    r"辟谣|谣言|不实|假的|否认|并非|没有|并未|不是|未|不会|不能|合成|编造|\b(?:not|no|false|hoax|deny|denies)\b"
)
_NEUTRAL = re.compile(r"网传|据传|传闻|听说|有网友称|有人说|求证|是真的吗|吗[？?]?|[？?]|\b(?:reportedly|rumou?r)\b")


def features(text: str) -> Counter[str]:
    """Character bigrams of the Chinese runs, lower-cased words of the rest."""
    grams: Counter[str] = Counter()
    for run in _RUN.findall(text):
        if run.isascii():
            grams[run.lower()] += 1
        elif len(run) == 1:
            grams[run] += 1
        else:
            grams.update(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {k: v / norm for k, v in vector.items()}


class BigramMatcher:
    """Claims as TF-IDF vectors of bigrams; `best` gives the closest claim and its cosine."""

    def __init__(self, claims: Iterable[Claim]) -> None:
        texts = [(c.id, features(t)) for c in claims for t in (c.text, *c.texts)]
        df = Counter(g for _, grams in texts for g in grams)
        n = len(texts)
        self._idf = {g: 1.0 + math.log((n + 1) / (d + 1)) for g, d in df.items()}
        self._unseen = 1.0 + math.log(n + 1)
        self._vectors = [(cid, self._vector(grams)) for cid, grams in texts]

    def _vector(self, grams: Counter[str]) -> dict[str, float]:
        return _unit({g: (1 + math.log(c)) * self._idf.get(g, self._unseen) for g, c in grams.items()})

    def scores(self, text: str) -> dict[str, float]:
        item = self._vector(features(text))
        best: dict[str, float] = {}
        for cid, vector in self._vectors:
            cosine = sum(w * vector[g] for g, w in item.items() if g in vector)
            best[cid] = max(best.get(cid, 0.0), cosine)
        return best

    def best(self, text: str) -> tuple[str, float] | None:
        scores = self.scores(text)
        return max(scores.items(), key=lambda kv: kv[1]) if scores else None


def cue_stance(text: str) -> Stance:
    """Refutes on a denial or negation word, neutral on a hedge or a question, supports otherwise."""
    if _REFUTE.search(text):
        return "refutes"
    return "neutral" if _NEUTRAL.search(text) else "supports"
