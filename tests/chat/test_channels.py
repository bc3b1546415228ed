"""Channels: an administrator subscribes a channel from a private chat; alerts are posted there."""

from __future__ import annotations

import asyncio

from storage import chats
from tests.chat.conftest import ALICE, LI, ChatBot
from tests.fakes import channel, private_chat

NEWS = channel(-1002000000555, "Rumor news", username="rumor_news")
OFFICIAL = "BAIC Blue Valley denies it will build Xiaomi cars as a contract manufacturer"


async def test_an_administrator_subscribes_a_channel_and_alerts_are_posted_there(chatbot: ChatBot) -> None:
    """Alice administers the channel and the bot may post: the channel hears of the official answer."""
    chatbot.fake.add_member(NEWS, ALICE, "administrator")
    chatbot.fake.set_bot_member(NEWS, "administrator")
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe @rumor_news xiaomi-auto")
    assert answer.text == ("✅ @rumor_news is subscribed to topic <code>xiaomi-auto</code>. "
                           "Alerts will be posted there.")
    await chatbot.news("BAIC IR", OFFICIAL, official_for=("baic",))
    [alert] = await chatbot.fake.wait_for_messages(1, chat_id=NEWS.id)
    assert "Official response from BAIC Blue Valley" in alert.text
    assert alert.reply_markup is None


async def test_by_id_and_by_words_in_chinese(chatbot: ChatBot) -> None:
    """The channel's id works as well as its @name; the claim may be named by words, in Chinese."""
    chatbot.fake.add_member(NEWS, LI, "creator")
    chatbot.fake.set_bot_member(NEWS, "administrator")
    answer = await chatbot.ask(private_chat(LI), LI, f"/subscribe {NEWS.id} 北汽蓝谷 代工")
    assert answer.text == "✅ @rumor_news 已订阅传闻 <code>xiaomi-baic-oem</code>，提醒将发布到该频道。"
    assert [(s.kind, s.target) for s in await chats.chat_subscriptions(chatbot.rt.db, NEWS.id)] == [
        ("claim", "xiaomi-baic-oem")]
    assert await chats.reading_language(chatbot.rt.db, NEWS.id) == "zh"
    gone = await chatbot.ask(private_chat(LI), LI, f"/unsubscribe {NEWS.id} xiaomi-baic-oem")
    assert gone.text == "@rumor_news 已取消订阅 <code>xiaomi-baic-oem</code>。"


async def test_refused_for_someone_who_does_not_administer_the_channel(chatbot: ChatBot) -> None:
    """A mere subscriber of the channel cannot subscribe it."""
    chatbot.fake.add_member(NEWS, ALICE, "member")
    chatbot.fake.set_bot_member(NEWS, "administrator")
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe @rumor_news xiaomi-auto")
    assert answer.text == "Only an administrator of @rumor_news can change its subscriptions, and you are not one."
    assert await chats.chat_subscriptions(chatbot.rt.db, NEWS.id) == []


async def test_refused_when_the_bot_is_not_in_the_channel(chatbot: ChatBot) -> None:
    """The bot says it must be added as an administrator."""
    chatbot.fake.add_member(NEWS, ALICE, "administrator")
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe @rumor_news xiaomi-auto")
    assert answer.text.startswith("I am not an administrator of @rumor_news.")


async def test_refused_when_the_bot_may_not_post(chatbot: ChatBot) -> None:
    """An administrator bot without the right to post is told which right is missing."""
    chatbot.fake.add_member(NEWS, ALICE, "administrator")
    chatbot.fake.set_bot_member(NEWS, "administrator", can_post_messages=False)
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe @rumor_news xiaomi-auto")
    assert answer.text == ("I am an administrator of @rumor_news but may not post messages there. "
                           "Give me the right to post messages.")
    assert await chats.chat_subscriptions(chatbot.rt.db, NEWS.id) == []


async def test_an_unknown_channel(chatbot: ChatBot) -> None:
    """A channel Telegram does not know is named back with what to do."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe @nosuchchannel xiaomi-auto")
    assert answer.text.startswith("I cannot find @nosuchchannel.")


async def test_several_claims_ask_for_an_id(chatbot: ChatBot) -> None:
    """Words that fit several claims get the ids to choose from."""
    chatbot.fake.add_member(NEWS, ALICE, "administrator")
    chatbot.fake.set_bot_member(NEWS, "administrator")
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe @rumor_news Xiaomi")
    assert answer.text.startswith("Several claims match <i>Xiaomi</i>. Send the command again with one id:")
    assert "<code>xiaomi-qualification</code>" in answer.text


async def test_a_channel_that_took_the_right_to_post_away_keeps_its_subscriptions(chatbot: ChatBot) -> None:
    """Telegram refuses the alert for want of rights: losing a right is not leaving, so the channel's
    subscriptions stay and its alert waits for the right to come back."""
    chatbot.fake.add_member(NEWS, ALICE, "administrator")
    chatbot.fake.set_bot_member(NEWS, "administrator")
    await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe @rumor_news xiaomi-auto")
    chatbot.fake.set_bot_member(NEWS, "administrator", can_post_messages=False)
    await chatbot.news("BAIC IR", OFFICIAL, official_for=("baic",))
    for _ in range(200):  # the sender records Telegram's answer right after it
        if [c for c in chatbot.fake.calls_to("sendMessage") if c.params.get("chat_id") == NEWS.id]:
            break
        await asyncio.sleep(0.05)
    refused = [c for c in chatbot.fake.calls_to("sendMessage") if c.params.get("chat_id") == NEWS.id]
    assert [c.status for c in refused] == [400]
    assert await chats.chat_subscriptions(chatbot.rt.db, NEWS.id) != []
