"""Finding claims by their words, in English and Chinese: one winner, several to choose from, or none."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Claim, Engine, Entity
from bot.engine.search import CHOICES, Found, coverage, find_claims, query_vector
from bot.engine.semantic import Semantic
from config.settings import load_settings
from tests.engine import fake_encoder

EXAMPLE = Path(__file__).resolve().parents[2] / "config" / "example.toml"


@pytest.fixture(scope="module")
def seed() -> Engine:
    """The example configuration's claims: English texts with Chinese translations."""
    settings = load_settings(EXAMPLE)
    return Engine(settings.claims, settings.entities)


@pytest.fixture(scope="module")
def one_language() -> Engine:
    """Claims with a text in one language only: the parties' names must bridge the languages."""
    entities = [Entity("xiaomi", ("Xiaomi", "小米")), Entity("baic", ("BAIC Blue Valley", "北汽蓝谷")),
                Entity("miit", ("MIIT", "工信部"))]
    claims = [
        Claim("xiaomi-qualification", "Xiaomi has obtained the official qualification to build cars",
              "xiaomi-auto", officials=("xiaomi", "miit")),
        Claim("baic-oem", "北汽蓝谷将为小米汽车代工", "xiaomi-auto", officials=("baic",)),
        Claim("tariff-cut", "China will cut car import tariffs", "trade"),
    ]
    return Engine(claims, entities)


@pytest.mark.parametrize(("query", "winner"), [
    ("xiaomi-qualification", "xiaomi-qualification"),
    ("XIAOMI-QUALIFICATION", "xiaomi-qualification"),
    ("xiaomi_price", "xiaomi-car-price"),
    ("Xiaomi qualification", "xiaomi-qualification"),
    ("小米 资质", "xiaomi-qualification"),
    ("小米造车资质", "xiaomi-qualification"),
    ("北汽蓝谷 代工", "xiaomi-baic-oem"),
    ("BAIC Blue Valley", "xiaomi-baic-oem"),
    ("Xiaomi car price", "xiaomi-car-price"),
    ("小米汽车 售价", "xiaomi-car-price"),
    ("Chery", "xiaomi-chery-brilliance-oem"),
    ("奇瑞", "xiaomi-chery-brilliance-oem"),
    ("mass production", "xiaomi-mass-production-2024"),
    ("量产", "xiaomi-mass-production-2024"),
])
def test_one_clear_winner(seed: Engine, query: str, winner: str) -> None:
    """Words that only one claim says in full name that claim, in either language."""
    assert find_claims(seed, query) == Found("one", (winner,))


@pytest.mark.parametrize("query", ["小米", "Xiaomi", "Xiaomi cars", "小米汽车"])
def test_several_to_choose_from(seed: Engine, query: str) -> None:
    """Words every Xiaomi claim says give those claims to choose from, at most a handful."""
    found = find_claims(seed, query)
    assert found.outcome == "several"
    assert 2 <= len(found.claim_ids) <= CHOICES
    assert all(claim_id.startswith("xiaomi-") for claim_id in found.claim_ids)


@pytest.mark.parametrize("query", ["weather in Paris", "!!!", "", "   ", "tariff"])
def test_nothing_found(seed: Engine, query: str) -> None:
    """Words no claim says find nothing, and nothing close."""
    assert find_claims(seed, query) == Found("none", ())


def test_none_offers_the_closest_claims(seed: Engine) -> None:
    """Words of which a claim says too little are no match, but its id is offered as close."""
    found = find_claims(seed, "Xiaomi weather forecast Paris")
    assert found.outcome == "none"
    assert found.claim_ids
    assert all(claim_id.startswith("xiaomi-") for claim_id in found.claim_ids)


def test_chinese_words_find_a_claim_written_only_in_english(one_language: Engine) -> None:
    """小米 is Xiaomi's alias: the English-only claim about Xiaomi is among the answers."""
    found = find_claims(one_language, "小米 资质")
    assert found.outcome in ("one", "several")
    assert "xiaomi-qualification" in found.claim_ids


