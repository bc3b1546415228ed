"""Whether an item supports, refutes or only reports a claim, and the cue that decided it.

The item is read clause by clause. Only clauses that speak to the claim count: they contain a term of
its predicate, or they are a response by the claim's subject that says nothing more specific (BAIC
"did not receive relevant information"). Among the cues found, the strongest wins:

    denial of the rumor > negation near the predicate > confirmation > hedge or question > assertion

A claim can be negative itself ("X has not obtained…", "…不应该…"): then a negation near its predicate
agrees with it and an assertion or confirmation of the positive refutes it. A denial of the rumor, or
the claim's subject answering it with a negation, still refutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot.engine.lexicon import GENERIC_WORDS, META_WORDS, ZH_ASK_WORDS
from bot.engine.official import is_statement_word
from bot.engine.rules import Rule
from bot.engine.text import has_chinese, is_negator, stem, tokens
from core.records import Stance

# The word lists name words; clauses hold terms.
_GENERIC = GENERIC_WORDS | {stem(w) for w in GENERIC_WORDS}
_META = META_WORDS | {stem(w) for w in META_WORDS}
# Words that name a rumor or its telling, not what it says: "the claim", 该说法, 网传视频, made up by 网民.
_RUMOR_TALK = frozenset(
    {stem(w) for w in "claim claims report reports rumor rumors rumour rumours story post posts video photo".split()}
    | set("说法 传言 网传 言论 谣言 内容 视频 图片 截图 通知 网民 网友 此类 一事 事件 这 这个 该 所谓 网上".split())
)

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
    r"|否认|辟谣|不实|谣言|假消息|子虚乌有|纯属|造谣|澄清|并非事实|不属实|假的"
    # how Chinese debunks call a claim made up, doctored, recycled or baseless
    r"|谣传|虚假信息|编造|捏造|杜撰|伪造|电脑合成|系合成|是合成的|拼接|P图|恶意抹黑|无稽之谈|以讹传讹|"
    r"(?:毫无|没有|并无|缺乏)(?:任何)?(?:科学|事实)?(?:依据|根据)|不可信|不准确|旧闻|旧视频|旧图|张冠李戴|"
    r"移花接木|断章取义|不存在",
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
    r"|(?:^|[：:，,\s])传(?!统|播|递|承|输)|有媒体报道称|有报道称|有消息称|据悉|传闻|或将|网传|传言|据报道|消息称|疑似|可能|或许|知情人士|爆料|曝|传出|据称|猜测|有望"
    # Reporting a rumor without taking a side: hearsay, asking whether it is true, asking for a check.
    r"|据传|据说|听说|有人说|有网友称|网友称|网上流传|网络流传|有传言|求证|求真相|求辟谣|真的假的|是真是假|不知真假|"
    r"是真的吗|真的吗|是否属实|是否|到底|未经证实|尚未(?:得到|获得)?证实|有待(?:证实|核实)|"
    + "|".join(ZH_ASK_WORDS),
    re.IGNORECASE,
)
# A clause or sentence that supposes ("如果微信收费，那么微博没理由不收费") states nothing of its own.
_CONDITIONAL = re.compile(r"\s*(?:如果|假如|假设|要是|倘若|万一|若是|if\b|unless\b)", re.IGNORECASE)
_UNCONFIRMED = re.compile(
    r"\b(?:unconfirmed|not (?:been |yet )?confirmed|yet to (?:be )?confirm\w*)\b"
    r"|(?:未经|尚未|没有|未|还没|待|未获|未被|不能|无法)(?:得到|获得|官方)?(?:证实|确认|核实)",
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
_STRENGTH = {"denial": 5, "negation": 4, "response": 4, "confirmation": 3, "hedge": 2, "assertion": 1}
_STANCE: dict[str, Stance] = {
    "denial": "refutes",
    "negation": "refutes",
    "response": "refutes",
    "confirmation": "supports",
    "hedge": "neutral",
    "assertion": "supports",
}
# What a negative claim turns around: a negation agrees with it, the positive asserted refutes it.
_NEGATIVE_CLAIM: dict[str, Stance] = {"negation": "supports", "confirmation": "refutes", "assertion": "refutes"}
_WINDOW = 5
_WINDOW_BEFORE = 3


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
        """A confirming word, unless the sentence says the claim is not confirmed (尚未证实, unconfirmed)."""
        if _UNCONFIRMED.search(self.sentence):
            return ""
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
        if not (free_of or is_negator(surface)):
            continue
        if surface == "不":
            # A bare 不 negates the one word it stands before: 抢救不及时身亡 is late, not alive; and after its
            # verb it says "cannot" (嚼不烂), not that the topic is untrue.
            following = next((t for _, t in toks[i + 1 : i + 3] if t), None)
            if following in wanted:
                return surface
            continue
        # A Chinese topic often comes first: 许可证一直没批下来 negates the licence named before it.
        before = toks[max(0, i - _WINDOW_BEFORE) : i] if has_chinese(surface) else ()
        if any(t in wanted for _, t in (*toks[i + 1 : i + 1 + _WINDOW], *before)):
            return surface
    return ""


def _says_nothing_else(clause: Clause, rule: Rule, speaker: frozenset[str]) -> bool:
    """A response by the claim's subject whose object is generic: it can only be about the rumor.

    In the subject's own feed every clause is the subject speaking ("the company has not received…").
    """
    if not (clause.terms | speaker) & rule.subject:
        return False
    other = {t for s, t in clause.tokens if t and not is_negator(s)} - rule.subject - rule.predicate - rule.extra
    return all(t in _GENERIC or t.startswith("@") for t in other)


def _is_response(clause: Clause, rule: Rule, speaker: frozenset[str]) -> bool:
    """The claim's subject answering: its words, negated, deny the rumor whatever their object."""
    if speaker & rule.subject:
        return True
    return bool(clause.terms & rule.subject) and any(is_statement_word(s) for s, _ in clause.tokens)


