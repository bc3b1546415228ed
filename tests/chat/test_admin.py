"""Admin commands: tracking claims, entities and official feeds, and /stats; refused to anyone else."""

from __future__ import annotations

import pytest

from storage import claims, feeds
from tests.chat.conftest import ADMIN, ALICE, LI, ChatBot
from tests.fakes import private_chat

ADMIN_CHAT = private_chat(ADMIN)


@pytest.mark.parametrize(
    "command",
    ["/track a b some text", "/untrack xiaomi-qualification", "/entities", "/entity x X", "/official 1 xiaomi",
     "/stats"],
)
async def test_admin_commands_are_refused_to_other_users(chatbot: ChatBot, command: str) -> None:
    """A user who is not in telegram.admins gets a short refusal and nothing changes."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, command)
    assert answer.text == "Only the bot's administrators can do that."
    assert len(await claims.list_claims(chatbot.rt.db)) == 3


async def test_track_stores_the_claim_and_shows_what_it_will_match(chatbot: ChatBot) -> None:
    """/track stores a claim, names the entities in its text as official voices, and the engine uses it."""
    answer = await chatbot.ask(ADMIN_CHAT, ADMIN, "/track xiaomi-ipo xiaomi-auto Xiaomi Auto will list in Hong Kong")
    assert "Tracking <code>xiaomi-ipo</code> in topic <code>xiaomi-auto</code>" in answer.text
    assert "Xiaomi Auto will list in Hong Kong" in answer.text
    record = await claims.get_claim(chatbot.rt.db, "xiaomi-ipo")
    assert record is not None
    assert record.origin == "chat"
    assert record.claim.officials == ("xiaomi",)
    assert "xiaomi-ipo" in {c.id for c in chatbot.rt.engine.claims}
    assert "<code>xiaomi-ipo</code>" in (await chatbot.ask(ADMIN_CHAT, ADMIN, "/claims xiaomi-auto")).text


async def test_a_tracked_claim_alerts_its_subscribers(chatbot: ChatBot) -> None:
    """Right after /track, news on the new claim reaches a subscriber."""
    await chatbot.ask(ADMIN_CHAT, ADMIN, "/track nio-bankrupt cars NIO files for bankruptcy protection")
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, "/subscribe nio-bankrupt")
    await chatbot.news("Wire", "NIO files for bankruptcy protection, sources say")
    [alert] = (await chatbot.fake.wait_for_messages(2, chat_id=chat.id))[1:]
    assert "<b>nio-bankrupt</b>" in alert.text


@pytest.mark.parametrize(
    "command",
    ["/track", "/track only-id", "/track id topic", "/track Bad!Id topic text", "/track id bad/topic text",
     f"/track {'x' * 49} topic text", f"/track some-id {'t' * 49} text"],
)
async def test_track_validates_its_arguments(chatbot: ChatBot, command: str) -> None:
    """Ids and topics must be slugs, the text must be there."""
    answer = await chatbot.ask(ADMIN_CHAT, ADMIN, command)
    assert answer.text.startswith("Usage: /track")


async def test_track_refuses_a_text_over_500_characters(chatbot: ChatBot) -> None:
    """A claim text is at most 500 characters."""
    answer = await chatbot.ask(ADMIN_CHAT, ADMIN, "/track long-one misc " + "word " * 120)
    assert "at most 500 characters" in answer.text


async def test_untrack_removes_the_claim_and_its_subscriptions(chatbot: ChatBot) -> None:
    """/untrack forgets the claim, its subscriptions, and warns when it comes from the configuration."""
    await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe tariff-cut")
    answer = await chatbot.ask(ADMIN_CHAT, ADMIN, "/untrack tariff-cut")
    assert "Stopped tracking <code>tariff-cut</code>" in answer.text
    assert "configuration file" in answer.text
    assert "tariff-cut" not in {c.id for c in chatbot.rt.engine.claims}
    assert "No subscriptions yet" in (await chatbot.ask(private_chat(ALICE), ALICE, "/mysubs")).text


async def test_entities_and_official_feeds(chatbot: ChatBot) -> None:
    """An admin adds an entity with names in two languages and makes a feed its official voice."""
    feed = await chatbot.feed("MIIT news")
    added = await chatbot.ask(ADMIN_CHAT, ADMIN, "/entity miit MIIT, 工信部，Ministry of Industry")
    assert "<code>miit</code>: MIIT, 工信部, Ministry of Industry" in added.text
    assert "miit" in chatbot.rt.entities
    official = await chatbot.ask(ADMIN_CHAT, ADMIN, f"/official {feed.id} miit")
    assert "MIIT news now speaks officially for: miit" in official.text
    stored = await feeds.get_feed(chatbot.rt.db, feed.id)
    assert stored is not None
    assert stored.official_for == ("miit",)
    listing = await chatbot.ask(ADMIN_CHAT, ADMIN, "/entities")
    assert "official feeds: MIIT news" in listing.text
    unknown = await chatbot.ask(ADMIN_CHAT, ADMIN, f"/official {feed.url} nobody")
    assert "No entity called <code>nobody</code>" in unknown.text


async def test_stats_counts_what_the_bot_holds(chatbot: ChatBot) -> None:
    """/stats gives feeds, items, claims, chats and the outbox backlog."""
    await chatbot.feed("Quiet feed")
    answer = await chatbot.ask(ADMIN_CHAT, ADMIN, "/stats")
    assert "Feeds: 1 (0 failing)" in answer.text
    assert "Claims: 3" in answer.text
    assert "Outbox: 0 pending" in answer.text


async def test_a_very_long_answer_is_split_into_valid_messages(chatbot: ChatBot) -> None:
    """An answer over 4,096 characters arrives as several messages, each valid HTML (the fake checks)."""
    names = ", ".join(f"名称{n} <&> Name number {n}" for n in range(19))
    for n in range(12):
        await chatbot.ask(ADMIN_CHAT, ADMIN, f"/entity e{n} {names}")
    parts = await chatbot.say(ADMIN_CHAT, ADMIN, "/entities", replies=2)
    assert all(len(p.text.encode("utf-16-le")) // 2 <= 4096 for p in parts)
    assert parts[0].text.startswith("<b>Entities</b>")


async def test_feed_commands_answer_in_chinese(chatbot: ChatBot) -> None:
    """An admin whose chat is in Chinese reads the feed list, usage lines and refusals in Chinese."""
    await chatbot.ask(ADMIN_CHAT, ADMIN, "/settings language zh")
    await chatbot.feed("Daily News")
    listing = await chatbot.ask(ADMIN_CHAT, ADMIN, "/feeds")
    assert listing.text.startswith("<b>1 个源</b>")
    assert "上次成功" in listing.text
    assert "下次检查" in listing.text
    assert (await chatbot.ask(ADMIN_CHAT, ADMIN, "/rmfeed")).text.startswith("用法：/rmfeed &lt;id 或网址&gt;")
    missing = await chatbot.ask(ADMIN_CHAT, ADMIN, "/rmfeed 999")
    assert missing.text == "没有源 999。/feeds 列出所有源及其 id。"
    refused = await chatbot.ask(private_chat(LI), LI, "/feeds")
    assert refused.text == "只有机器人的管理员可以这样做。"
