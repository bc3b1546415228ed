"""The Chinese labeled set is what it says it is, and the character-bigram baseline scores as it should."""

from __future__ import annotations

import tomllib
from collections import Counter

from bot.evaluation import zh
from bot.evaluation.bigram import BigramMatcher, cue_stance, features
from bot.evaluation.labeled import load_items
from core.records import Claim


def test_zh_set_has_every_kind_of_item_in_both_splits() -> None:
    """At least 150 posts; each split has every stance, both kinds of official word and distractors."""
    rows = load_items(zh.ITEMS)
    claims = {c["id"]: c for c in tomllib.loads(zh.CLAIMS.read_text(encoding="utf-8"))["claims"]}
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(r["claim"] is None or r["claim"] in claims for r in rows)
    # an official word names its party, one of the claim's officials; the party's own feed is that party
    official = [r for r in rows if r["official"]]
    assert all(r["official_entity"] in claims[r["claim"]]["officials"] for r in official)
    assert all(r["official_for"] == [r["official_entity"]] for r in official if r["official"] == "source")
    for split in zh.SPLITS:
        part = [r for r in rows if r["split"] == split]
        kinds = Counter(r["stance"] or "distractor" for r in part)
        officials = {r["official"] for r in part}
        assert (min(kinds[k] for k in ("supports", "refutes", "neutral", "distractor")) >= 5) is True
        assert {"source", "reported"} <= officials
        english_only = {
            r["claim"]
            for r in part
            if r["claim"] and not any("\u4e00" <= ch <= "\u9fff" for ch in claims[r["claim"]]["text"])
        }
        assert len(english_only) >= 3


def test_bigram_features_are_character_pairs_and_words() -> None:
    """Chinese runs give overlapping pairs, a lone character itself, other text its lower-cased words."""
    assert features("微信收费 WiFi 的") == Counter({"微信": 1, "信收": 1, "收费": 1, "wifi": 1, "的": 1})


def test_bigram_matcher_prefers_the_claim_that_shares_more_pairs() -> None:
    """A post about WeChat charging is closest to that claim, with a higher cosine than an unrelated post."""
    matcher = BigramMatcher([Claim("wechat", "微信将开始向用户收费"), Claim("quake", "成都近期将发生8级大地震")])
    best = matcher.best("微信下个月开始收费了")
    other = matcher.scores("今天天气很好")
    assert (best is not None and best[0], best is not None and best[1] > 0.2, max(other.values())) == (
        "wechat",
        True,
        0.0,
    )


def test_cue_stance_reads_denials_hedges_and_assertions() -> None:
    """The baseline's stance: a denial word refutes, a hedge or question is neutral, anything else supports."""
    got = [cue_stance(t) for t in ("网传消息不实", "网传微信要收费", "微信要收费了吗", "微信下月起收费")]
    assert got == ["refutes", "neutral", "neutral", "supports"]


def test_dev_threshold_is_one_of_the_dev_scores() -> None:
    """The baseline's threshold is chosen among the scores it gives on the dev split."""
    rows = [r for r in load_items(zh.ITEMS) if r["split"] == "dev"]
    settings_claims = [
        Claim(c["id"], c["text"]) for c in tomllib.loads(zh.CLAIMS.read_text(encoding="utf-8"))["claims"]
    ]
    matcher = BigramMatcher(settings_claims)
    threshold = zh.choose_threshold(matcher, rows)
    scores = {round(b[1], 4) for r in rows if (b := matcher.best(f"{r['title']} {r['summary']}"))}
    assert threshold in scores