def _any_negator(clause: Clause) -> str:
    return next((s for s, _ in clause.tokens if is_negator(s)), "")


def _reverses(clause: Clause, rule: Rule) -> str:
    """A plan or deal undone ("scraps", "pulls out", "ends talks") when undoing is not the claim."""
    cue = clause.reversal
    if not cue or any(t in rule.terms for _, t in tokens(cue) if t):
        return ""
    return cue


def _alive(clause: Clause, rule: Rule) -> str:
    """ "Is alive" answers a rumored death."""
    return "alive" if "die" in rule.predicate and any(s == "alive" for s, _ in clause.tokens) else ""


def _asks(clause: Clause) -> bool:
    """A Chinese question mark ends the clause it asks: in 高考将取消英语，家长们怎么看？ only the opinion is
    asked for. An English question is asked by the whole sentence ("Is X true, as reports say?")."""
    if not clause.question:
        return False
    return not has_chinese(clause.sentence) or bool(_QUESTION.search(clause.text.strip()))


def _clause_cue(clause: Clause, rule: Rule, speaker: frozenset[str]) -> tuple[str, str]:
    if _CONDITIONAL.match(clause.text) or _CONDITIONAL.match(clause.sentence):
        return "", ""
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
        # A negative claim passed on as hearsay ("网传X并未获得…") is reported, not agreed with.
        return ("hedge", clause.hedge) if rule.negative and clause.hedge else ("negation", cue)
    if direct and _is_response(clause, rule, speaker) and (cue := _any_negator(clause)):
        return "response", cue
    # Confirmations, hedges and questions colour the whole sentence ("According to reports, X did Y").
    if speaks and clause.confirmation:
        return "confirmation", clause.confirmation
    if speaks and clause.hedge:
        return "hedge", clause.hedge
    if speaks and _asks(clause):
        return "hedge", "?"
    if speaks:
        return "assertion", ""
    return "", ""


def _denies_the_rumor(clause: Clause, rule: Rule, speaking: set[str]) -> str:
    """A denial whose object is only "the rumor" (网传说法没有依据, 该信息系网民编造, "the report is false")
    in a sentence that states the claim: it denies what that sentence states."""
    if not clause.denial or clause.sentence not in speaking:
        return ""
    said = {t for _, t in tokens(clause.denial) if t}
    other = clause.terms - said - rule.subject - _GENERIC - _META - _RUMOR_TALK
    return clause.denial if not other else ""


def _speaks(clause: Clause, rule: Rule) -> bool:
    return bool(clause.terms & (rule.predicate | rule.extra) - _META)


def stance(clauses: list[Clause], rule: Rule, speaker: frozenset[str] = frozenset()) -> Verdict | None:
    """The strongest cue of the clauses that speak to the claim; None when none does.

    `speaker` holds the `@entity` terms of the parties whose own feed the item comes from.
    """
    best: Verdict | None = None
    label = ""
    speaking = {c.sentence for c in clauses if _speaks(c, rule)}
    for clause in clauses:
        label = label or _verdict_label(clause)
        kind, cue = _clause_cue(clause, rule, speaker)
        if kind != "denial" and (denied := _denies_the_rumor(clause, rule, speaking)):
            kind, cue = "denial", denied
        if kind and (best is None or _STRENGTH[kind] > best.strength):
            said = _NEGATIVE_CLAIM.get(kind, _STANCE[kind]) if rule.negative else _STANCE[kind]
            best = Verdict(said, cue, clause.sentence, _STRENGTH[kind])
    if best and label and best.strength < _STRENGTH["denial"]:
        return Verdict("refutes", label, best.sentence, _STRENGTH["denial"])
    if best and best.strength == _STRENGTH["assertion"] and (hedged := _hedge_label(clauses)):
        return Verdict("neutral", hedged, best.sentence, _STRENGTH["hedge"])
    return best


def _hedge_label(clauses: list[Clause]) -> str:
    """A sentence that is only a hedge (传言！不知真假！, 求证：) speaks for the post it heads, as a
    verdict does: the rumor told after it is passed on, not asserted."""
    for clause in clauses:
        if not clause.hedge or clause.text.strip() != clause.sentence.strip().lower():
            continue
        said = {t for _, t in tokens(clause.hedge) if t}
        if not clause.terms - said - _GENERIC - _META - _RUMOR_TALK:
            return clause.hedge
    return ""


def _verdict_label(clause: Clause) -> str:
    """A headline that is only a verdict (【辟谣】, "Fake news!") speaks for the whole post it heads."""
    if not clause.denial or clause.text.strip() != clause.sentence.strip().lower():
        return ""
    said = {t for _, t in tokens(clause.denial) if t}
    return clause.denial if len(clause.terms - said - _GENERIC - _META) <= 1 else ""