def test_english_words_find_a_claim_written_only_in_chinese(one_language: Engine) -> None:
    """BAIC Blue Valley is 北汽蓝谷: the Chinese-only claim is the one answer."""
    assert find_claims(one_language, "BAIC Blue Valley") == Found("one", ("baic-oem",))


def test_a_claims_parties_count_as_its_words(one_language: Engine) -> None:
    """The regulator is a party of the qualification claim though its text does not name it."""
    assert find_claims(one_language, "工信部") == Found("one", ("xiaomi-qualification",))


def test_topic_words_count(one_language: Engine) -> None:
    """A claim answers to the words of its topic."""
    assert find_claims(one_language, "trade tariffs") == Found("one", ("tariff-cut",))


@pytest.mark.parametrize(("query", "claim", "share"), [
    (frozenset({"a", "b"}), frozenset({"a", "c"}), 0.5),
    (frozenset({"a"}), frozenset({"a"}), 1.0),
    (frozenset(), frozenset({"a"}), 0.0),
])
def test_coverage(query: frozenset[str], claim: frozenset[str], share: float) -> None:
    """Coverage is the share of the query's terms the claim says."""
    assert coverage(query, claim) == share


ENTITIES = [Entity("xiaomi", ("Xiaomi", "小米")), Entity("baic", ("BAIC Blue Valley", "北汽蓝谷"))]
# Words the fake encoder reads as one concept are kept apart by spaces in the Chinese texts.
CLAIMS = [
    Claim("xiaomi-qualification", "Xiaomi has obtained the official qualification to build cars", "xiaomi-auto"),
    Claim("baic-oem", "北汽蓝谷 将为 小米 代工", "xiaomi-auto", officials=("baic",)),
    Claim("xiaomi-price", "小米 汽车 售价 低于 三十万", "xiaomi-auto"),
    Claim("tariff-cut", "China will cut car import tariffs", "trade"),
]


@pytest.fixture(scope="module")
def by_meaning() -> Engine:
    """Claims in one language each, with the deterministic encoder."""
    return Engine(CLAIMS, ENTITIES, Semantic(fake_encoder.encode, "fake"))


@pytest.mark.parametrize(("query", "without", "with_meaning"), [
    # Every Xiaomi claim says 小米; only meaning reads 资质 as the English claim's "qualification".
    ("小米 资质", "several", Found("one", ("xiaomi-qualification",))),
    # In words every Xiaomi claim says too little of it (小米 but not 造车资质): meaning carries the rest.
    ("小米 造车资质", "none", Found("one", ("xiaomi-qualification",))),
    # An English query reaches the claim written only in Chinese.
    ("Xiaomi foundry", "several", Found("one", ("baic-oem",))),
    # Words every tied claim says in full stay the reader's to pick: meaning would only guess.
    ("Xiaomi", "several", "several"),
    # Words no claim says enough of stay unmatched, however near the nearest claim is.
    ("Xiaomi weather forecast Paris", "none", "none"),
    ("weather in Paris", "none", "none"),
])
def test_meaning_settles_what_words_leave_open(
    by_meaning: Engine, query: str, without: str, with_meaning: Found | str
) -> None:
    """With the query encoded, the claim clearly nearest by meaning wins among those saying the most of
    it; without, the words alone answer as before."""
    assert find_claims(by_meaning, query).outcome == without
    found = find_claims(by_meaning, query, query_vector(by_meaning, query))
    assert (found if isinstance(with_meaning, Found) else found.outcome) == with_meaning


def test_an_id_is_not_encoded(by_meaning: Engine) -> None:
    """An id needs no meaning: it is not handed to the encoder."""
    assert query_vector(by_meaning, "baic-oem") is None
    assert query_vector(by_meaning, "Xiaomi foundry") is not None


def test_without_an_encoder_no_vector(one_language: Engine) -> None:
    assert query_vector(one_language, "小米 资质") is None
