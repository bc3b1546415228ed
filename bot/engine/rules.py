"""A claim's match rules, derived from its text: who it is about and what it says about them.

A claim gives one rule per text (the main text and each text in another language). Each rule has a
*subject* (entity aliases and proper nouns) and a *predicate* (the other content terms); keywords add
terms that count as hits without being required.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.engine.lexicon import EN_IRREGULAR
from bot.engine.text import AliasMarker, is_negator, mark_numbers, terms_of, tokens, word_parts
from core.records import Claim, Entity

_PROPER = re.compile(r"(?<![\w'])([A-Z][A-Za-z0-9]+|[A-Z]{2,}[a-z]?)(?![\w'])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)[\"'“]?([A-Z][A-Za-z0-9]*)")
_NEXT_WORD = re.compile(r"(?:'s)?\s+([A-Za-z]+)")
_AUXILIARIES = frozenset(
    "is are was were will would has have had did does do can could may might must should shall".split()
)


@dataclass(frozen=True, slots=True)
class Rule:
    """One text of one claim, as terms. `numbers` are the `#value` terms that must not contradict."""

    claim: int
    subject: frozenset[str]
    predicate: frozenset[str]
    extra: frozenset[str]
    numbers: frozenset[str]
    terms: frozenset[str]  # subject | predicate, kept because scoring asks for it on every candidate
    bag: tuple[str, ...] = ()  # the text's terms in order, repeats kept: for BM25 ranking
    # A name that starts the text ("Adele will retire"): in the predicate for scoring, as it always was,
    # but enough of a subject for a headline that is all about the claim (see RuleIndex._focus).
    lead: frozenset[str] = frozenset()
    # The text says something did not or should not happen ("X has not obtained…", "…不应该…").
    negative: bool = False


# Dotted and capitalised country abbreviations would otherwise vanish as "u", "s" or the stop word "us".
_COUNTRY = re.compile(r"\bU\.S\.(?:A\.)?|\bUSA\b|\bUS\b|\bU\.K\.|\bUK\b")


def prepare(text: str, marker: AliasMarker) -> str:
    """The marked form of a text: curly quotes straightened, aliases and numbers replaced by tokens."""
    text = _COUNTRY.sub(lambda m: " usa " if "U" in m.group(0) and "K" not in m.group(0) else " uk ", text)
    return mark_numbers(marker(text.replace("’", "'").replace("‘", "'")))


def _named_start(text: str, start: int, end: int) -> bool:
    """Whether a sentence's capitalised first word is a name: followed by another capitalised word
    ("Queen Elizabeth will…") or by a verb ("Adele will retire", "Eminem died"), not by its noun
    ("Drinking coffee…")."""
    following = _NEXT_WORD.match(text, end)
    if not following:
        return False
    word = following.group(1)
    return word[0].isupper() or word.lower() in _AUXILIARIES or word.lower() in EN_IRREGULAR or (
        word.endswith(("ed", "s")) and not word.endswith("ss")
    )


def _proper_nouns(text: str) -> tuple[set[str], set[str]]:
    """Capitalised words that name the claim's parties: those inside sentences, and the sentences'
    first words that are names (the claim's lead: "Adele will retire")."""
    starts = {m.start(1): m.end(1) for m in _SENTENCE_START.finditer(text)}
    inside = {m.group(1) for m in _PROPER.finditer(text) if m.start(1) not in starts}
    leads = {
        m.group(1)
        for m in _PROPER.finditer(text)
        if m.start(1) in starts and _named_start(text, m.start(1), starts[m.start(1)])
    }
    return {t for name in inside for t in terms_of(name)}, {t for name in leads for t in terms_of(name)}


# Words that start a clause inside the claim: a negation there qualifies a noun, not the claim
# ("banned baby names that are not on a list").
_SUBORDINATE = frozenset("that which who whom whose where when because if unless".split())


def _is_negative(toks: Sequence[tuple[str, str | None]]) -> bool:
    """Whether the claim's main clause is negated: "X has not obtained…", "…不应该…", 并未获得.

    A Chinese negation followed by an attributive 的 qualifies a noun (未经批准的疫苗), as an English one
    after "that" does."""
    for i, (surface, _) in enumerate(toks):
        if surface in _SUBORDINATE:
            return False
        if is_negator(surface):
            after = [s for s, _ in toks[i + 1 :]]
            return "的" not in after[:-1]
    return False


def rule_for(index: int, text: str, keywords: Sequence[str], marker: AliasMarker) -> Rule | None:
    marked = prepare(text, marker)
    toks = tokens(marked)
    bag = [t for _, t in toks if t]
    terms = set(bag)
    if not terms:
        return None
    names, leads = _proper_nouns(marked)
    subject = {t for t in terms if t.startswith("@")} | (names & terms)
    extra = ({t for k in keywords for t in terms_of(prepare(k, marker))} | word_parts(toks)) - terms
    return Rule(
        claim=index,
        subject=frozenset(subject),
        predicate=frozenset(terms - subject),
        extra=frozenset(extra),
        numbers=frozenset(t for t in terms if t.startswith("#")),
        terms=frozenset(terms),
        bag=tuple(bag),
        lead=frozenset((leads & terms) - subject),
        negative=_is_negative(toks),
    )


def rules_for(index: int, claim: Claim, marker: AliasMarker) -> list[Rule]:
    rules = (rule_for(index, text, claim.keywords, marker) for text in (claim.text, *claim.texts))
    return [r for r in rules if r is not None]


def alias_marker(entities: Iterable[Entity]) -> AliasMarker:
    return AliasMarker({name: e.id for e in entities for name in e.names})
