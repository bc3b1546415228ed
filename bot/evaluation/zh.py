"""The Chinese labeled set: microblog-style posts about rumored claims, with a character-bigram baseline.

Each post is about one claim (with stance and officiality, and the party whose word it is) or none (a
distractor, often about the same parties). The set has two splits: `dev`, which the engine's rules may
be looked at against, and `heldout`, written afterwards and never tuned on. Besides the figures of the
labeled set, a distractor's false alert (any match at all) is counted, an official word counts as right
only from the right party, and the same run scores a character-bigram TF-IDF matcher whose threshold is
chosen on the dev split: the plain baseline a Chinese matcher has to beat.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.engine import Engine, Evidence, Item
from bot.engine.text import has_chinese
from bot.evaluation import vectors
from bot.evaluation.bigram import BigramMatcher, cue_stance
from bot.evaluation.labeled import _judge, _match_figures, _Tally, load_items
from bot.evaluation.metrics import MatchReport, f1_table
from config.settings import load_settings
from core.records import STANCES, Claim

DATA_DIR = Path(__file__).resolve().parent / "data"
CLAIMS = DATA_DIR / "zh-claims.toml"
ITEMS = DATA_DIR / "zh-labeled.jsonl"
SPLITS = ("dev", "heldout")


@dataclass
class SplitReport(MatchReport):
    """The figures of one matcher on one split."""

    items: int = 0
    false_alerts: int = 0
    official_accuracy: float = 0.0
    # posts about a claim that has only an English text: found across languages
    crosslingual: int = 0
    crosslingual_found: int = 0

    @property
    def false_alert_rate(self) -> float:
        return self.false_alerts / self.distractors if self.distractors else 0.0


def _item(row: dict[str, Any]) -> Item:
    return Item(id=row["id"], title=row["title"], summary=row["summary"], official_for=tuple(row["official_for"]))


def _finish(report: SplitReport, tally: _Tally) -> SplitReport:
    report.match = _match_figures(tally.tp, tally.fp, tally.fn)
    report.stance = f1_table(tally.gold_stance, tally.got_stance, STANCES)
    report.official_accuracy = tally.official_ok / max(1, len(tally.gold_stance))
    return report


def _wrong_party(row: dict[str, Any], evidence: Evidence | None) -> str:
    """The party an official word of the right kind was wrongly given to (the supermarket, not the police)."""
    if evidence is None or not row["official"] or evidence.official != row["official"]:
        return ""
    expected = row.get("official_entity") or evidence.official_entity
    return str(evidence.official_entity) if evidence.official_entity != expected else ""


def _english_only(claims: Sequence[Claim]) -> frozenset[str]:
    return frozenset(c.id for c in claims if not any(has_chinese(t) for t in (c.text, *c.texts)))


def engine_report(engine: Engine, rows: list[dict[str, Any]]) -> SplitReport:
    """The engine's figures on `rows`: every (item, claim) pair judged, distractors' alerts counted."""
    report, tally = SplitReport(), _Tally()
    english_only = _english_only(engine.claims)
    for row, matched in zip(rows, engine.match_many([_item(r) for r in rows]), strict=True):
        found = {e.claim_id: e for e in matched}
        report.items += 1
        if row["claim"] in english_only:
            report.crosslingual += 1
            report.crosslingual_found += row["claim"] in found and found[row["claim"]].level == "match"
        if row["claim"] is None:
            report.distractors += 1
            report.false_alerts += any(e.level == "match" for e in found.values())
        for claim in engine.claims:
            evidence = found.get(claim.id)
            report.errors += _judge(row, claim.id, evidence, tally)
            if row["claim"] == claim.id and (wrong := _wrong_party(row, evidence)):
                tally.official_ok -= 1
                report.errors.append(f"{row['id']} {claim.id}: official entity {row['official_entity']}/{wrong}")
    return _finish(report, tally)


def baseline_report(
    matcher: BigramMatcher, threshold: float, rows: list[dict[str, Any]], english_only: frozenset[str] = frozenset()
) -> SplitReport:
    """The bigram matcher's figures: its best claim above `threshold` is its match, stance by cue words."""
    report, tally = SplitReport(), _Tally()
    for row in rows:
        text = f"{row['title']} {row['summary']}"
        best = matcher.best(text)
        got = best[0] if best and best[1] >= threshold else None
        report.items += 1
        if row["claim"] is None:
            report.distractors += 1
            report.false_alerts += got is not None
        gold = row["claim"]
        if gold in english_only:
            report.crosslingual += 1
            report.crosslingual_found += got == gold
        tally.tp += got is not None and got == gold
        tally.fp += got is not None and got != gold
        tally.fn += gold is not None and got != gold
        if gold is not None:
            tally.gold_stance.append(row["stance"])
            tally.got_stance.append(cue_stance(text) if got == gold else "none")
            tally.official_ok += row["official"] is None
    return _finish(report, tally)


def choose_threshold(matcher: BigramMatcher, rows: list[dict[str, Any]]) -> float:
    """The threshold that gives the bigram matcher its best match F1 on `rows` (the dev split)."""
    scores = sorted({round(b[1], 4) for row in rows if (b := matcher.best(f"{row['title']} {row['summary']}"))})
    best, chosen = -1.0, 1.0
    for threshold in scores:
        f1 = baseline_report(matcher, threshold, rows).match["f1"]
        if f1 > best:
            best, chosen = f1, threshold
    return chosen


@dataclass
class ZhReport:
    engine: dict[str, SplitReport]
    baseline: dict[str, SplitReport]
    threshold: float


def evaluate(claims_path: Path = CLAIMS, items_path: Path = ITEMS, encoder: str | None = "none") -> ZhReport:
    """Both matchers on both splits (the engine fused with `encoder`, or lexical for "none"); the
    baseline's threshold comes from the dev split alone."""
    settings = load_settings(claims_path)
    engine = vectors.build(list(settings.claims), tuple(settings.entities), encoder)
    rows = load_items(items_path)
    by_split = {s: [r for r in rows if r.get("split", "dev") == s] for s in SPLITS}
    matcher = BigramMatcher(settings.claims)
    english_only = _english_only(settings.claims)
    threshold = choose_threshold(matcher, by_split["dev"])
    return ZhReport(
        engine={s: engine_report(engine, r) for s, r in by_split.items()},
        baseline={s: baseline_report(matcher, threshold, r, english_only) for s, r in by_split.items()},
        threshold=threshold,
    )
