"""Turning English and Chinese text into comparable terms.

Both claims and items go through the same pipeline, so a claim's terms and an item's terms meet in one
vocabulary: entity aliases become `@entity`, numbers become `#value` (25万 and 250,000 are the same
number), English words are lower-cased, lightly stemmed and mapped to a synonym head, Chinese runs are
segmented with jieba and mapped through their own synonym table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import snowballstemmer

from bot.engine.lexicon import (
    EN_IRREGULAR,
    EN_PHRASES,
    EN_STOP,
    EN_SYNONYMS,
    NEGATORS,
    ZH_NEGATORS,
    ZH_STOP,
    ZH_SYNONYMS,
)
from bot.engine.segment import Segmenter

_TOKEN = re.compile(r"@[a-z0-9_-]+|#[0-9.]+|[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u9fff]+", re.IGNORECASE)
_CJK = re.compile(r"[\u3400-\u9fff]")
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(万亿|亿|万|千|thousand|million|billion|bn|k|m)?(?![a-z])",
    re.IGNORECASE,
)
_SCALE = {
    "千": 1e3,
    "万": 1e4,
    "亿": 1e8,
    "万亿": 1e12,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
}
# Chinese stops end a sentence where they stand; English ones before a space, or before a capitalised word
# run on without one ("expectations.Spilled"). Never inside a number (22.18%), never after an abbreviation.
_SENTENCE = re.compile(r"(?<=[。！？；])\s*|(?<=[.!?;])[\"'”’)]*(?:\s+|(?=[A-Z][a-z]))|\n+")
_ABBREVIATIONS = frozenset(
    """corp inc ltd co plc llc mr mrs ms dr prof st jr sr gov sen rep gen lt col sgt capt mt ft vs etc
    approx dept est jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_LAST_WORD = re.compile(r"([A-Za-z]+(?:\.[A-Za-z]+)*)\.$")
_DIGIT_NEXT = re.compile(r"\s*\d")

_jieba: Segmenter | None = None


def _segmenter() -> Segmenter:
    """jieba is slow to load: load it on the first Chinese text, once."""
    global _jieba
    if _jieba is None:
        _jieba = Segmenter()
    return _jieba


def number_value(digits: str, scale: str | None) -> str:
    """A number's canonical token: commas dropped, Chinese and English multipliers applied."""
    value = float(digits.replace(",", "")) * _SCALE.get((scale or "").lower(), 1.0)
    return f"#{value:.10g}"


def mark_numbers(text: str) -> str:
    return _NUMBER.sub(lambda m: f" {number_value(m.group(1), m.group(2))} ", text)


class AliasMarker:
    """Replaces every alias of an entity by `@id`, longest alias first, across languages."""

    def __init__(self, aliases: Mapping[str, str]) -> None:
        self._ids = {a.lower(): e for a, e in aliases.items()}
        names = sorted(self._ids, key=len, reverse=True)
        parts = [re.escape(n) if _CJK.search(n) else rf"(?<![\w-]){re.escape(n)}(?![\w-])" for n in names]
        self._pattern = re.compile("|".join(parts), re.IGNORECASE) if parts else None

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: f" @{self._ids[m.group(0).lower()]} ", text)

    def alias_terms(self) -> dict[str, frozenset[str]]:
        """Each `@entity`'s terms of its aliases read as plain words: 小米汽车 hides 汽车, Xiaomi Auto "auto"."""
        found: dict[str, set[str]] = {}
        for alias, entity in self._ids.items():
            found.setdefault(f"@{entity}", set()).update(terms_of(mark_numbers(alias)))
        return {e: frozenset(t) for e, t in found.items()}

    def entities(self, text: str) -> set[str]:
        if self._pattern is None:
            return set()
        return {self._ids[m.group(0).lower()] for m in self._pattern.finditer(text)}


_SNOWBALL = snowballstemmer.stemmer("english")


def _porter2(word: str) -> str:
    """Snowball's English stem, with British double "l" met at one (cancelled/canceled, dialled)."""
    base: str = _SNOWBALL.stemWord(word)
    return base[:-1] if len(base) > 4 and base.endswith("ll") else base


# A synonym group is found from any inflected form: its words are keyed by their stems as well.
_SYNONYM_STEMS = {_porter2(w): head for w, head in EN_SYNONYMS.items()} | EN_SYNONYMS


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """An English word's term: irregular forms regularised, Snowball's stem, then its synonym head."""
    word = EN_IRREGULAR.get(word, word)
    if word in EN_SYNONYMS:
        return EN_SYNONYMS[word]
    base = _porter2(word)
    return _SYNONYM_STEMS.get(base, base)


