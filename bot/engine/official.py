"""Whether an item is an official word on a claim: from the party's own feed, or quoting the party.

"Official, source" needs no reading: the feed speaks for one of the claim's entities. "Official,
reported" needs the text to attribute a statement to such an entity: the entity, then within a few words
a verb or noun of stating ("BAIC Blue Valley responded that", "a Xiaomi spokesperson said", 小米回应).
"Sources close to Xiaomi said" is gossip, not an official word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from core.records import Claim, OfficialKind

_STATES = frozenset(
    """said says say responded responds respond response statement statements spokesperson spokesman
    spokeswoman spokespeople announced announces announcement confirmed confirms denied denies told
    stated clarified clarifies replied notice filing tweeted posted wrote explained insisted declined
    dismissed dismisses rejected rejects refuted refutes reiterated reiterates reiterate slammed slams
    回应 公告 声明 表示 称 宣布 否认 辟谣 证实 发文 澄清
    发布 回复 公告称 回应称 表态 官方 官微 发言人 官宣 重申 强调 通报 公布 答复 提醒""".split()
)
_GOSSIP = frozenset("sources source close familiar insiders insider people person 知情人士 人士 接近".split())
_QUOTE = re.compile(r"\s*@([a-z0-9_-]+)\s*[:：]")
_AFTER = 5
_BEFORE = 3


def official_source(claim: Claim, official_for: Sequence[str]) -> str | None:
    return next((e for e in claim.officials if e in official_for), None)


def _stated_by(surfaces: Sequence[str], entities: Sequence[str]) -> str | None:
    for i, word in enumerate(surfaces):
        entity = word[1:] if word.startswith("@") else ""
        if entity not in entities:
            continue
        if any(w in _GOSSIP for w in surfaces[max(0, i - _BEFORE) : i]):
            continue
        following = surfaces[i + 1 : i + 1 + _AFTER]
        # "Xiaomi is said to be in talks" is hearsay about Xiaomi, not Xiaomi speaking.
        stated = [
            w for k, w in enumerate(following) if is_statement_word(w) and following[k + 1 : k + 2] != ["to"]
        ]
        if stated:
            return entity
        if i >= 2 and surfaces[i - 1] in ("from", "by", "of") and surfaces[i - 2] in _STATES:
            return entity
    return None


def _quoted(text: str, entities: Sequence[str]) -> str | None:
    """Headline style "Huawei: we don't make cars" gives the entity's own words."""
    m = _QUOTE.match(text)
    return m.group(1) if m and m.group(1) in entities else None


def official_kind(
    claim: Claim, official_for: Sequence[str], clauses: Sequence[tuple[str, Sequence[str]]]
) -> tuple[OfficialKind | None, str | None]:
    """("source", entity), ("reported", entity) or (None, None).

    `clauses` are (marked text, token surfaces) of the clauses that speak to the claim; a clause, not
    a sentence, so that "…for Xiaomi, a Chery executive told reporters" is not Xiaomi telling.
    """
    if entity := official_source(claim, official_for):
        return "source", entity
    for text, surfaces in clauses:
        if entity := _quoted(text, claim.officials) or _stated_by(surfaces, claim.officials):
            return "reported", entity
    return None, None


def is_statement_word(word: str) -> bool:
    return word in _STATES or bool(re.match(r"(回应|声明|公告)", word))
