"""One calibrated score per (item, claim) candidate from both signals, and stance on a match by meaning.

The features are what tells a report from a look-alike: how much of the claim the item says (the
lexical score, its coverage and Dice similarity), whether it names the claim's parties, contradicts its
numbers or says anything only this claim has, and where the claim stands among all claims by meaning
(the cosine above the item's background, its rank, its margin over the next claim).
"""

from __future__ import annotations

from bot.engine.index import RuleIndex, Scored, contradicts
from bot.engine.lexicon import CUE_WORDS
from bot.engine.rules import Rule
from bot.engine.semantic import Nearest
from bot.engine.stance import Clause, Verdict, stance
from bot.engine.text import stem

FEATURES = (
    "lex", "lex_gated", "coverage", "dice", "lexical", "cos", "cos_rel", "margin", "top1", "rank_inv",
    "subject_full", "subject_none", "numbers_wrong", "distinct", "short", "lex_x_cos", "predicate",
    "predicate_none", "pred_x_cos", "lex_match", "lex_candidate", "crosslingual", "cross_x_cos", "cross_x_margin",
)
_CUE_TERMS = frozenset(stem(w) for w in CUE_WORDS)


def features(
    index: RuleIndex, scored: Scored, terms: set[str], near: Nearest | None, claim: int, short: bool,
    lexical: tuple[float, float] | None, crosslingual: bool = False,
) -> dict[str, float]:
    """The named features of one candidate; `scored` is the claim's best rule against the item.
    `lexical`: the lexical engine's match and candidate thresholds for the item when it found the claim
    itself (its own decision is a feature). `crosslingual`: the claim has no text in the item's
    language, so words cannot meet, only meanings."""
    rule = scored.rule
    numbers = {t for t in terms if t.startswith("#")}
    subject = index.subject_factor(rule, terms)
    said = index.predicate_share(rule, terms)
    row = {
        "lex": min(scored.score, 1.0),
        "lex_gated": min(scored.gated, 1.0),
        "coverage": scored.coverage,
        "dice": scored.similarity,
        "lexical": float(lexical is not None),
        "lex_match": float(lexical is not None and scored.score >= lexical[0]),
        "lex_candidate": float(lexical is not None and scored.score >= lexical[1]),
        "subject_full": float(subject >= 1.0),
        "subject_none": float(subject <= 0.5),
        "numbers_wrong": float(contradicts(rule.numbers, numbers)),
        "distinct": float(index.speaks_distinctly(scored.rule_index, terms)),
        "short": float(short),
        "predicate": said,
        "predicate_none": float(said == 0.0),
        "crosslingual": float(crosslingual),
    }
    if near is not None:
        row.update(near.features(claim))
        row["lex_x_cos"] = row["lex"] * row["cos_rel"]
        row["pred_x_cos"] = said * row["cos_rel"]
        row["cross_x_cos"] = row["crosslingual"] * row["cos_rel"]
        row["cross_x_margin"] = row["crosslingual"] * row["margin"]
    return row


def semantic_verdict(clauses: list[Clause], rule: Rule, sentence: str, speaker: frozenset[str]) -> Verdict | None:
    """Stance from the sentence that speaks to the claim by meaning, when it shares no predicate word.

    Its own content words stand in for the claim's predicate, so a negation or denial in it counts; a
    denial in another sentence, about something else, does not.
    """
    chosen = [c for c in clauses if c.sentence == sentence]
    said = frozenset(t for c in chosen for t in c.terms if not t.startswith(("@", "#")))
    predicate = rule.predicate | (said - rule.subject - _CUE_TERMS)
    # The sentence's words are the claim's here: "axes 500 jobs" is the claim said, not a plan undone.
    terms = rule.terms | predicate
    return stance(chosen, Rule(rule.claim, rule.subject, predicate, rule.extra, rule.numbers, terms), speaker)
