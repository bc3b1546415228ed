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
from bot.engine.text import stem, tokens
from core.records import Stance

# The word lists name words; clauses hold terms.
_GENERIC = GENERIC_WORDS | {stem(w) for w in GENERIC_WORDS}
_META = META_WORDS | {stem(w) for w in META_WORDS}

# "Rejects an offer" may be the very claim; "rejects reports" is a denial. Verbs that can be either
# count only with a rumor as their object.
_RUMOR_OBJECT = (
    r"(?:the |these |those |such |media |online |recent |earlier )?(?:[a-z]+ )?"
    r"(?:reports?|claims?|rumou?rs?|allegations?|speculation|stor(?:y|ies)|suggestions?|notion|talk)\b"
)
_DENIAL = re.compile(
    r"\b(?:den(?:y|ies|ied|ial|ials|ying)|refut(?:e|es|ed|ing)|"
    r"debunk(?:s|ed|ing)?|false(?:ly)?|fake|hoax(?:es)?|untrue|not true|baseless|groundless|"
    r"no (?:truth|basis|evidence)|fabricat(?:ed|ion)|myths?|misleading|nonsense|rubbish|"
    r"satir(?:e|ical)|(?:is|are|was|were|it's|that's)(?: not|n't) true|not real|photoshopped|doctored|"
    r"staged|overblown|overstated|exaggerated|dispel(?:s|led|ling)?)\b"
    r"|\b(?:reject|dismiss|rebut|shoot|shot|slam|brush|pour|shut|quash|scotch|squash|dispel)\w*\s+"
    r"(?:down |off |cold water on )?"
    + _RUMOR_OBJECT
    + r"|\bdismiss\w*\s.{0,40}?\bas\s+(?:false|fake|untrue|baseless|rumou?rs?|speculation|nonsense)"
    r"|否认|辟谣|不实|谣言|假消息|子虚乌有|纯属|造谣|澄清|并非事实|不属实|假的",
    re.IGNORECASE,
)
# What undoes a plan or a deal: a refutation of a claim that it happens, unless the claim is the undoing.
_REVERSAL = re.compile(
    r"\b(?:scrap(?:s|ped|ping)?|shelv(?:e|es|ed|ing)|abandon(?:s|ed|ing)?|ditch(?:es|ed|ing)?|"
    r"ax(?:e|es|ed)|call(?:s|ed|ing)? off|pull(?:s|ed|ing)? (?:out(?: of)?|the plug)|back(?:s|ed|ing)? out|"
    r"collaps(?:e|es|ed|ing)|f[ae]ll(?:s|en)? (?:through|apart)|end(?:s|ed|ing)? (?:\w+ )?talks|"
    r"rul(?:e|es|ed|ing) out|no (?:such )?plans?|(?:is|are) dead|won't happen|not happening)\b",
    re.IGNORECASE,
)
# The answer a headline gives to its own question: "Did X happen? Probably not".
_ANSWER_NO = re.compile(
    r"^(?:no\b|nope|not\b|probably not|unlikely|wrong|false|think again|hardly|far from it)"
    r"|\bsays? no\W*$|\b(?:not true|hoax|fake|myth|debunked)\b",
    re.IGNORECASE,
)
_ANSWER_YES = re.compile(r"^(?:yes\b|yep|it's true|it is true|indeed|apparently so)|\bsays? yes\W*$", re.IGNORECASE)
_CONFIRM = re.compile(
    r"\b(?:confirm(?:s|ed|ing)?|(?<!to )(?<!will )announc(?:e|es|ed|ing)|officially|"
    r"official(?:ly)? (?:launch|unveil)\w*|"
    r"unveil(?:s|ed)?|verified|it is true|it's true|it's official|has been confirmed|indeed|finally|"
    r"complet(?:e|es|ed))\b"
    r"|证实|宣布|官宣|正式|确认|确定|落地",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:reportedly|allegedly|rumou?r(?:s|ed)?|sources?|insiders?|said to|may|might|could|possibly|"
    r"perhaps|report(?:s|ed)? (?:say|that|claim)\w*|it (?:is|was|has been) reported|claim(?:s|ed)?|"
    r"unconfirmed|unverified|"
    r"speculat\w+|expected to|likely|apparently|purportedly|supposedly|viral|according to|in talks|"
    r"weighs?|weighing|consider(?:s|ing)?|mull(?:s|ing)?|tabloids?|the truth|on hold|in doubt|in limbo)\b"
    r"|\breports?:|\bleak(?:s|ed)?\b|\bwhat we know\b"
    # 或 is "may" before a verb or preposition and "or" between nouns (奇瑞或华晨).
    r"|或(?=[将与为在于是会已被把降涨升推获成遭再迎])"
    r"|(?:^|[：:，,\s])传(?!统|播|递|承|输)|有媒体报道称|有报道称|有消息称|据悉|传闻|或将|网传|传言|据报道|消息称|疑似|可能|或许|知情人士|爆料|曝|传出|据称|猜测|有望",
    re.IGNORECASE,
)
_DEBUNK = re.compile(
    r"\b(?:hoax(?:es)?|fake|satir(?:e|ical)|debunk(?:s|ed|ing)?|myths?|photoshopped|doctored|"
    r"(?:is|are|was|were|it's|that's)(?: not|n't) true|untrue)\b",
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
    answer: str = ""  # the sentence after a question, when it answers it

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(t for _, t in self.tokens if t)

    @cached_property
    def denial(self) -> str:
        return m.group(0) if (m := _DENIAL.search(self.text)) else ""

    @cached_property
    def debunk(self) -> str:
        """A verdict on the whole sentence: "No, X did not…", "X is a hoax", "fake news site says X"."""
        if re.match(r"\s*no\s*[,:!]", self.sentence, re.IGNORECASE):
            return "No,"
        return m.group(0) if (m := _DEBUNK.search(self.sentence)) else ""

    @cached_property
    def reversal(self) -> str:
        return m.group(0) if (m := _REVERSAL.search(self.text)) else ""

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
    wanted = (rule.predicate | rule.extra) - _META
    toks = clause.tokens
    for i, (surface, _) in enumerate(toks):
        free_of = surface == "free" and toks[i + 1 : i + 2] and toks[i + 1][0] == "of"
        if surface == "no" and toks[i + 1 : i + 2] and toks[i + 1][0] == "longer":
            # "will no longer support old iPhones" says something stops, which may be the claim itself
            if toks[i + 2 : i + 3] and toks[i + 2][1] in wanted:
                return "no longer"
            continue
        if (free_of or _is_negator(surface)) and any(t in wanted for _, t in toks[i + 1 : i + 1 + _WINDOW]):
            return surface
    return ""


def _says_nothing_else(clause: Clause, rule: Rule, speaker: frozenset[str]) -> bool:
    """A response by the claim's subject whose object is generic: it can only be about the rumor.

    In the subject's own feed every clause is the subject speaking ("the company has not received…").
    """
    if not (clause.terms | speaker) & rule.subject:
        return False
    other = {t for s, t in clause.tokens if t and not _is_negator(s)} - rule.subject - rule.predicate - rule.extra
    return all(t in _GENERIC or t.startswith("@") for t in other)


def _is_response(clause: Clause, rule: Rule, speaker: frozenset[str]) -> bool:
    """The claim's subject answering: its words, negated, deny the rumor whatever their object."""
    if speaker & rule.subject:
        return True
    return bool(clause.terms & rule.subject) and any(is_statement_word(s) for s, _ in clause.tokens)


def _any_negator(clause: Clause) -> str:
    return next((s for s, _ in clause.tokens if _is_negator(s)), "")


def _reverses(clause: Clause, rule: Rule) -> str:
    """A plan or deal undone ("scraps", "pulls out", "ends talks") when undoing is not the claim."""
    cue = clause.reversal
    if not cue or any(t in rule.terms for _, t in tokens(cue) if t):
        return ""
    return cue


def _alive(clause: Clause, rule: Rule) -> str:
    """ "Is alive" answers a rumored death."""
    return "alive" if "die" in rule.predicate and any(s == "alive" for s, _ in clause.tokens) else ""


def _clause_cue(clause: Clause, rule: Rule, speaker: frozenset[str]) -> tuple[str, str]:
    # Words about the claim's standing ("has not officially responded") do not make a clause speak to it.
    speaks = bool(clause.terms & (rule.predicate | rule.extra) - _META)
    direct = speaks or _says_nothing_else(clause, rule, speaker)
    if direct and clause.denial:
        return "denial", clause.denial
    if speaks and (cue := clause.debunk or _alive(clause, rule)):
        return "denial", cue
    if speaks and clause.question and clause.answer:
        yes = bool(_ANSWER_YES.search(clause.answer))
        if yes or _ANSWER_NO.search(clause.answer):
            return ("confirmation" if yes else "denial"), clause.answer
    if direct and (cue := _reverses(clause, rule)):
        return "negation", cue
    if speaks and (cue := negation(clause, rule)):
        return "negation", cue
    if direct and _is_response(clause, rule, speaker) and (cue := _any_negator(clause)):
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


def stance(clauses: list[Clause], rule: Rule, speaker: frozenset[str] = frozenset()) -> Verdict | None:
    """The strongest cue of the clauses that speak to the claim; None when none does.

    `speaker` holds the `@entity` terms of the parties whose own feed the item comes from.
    """
    best: Verdict | None = None
    for clause in clauses:
        kind, cue = _clause_cue(clause, rule, speaker)
        if kind and (best is None or _STRENGTH[kind] > best.strength):
            best = Verdict(_STANCE[kind], cue, clause.sentence, _STRENGTH[kind])
    return best
