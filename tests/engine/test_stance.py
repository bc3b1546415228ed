"""Stance and officiality of evidence: the seed story's turns and the known hard cases."""

from __future__ import annotations

import pytest

from bot.engine import Claim, Engine, Item

# (title, summary, official_for, claim, stance, official kind)
CASES = [
    # the seed story, in order
    (
        "OEM Xiaomi car, is it?",
        "It is reported that it will be OEM. On October 19, in response to the above "
        "rumors, BAIC Blue Valley responded that the company did not receive relevant information.",
        (),
        "xiaomi-baic-oem",
        "refutes",
        "reported",
    ),
    (
        "Response to market rumours",
        "The company has not received any information about contract manufacturing for Xiaomi.",
        ("baic",),
        "xiaomi-baic-oem",
        "refutes",
        "source",
    ),
    (
        "Xiaomi talked to BAIC about OEM production, but the two sides failed to agree, sources say",
        "",
        (),
        "xiaomi-baic-oem",
        "neutral",
        None,
    ),
    (
        "Xiaomi reportedly negotiating with Chery and Brilliance to produce its cars",
        "",
        (),
        "xiaomi-chery-brilliance-oem",
        "neutral",
        None,
    ),
    (
        "Xiaomi's high-end car priced at 250,000 to 300,000 yuan, insiders say",
        "",
        (),
        "xiaomi-car-price",
        "neutral",
        None,
    ),
    (
        "Bloomberg: Xiaomi has not got the qualification to build cars",
        "",
        (),
        "xiaomi-qualification",
        "refutes",
        None,
    ),
    (
        "It is also reported that Xiaomi has obtained the production qualification",
        "The official has not responded.",
        (),
        "xiaomi-qualification",
        "neutral",
        None,
    ),
    (
        "Xiaomi's car will be mass-produced in the first half of 2024",
        "",
        (),
        "xiaomi-mass-production-2024",
        "supports",
        None,
    ),
    # Chinese
    ("北汽蓝谷回应为小米代工传闻：未收到相关信息", "", (), "xiaomi-baic-oem", "refutes", "reported"),
    ("小米尚未获得造车资质", "", (), "xiaomi-qualification", "refutes", None),
    ("小米并未取得生产资质", "", (), "xiaomi-qualification", "refutes", None),
    ("网传小米已获得造车资质", "", (), "xiaomi-qualification", "neutral", None),
    ("小米汽车或将于2024年上半年量产", "", (), "xiaomi-mass-production-2024", "neutral", None),
    ("小米官宣：已获得造车资质", "", (), "xiaomi-qualification", "supports", "reported"),
    ("工信部辟谣：小米获得造车资质消息不实", "", (), "xiaomi-qualification", "refutes", "reported"),
    ("华为重申不造车", "", (), "huawei-builds-cars", "refutes", "reported"),
    # hard cases
    ("Xiaomi didn't get a licence to build cars", "", (), "xiaomi-qualification", "refutes", None),
    ("Xiaomi hasn't obtained approval to build cars", "", (), "xiaomi-qualification", "refutes", None),
    ("Has Xiaomi really got a licence to build cars?", "", (), "xiaomi-qualification", "neutral", None),
    (
        "Xiaomi said to have obtained qualification to build cars",
        "",
        (),
        "xiaomi-qualification",
        "neutral",
        None,
    ),
    (
        "Xiaomi said in a statement that it has obtained the qualification to build cars",
        "",
        (),
        "xiaomi-qualification",
        "supports",
        "reported",
    ),
    (
        "Xiaomi confirms car qualification, denies price rumours",
        "",
        (),
        "xiaomi-qualification",
        "supports",
        "reported",
    ),
    ("Huawei has no plans to make its own cars", "", (), "huawei-builds-cars", "refutes", None),
    ("Huawei: we don't make cars", "", (), "huawei-builds-cars", "refutes", "reported"),
    (
        "Apple denies it has cancelled its electric car project",
        "",
        (),
        "apple-car-cancelled",
        "refutes",
        "reported",
    ),
    (
        "Xiaomi gets approval to build electric cars",
        "Reports say Xiaomi has obtained the qualification. No official word has been given yet.",
        (),
        "xiaomi-qualification",
        "neutral",
        None,
    ),
    (
        "MIIT publishes list of approved manufacturers",
        "Xiaomi Auto is among the companies granted the qualification to build cars.",
        ("miit",),
        "xiaomi-qualification",
        "supports",
        "source",
    ),
]


@pytest.mark.parametrize(("title", "summary", "official_for", "claim", "stance", "official"), CASES)
def test_stance_and_official(
    engine: Engine,
    title: str,
    summary: str,
    official_for: tuple[str, ...],
    claim: str,
    stance: str,
    official: str | None,
) -> None:
    """The item's evidence on its claim has the expected stance and officiality."""
    item = Item(id="1", title=title, summary=summary, official_for=official_for)
    found = {e.claim_id: e for e in engine.match(item)}
    assert claim in found
    assert (found[claim].stance, found[claim].official) == (stance, official)


