"""Whether an item supports, refutes or only reports a claim, and the cue that decided it.

The item is read clause by clause. Only clauses that speak to the claim count: they contain a term of
its predicate, or they are a response by the claim's subject that says nothing more specific (BAIC
"did not receive relevant information"). Among the cues found, the strongest wins:

    denial of the rumor > negation near the predicate > confirmation > hedge or question > assertion
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.engine.lexicon import GENERIC_WORDS, META_WORDS, NEGATORS, ZH_NEGATOR_EXCEPTIONS
from bot.engine.official import is_statement_word
from bot.engine.rules import Rule
from bot.engine.types import Stance

# "Rejects an offer" may be the very claim; "rejects reports" is a denial. Verbs that can be either
# count only with a rumor as their object.
_RUMOR_OBJECT = (
    r"(?:the |these |those |such |media |online |recent |earlier )?"
    r"(?:reports?|claims?|rumou?rs?|allegations?|speculation|stor(?:y|ies)|suggestions?|notion|talk)\b"
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ial|ials|ying)|refut(?:e|es|ed|ing)|"
    r"debunk(?:s|ed|ing)?|false(?:ly)?|fake|hoax(?:es)?|untrue|not true|baseless|groundless|"
    r"no (?:truth|basis|evidence)|fabricat(?:ed|ion)|myth|misleading|nonsense|rubbish)\b"
    r"|\b(?:reject|dismiss|rebut|shoot|shot|slam|brush|pour)\w*\s+(?:down |off |cold water on )?"
    + _RUMOR_OBJECT
    + r"|\bdismiss\w*\s.{0,40}?\bas\s+(?:false|fake|untrue|baseless|rumou?rs?|speculation|nonsense)"
    r"|否认|辟谣|不实|谣言|假消息|子虚乌有|纯属|造谣|澄清|并非事实|不属实|假的",
    re.IGNORECASE,
)
_CONFIRM = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|announc(?:e|es|ed|ing)|officially|official(?:ly)? (?:launch|unveil)\w*|"
    r"unveil(?:s|ed)?|verified|it is true|indeed|finally)\b"
    r"|证实|宣布|官宣|正式|确认|确定|落地",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|rumou?r(?:s|ed)?|sources?|insiders?|said to|may|might|could|possibly|"
    r"perhaps|report(?:s|ed)? (?:say|that|claim)\w*|claim(?:s|ed)?|unconfirmed|unverified|"
    r"speculat\w+|expected to|likely|apparently|purportedly|supposedly|viral|according to)\b"
    r"|\breports?:|\bleak(?:s|ed)?\b|\bwhat we know\b"
    # 或 is "may" before a verb or preposition and "or" between nouns (奇瑞或华晨).
    r"|或(?=[将与为在于是会已被把降涨升推获成遭再迎])"
    r"|(?:^|[：:，,\s])传(?!统|播|递|承|输)|据悉|传闻|或将|网传|传言|据报道|消息称|疑似|可能|或许|知情人士|爆料|曝|传出|据称|猜测|有望",
    re.IGNORECASE,
)
_QUESTION = re.compile(
    r"[?？]|吗[。！!]?$|^(?:is|are|was|were|does|do|did|will|can|could|has|have|should)\b", re.IGNORECASE
)
# A colon is not a clause break: "X回应Y：Z" and "X responds: Z" give Z as X's words.
_CLAUSE = re.compile(
    r"[,;，；、]|\s[-–—]\s|\b(?:but|however|while|whereas|although)\b|但是?|然而|不过", re.IGNORECASE
)
_STRENGTH = {"denial": 5, "negation": 4, "confirmation": 3, "hedge": 2, "assertion": 1}
_STANCE: dict[str, Stance] = {
    "denial": "refutes",
    "negation": "refutes",
    "confirmation": "supports",
    "hedge": "neutral",
    "assertion": "supports",
}
_WINDOW = 5


@dataclass(frozen=True)
class Clause:
    """A piece of a sentence as text and (surface, term) tokens.

    Its cues do not depend on the claim, so each is found once however many claims the item is read
    against (no slots: cached_property keeps them in the instance dict).
    """

    sentence: str
    text: str
    tokens: tuple[tuple[str, str | None], ...]
    question: bool

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(t for _, t in self.tokens if t)

    @cached_property
    def denial(self) -> str:
        return m.group(0) if (m := _DENIAL.search(self.text)) else ""

    @cached_property
    def confirmation(self) -> str:
        return m.group(0) if (m := _CONFIRM.search(self.sentence)) else ""

    @cached_property
    def hedge(self) -> str:
        return m.group(0) if (m := _HEDGE.search(self.sentence)) else ""


@dataclass(frozen=True, slots=True)
class Verdict:
    stance: Stance
    cue: str
    sentence: str
    strength: int


def split_clauses(sentence: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(sentence) if c and c.strip()]


def is_question(sentence: str) -> bool:
    return bool(_QUESTION.search(sentence.strip()))


def _is_negator(surface: str) -> bool:
    if surface in NEGATORS or surface.endswith("n't"):
        return True
    return (
        bool(re.match(r"[\u3400-\u9fff]", surface))
        and surface not in ZH_NEGATOR_EXCEPTIONS
        and any(n in surface for n in "未没不无非")
    )


def negation(clause: Clause, rule: Rule) -> str:
    """The negator that governs one of the claim's predicate terms within a few words, else ""."""
    # "no official word yet" negates the word, not the claim: meta words do not carry a negation.
    wanted = (rule.predicate | rule.extra) - META_WORDS
    toks = clause.tokens
    for i, (surface, _) in enumerate(toks):
        if _is_negator(surface) and any(t in wanted for _, t in toks[i + 1 : i + 1 + _WINDOW]):
            return surface
    return ""


