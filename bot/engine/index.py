"""An inverted index over claim rules, and the score of a rule against an item's terms.

The score is the weighted share of the rule's terms that the item contains (IDF weights over the claim
set), so 0.8 reads as "the item says four fifths of what the claim says". Missing the subject, most of
the predicate, or naming a different number than the claim cuts the score below the thresholds.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from bot.engine.lexicon import CUE_WORDS
from bot.engine.rules import Rule
from bot.engine.text import stem

# Terms in more rules than this only re-rank candidates found through rarer terms: a word shared by
# thousands of claims costs a long posting walk and tells little.
_MAX_POSTING = 200
_MAX_MATCH_POSTING = 100
_CANDIDATES = 48
_KEYWORD_SHARE = 0.5
_NO_SUBJECT = 0.5
_SOME_SUBJECT = 0.8
_THIN_PREDICATE = 0.6
_WRONG_NUMBER = 0.4
_RIVAL_SHARE = 0.6
_CUE_TERMS = frozenset(stem(w) for w in CUE_WORDS)
_FOCUS_BETA2 = 0.25
# Focus is for a headline, perhaps with a line of summary: a longer text says many things at once.
_FOCUS_TERMS = 24
_NEAR_NUMBER = 0.5
# An item that says only what a claim shares with other claims about the same party (Xiaomi, build cars)
# is not evidence on it: it must name something only this claim has (qualification; Chery; BAIC). An item
# that names a party of such a neighbour (BAIC) must say more of this claim than one shared-out word.
_NOTHING_DISTINCT = 0.6
_DISTINCT_WITH_RIVAL = 2
_NEIGHBOURS = 20


@dataclass(frozen=True, slots=True)
class Scored:
    rule: Rule
    score: float
    coverage: float
    similarity: float
    gated: float = 0.0  # the score without the focus route: what a claim keeps when another is in focus
    rule_index: int = -1


def _rival_numbers(rules: Sequence[Rule], weight: dict[str, float], postings: dict[str, list[int]]) -> set[int]:
    """Rules with a number that another claim's rule nearly repeats with a different number.

    Only there does a number tell claims apart ("priced at 250,000 yuan" beside "at 300,000"); for
    any other claim a different figure is a rounding, another currency or another estimate of it.
    Rivals share the rarest words, so only the postings of each rule's two rarest words are read.
    """
    rivals: set[int] = set()
    for i, rule in enumerate(rules):
        if not rule.numbers:
            continue
        words = rule.terms - rule.numbers
        total = sum(weight[t] for t in words)
        rarest = sorted(words, key=weight.__getitem__, reverse=True)[:2]
        for j in {j for t in rarest for j in postings.get(t, ())}:
            other = rules[j]
            if other.claim == rule.claim or not other.numbers or other.numbers == rule.numbers:
                continue
            shared = sum(weight[t] for t in words & other.terms)
            if total and shared >= _RIVAL_SHARE * total:
                rivals.update((i, j))
    return rivals


def near(claim_number: str, item_numbers: set[str]) -> bool:
    """The item names a number within a factor of two of the claim's."""
    x = float(claim_number[1:])
    return any(x > 0 and 0.5 <= x / float(y[1:]) <= 2 for y in item_numbers if float(y[1:]) > 0)


def contradicts(claim_numbers: frozenset[str], item_numbers: set[str]) -> bool:
    """The item names a number of the claim's magnitude but none of the claim's own numbers."""
    if not claim_numbers or not item_numbers or claim_numbers & item_numbers:
        return False
    for a in claim_numbers:
        for b in item_numbers:
            x, y = float(a[1:]), float(b[1:])
            if x > 0 and y > 0 and 0.5 <= x / y <= 2:
                return True
    return False


