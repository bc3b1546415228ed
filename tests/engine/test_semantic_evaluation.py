"""The fused engine with the real encoder (the default one): its figures on our sets, and what only
meaning can do, across languages."""

from __future__ import annotations

import pytest

from bot.encoder import DEFAULT_ENCODER, load_encoder
from bot.engine import Claim, Engine, Entity, Item
from bot.engine.semantic import Semantic
from bot.evaluation import fit, headlines, labeled, zh

ENTITIES = [Entity("xiaomi", ("Xiaomi", "小米")), Entity("miit", ("MIIT", "工信部"))]
CLAIMS = [
    Claim("xiaomi-qualification", "Xiaomi has obtained the official qualification to build cars",
          officials=("xiaomi", "miit")),
    Claim("xiaomi-phone-price", "Xiaomi will raise the price of its phones"),
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    encoder = load_encoder(DEFAULT_ENCODER)
    return Engine(CLAIMS, ENTITIES, Semantic(encoder.items, encoder.version, weights=encoder.name))


def test_labeled_set_stays_above_its_floor() -> None:
    """Fused, the labeled set keeps match F1 >= 0.95 and stance macro-F1 >= 0.85."""
    report = labeled.evaluate(encoder=DEFAULT_ENCODER)
    assert (report.match["f1"] >= 0.95, report.stance["macro"]["f1"] >= 0.85) == (True, True)


def test_dev_headlines_find_more_than_words_alone() -> None:
    """Fused, the dev headlines are found more often than by the lexical engine, and few distractors alert."""
    fused = headlines.evaluate(split="dev", encoder=DEFAULT_ENCODER)
    lexical = headlines.evaluate(split="dev", encoder="none")
    assert fused.match["f1"] > lexical.match["f1"]
    assert fused.distractors_alerting <= 0.05 * fused.distractors


def test_fitting_reads_the_chinese_dev_posts_and_never_the_heldout_ones() -> None:
    """The Chinese rows the fusion is fitted on are the dev split's posts, every one, and no other."""
    dev = [r for r in labeled.load_items(zh.ITEMS) if r["split"] == "dev"]
    rows = fit._zh_dev(DEFAULT_ENCODER)
    about = sum(r["claim"] is not None for r in dev)
    assert (len(rows.gold_items), rows.gold_pairs, max(rows.item) < len(dev)) == (len(dev), about, True)


def test_chinese_heldout_posts_beat_the_bigram_baseline() -> None:
    """Fused, the held-out Chinese posts are matched and their stance read better than by character bigrams."""
    report = zh.evaluate(encoder=DEFAULT_ENCODER)
    engine, baseline = report.engine["heldout"], report.baseline["heldout"]
    assert engine.match["f1"] > baseline.match["f1"]
    assert engine.stance["macro"]["f1"] > baseline.stance["macro"]["f1"]


def test_an_english_claim_matches_a_chinese_post(engine: Engine) -> None:
    """A claim with no Chinese text still finds a Chinese post that says it, by meaning."""
    found = engine.match(Item("1", "小米已经拿到了工信部的造车资质"))
    assert [(e.claim_id, e.level) for e in found][:1] == [("xiaomi-qualification", "match")]


@pytest.mark.parametrize("title", ["小米否认已获得造车资质", "小米汽车至今仍未获得造车资质"])
def test_a_chinese_post_that_negates_the_english_claim_refutes_it(engine: Engine, title: str) -> None:
    """The stance cue (a denial, a negation) is read in the Chinese sentence that speaks to the claim."""
    found = engine.match(Item("1", title))
    assert [(e.claim_id, e.stance) for e in found][:1] == [("xiaomi-qualification", "refutes")]