def _says_nothing_else(clause: Clause, rule: Rule) -> bool:
    """A response by the claim's subject whose object is generic: it can only be about the rumor."""
    if not clause.terms & rule.subject:
        return False
    other = clause.terms - rule.subject - rule.predicate - rule.extra
    return all(t in GENERIC_WORDS or t.startswith("@") for t in other)


def _is_response(clause: Clause, rule: Rule) -> bool:
    """The claim's subject answering: its words, negated, deny the rumor whatever their object."""
    return bool(clause.terms & rule.subject) and any(is_statement_word(s) for s, _ in clause.tokens)


def _any_negator(clause: Clause) -> str:
    return next((s for s, _ in clause.tokens if _is_negator(s)), "")


def _clause_cue(clause: Clause, rule: Rule) -> tuple[str, str]:
    speaks = bool(clause.terms & (rule.predicate | rule.extra))
    direct = speaks or _says_nothing_else(clause, rule)
    if direct and clause.denial:
        return "denial", clause.denial
    if speaks and (cue := negation(clause, rule)):
        return "negation", cue
    if direct and _is_response(clause, rule) and (cue := _any_negator(clause)):
        return "negation", cue
    # Confirmations, hedges and questions colour the whole sentence ("According to reports, X did Y").
    if speaks and clause.confirmation:
        return "confirmation", clause.confirmation
    if speaks and clause.hedge:
        return "hedge", clause.hedge
    if speaks and clause.question:
        return "hedge", "?"
    if speaks:
        return "assertion", ""
    return "", ""


def stance(clauses: list[Clause], rule: Rule) -> Verdict | None:
    """The strongest cue of the clauses that speak to the claim; None when none does."""
    best: Verdict | None = None
    for clause in clauses:
        kind, cue = _clause_cue(clause, rule)
        if kind and (best is None or _STRENGTH[kind] > best.strength):
            best = Verdict(_STANCE[kind], cue, clause.sentence, _STRENGTH[kind])
    return best