class RuleIndex:
    """Postings from term to rules, with IDF weights computed over the whole claim set."""

    def __init__(self, rules: Sequence[Rule], alias_terms: Mapping[str, frozenset[str]] | None = None) -> None:
        """`alias_terms` gives each `@entity` the words of its aliases (see `distinct`)."""
        self.rules = tuple(rules)
        self._alias_terms = alias_terms or {}
        df = Counter(t for r in self.rules for t in r.terms | r.extra)
        n = len(self.rules)
        self.weight = {t: 1.0 + math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for i, rule in enumerate(self.rules):
            for term in rule.terms | rule.extra:
                postings[term].append(i)
        self._postings = {t: p for t, p in postings.items() if len(p) <= _MAX_POSTING}
        # Matching needs only rules that may reach a threshold, found through rarer terms still.
        self._match_postings = {t: p for t, p in postings.items() if len(p) <= _MAX_MATCH_POSTING}
        self._total = [sum(self.weight[t] for t in r.terms) for r in self.rules]
        # Weight of each rule's terms that are too common to have match postings: the most an item's
        # common words can add to the rule's coverage.
        self._common = [
            sum(self.weight[t] for t in r.terms | r.extra if t not in self._match_postings)
            for r in self.rules
        ]
        self._predicate = [sum(self.weight[t] for t in r.predicate) for r in self.rules]
        self._rivals = _rival_numbers(self.rules, self.weight, self._postings)
        subjects = {t for r in self.rules for t in r.subject}
        self._subjects = frozenset(subjects)
        self._subject_postings = {t: postings[t] for t in subjects}
        self._distinct: dict[int, tuple[frozenset[str], tuple[int, ...]]] = {}
        # The most a figure of the same size can add to each rule's hit (see `score`).
        self._figures = [_NEAR_NUMBER * sum(self.weight[t] for t in r.numbers) for r in self.rules]

    def _shared(self, terms: set[str], postings: dict[str, list[int]]) -> tuple[dict[int, float], float]:
        """Weight each rule shares with the item through selective terms, and the item's common weight."""
        acc: defaultdict[int, float] = defaultdict(float)
        common = 0.0
        for term in terms:
            posting = postings.get(term)
            if posting:
                w = self.weight[term]
                for i in posting:
                    acc[i] += w
            elif term in self.weight:
                common += self.weight[term]
        return acc, common

    def candidates(self, terms: set[str]) -> list[int]:
        """Rules sharing a selective term with the item, most shared weight first."""
        acc, _ = self._shared(terms, self._postings)
        if len(acc) <= _CANDIDATES:
            return list(acc)
        return sorted(acc, key=acc.__getitem__, reverse=True)[:_CANDIDATES]

    def _bounds(
        self, terms: set[str], floor: float, content: float, focus_floor: float
    ) -> list[tuple[float, int]]:
        """(highest score the rule could reach, rule) for the rules that could reach `floor`, best first.

        The bound counts every common word of the item (and half of any figure) as the rule's own, so
        it is never too low; the focus score is bounded by the same hit over the item's `content`
        weight, which keeps long texts from reaching it, and counts only where it reaches `focus_floor`.
        """
        acc, common = self._shared(terms, self._match_postings)
        total, own = self._total, self._common
        figures = self._figures if any(t.startswith("#") for t in terms) else None
        focused = len(terms) <= _FOCUS_TERMS
        b2 = _FOCUS_BETA2
        bounds = []
        for i, a in acc.items():
            o = own[i]
            hit = a + (common if common < o else o) + (figures[i] if figures else 0.0)
            bound = hit / total[i]
            if focused and bound < focus_floor:
                precision = hit / content if content > hit else 1.0
                focus = (1 + b2) * bound * precision / (b2 * precision + bound)
                bound = bound if focus < focus_floor else focus
            if bound >= floor:
                bounds.append((bound, i))
        bounds.sort(reverse=True)
        return bounds

    def predicate_share(self, rule: Rule, terms: set[str]) -> float:
        """The weighted share of what the claim says of its subject (and its keywords) that the item says."""
        wanted = rule.predicate | rule.extra
        total = sum(self.weight[t] for t in wanted)
        return sum(self.weight[t] for t in wanted & terms) / total if total else 0.0

    def shares_any(self, terms: set[str], share: float = 0.0) -> bool:
        """Whether an item says at least `share` of some claim's weight in selective words (figures
        aside), a named party counting: else no claim is worth encoding it for."""
        acc, _ = self._shared({t for t in terms if not t.startswith("#")}, self._postings)
        total = self._total
        return any(w > share * total[i] for i, w in acc.items())

    def item_weight(self, terms: set[str]) -> float:
        """An item's weight in the claims' terms; a word no claim uses weighs like the rarest."""
        rarest = 1.0 + math.log(len(self.rules) + 1)
        return sum(self.weight.get(t, rarest) for t in terms)

    def cue_weight(self, terms: set[str]) -> float:
        """The weight of an item's words about a claim's standing rather than its content."""
        rarest = 1.0 + math.log(len(self.rules) + 1)
        return sum(self.weight.get(t, rarest) for t in terms & _CUE_TERMS)

    def score(
        self,
        i: int,
        terms: set[str],
        numbers: set[str],
        item_weight: float,
        cue_weight: float | None = None,
        focus_floor: float = 0.0,
    ) -> Scored:
        """Gated coverage decides a match; the Dice similarity ranks claims against each other.

        Coverage alone favours short claims that a long text happens to contain; Dice also weighs what
        the text says beyond the claim, which is what tells one claim from its near neighbours.
        """
        rule, w = self.rules[i], self.weight
        shared = rule.terms & terms
        hit = said = 0.0
        predicate = rule.predicate
        for t in shared:
            hit += w[t]
            if t in predicate:
                said += w[t]
        if numbers and rule.numbers and i not in self._rivals:
            # £500 million for $800 million, €23,000 for $25,000: a figure of the same size half says it.
            hit += sum(_NEAR_NUMBER * w[n] for n in rule.numbers - terms if near(n, numbers))
        extra = sum(w[t] for t in rule.extra & terms) if rule.extra else 0.0
        said += extra
        coverage = min(1.0, (hit + _KEYWORD_SHARE * extra) / self._total[i])
        subject = self.subject_factor(rule, terms)
        score = coverage * subject
        if self._predicate[i] and said < 0.34 * self._predicate[i]:
            score *= _THIN_PREDICATE
        gated = score
        if cue_weight is not None and len(terms) <= _FOCUS_TERMS:
            if rule.lead and rule.lead & terms:
                # A name that leads the claim is enough of a subject here, but no part of what it says.
                subject = 1.0
                said -= sum(w[t] for t in rule.lead & terms)
            if said > 0 and subject >= _SOME_SUBJECT:
                focus = subject * self._focus(rule, terms, hit, coverage, item_weight - cue_weight)
                if focus >= focus_floor:  # focus makes matches, never candidates
                    score = max(score, focus)
        if numbers and i in self._rivals and contradicts(rule.numbers, numbers):
            score, gated = score * _WRONG_NUMBER, gated * _WRONG_NUMBER
        similarity = 2 * hit / (self._total[i] + item_weight) if item_weight else 0.0
        return Scored(rule, score, coverage, similarity, gated, i)

    def _focus(self, rule: Rule, terms: set[str], hit: float, coverage: float, content: float) -> float:
        """How much the item is about the claim and nothing else: an F-measure of the claim's share said
        and the item's share spent on it (words about the claim's standing, "denies", "rumours", left
        out), precision weighing more. A headline that names the claim's subject, says part of its
        predicate and little else ("Adele's spokesperson denies retirement rumours") is about it; a text
        of two words is too short to tell."""
        content += sum(self.weight[t] for t in rule.terms & terms & _CUE_TERMS)
        precision = min(1.0, hit / content) if content > 0 else 0.0
        if not coverage or not precision or len(rule.terms & terms) < 2 or len(terms) < 3:
            return 0.0
        return (1 + _FOCUS_BETA2) * coverage * precision / (_FOCUS_BETA2 * precision + coverage)

    @staticmethod
    def subject_factor(rule: Rule, terms: set[str]) -> float:
        """Full score when the claim's parties are there; less when some are missing, half for none.

        Every configured entity counts; of other proper nouns one is enough ("Chery and Brilliance").
        """
        if not rule.subject:
            return 1.0
        named = rule.subject & terms
        if not named and not any(t.startswith("@") for t in rule.extra & terms):
            return _NO_SUBJECT
        missing = any(t.startswith("@") and t not in terms for t in rule.subject)
        names = {t for t in rule.subject if not t.startswith("@")}
        return _SOME_SUBJECT if missing or (names and not names & terms) else 1.0

    def distinct(self, i: int) -> frozenset[str]:
        """The terms of a rule that no other claim about one of its subjects uses, computed once.

        Empty when the rule has no such neighbour: then there is nothing to tell apart. A party that many
        claims name (a president) makes no neighbours: what sets one of them apart is no longer one word.
        """
        return self._neighbourhood(i)[0]

    def _neighbourhood(self, i: int) -> tuple[frozenset[str], tuple[int, ...]]:
        found = self._distinct.get(i)
        if found is None:
            rule = self.rules[i]
            postings = (self._subject_postings[t] for t in rule.subject)
            near = {j for p in postings if len(p) <= _NEIGHBOURS for j in p}
            others = tuple(j for j in sorted(near) if self.rules[j].claim != rule.claim)
            # Words of a shared party's name ("汽车" of 小米汽车) hide in its neighbours' `@entity`.
            hidden = [self._alias_terms.get(t, frozenset()) for t in rule.subject]
            shared = frozenset().union(*(self.rules[j].terms | self.rules[j].extra for j in others), *hidden)
            found = ((rule.terms | rule.extra) - shared if others else frozenset(), others)
            self._distinct[i] = found
        return found

    def _names_a_neighbours_party(self, i: int, terms: set[str]) -> bool:
        """Whether the item names a party of a neighbouring claim that rule `i` does not have (BAIC)."""
        rule = self.rules[i]
        rivals = (self._subjects & terms) - rule.terms - rule.extra
        return bool(rivals) and any(self.rules[j].subject & rivals for j in self._neighbourhood(i)[1])

    def speaks_distinctly(self, i: int, terms: set[str]) -> bool:
        """Whether an item says something of this claim that its neighbours about the same party do not."""
        distinct = self.distinct(i)
        if not distinct:
            return True
        said = distinct & terms
        if len(said) >= _DISTINCT_WITH_RIVAL or said & self.rules[i].subject:
            return True
        return bool(said) and not self._names_a_neighbours_party(i, terms)

    def search(self, terms: set[str]) -> list[Scored]:
        """The candidate rules scored, best first by score: for ranking, no floor."""
        numbers = {t for t in terms if t.startswith("#")}
        weight = self.item_weight(terms)
        found = (self.score(i, terms, numbers, weight) for i in self.candidates(terms))
        return sorted(found, key=lambda s: s.score, reverse=True)

    def above(self, terms: set[str], floor: float, limit: int, focus_floor: float = 1.0) -> list[Scored]:
        """The best rules scoring at least `floor`, at most `limit` of them, best first.

        Rules are scored in order of their bound, at most the best few dozen; once `limit` scores beat
        every remaining bound the rest cannot enter the list, so an item that shares words with thousands
        of claims stays cheap.
        """
        numbers = {t for t in terms if t.startswith("#")}
        weight, cues = self.item_weight(terms), self.cue_weight(terms)
        kept: list[Scored] = []
        for bound, i in self._bounds(terms, floor, weight - cues, focus_floor)[:_CANDIDATES]:
            if len(kept) >= limit and bound < kept[limit - 1].score:
                break
            scored = self.score(i, terms, numbers, weight, cues, focus_floor)
            if scored.score < floor:
                continue  # lowering it below cannot bring it back: skip the neighbourhood check
            if not self.speaks_distinctly(i, terms):
                # Not a match; a candidate still, when it was one.
                lower = min(scored.score, max(floor, scored.score * _NOTHING_DISTINCT))
                scored = replace(scored, score=lower, gated=min(scored.gated, lower))
            if scored.score >= floor:
                kept.append(scored)
                kept.sort(key=lambda s: s.score, reverse=True)
        return _one_in_focus(kept, floor)[:limit]


def _one_in_focus(kept: list[Scored], floor: float) -> list[Scored]:
    """Only the best claim keeps a score raised by focus: when a headline's few words fit several claims
    of one subject, it is about the one it fits best, and the others must match on their own."""
    lifted = [s for s in kept if s.score > s.gated]
    if len(lifted) < 2:
        return kept
    best = lifted[0]
    out = [s if s is best or s.score <= s.gated else replace(s, score=s.gated) for s in kept]
    return sorted((s for s in out if s.score >= floor), key=lambda s: s.score, reverse=True)
