"""Headlines in other words than the claim's: paraphrases, debunks, answered questions, numbers.

Claims here have only an id and a text, as a user would give them; the headlines are phrased the way
different outlets phrase them.
"""

from __future__ import annotations

import pytest

from bot.engine import Claim, Engine, Item

CLAIMS = [
    Claim("plant", "Robert Plant ripped up an $800 million contract to reunite Led Zeppelin"),
    Claim("isis", "An ISIS fighter was killed by a bomb he was trying to throw"),
    Claim("watch", "Apple will release a gold Apple Watch costing $10,000"),
    Claim("tyson", "Mike Tyson died in a plane crash"),
    Claim("disney", "Disney is buying Spotify"),
    Claim("swift", "Taylor Swift will retire from touring after this year"),
    Claim("burger", "Burger King will stop selling the Whopper in Canada"),
]

# (headline, claim, stance)
CASES = [
    # paraphrases: synonyms, phrasal verbs, other currencies and rounded figures
    ("Robert Plant turns down £500 million offer for Led Zeppelin reunion", "plant", "supports"),
    ("Report: Robert Plant rejected $800M Led Zeppelin deal", "plant", "neutral"),
    ("ISIS militant accidentally blows himself up while throwing grenade", "isis", "supports"),
    ("Apple Watch Edition in gold could cost $10,000, analysts say", "watch", "neutral"),
    ("Mike Tyson killed in plane crash", "tyson", "supports"),
    ("Disney snaps up Spotify", "disney", "supports"),
    ("Disney in talks to acquire Spotify", "disney", "neutral"),
    ("Taylor Swift to quit touring at the end of the year", "swift", "supports"),
    ("Taylor Swift's rep denies retirement rumours", "swift", "refutes"),
    # debunks
    ("Apple says reports of $10,000 gold watch are false", "watch", "refutes"),
    ("No, Mike Tyson did not die in a plane crash", "tyson", "refutes"),
    ("Mike Tyson plane crash death is a hoax", "tyson", "refutes"),
    ("Mike Tyson is alive, despite viral plane crash story", "tyson", "refutes"),
    ("Disney buying Spotify? Fake news, says Spotify", "disney", "refutes"),
    ("Satire site's story of Disney buying Spotify fools thousands", "disney", "refutes"),
    ("Burger King is not pulling the Whopper in Canada, company says", "burger", "refutes"),
    ("Disney scraps plan to buy Spotify", "disney", "refutes"),
    # questions: neutral unless the headline answers them
    ("Did Mike Tyson die in a plane crash?", "tyson", "neutral"),
    ("Did Mike Tyson die in a plane crash? Probably not", "tyson", "refutes"),
    ("Is Taylor Swift retiring from touring? Her rep says no", "swift", "refutes"),
    ("Is Disney buying Spotify? Yes, and it's official", "disney", "supports"),
    # confirmations
    ("It's official: Burger King stops selling the Whopper in Canada", "burger", "supports"),
]

NOT_ABOUT_ANY_CLAIM = [
    "Led Zeppelin's Jimmy Page releases remastered album",
    "Apple reports record iPhone sales",
    "Mike Tyson to fight again at 58",
    "Disney+ raises subscription prices",
    "Taylor Swift wins album of the year",
    "Burger King opens 100 new restaurants in Canada",
]


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(CLAIMS)


@pytest.mark.parametrize(("title", "claim", "stance"), CASES)
def test_headline_matches_its_claim_with_its_stance(engine: Engine, title: str, claim: str, stance: str) -> None:
    """A paraphrased headline matches its claim at the match level with the stance an editor would give."""
    found = [(e.claim_id, e.stance) for e in engine.match(Item(id="1", title=title)) if e.level == "match"]
    assert found[:1] == [(claim, stance)]


@pytest.mark.parametrize("title", NOT_ABOUT_ANY_CLAIM)
def test_other_news_about_the_same_people_is_not_evidence(engine: Engine, title: str) -> None:
    """A headline about a claim's subject but not its predicate does not match."""
    assert [e.claim_id for e in engine.match(Item(id="1", title=title)) if e.level == "match"] == []


def test_rounded_figure_in_another_currency_still_matches() -> None:
    """With no rival claim, a figure of the same size is the claim's figure rounded or converted."""
    engine = Engine([Claim("tesla", "Tesla will sell a $25,000 electric car")])
    found = engine.match(Item(id="1", title="Tesla to sell €23,000 electric car"))
    assert [(e.claim_id, e.level) for e in found] == [("tesla", "match")]


def test_number_still_tells_rival_claims_apart() -> None:
    """Two claims that differ only in a number: each figure is evidence on its own claim only."""
    engine = Engine(
        [
            Claim("low", "Tesla cut the Model Y price in China to 250,000 yuan"),
            Claim("high", "Tesla cut the Model Y price in China to 300,000 yuan"),
        ]
    )
    title = "Tesla cuts Model Y price to 300,000 yuan"
    found = {e.claim_id: e.level for e in engine.match(Item(id="1", title=title))}
    assert (found.get("high"), found.get("low") == "match") == ("match", False)
