"""Story clustering: syndicated copies and rewrites share a story, other news does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.engine import StoryIndex

T0 = datetime(2023, 10, 19, tzinfo=UTC)
BAIC_EN = (
    "BAIC Blue Valley says it has not received information on building Xiaomi cars",
    "BAIC Blue Valley responded on Thursday that it did not receive relevant information.",
)
BAIC_ZH = ("北汽蓝谷回应为小米代工传闻：未收到相关信息", "北汽蓝谷10月19日晚间回应称，公司未收到相关信息。")


def test_new_item_starts_its_own_story() -> None:
    """The first item of a story gets its own key as story id."""
    assert StoryIndex().assign(7, *BAIC_EN, "https://a.example/1", T0) == 7


def test_same_canonical_link_is_one_story() -> None:
    """Tracking parameters, www. and a trailing slash do not make a new story."""
    stories = StoryIndex()
    stories.assign(1, "One title", "one text", "https://www.a.example/x/?utm_source=tw", T0)
    assert stories.assign(2, "Other title", "other words", "http://a.example/x", T0) == 1


def test_near_identical_english_texts_are_one_story() -> None:
    """A syndicated copy with a reworded summary joins the first item's story."""
    stories = StoryIndex()
    stories.assign(1, *BAIC_EN, "https://a.example/1", T0)
    title, _ = BAIC_EN
    assert (
        stories.assign(
            2,
            title,
            "In response, BAIC Blue Valley said it did not receive relevant information.",
            "https://b.example/2",
            T0,
        )
        == 1
    )


def test_near_identical_chinese_texts_are_one_story() -> None:
    """Chinese rewrites are compared by characters, with no segmenter."""
    stories = StoryIndex()
    stories.assign(1, *BAIC_ZH, "", T0)
    assert (
        stories.assign(
            2,
            "北汽蓝谷回应小米代工传闻：未收到相关信息",
            "北汽蓝谷10月19日回应称，公司未收到相关信息。",
            "",
            T0,
        )
        == 1
    )


def test_different_news_is_a_different_story() -> None:
    """Same companies, different news: two stories."""
    stories = StoryIndex()
    stories.assign(1, *BAIC_EN, "https://a.example/1", T0)
    assert (
        stories.assign(
            2,
            "Xiaomi has not obtained the qualification to build cars",
            "Bloomberg reported that Xiaomi lacks approval.",
            "https://b.example/2",
            T0,
        )
        == 2
    )


def test_old_items_are_forgotten() -> None:
    """Memory is bounded: an item older than max_age no longer attracts duplicates."""
    stories = StoryIndex(max_age=timedelta(days=7))
    stories.assign(1, *BAIC_EN, "https://a.example/1", T0)
    stories.assign(2, "Unrelated", "news", "https://c.example/3", T0 + timedelta(days=8))
    assert (len(stories), stories.assign(3, *BAIC_EN, "https://a.example/1", T0 + timedelta(days=8))) == (
        1,
        3,
    )


def test_item_count_is_capped() -> None:
    """Beyond max_items the oldest items are dropped."""
    stories = StoryIndex(max_items=10)
    for key in range(50):
        stories.assign(key, f"title {key} words here", f"text number {key}", f"https://x.example/{key}", T0)
    assert len(stories) == 10


def test_a_meaningful_query_names_another_page() -> None:
    """An article id in the query string is part of the link; tracking parameters are not."""
    stories = StoryIndex()
    stories.assign(1, "One title", "one text", "https://www.x.example/a?id=3&utm_medium=rss#top", T0)
    assert (
        stories.assign(2, "Other title", "other words", "https://x.example/a?id=3", T0),
        stories.assign(3, "Markets close higher", "stocks gained", "https://x.example/a?id=4", T0),
    ) == (1, 3)


# (first item, second item, same story): short Chinese reports of one subject are different news
# unless one is a copy of the other, re-titled or not.
PAIRS = [
    (
        ("传小米汽车将由北汽蓝谷代工生产",
         "据媒体报道，小米汽车正与北汽蓝谷洽谈新能源汽车代工事宜，北汽蓝谷或将为小米生产部分车型。"),
        ("小米汽车已获得纯电动车生产资质，官方暂未回应",
         "据多家媒体报道，小米汽车已拿到纯电动汽车生产资质，可以自主生产。对此，小米方面暂未作出官方回应。"),
        False,
    ),
    (("传小米汽车将由北汽蓝谷代工生产", ""), ("小米汽车已获得纯电动车生产资质，官方暂未回应", ""), False),
    (("小米汽车高配版售价曝光：25万至30万元", ""), ("小米汽车将于2024年上半年量产", ""), False),
    (("华为Mate 60 Pro开售首周销量强劲", ""), ("小米14 Pro开售即售罄，雷军：产能正在加紧爬坡", ""), False),
    (BAIC_ZH, BAIC_ZH, True),
    (BAIC_ZH, ("北汽蓝谷：未收到为小米代工的相关信息", BAIC_ZH[1]), True),
    (("传小米汽车将由北汽蓝谷代工生产", "据媒体报道，小米汽车正与北汽蓝谷洽谈新能源汽车代工事宜。"),
     ("传小米汽车将由北汽蓝谷代工生产", "北汽蓝谷或将为小米生产部分车型，双方正在洽谈。"), True),
    (
        ("Xiaomi Has Yet to Win Beijing's Approval to Make Its Own Cars",
         "Xiaomi Corp. hasn't obtained the government qualification it needs to manufacture electric vehicles, "
         "people familiar with the matter said, a setback for the smartphone maker's plan."),
        ("Xiaomi Has Yet to Win Beijing's Approval to Make Its Own Cars",
         "Xiaomi Corp. hasn't obtained the government qualification it needs to manufacture electric vehicles, "
         "people familiar with the matter said."),
        True,
    ),
    (
        ("Xiaomi has secured approval to build EVs on its own, reports say",
         "Xiaomi has obtained the qualification to produce electric vehicles without a partner."),
        ("Xiaomi Has Yet to Win Beijing's Approval to Make Its Own Cars",
         "Xiaomi Corp. hasn't obtained the government qualification it needs to manufacture electric vehicles."),
        False,
    ),
]


@pytest.mark.parametrize(("first", "second", "same"), PAIRS)
def test_copies_share_a_story_and_other_news_does_not(
    first: tuple[str, str], second: tuple[str, str], same: bool
) -> None:
    """Same title, or the same text under a new title, is one story; another report on the subject is not."""
    stories = StoryIndex()
    stories.assign(1, *first, "", T0)
    assert (stories.assign(2, *second, "", T0) == 1) == same


def test_memory_is_bounded_by_default() -> None:
    """The index keeps a week and at most 20,000 items unless told otherwise."""
    stories = StoryIndex()
    assert (stories.max_items, stories.max_age) == (20_000, timedelta(days=7))
