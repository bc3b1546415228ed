"""Story clustering: syndicated copies and rewrites share a story, other news does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.engine import StoryIndex
from bot.engine.stories import canonical_link

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


def test_canonical_link_keeps_meaningful_query() -> None:
    """An article id in the query string is part of the link."""
    assert canonical_link("https://www.x.example/a?id=3&utm_medium=rss#top") == "x.example/a?id=3"
