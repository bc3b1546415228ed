"""Which claim an item is about: subject and predicate, thresholds, numbers, languages."""

from __future__ import annotations

import pytest

from bot.engine import Claim, Engine, Entity, Item

MATCHES = [
    ("Xiaomi has not obtained the qualification to build cars", "xiaomi-qualification"),
    ("Xiaomi gets licence to manufacture vehicles", "xiaomi-qualification"),
    ("小米尚未获得造车资质", "xiaomi-qualification"),
    ("BAIC Blue Valley to build Xiaomi cars as contract manufacturer", "xiaomi-baic-oem"),
    ("北汽蓝谷回应为小米代工传闻：未收到相关信息", "xiaomi-baic-oem"),
    ("Xiaomi in talks with Chery and Brilliance to produce its cars", "xiaomi-chery-brilliance-oem"),
    ("小米汽车将于2024年上半年量产", "xiaomi-mass-production-2024"),
    ("Tesla cuts Model Y price in China to 300,000 yuan", "tesla-price-300k"),
    ("Tesla cuts Model Y price in China to 250,000 yuan", "tesla-price-250k"),
    ("特斯拉Model Y在中国降价至25万元", "tesla-price-250k"),
    ("Did Apple really cancel its car project?", "apple-car-cancelled"),
]

NOT_ABOUT_ANY_CLAIM = [
    "Xiaomi launches Xiaomi 14 phone with new camera",
    "Xiaomi phone shipments rise in the third quarter",
    "Xiaomi denies layoffs in its smartphone division",
    "小米发布新款手机",
    "Huawei launches new Mate phone",
    "Tesla recalls Model Y vehicles in the US over seat belts",
    "Apple launches new iPhone with USB-C",
]


@pytest.mark.parametrize(("title", "claim"), MATCHES)
def test_item_matches_its_claim_first(engine: Engine, title: str, claim: str) -> None:
    """The claim the item is about is the best match, at the match level."""
    found = engine.match(Item(id="1", title=title))
    assert (found[0].claim_id, found[0].level) == (claim, "match")


@pytest.mark.parametrize("title", NOT_ABOUT_ANY_CLAIM)
def test_same_company_other_news_is_not_evidence(engine: Engine, title: str) -> None:
    """An item about the claim's company but not its predicate never reaches the match level."""
    assert [e.claim_id for e in engine.match(Item(id="1", title=title)) if e.level == "match"] == []


def test_number_decides_between_claims_that_differ_only_in_it(engine: Engine) -> None:
    """A price of 300,000 yuan is not evidence on the 250,000 yuan claim."""
    found = {
        e.claim_id: e.level
        for e in engine.match(Item(id="1", title="Tesla cuts Model Y price in China to 300,000 yuan"))
    }
    assert (found.get("tesla-price-300k"), found.get("tesla-price-250k")) == ("match", "candidate")


def test_claim_with_only_id_and_text_works() -> None:
    """Rules are derived from the text alone when there are no entities or keywords."""
    engine = Engine([Claim(id="c", text="The city council banned electric scooters downtown")])
    found = engine.match(Item(id="1", title="City council bans electric scooters from downtown streets"))
    assert [(e.claim_id, e.level) for e in found] == [("c", "match")]


def test_short_text_needs_a_higher_score() -> None:
    """Two words of a claim in a two-word title is a candidate at most."""
    engine = Engine(
        [Claim(id="c", text="Xiaomi obtained the qualification to build cars")],
        [Entity("xiaomi", ("Xiaomi",))],
    )
    assert [e.level for e in engine.match(Item(id="1", title="Xiaomi cars"))] in ([], ["candidate"])


def test_evidence_sentence_is_trimmed(engine: Engine) -> None:
    """The evidence sentence never exceeds 300 characters."""
    summary = "Xiaomi has obtained the qualification to build cars " + "and more " * 80 + "."
    found = engine.match(Item(id="1", title="Report", summary=summary))
    assert found
    assert len(found[0].sentence) <= 300


def test_engine_exposes_its_claims(engine: Engine) -> None:
    """`claims` is the tuple given at construction."""
    assert isinstance(engine.claims, tuple)
    assert engine.claims[0].id == "xiaomi-qualification"


def test_rank_lists_closest_claims() -> None:
    """`rank` orders claims by similarity with no thresholds."""
    engine = Engine(
        [
            Claim(id="a", text="Vaccines cause autism in children"),
            Claim(id="b", text="Bill Gates wants to microchip people with vaccines"),
        ]
    )
    assert next(c for c, _ in engine.rank("Study again finds no link between vaccines and autism")) == "a"


# (title, summary, claim it speaks to, claim of the same party it must not match)
NEIGHBOURS = [
    ("BAIC Blue Valley says it has no information on building cars for Xiaomi", "", "xiaomi-baic-oem",
     "xiaomi-qualification"),
    ("传小米汽车将由北汽蓝谷代工生产", "", "xiaomi-baic-oem", "xiaomi-chery-brilliance-oem"),
    ("传小米汽车将由北汽蓝谷代工生产",
     "据媒体报道，小米汽车正与北汽蓝谷洽谈新能源汽车代工事宜，北汽蓝谷或将为小米生产部分车型。",
     "xiaomi-baic-oem", "xiaomi-chery-brilliance-oem"),
    ("消息称小米还曾与奇瑞、华晨等车企洽谈代工", "", "xiaomi-chery-brilliance-oem", "xiaomi-baic-oem"),
    ("Xiaomi has not got the qualification to build cars", "", "xiaomi-qualification", "xiaomi-baic-oem"),
    ("Xiaomi said to tap BAIC Blue Valley to build its electric cars", "", "xiaomi-baic-oem",
     "xiaomi-chery-brilliance-oem"),
    ("小米与北汽、奇瑞洽谈代工", "", "xiaomi-chery-brilliance-oem", "xiaomi-qualification"),
]


@pytest.mark.parametrize(("title", "summary", "claim", "neighbour"), NEIGHBOURS)
def test_item_must_say_what_sets_a_claim_apart_from_its_neighbours(
    engine: Engine, title: str, summary: str, claim: str, neighbour: str
) -> None:
    """Sharing a claim's party and common words (Xiaomi, build cars) is not enough: the item must name
    something only that claim has (its predicate, or a party of its own)."""
    matches = {e.claim_id for e in engine.match(Item(id="1", title=title, summary=summary)) if e.level == "match"}
    assert (claim in matches, neighbour in matches) == (True, False)


def test_describe_shows_the_rules_derived_from_a_claim() -> None:
    """An admin sees who a claim is about and what it says, per text, numbers included."""
    claim = Claim("price", "Xiaomi's car is priced at 250,000 yuan", texts=("小米汽车售价25万元",))
    described = Engine([claim], [Entity("xiaomi", ("Xiaomi", "小米"))]).describe(claim)
    english, chinese = described.split("\n\n")
    assert english.startswith("who: @xiaomi\nwhat: ")
    assert "price" in english
    assert "numbers: #250000" in english
    assert "售价" in chinese