_PHRASE = re.compile(r"\b(?:" + "|".join(f"({p})" for p, _ in EN_PHRASES) + r")\b", re.IGNORECASE)
_PHRASE_WORDS = [w for _, w in EN_PHRASES]


# Every phrase has one of these words: most texts have none and skip the long pattern.
_PHRASE_HINT = re.compile(
    r"\b(?:down|up|away|aside|out|off|back|ashore|strikes?|raids?|awards?|bars|custody|every|links?|linked|"
    r"expect(?:s|ing))\b",
    re.IGNORECASE,
)


def phrases(text: str) -> str:
    """Multi-word expressions replaced by the one word that says the same ("turns down" → "reject")."""
    if not _PHRASE_HINT.search(text):
        return text
    return _PHRASE.sub(lambda m: _PHRASE_WORDS[(m.lastindex or 1) - 1], text)


@lru_cache(maxsize=65536)
def _chinese_tokens(run: str) -> tuple[tuple[str, str | None], ...]:
    """Segmented once per distinct run: titles are often repeated in summaries, slogans across posts."""
    words = _segmenter().cut(run)
    # Negators are cues for stance, not content, as in English.
    return tuple((w, None if w in ZH_STOP or w in ZH_NEGATORS else ZH_SYNONYMS.get(w, w)) for w in words)


def word_parts(toks: Sequence[tuple[str, str | None]]) -> set[str]:
    """Terms of the words inside a text's long Chinese words: 塑料袋 has 塑料, 心肌梗塞 has 心肌 and 梗塞.

    A claim that says 塑料袋 is spoken to by a post that says 塑料; the parts count as keywords do.
    """
    found: set[str] = set()
    for surface, term in toks:
        if term and len(surface) >= 3 and _CJK.match(surface):
            found.update(
                ZH_SYNONYMS.get(p, p) for p in _segmenter().parts(surface) if p not in ZH_STOP and p not in ZH_NEGATORS
            )
    return found


def is_negator(surface: str) -> bool:
    """Whether a token's surface negates what follows: "not", "hasn't", 没有, 未 (a word, never a character)."""
    return surface in NEGATORS or surface.endswith("n't") or surface in ZH_NEGATORS


def tokens(marked: str, segment: bool = True) -> list[tuple[str, str | None]]:
    """(surface, term) pairs of a marked text in order; term is None for a stop word.

    With `segment` false a run of Chinese stays one surface with no term: for a claim set without
    Chinese terms there is nothing in it to find, and segmenting is most of the cost of a Chinese item.
    """
    out: list[tuple[str, str | None]] = []
    for token in _TOKEN.findall(phrases(marked)):
        lowered = token.lower()
        if token[0] in "@#":
            out.append((lowered, lowered))
        elif _CJK.match(token):
            out.extend(_chinese_tokens(token) if segment else ((token, None),))
        else:
            word = lowered.split("'")[0]
            # Negators are cues for stance, not content: "has not obtained" still speaks of obtaining.
            dropped = word in EN_STOP or word in NEGATORS or len(word) < 2 or lowered.endswith("n't")
            out.append((lowered, None if dropped else stem(word)))
    return out


def terms_of(marked: str) -> list[str]:
    """Index terms of a marked text, in order, stop words dropped."""
    return [t for _, t in tokens(marked) if t]


def _abbreviation(before: str, after: str) -> bool:
    """Whether the stop ending `before` belongs to a word: "Corp.", "U.S.", "J.", or "No." before a number."""
    m = _LAST_WORD.search(before)
    if not m:
        return False
    word = m.group(1).lower()
    if word == "no":
        return bool(_DIGIT_NEXT.match(after))
    return word in _ABBREVIATIONS or "." in word or (len(word) == 1 and m.group(1).isupper())


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, cut at sentence stops that are neither in numbers nor after abbreviations."""
    out: list[str] = []
    start = 0
    for m in _SENTENCE.finditer(text):
        end = m.start()
        stop = text[end - 1 : end] == "." and "\n" not in m.group(0)
        if stop and _abbreviation(text[start:end], text[m.end() :]):
            continue
        out.append(text[start : m.end()])
        start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


def trim(sentence: str, limit: int = 300) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"
