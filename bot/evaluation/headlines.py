"""Our English headline set: rumored claims and headlines about them from many outlets, or distractors.

`bot/evaluation/data/headline-claims.jsonl` holds the claims (id and text only, as a user would give them);
`bot/evaluation/data/headlines.jsonl` holds headlines, each labeled with its claim and stance, or with no claim
(a distractor about the same people). Half the claims are "dev", half "heldout": the held-out half is
for honest figures, not for tuning. Every (headline, claim) pair of the split is judged as in the
labeled set: a gold match missed by the engine counts as a wrong stance.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine import Claim, Item
from bot.evaluation import DATA_DIR, vectors
from bot.evaluation.labeled import load_items
from bot.evaluation.metrics import MatchReport, f1_table
from core.records import STANCES

DEFAULT_DIR = DATA_DIR
SPLITS = ("dev", "heldout")


@dataclass
class HeadlineReport(MatchReport):
    headlines: int = 0
    distractors_alerting: int = 0


def load_claims(path: Path) -> list[Claim]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Claim(id=r["id"], text=r["text"]) for r in rows]


def _figures(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


def evaluate(folder: Path = DEFAULT_DIR, split: str = "dev", encoder: str | None = "none") -> HeadlineReport:
    """Match every headline of `split` against every claim of the set and judge each pair; count the
    distractors (headlines about no claim) that would alert."""
    engine = vectors.build(load_claims(folder / "headline-claims.jsonl"), (), encoder)
    rows: list[dict[str, Any]] = [r for r in load_items(folder / "headlines.jsonl") if r["split"] == split]
    report = HeadlineReport(headlines=len(rows))
    tp = fp = fn = 0
    gold_stance: list[str] = []
    got_stance: list[str] = []
    results = engine.match_many([Item(id=r["id"], title=r["title"], summary=r["summary"]) for r in rows])
    for row, matched in zip(rows, results, strict=True):
        found = {e.claim_id: e for e in matched if e.level == "match"}
        if row["claim"] is None:
            report.distractors += 1
            report.distractors_alerting += bool(found)
        for claim_id, evidence in found.items():
            if claim_id != row["claim"]:
                fp += 1
                report.errors.append(f"{row['id']}: false match {claim_id} ({evidence.score}) {row['title']}")
        if row["claim"] is None:
            continue
        hit = found.get(row["claim"])
        tp, fn = tp + (hit is not None), fn + (hit is None)
        gold_stance.append(row["stance"])
        got_stance.append(hit.stance if hit else "none")
        if hit is None:
            report.errors.append(f"{row['id']}: missed ({row['stance']}) {row['title']}")
        elif hit.stance != row["stance"]:
            report.errors.append(f"{row['id']}: stance {row['stance']}/{hit.stance} ({hit.cue!r}) {row['title']}")
    report.match = _figures(tp, fp, fn)
    report.stance = f1_table(gold_stance, got_stance, STANCES)
    return report
