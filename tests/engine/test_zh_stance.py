"""Chinese negation is a word, claims can be negative, and posts that only pass a rumor on are neutral."""

from __future__ import annotations

import pytest

from bot.engine import Claim, Engine, Entity, Item
from bot.engine.rules import alias_marker, rule_for
from bot.engine.text import is_negator, tokens

CLAIMS = [
    Claim("quake", "成都近期将发生8级大地震"),
    Claim("flood", "洪水冲垮了九江长江大桥"),
    Claim("prices", "茅台价格持续上涨"),
    Claim("virus", "上海出现新冠病毒感染者"),
    Claim("licence", "滴滴出行并未获得网约车经营许可"),
    Claim("phones", "中小学生不应该带手机进校园"),
    Claim("games", "Tencent has not obtained approval for new games"),
    Claim("iphone", "苹果公司将在中国停售iPhone"),
    Claim("fees", "微信将开始向用户收费"),
    Claim("licensed", "Didi has obtained a ride-hailing licence"),
]
ENTITIES = [
    Entity("didi", ("滴滴出行", "滴滴", "Didi")),
    Entity("tencent", ("腾讯", "Tencent")),
    Entity("apple", ("苹果公司", "Apple")),
    Entity("wechat", ("微信", "WeChat")),
]


@pytest.fixture(scope="module")
def zh_engine() -> Engine:
    return Engine(CLAIMS, ENTITIES)


def _stance(engine: Engine, text: str, claim: str) -> str:
    found = {e.claim_id: e for e in engine.match(Item(id="1", title=text))}
    return found[claim].stance if claim in found and found[claim].level == "match" else "no match"


# (a word in context, whether it negates) — the segmenter decides, not the characters.
WORDS = [
    ("没有获得", "没有", True),
    ("并未获得", "并未", True),
    ("尚未批准", "尚未", True),
    ("未获批", "未", True),
    ("一款新游戏都没拿到", "没", True),
    ("这不是真的", "不是", True),
    ("从未有过收费计划", "从未有过", True),
    ("价格不断上涨", "不断", False),
    ("心情无比激动", "无比", False),
    ("洪水淹没了村庄", "淹没", False),
    ("发现一名无症状感染者", "无症状", False),
    ("毫无疑问是真的", "毫无疑问", False),
    ("抢救无效去世", "抢救无效", False),
    ("孩子该不该带手机", "该不该", False),
    ("未来三年", "未来", False),
]


@pytest.mark.parametrize(("text", "word", "negates"), WORDS)
def test_chinese_negation_is_a_word(text: str, word: str, negates: bool) -> None:
    """Each text segments to contain `word`; it is a negator exactly when it negates."""
    surfaces = [s for s, _ in tokens(text)]
    assert (word in surfaces, is_negator(word)) == (True, negates)


# (post, claim, stance): words that contain a negating character do not make a post refute.
NOT_NEGATIONS = [
    ("成都近期将发生8级大地震，毫无疑问", "quake", "supports"),
    ("洪水淹没村庄，冲垮了九江长江大桥", "flood", "supports"),
    ("茅台价格不断上涨", "prices", "supports"),
    ("上海出现一名无症状新冠病毒感染者", "virus", "supports"),
    ("成都近期不会发生8级大地震", "quake", "refutes"),
    ("九江长江大桥并没有被洪水冲垮", "flood", "refutes"),
    ("上海并未出现新冠病毒感染者", "virus", "refutes"),
]


@pytest.mark.parametrize(("text", "claim", "stance"), NOT_NEGATIONS)
def test_words_with_a_negating_character_do_not_refute(zh_engine: Engine, text: str, claim: str, stance: str) -> None:
    assert _stance(zh_engine, text, claim) == stance


# Negative claims: the positive asserted refutes, the negative asserted supports, a denial still refutes.
NEGATIVE = [
    ("滴滴出行获得网约车经营许可", "licence", "refutes"),
    ("滴滴出行正式获得网约车经营许可", "licence", "refutes"),
    ("滴滴出行至今没有获得网约车经营许可", "licence", "supports"),
    ("滴滴出行的网约车经营许可一直没批下来", "licence", "supports"),
    ("滴滴出行未获网约车经营许可的说法不实", "licence", "refutes"),
    ("网传滴滴出行未获网约车经营许可", "licence", "neutral"),
    ("教育部：中小学生不得带手机进校园", "phones", "supports"),
    ("这所学校允许中小学生带手机进校园", "phones", "refutes"),
    ("Tencent obtains approval for three new games", "games", "refutes"),
    ("Tencent still has not obtained approval for any new games", "games", "supports"),
    ("Didi has not obtained a ride-hailing licence", "licensed", "refutes"),
    ("Didi obtains ride-hailing licence", "licensed", "supports"),
]


@pytest.mark.parametrize(("text", "claim", "stance"), NEGATIVE)
def test_negative_claims_turn_the_stance_around(zh_engine: Engine, text: str, claim: str, stance: str) -> None:
    assert _stance(zh_engine, text, claim) == stance


@pytest.mark.parametrize(
    ("text", "negative"),
    [
        ("中小学生不应该带手机进校园", True),
        ("滴滴出行并未获得许可", True),
        ("Tencent has not obtained approval", True),
        ("紫菜不是用海藻做的", True),
        ("茅台不断涨价", False),
        ("没有驾照的司机将被罚款一万元", False),
        ("Iceland banned all baby names that are not on an official list", False),
    ],
)
def test_a_claim_is_negative_when_its_main_clause_is_negated(text: str, negative: bool) -> None:
    """不应该, 并未 and "has not" make a claim negative; 不断 does not, nor a negation that qualifies a noun."""
    rule = rule_for(0, text, (), alias_marker(ENTITIES))
    assert (rule is not None and rule.negative) == negative


