"""Our labeled set: English and Chinese items, each about one claim (with stance and officiality) or none.

Every (item, claim) pair is judged: a pair is a gold match when the item is labeled with that claim,
and a predicted match when the engine returns evidence at the "match" level. Stance and officiality
are scored on the gold matches (a gold match the engine missed counts as a wrong stance).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.engine import Engine, Evidence, Item
from bot.evaluation import DATA_DIR
from bot.evaluation.metrics import f1_table
from config.settings import load_settings
from core.records import STANCES

DEFAULT_DIR = DATA_DIR


@dataclass
class LabeledReport:
    pairs: int = 0
    match: dict[str, float] = field(default_factory=dict)
    stance: dict[str, dict[str, float]] = field(default_factory=dict)
    official_accuracy: float = 0.0
    errors: list[str] = field(default_factory=list)


def load_items(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _match_figures(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


@dataclass
class _Tally:
    """Running counts over the (item, claim) pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    official_ok: int = 0
    gold_stance: list[str] = field(default_factory=list)
    got_stance: list[str] = field(default_factory=list)


def _judge(row: dict[str, Any], claim_id: str, evidence: Evidence | None, tally: _Tally) -> list[str]:
    """Count one pair; return what went wrong with it, if anything."""
    predicted = evidence is not None and evidence.level == "match"
    gold = row["claim"] == claim_id
    tally.tp += gold and predicted
    tally.fp += predicted and not gold
    tally.fn += gold and not predicted
    errors = (
        [f"{row['id']} {claim_id}: match gold={gold} got={predicted} {row['title']}"]
        if predicted != gold
        else []
    )
    if gold:
        stance = evidence.stance if evidence else "none"
        official = evidence.official if evidence else None
        tally.gold_stance.append(row["stance"])
        tally.got_stance.append(stance)
        tally.official_ok += official == row["official"]
        if stance != row["stance"] or official != row["official"]:
            cue = evidence.cue if evidence else ""
            errors.append(
                f"{row['id']} {claim_id}: stance {row['stance']}/{stance} ({cue!r}) "
                f"official {row['official']}/{official} {row['title']}"
            )
    return errors


def evaluate(folder: Path = DEFAULT_DIR) -> LabeledReport:
    """Run the engine over every labeled item and judge every (item, claim) pair."""
    settings = load_settings(folder / "claims.toml")
    engine = Engine(settings.claims, settings.entities)
    report, tally = LabeledReport(), _Tally()
    for row in load_items(folder / "labeled.jsonl"):
        item = Item(
            id=row["id"], title=row["title"], summary=row["summary"], official_for=tuple(row["official_for"])
        )
        found = {e.claim_id: e for e in engine.match(item)}
        for claim in engine.claims:
            report.pairs += 1
            report.errors += _judge(row, claim.id, found.get(claim.id), tally)
    report.match = _match_figures(tally.tp, tally.fp, tally.fn)
    report.stance = f1_table(tally.gold_stance, tally.got_stance, STANCES)
    report.official_accuracy = tally.official_ok / max(1, len(tally.gold_stance))
    return report
