"""The engine: which claims an item speaks to, with what stance, and whether officially.

Building an Engine derives every claim's rules and indexes them once; `match` then looks up only the
claims that share a selective term with the item, so its cost grows with the item, not the claim set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.engine.index import RuleIndex, Scored
from bot.engine.official import official_kind
from bot.engine.ranking import ClaimBM25, fuse
from bot.engine.rules import Rule, alias_marker, prepare, rules_for
from bot.engine.stance import Clause, is_question, split_clauses, stance
from bot.engine.text import has_chinese, split_sentences, tokens, trim
from core.records import Claim, Entity, Evidence, Item, Level

MATCH_THRESHOLD = 0.5
CANDIDATE_THRESHOLD = 0.3
# Meedan Check's lesson: a very short text matches too easily; ask more of it.
SHORT_TEXT_WORDS = 6
SHORT_TEXT_PENALTY = 0.15
_SUMMARY_CHARS = 4000
_ANSWER_WORDS = 8
_QUESTION_END = re.compile(r"(?<=[?？])\s+")
# An item speaks to a handful of claims at most; beyond that, candidates are noise in /status.
MAX_EVIDENCE = 8
OTHER_TEXTS_SHARE = 0.25
# Markup, links and @handles carry no claim and, being rare, would weigh heavily.
_NOISE = re.compile(r"<[^>]+>|(?:https?://|www\.|pic\.twitter\.com/)\S+")
# @LindseyGrahamSC and #Trump2020 name people and things: keep their words, drop the sigil.
_HANDLE = re.compile(r"(?<!\w)[@#]([A-Za-z]\w*)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|_")


def _clean(text: str) -> str:
    text = _NOISE.sub(" ", text)
    return _HANDLE.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text).strip()


@dataclass(frozen=True, slots=True)
class ItemView:
    """An item read once: its clauses, its sentences as token surfaces, and all its terms."""

    clauses: tuple[Clause, ...]
    sentences: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]
    terms: frozenset[str]
    words: int


class Engine:
    """Matches items against a fixed set of claims; build a new one when the claims change."""

    def __init__(self, claims: Iterable[Claim], entities: Iterable[Entity] = ()) -> None:
        self.claims = tuple(claims)
        self._marker = alias_marker(entities)
        rules = [r for i, c in enumerate(self.claims) for r in rules_for(i, c, self._marker)]
        self._index = RuleIndex(rules, self._marker.alias_terms())
        self._segment = any(has_chinese(t) for t in self._index.weight)
        self._ranking: ClaimBM25 | None = None

    def describe(self, claim: Claim) -> str:
        """The rules derived for `claim`, one line per text: who it is about, what it says, numbers."""
        lines = []
        for rule in rules_for(0, claim, self._marker):
            who = ", ".join(sorted(rule.subject)) or "-"
            what = ", ".join(sorted(rule.predicate)) or "-"
            lines.append(f"who: {who}\nwhat: {what}" + (f"\nnumbers: {', '.join(sorted(rule.numbers))}"
                                                       if rule.numbers else ""))
        return "\n\n".join(lines)

    def read(self, title: str, summary: str = "") -> ItemView:
        """Split an item into sentences and clauses and collect its terms."""
        title = _clean(title)
        summary = _clean(summary[:_SUMMARY_CHARS])
        # Feeds of posts (Weibo, X, Telegram bridges) title an item with the start of its text: read it once.
        repeated = bool(title) and summary.startswith(title.rstrip(".…").rstrip())
        # A headline is one sentence, but for a question it answers itself: "Did X happen? No".
        texts = _QUESTION_END.split(title) if title and not repeated else []
        texts += split_sentences(summary)
        clauses: list[Clause] = []
        sentences = []
        for k, sentence in enumerate(texts):
            marked = prepare(sentence, self._marker)
            question = is_question(sentence)
            # "Did X happen? Probably not": a short sentence after a question is its answer.
            after = texts[k + 1] if question and k + 1 < len(texts) else ""
            answer = after if after and len(after.split()) <= _ANSWER_WORDS else ""
            # Each clause is tokenised once; the sentence's tokens are its clauses' tokens.
            parts = [
                Clause(sentence, part.lower(), tuple(tokens(part, self._segment)), question, answer)
                for part in split_clauses(marked)
            ]
            clauses.extend(parts)
            toks = [tok for part in parts for tok in part.tokens]
            sentences.append((sentence, tuple(s for s, _ in toks), frozenset(t for _, t in toks if t)))
        terms = frozenset(t for _, _, ts in sentences for t in ts)
        words = sum(len(s) for _, s, _ in sentences)
        return ItemView(tuple(clauses), tuple(sentences), terms, words)

    def _bm25(self) -> ClaimBM25:
        """BM25 over the claims' terms, built on the first ranking: matching never needs it."""
        if self._ranking is None:
            bags: list[list[str]] = [[] for _ in self.claims]
            for rule in self._index.rules:
                bags[rule.claim].extend(rule.bag)
            self._ranking = ClaimBM25(bags)
        return self._ranking

    def rank(self, text: str, limit: int = 5) -> list[tuple[str, float]]:
        """The claims closest to a text, best first, with no thresholds: for evaluation and `/status`."""
        view = self.read(text)
        per_claim: dict[int, list[float]] = {}
        for scored in self._index.search(set(view.terms)):
            per_claim.setdefault(scored.rule.claim, []).append(scored.similarity)
        best = {claim: _agreement(sims) for claim, sims in per_claim.items()}
        fused = fuse(best, self._bm25().scores(set(view.terms)))
        ranked = sorted(fused.items(), key=lambda kv: kv[1], reverse=True)[:limit]
        return [(self.claims[i].id, round(s, 4)) for i, s in ranked]

    def match(self, item: Item) -> list[Evidence]:
        """Return the evidence `item` gives on each claim it speaks to, best first."""
        view = self.read(item.title, item.summary)
        # A party's own feed need not name itself: "the company has not received…" is BAIC speaking.
        speaker = {f"@{e}" for e in item.official_for}
        view = ItemView(view.clauses, view.sentences, view.terms | speaker, view.words)
        short = view.words < SHORT_TEXT_WORDS
        floor = CANDIDATE_THRESHOLD + (SHORT_TEXT_PENALTY if short else 0.0)
        found: list[Evidence] = []
        seen: set[int] = set()
        # Twice the evidence cap in rules: a claim's texts in other languages may take several places.
        bar = MATCH_THRESHOLD + (SHORT_TEXT_PENALTY if short else 0.0)
        for scored in self._index.above(set(view.terms), floor, 2 * MAX_EVIDENCE, bar):
            if scored.score < floor:
                break
            if scored.rule.claim not in seen:
                seen.add(scored.rule.claim)
                found.append(self._evidence(item, view, scored, short))
                if len(found) == MAX_EVIDENCE:
                    break
        return found

    def _evidence(self, item: Item, view: ItemView, scored: Scored, short: bool) -> Evidence:
        claim = self.claims[scored.rule.claim]
        verdict = stance(list(view.clauses), scored.rule, frozenset(f"@{e}" for e in item.official_for))
        sentence = verdict.sentence if verdict else _best_sentence(view, scored.rule)
        wanted = scored.rule.predicate | scored.rule.extra
        relevant = [
            (c.text, [s for s, _ in c.tokens])
            for c in view.clauses
            if c.sentence == sentence or c.terms & wanted
        ]
        official, entity = official_kind(claim, item.official_for, relevant)
        bar = MATCH_THRESHOLD + (SHORT_TEXT_PENALTY if short else 0.0)
        level: Level = "match" if scored.score >= bar else "candidate"
        return Evidence(
            item_id=item.id,
            claim_id=claim.id,
            score=round(min(scored.score, 1.0), 4),
            level=level,
            stance=verdict.stance if verdict else "neutral",
            cue=verdict.cue if verdict else "",
            official=official,
            official_entity=entity,
            sentence=trim(sentence),
        )


def _agreement(similarities: list[float]) -> float:
    """A claim's best text decides; its other texts agreeing with the item add a little (tuned on
    CheckThat! train and dev, where a claim's second text is its fact-check title)."""
    ordered = sorted(similarities, reverse=True)
    return ordered[0] + OTHER_TEXTS_SHARE * sum(ordered[1:])


def _best_sentence(view: ItemView, rule: Rule) -> str:
    if not view.sentences:
        return ""
    return max(view.sentences, key=lambda s: len(s[2] & rule.terms))[0]