# Posts that pass a rumor on without taking a side.
NEUTRAL = [
    ("网传苹果公司将在中国停售iPhone", "iphone"),
    ("据传苹果公司将在中国停售iPhone", "iphone"),
    ("有网友称苹果公司将在中国停售iPhone", "iphone"),
    ("听说苹果公司要在中国停售iPhone了", "iphone"),
    ("苹果公司将在中国停售iPhone？求证", "iphone"),
    ("苹果公司将在中国停售iPhone，是真的吗", "iphone"),
    ("微信将开始向用户收费，真的假的", "fees"),
    ("据说微信将开始向用户收费，消息尚未得到证实", "fees"),
    ("微信是不是要开始向用户收费了", "fees"),
]


@pytest.mark.parametrize(("text", "claim"), NEUTRAL)
def test_hearsay_and_questions_are_neutral(zh_engine: Engine, text: str, claim: str) -> None:
    assert _stance(zh_engine, text, claim) == "neutral"


def test_a_verdict_headline_speaks_for_the_post() -> None:
    """【辟谣】 heading a post that restates the rumor makes it refute; a plain report stays neutral."""
    engine = Engine(CLAIMS, ENTITIES)
    refuted = engine.match(Item(id="1", title="辟谣", summary="网传微信将开始向用户收费，微信一直免费。"))
    reported = engine.match(Item(id="2", title="关注", summary="网传微信将开始向用户收费。"))
    assert ([e.stance for e in refuted], [e.stance for e in reported]) == (["refutes"], ["neutral"])


SYNONYM_CLAIMS = [
    Claim("death", "赵本山突发心肌梗塞去世"),
    Claim("bridge", "九江长江大桥被洪水冲垮"),
    Claim("tax", "银行存款超过50万元将征收存款税"),
]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("赵本山突发心肌梗塞逝世", "death"),
        ("赵本山心肌梗塞突发，不幸身亡", "death"),
        ("九江长江大桥被洪水冲毁", "bridge"),
        ("洪水导致九江长江大桥垮塌", "bridge"),
        ("银行存款超过50万元将开征存款税", "tax"),
    ],
)
def test_news_verbs_told_another_way_still_match(text: str, claim: str) -> None:
    """逝世 and 身亡 say 去世, 冲毁 and 垮塌 say 冲垮, 开征 says 征收."""
    found = Engine(SYNONYM_CLAIMS).match(Item(id="1", title=text))
    assert [(e.claim_id, e.level) for e in found] == [(claim, "match")]


def test_a_denial_of_the_rumor_denies_what_its_sentence_states(zh_engine: Engine) -> None:
    """网传说法没有依据 after a restatement of the claim refutes it; the same words about something else do not."""
    denied = _stance(zh_engine, "微信将开始向用户收费，网传说法没有依据", "fees")
    other = _stance(zh_engine, "微信将开始向用户收费，降价的说法没有依据", "fees")
    assert (denied, other) == ("refutes", "supports")


def test_our_words_win_over_a_split_through_a_longer_word() -> None:
    """网传说法 reads 网传 说法, not 网 传说 法."""
    assert [s for s, _ in tokens("网传说法")] == ["网传", "说法"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("微信将开始向用户收费，大家怎么看？", "supports"),
        ("微信将开始向用户收费？", "neutral"),
        ("微信将开始向用户收费？大家怎么看", "neutral"),
    ],
)
def test_a_chinese_question_asks_its_own_clause(zh_engine: Engine, text: str, stance: str) -> None:
    """Asking for opinions after stating the claim does not make the statement a question."""
    assert _stance(zh_engine, text, "fees") == stance


def test_a_police_report_is_an_official_word() -> None:
    """警方通报 attributes the words to the police, as 回应 and 声明 do."""
    claim = Claim("child", "番禺大润发附近一名三岁女童被人贩子拐走", officials=("police",))
    engine = Engine([claim], [Entity("police", ("番禺警方",)), Entity("rtmart", ("大润发",))])
    found = engine.match(Item(id="1", title="番禺警方通报：番禺大润发附近三岁女童被人贩子拐走系网民编造"))
    assert [(e.stance, e.official, e.official_entity) for e in found] == [("refutes", "reported", "police")]


@pytest.mark.parametrize(
    ("title", "summary", "claim", "stance"),
    [
        # a bare 不 negates the one word after it: late, not alive
        ("", "赵本山突发心肌梗塞，由于抢救不及时去世", "death", "supports"),
        ("", "赵本山突发心肌梗塞，并没有去世", "death", "refutes"),
        # a hedge that heads the post speaks for the rumor told after it
        ("", "传言！不知真假！赵本山突发心肌梗塞去世", "death", "neutral"),
    ],
)
def test_scope_of_chinese_negation_and_hedges(title: str, summary: str, claim: str, stance: str) -> None:
    found = Engine(SYNONYM_CLAIMS).match(Item(id="1", title=title, summary=summary))
    assert [(e.claim_id, e.stance) for e in found if e.level == "match"] == [(claim, stance)]


def test_a_supposition_is_not_a_denial(zh_engine: Engine) -> None:
    """如果微信收费，微博也没理由不收费 supposes the claim; its 没 denies nothing."""
    assert _stance(zh_engine, "如果微信向用户收费，那么微博也没理由不开始收费", "fees") == "neutral"
