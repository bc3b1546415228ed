"""The engine meets its targets on the labeled set; the metrics compute what they claim."""

from __future__ import annotations

from bot.evaluation.labeled import evaluate
from bot.evaluation.metrics import average_precision_at, f1_table


def test_labeled_set_targets() -> None:
    """Stance macro-F1 >= 0.85 and match F1 >= 0.9 on the labeled set."""
    report = evaluate()
    assert report.pairs >= 150
    assert (report.stance["macro"]["f1"] >= 0.85, report.match["f1"] >= 0.9) == (True, True)


def test_average_precision() -> None:
    """A single relevant claim at rank 2 gives AP 0.5."""
    assert average_precision_at(["x", "a", "y"], {"a"}, 5) == 0.5


def test_f1_table_macro() -> None:
    """Macro F1 averages the per-class F1."""
    table = f1_table(["a", "b"], ["a", "a"], ["a", "b"])
    assert (round(table["a"]["f1"], 3), table["b"]["f1"], round(table["macro"]["f1"], 3)) == (
        0.667,
        0.0,
        0.333,
    )
