"""Retrieval and classification figures, computed the usual way."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class MatchReport:
    """What a labelled evaluation of the matcher reports: match figures, stance figures by label, how many
    distractors (items about no claim) it read, and the errors worth a look."""

    distractors: int = 0
    match: dict[str, float] = field(default_factory=dict)
    stance: dict[str, dict[str, float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def average_precision_at(ranked: Sequence[str], relevant: set[str], k: int) -> float:
    """AP@k as CheckThat! computes it: precision at each relevant hit, over min(|relevant|, k)."""
    if not relevant:
        return 0.0
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / min(len(relevant), k)


def retrieval_figures(runs: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]]) -> dict[str, float]:
    """MAP@5, MAP@1 (= precision at 1 here) and Recall@1, Recall@5 over the queries in `qrels`."""
    queries = list(qrels)
    n = len(queries) or 1
    return {
        "map5": sum(average_precision_at(runs.get(q, ()), qrels[q], 5) for q in queries) / n,
        "r1": sum(bool(set(runs.get(q, ())[:1]) & qrels[q]) for q in queries) / n,
        "r5": sum(bool(set(runs.get(q, ())[:5]) & qrels[q]) for q in queries) / n,
    }


def f1_table(
    gold: Sequence[str], predicted: Sequence[str], classes: Sequence[str]
) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per class, and their macro average under "macro"."""
    table: dict[str, dict[str, float]] = {}
    for label in classes:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = {"p": precision, "r": recall, "f1": f1, "n": float(tp + fn)}
    table["macro"] = {k: sum(table[c][k] for c in classes) / len(classes) for k in ("p", "r", "f1")}
    table["macro"]["n"] = float(len(gold))
    return table
