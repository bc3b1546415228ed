"""The fused engine with a deterministic fake encoder: matches by meaning, stance on them, and cost."""

from __future__ import annotations

import numpy as np
import pytest

from bot.engine import Claim, Engine, Entity, Item
from bot.engine.semantic import Fusion, Semantic
from tests.engine import fake_encoder

# Meaning decides, the lexical score helps, a named party counts a little: a hand-set fusion, so that the
# tables below test the engine's machinery and not fitted weights.
FUSION = Fusion(
    features=("lex", "cos_rel", "margin", "subject_full"),
    mean=np.zeros(4),
    scale=np.ones(4),
    weights=np.array([4.0, 8.0, 4.0, 1.0]),
    bias=-7.0,
    match=0.5,
    candidate=0.3,
)
ENTITIES = [Entity("ibm", ("IBM", "International Business Machines")), Entity("boeing", ("Boeing",))]
CLAIMS = [
    Claim("ibm-cuts", "International Business Machines will cut its workforce"),
    Claim("boeing-grounded", "The Boeing 737 MAX is banned from flying"),
    Claim("ibm-ceo-quits", "The IBM chief executive resigns"),
]


def fused(claims: list[Claim] = CLAIMS, known: dict[str, np.ndarray] | None = None) -> Engine:
    return Engine(claims, ENTITIES, Semantic(fake_encoder.encode, "fake", known), FUSION)


@pytest.fixture
def engine() -> Engine:
    return fused()


BY_MEANING = [
    ("IBM axes 500 jobs", "ibm-cuts"),
    ("IBM slashes staff", "ibm-cuts"),
    ("Boeing 737 MAX grounded", "boeing-grounded"),
]


@pytest.mark.parametrize(("title", "claim"), BY_MEANING)
def test_a_paraphrase_is_a_match_by_meaning(engine: Engine, title: str, claim: str) -> None:
    """Words the claim does not use, meaning what it says, make a match, with the cosine shown."""
    [found] = [e for e in engine.match(Item("1", title)) if e.level == "match"]
    assert found.claim_id == claim
    assert found.semantic is not None
    assert found.semantic > 0.5


@pytest.mark.parametrize(("title", "claim"), BY_MEANING[:2])
def test_the_lexical_engine_alone_misses_them(title: str, claim: str) -> None:
    """Without an encoder these paraphrases are not matches: what fusion adds."""
    found = Engine(CLAIMS, ENTITIES).match(Item("1", title))
    assert [e.claim_id for e in found if e.level == "match"] == []


@pytest.mark.parametrize(
    "title",
    ["IBM opens a new office in Paris", "Boeing delivers planes to Ryanair", "Weather: sunny tomorrow"],
)
def test_other_news_of_the_same_party_is_no_match(engine: Engine, title: str) -> None:
    """A named party alone is not evidence: the item must say what the claim says."""
    assert [e.claim_id for e in engine.match(Item("1", title)) if e.level == "match"] == []


STANCES = [
    ("IBM denies it axes 500 jobs", "refutes"),
    ("IBM says it will not axe jobs", "refutes"),
    ("IBM axes 500 jobs", "supports"),
    ("IBM may axe 500 jobs, reports say", "neutral"),
]


@pytest.mark.parametrize(("title", "stance"), STANCES)
def test_stance_is_read_in_the_sentence_that_speaks_to_the_claim(engine: Engine, title: str, stance: str) -> None:
    """A match by meaning shares no predicate word, yet its negation, denial or hedge still counts."""
    [found] = [e for e in engine.match(Item("1", title)) if e.claim_id == "ibm-cuts"]
    assert (found.level, found.stance) == ("match", stance)


def test_a_denial_of_something_else_does_not_count(engine: Engine) -> None:
    """The stance comes from the sentence nearest the claim, not from a denial about another matter."""
    item = Item("1", "IBM axes 500 jobs", "It denied a merger.")
    [found] = [e for e in engine.match(item) if e.claim_id == "ibm-cuts"]
    assert (found.stance, found.sentence) == ("supports", "IBM axes 500 jobs")


def test_claim_vectors_given_are_not_encoded_again() -> None:
    """Vectors computed once (and kept by the caller) make the next engine encode nothing of them."""
    first = fused()
    fake_encoder.encoded.clear()
    again = fused(known=first.computed_vectors)
    assert (fake_encoder.encoded, again.computed_vectors) == ([], {})


def test_a_new_claim_costs_one_encoding() -> None:
    """Adding a claim encodes its text alone."""
    known = fused().computed_vectors
    fake_encoder.encoded.clear()
    fused([*CLAIMS, Claim("ibm-sold", "IBM will be sold")], known)
    assert fake_encoder.encoded == ["IBM will be sold"]


def test_items_that_share_no_word_with_any_claim_are_not_encoded(engine: Engine) -> None:
    """The gate: an item with none of the claims' words costs no encoding."""
    fake_encoder.encoded.clear()
    found = engine.match_many([Item("1", "Rain expected across the region"), Item("2", "IBM axes 500 jobs")])
    assert (fake_encoder.encoded, [len(f) > 0 for f in found]) == (["IBM axes 500 jobs"], [False, True])


def test_vectors_encoded_off_the_loop_are_reused(engine: Engine) -> None:
    """`encode_items` computes what `match_many` would; given them, matching encodes nothing."""
    items = [Item("1", "IBM axes 500 jobs"), Item("2", "Boeing 737 MAX grounded")]
    encoded = engine.encode_items(items)
    fake_encoder.encoded.clear()
    found = engine.match_many(items, encoded)
    assert ([f[0].claim_id for f in found], fake_encoder.encoded) == (["ibm-cuts", "boeing-grounded"], [])


def test_nearest_claims_by_meaning(engine: Engine) -> None:
    """`/track` shows the claims nearest a new text, best first."""
    assert [c for c, _ in engine.nearest("IBM to slash its staff", 2)] == ["ibm-cuts", "ibm-ceo-quits"]


def test_an_engine_without_an_encoder_has_no_nearest_claims() -> None:
    """With the encoder off there is nothing to show, and nothing fails."""
    assert Engine(CLAIMS, ENTITIES).nearest("IBM to slash its staff") == []


def test_evidence_of_the_lexical_engine_has_no_cosine() -> None:
    """Without an encoder, evidence carries no cosine: `rumorbot match` prints no "semantic" key."""
    [found] = Engine(CLAIMS, ENTITIES).match(Item("1", "IBM will cut its workforce"))
    assert (found.claim_id, found.semantic) == ("ibm-cuts", None)
