"""The engine's second signal: sentence vectors of claims and items, and the fused, calibrated score.

The encoder is a function handed in (texts -> unit vectors, float32): the engine never loads a model.
Every text of every claim gets one row of a matrix, so an item's cosine with every claim is one matrix
product. Cosines of one model sit in a narrow band for related and unrelated texts alike, so the fused
score reads them relative to the item's cosine with a fixed set of everyday texts (its background), to
the next claim (the margin) and beside the lexical engine's own figures, weighed by a logistic
regression fitted on labeled data (`fusion.json`, written by `rumorbot eval fit`).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

Encode = Callable[[Sequence[str]], np.ndarray]

# Everyday headlines about nothing a claim is likely to be about: an item's mean cosine with them is the
# level its cosines with unrelated claims sit at.
BACKGROUND = (
    "Stock markets closed higher on Friday as investors weighed new economic data",
    "Heavy rain is expected across the region over the weekend",
    "The local football club signed a new striker on a three-year contract",
    "City council approves budget for road repairs next year",
    "Scientists publish a study on sleep and memory in adults",
    "A new restaurant opened downtown with a menu of seasonal dishes",
    "The museum will host an exhibition of modern paintings this summer",
    "Airline passengers face delays after a technical fault at the airport",
    "Recipe: how to bake bread at home with simple ingredients",
    "The film topped the box office in its opening weekend",
    "Police are investigating a burglary at a shop on the high street",
    "Tips for saving money on your electricity bill this winter",
    "今天股市小幅上涨，投资者关注经济数据",
    "本周末多地将迎来降雨天气",
    "市政府宣布明年将修缮部分道路",
    "这部电影在首映周末票房排名第一",
)


@dataclass(frozen=True, slots=True)
class Semantic:
    """What the engine needs to read meaning: the encoder, its model version, and vectors already
    computed for texts (claim texts kept in the database), which are not encoded again."""

    encode: Encode
    model: str = ""
    known: Mapping[str, np.ndarray] | None = None
    top_k: int = 5
    gate: bool = True  # skip items that share no word with any claim (False: encode every item)
    weights: str = "use"  # which fitted fusion fits this encoder's cosines: `fusion-<weights>.json`


@dataclass(frozen=True, slots=True)
class Fusion:
    """A logistic regression over named features, with the two thresholds on its probability."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    match: float
    candidate: float
    rank_share: float = 0.0
    # Candidates whose claim has no text in the item's language meet by meaning alone: their own head.
    crosslingual: Fusion | None = None

    def head(self, row: Mapping[str, float]) -> Fusion:
        """The regression that judges this candidate."""
        return self.crosslingual if self.crosslingual is not None and row.get("crosslingual") else self

    def probability(self, row: Mapping[str, float]) -> float:
        x = (np.array([row.get(f, 0.0) for f in self.features]) - self.mean) / self.scale
        z = float(x @ self.weights) + self.bias
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        cross = {"crosslingual": self.crosslingual.to_json()} if self.crosslingual else {}
        return {
            "features": list(self.features),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights],
            "bias": round(self.bias, 6),
            "match": self.match,
            "candidate": self.candidate,
            "rank_share": self.rank_share,
            **cross,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Fusion:
        def floats(key: str) -> np.ndarray:
            return np.array(data[key], dtype=np.float64)

        return cls(
            features=tuple(str(f) for f in data["features"]),  # type: ignore[attr-defined]
            mean=floats("mean"),
            scale=floats("scale"),
            weights=floats("weights"),
            bias=float(data["bias"]),  # type: ignore[arg-type]
            match=float(data["match"]),  # type: ignore[arg-type]
            candidate=float(data["candidate"]),  # type: ignore[arg-type]
            rank_share=float(data.get("rank_share", 0.0)),  # type: ignore[arg-type]
            crosslingual=cls.from_json(data["crosslingual"]) if "crosslingual" in data else None,  # type: ignore[arg-type]
        )


def default_fusion(encoder: str = "use") -> Fusion:
    """The weights fitted for an encoder, shipped with the package."""
    text = resources.files("bot.engine").joinpath(f"fusion-{encoder}.json").read_text(encoding="utf-8")
    return Fusion.from_json(json.loads(text))


class ClaimSpace:
    """Every claim text as a row of one matrix; cosines of an item with every claim in one product."""

    def __init__(self, texts: Sequence[tuple[int, str]], claims: int, semantic: Semantic) -> None:
        self.claims = claims
        self.owner = np.array([i for i, _ in texts], dtype=np.int64)
        known = dict(semantic.known or {})
        wanted = [t for t in dict.fromkeys(t for _, t in texts) if t not in known]
        wanted += [t for t in BACKGROUND if t not in known and t not in wanted]
        self.computed: dict[str, np.ndarray] = {}
        if wanted:
            fresh = semantic.encode(wanted)
            self.computed = {t: np.asarray(v, dtype=np.float32) for t, v in zip(wanted, fresh, strict=True)}
            known.update(self.computed)
        dim = len(next(iter(known.values()))) if known else 1
        self.matrix = np.array([known[t] for _, t in texts], dtype=np.float32).reshape(len(texts), dim)
        self.background = np.array([known[t] for t in BACKGROUND], dtype=np.float32)
        self._first = len(texts) == claims and bool((self.owner == np.arange(claims)).all())
        # Texts come claim by claim: each claim's rows start where its owner changes.
        self._starts = np.flatnonzero(np.r_[True, self.owner[1:] != self.owner[:-1]]) if len(texts) else self.owner

    def cosines(self, vectors: np.ndarray) -> np.ndarray:
        """Each item's best cosine with each claim (over the claim's texts): one product for the batch,
        which reads the claim matrix once however many items there are."""
        sims: np.ndarray = vectors @ self.matrix.T
        if self._first:
            return sims
        best: np.ndarray = np.maximum.reduceat(sims, self._starts, axis=1)
        return best

    def levels(self, vectors: np.ndarray) -> np.ndarray:
        """Each item's mean cosine with everyday texts: where unrelated claims sit for it."""
        level: np.ndarray = (vectors @ self.background.T).mean(axis=1)
        return level


@dataclass(frozen=True, slots=True)
class Nearest:
    """An item's standing against the claims by meaning: cosines, its background level, the best two."""

    cosines: np.ndarray
    level: float
    order: np.ndarray

    def top(self, k: int) -> list[int]:
        return [int(i) for i in self.order[:k]]

    def features(self, claim: int) -> dict[str, float]:
        cos = float(self.cosines[claim])
        best = float(self.cosines[self.order[0]])
        second = float(self.cosines[self.order[1]]) if len(self.order) > 1 else self.level
        rank = int(np.count_nonzero(self.cosines > cos))
        margin = cos - (second if rank == 0 else best)
        return {"cos": cos, "cos_rel": cos - self.level, "margin": margin, "top1": float(rank == 0),
                "rank_inv": 1.0 / (1 + rank)}


def nearest(space: ClaimSpace, vectors: np.ndarray, depth: int) -> list[Nearest]:
    """Each item's standing against the claims by meaning, its `depth` nearest (and the next) in order."""
    if not len(vectors):
        return []
    cosines, levels = space.cosines(vectors), space.levels(vectors)
    out = []
    for row, level in zip(cosines, levels, strict=True):
        k = min(depth + 1, len(row))
        part = np.argpartition(-row, k - 1)[:k] if k < len(row) else np.arange(len(row))
        out.append(Nearest(row, float(level), part[np.argsort(-row[part], kind="stable")]))
    return out