def test_denial_of_something_else_is_not_a_denial_of_the_claim(engine: Engine) -> None:
    """Xiaomi denying price rumours does not refute its car qualification."""
    item = Item(
        id="1",
        title="Xiaomi obtains qualification to build cars",
        summary="Separately, Xiaomi denied rumours about a smartphone price increase.",
    )
    found = {e.claim_id: e for e in engine.match(item)}
    assert found["xiaomi-qualification"].stance == "supports"


def test_gossip_is_not_an_official_statement(engine: Engine) -> None:
    """ "Sources close to Xiaomi said" is not Xiaomi speaking."""
    item = Item(id="1", title="Sources close to Xiaomi said it has obtained the qualification to build cars")
    found = {e.claim_id: e for e in engine.match(item)}
    assert found["xiaomi-qualification"].official is None


def test_cue_names_the_deciding_word(engine: Engine) -> None:
    """The cue is the word that decided the stance."""
    found = engine.match(Item(id="1", title="Xiaomi has not obtained the qualification to build cars"))
    assert (found[0].stance, found[0].cue) == ("refutes", "not")


GENERIC_CLAIMS = [
    Claim("breast", "A woman had a third breast implanted"),
    Claim("plant", "Robert Plant turned down a $500 million deal to reunite Led Zeppelin"),
    Claim("cat", "A cat traveled 200 miles to return home"),
]
GENERIC = [
    ("Woman claims she had third breast implanted to become less attractive", "breast", "neutral"),
    ("Florida woman gets third breast implanted", "breast", "supports"),
    ("Did this woman really get a third breast?", "breast", "neutral"),
    ("Robert Plant rejects $500 million offer to reunite Led Zeppelin", "plant", "supports"),
    ("Robert Plant denies turning down Led Zeppelin reunion deal", "plant", "refutes"),
    ("Robert Plant dismissed reports that he turned down a Led Zeppelin reunion deal", "plant", "refutes"),
    ("Report: Robert Plant turned down $500m Led Zeppelin reunion", "plant", "neutral"),
    ("Robert Plant says he never got a $500 million offer to reunite Led Zeppelin", "plant", "refutes"),
    ("Cat travels 200 miles to get home", "cat", "supports"),
    ("Cat that traveled 200 miles home may have been dropped off, owner says", "cat", "neutral"),
]


@pytest.mark.parametrize(("title", "claim", "stance"), GENERIC)
def test_stance_on_claims_without_entities(title: str, claim: str, stance: str) -> None:
    """Cues work for any claim, not only the configured story: hedges, questions, denials, negation."""
    found = {e.claim_id: e for e in Engine(GENERIC_CLAIMS).match(Item(id="1", title=title))}
    assert found[claim].stance == stance


# (title, summary, official_for, claim, stance, evidence sentence): a party's own feed restates the rumor
# ("media reported that…") and then answers it; the answer decides and is the sentence shown.
RESTATED_THEN_ANSWERED = [
    (
        "北汽蓝谷关于媒体报道的澄清公告",
        "近日，有媒体报道称小米汽车拟由本公司代工生产。经公司核实，公司未收到相关信息。"
        "公司将严格按照有关规定履行信息披露义务，敬请广大投资者注意投资风险。",
        ("baic",),
        "xiaomi-baic-oem",
        "refutes",
        "经公司核实，公司未收到相关信息。",
    ),
    (
        "关于网传信息的说明",
        "近日，有报道称华为将自己造车。经核实，该报道不属实。",
        ("huawei",),
        "huawei-builds-cars",
        "refutes",
        "经核实，该报道不属实。",
    ),
    (
        "Clarification announcement",
        "Media reports said that BAIC Blue Valley will build Xiaomi's cars as a contract manufacturer. "
        "After verification, the company has not received relevant information.",
        ("baic",),
        "xiaomi-baic-oem",
        "refutes",
        "After verification, the company has not received relevant information.",
    ),
    (
        "Statement on media reports",
        "Recently, it was reported that Huawei will make its own branded cars. The company has no such plans.",
        ("huawei",),
        "huawei-builds-cars",
        "refutes",
        "The company has no such plans.",
    ),
    (
        "北汽蓝谷关于媒体报道的公告",
        "近日，有媒体报道称小米汽车拟由本公司代工生产。公司将严格按照有关规定履行信息披露义务。",
        ("baic",),
        "xiaomi-baic-oem",
        "neutral",
        "近日，有媒体报道称小米汽车拟由本公司代工生产。",
    ),
]


@pytest.mark.parametrize(("title", "summary", "official_for", "claim", "stance", "sentence"), RESTATED_THEN_ANSWERED)
def test_official_answer_after_restated_rumor_decides(
    engine: Engine, title: str, summary: str, official_for: tuple[str, ...], claim: str, stance: str, sentence: str
) -> None:
    """Restating what media reported is not asserting it; the party's later answer is its word."""
    item = Item(id="1", title=title, summary=summary, official_for=official_for)
    found = {e.claim_id: e for e in engine.match(item)}[claim]
    assert (found.stance, found.official, found.sentence) == (stance, "source", sentence)
