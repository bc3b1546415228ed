"""/mysubs: each subscription with its status, and buttons to unsubscribe, mute and unmute."""

from __future__ import annotations

from storage import chats
from tests.chat.conftest import ALICE, LI, ChatBot
from tests.fakes import SentMessage, channel, private_chat

NEWS = channel(-1002000000555, "Rumor news", username="rumor_news")


def _data(message: SentMessage) -> list[list[str]]:
    assert message.reply_markup is not None
    return [[b["callback_data"] for b in row] for row in message.reply_markup["inline_keyboard"]]


async def _redrawn(chatbot: ChatBot, chat_id: int, n: int) -> SentMessage:
    assert await chatbot.fake.state.wait_until(lambda: len(chatbot.fake.edited_messages(chat_id)) >= n, 10)
    return chatbot.fake.edited_messages(chat_id)[n - 1]


async def test_list_with_status_and_buttons(chatbot: ChatBot) -> None:
    """Each subscription is listed with its claim's status; claims get ✖ and 🔇, topics ✖."""
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, "/subscribe xiaomi-qualification")
    await chatbot.ask(chat, ALICE, "/subscribe trade")
    listed = await chatbot.ask(chat, ALICE, "/mysubs")
    assert "claim <code>xiaomi-qualification</code> [unverified]" in listed.text
    assert "topic <code>trade</code>" in listed.text
    assert _data(listed) == [["ms:u:c:xiaomi-qualification", "ms:m:c:xiaomi-qualification"], ["ms:u:t:trade"]]


async def test_mute_unmute_and_unsubscribe_buttons(chatbot: ChatBot) -> None:
    """🔇 mutes and the list is redrawn with 🔔; 🔔 unmutes; ✖ removes the subscription."""
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, "/subscribe xiaomi-qualification")
    listed = await chatbot.ask(chat, ALICE, "/mysubs")
    await chatbot.press(chat, ALICE, listed.message_id, "ms:m:c:xiaomi-qualification")
    muted = await _redrawn(chatbot, chat.id, 1)
    assert "🔇 muted" in muted.text
    assert _data(muted) == [["ms:u:c:xiaomi-qualification", "ms:n:c:xiaomi-qualification"]]
    assert await chats.subscribers(chatbot.rt.db, "xiaomi-qualification", "xiaomi-auto") == []
    await chatbot.press(chat, ALICE, listed.message_id, "ms:n:c:xiaomi-qualification")
    heard = await _redrawn(chatbot, chat.id, 2)
    assert "muted" not in heard.text
    assert [s.chat_id for s in await chats.subscribers(chatbot.rt.db, "xiaomi-qualification", "")] == [ALICE.id]
    await chatbot.press(chat, ALICE, listed.message_id, "ms:u:c:xiaomi-qualification")
    gone = await _redrawn(chatbot, chat.id, 3)
    assert gone.text.startswith("No subscriptions yet.")
    assert gone.reply_markup is None


async def test_in_chinese(chatbot: ChatBot) -> None:
    """A Chinese reader sees the kinds, the status and the hint in Chinese."""
    chat = private_chat(LI)
    await chatbot.ask(chat, LI, "/subscribe xiaomi-qualification")
    listed = await chatbot.ask(chat, LI, "/mysubs")
    assert "<code>xiaomi-qualification</code> [未证实]" in listed.text
    assert "✖ 取消订阅，🔇 静音，🔔 取消静音。" in listed.text


async def test_a_forged_button_is_refused(chatbot: ChatBot) -> None:
    """Data the bot never made (a topic cannot be muted) changes nothing."""
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, "/subscribe trade")
    await chatbot.press(chat, ALICE, 1, "ms:m:t:trade")
    assert "no longer works" in chatbot.fake.calls_to("answerCallbackQuery")[-1].params["text"]
    assert [s.muted for s in await chats.chat_subscriptions(chatbot.rt.db, chat.id)] == [False]


async def test_the_channels_a_user_manages_are_listed(chatbot: ChatBot) -> None:
    """In a private chat, the channels its user subscribed are listed with their subscriptions."""
    chatbot.fake.add_member(NEWS, ALICE, "administrator")
    chatbot.fake.set_bot_member(NEWS, "administrator")
    await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe @rumor_news xiaomi-auto")
    listed = await chatbot.ask(private_chat(ALICE), ALICE, "/mysubs")
    assert "<b>Channel @rumor_news</b>\ntopic <code>xiaomi-auto</code>" in listed.text
