"""Alerts as subscribers get them: in their language, with buttons for the full status and to mute."""

from __future__ import annotations

from storage import chats
from tests.chat.conftest import ALICE, FORUM, LI, ChatBot
from tests.fakes import forum_topic, private_chat

OFFICIAL = "BAIC Blue Valley denies it will build Xiaomi cars as a contract manufacturer"


async def test_official_response_alert_in_english_with_buttons(chatbot: ChatBot) -> None:
    """An official answer reaches an English subscriber, naming the claim and who answered."""
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, "/subscribe xiaomi-baic-oem")
    await chatbot.news("BAIC IR", OFFICIAL, official_for=("baic",))
    [alert] = (await chatbot.fake.wait_for_messages(2, chat_id=chat.id))[1:]
    assert "<b>xiaomi-baic-oem</b>" in alert.text
    assert "Official response from BAIC Blue Valley" in alert.text
    assert "denies" in alert.text
    assert alert.reply_markup is not None
    data = [b["callback_data"] for row in alert.reply_markup["inline_keyboard"] for b in row]
    assert data == ["status:xiaomi-baic-oem", "mute:xiaomi-baic-oem"]


async def test_chinese_subscriber_gets_the_alert_in_chinese(chatbot: ChatBot) -> None:
    """The same event is written in Chinese, claim text and buttons included, for a Chinese speaker."""
    chat = private_chat(LI)
    await chatbot.ask(chat, LI, "/subscribe xiaomi-auto")
    await chatbot.news("BAIC IR", OFFICIAL, official_for=("baic",))
    [alert] = (await chatbot.fake.wait_for_messages(2, chat_id=chat.id))[1:]
    assert "北汽蓝谷 官方回应" in alert.text
    assert "否认" in alert.text
    assert "北汽蓝谷将为小米汽车代工" in alert.text
    assert alert.reply_markup is not None
    labels = [b["text"] for row in alert.reply_markup["inline_keyboard"] for b in row]
    assert labels == ["完整现状", "静音此传闻"]


async def test_full_status_button_answers_with_the_status(chatbot: ChatBot) -> None:
    """Pressing "full status" under an alert posts the claim's status in the same forum topic."""
    chatbot.fake.add_member(FORUM, ALICE, "administrator")
    topic = forum_topic(FORUM, 21)
    await chatbot.ask(topic, ALICE, "/subscribe xiaomi-baic-oem")
    await chatbot.news("BAIC IR", OFFICIAL, official_for=("baic",))
    [alert] = (await chatbot.fake.wait_for_messages(2, chat_id=FORUM.id))[1:]
    assert alert.thread_id == 21
    await chatbot.press(topic, ALICE, alert.message_id, "status:xiaomi-baic-oem")
    [status] = (await chatbot.fake.wait_for_messages(3, chat_id=FORUM.id))[2:]
    assert status.thread_id == 21
    assert "Official responses" in status.text


async def test_mute_button_silences_the_claim_here(chatbot: ChatBot) -> None:
    """"Mute this claim" stops alerts on it in this chat; /mysubs shows it muted; /subscribe lifts it."""
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, "/subscribe xiaomi-auto")
    await chatbot.press(chat, ALICE, 1, "mute:xiaomi-baic-oem")
    [muted] = (await chatbot.fake.wait_for_messages(2, chat_id=chat.id))[1:]
    assert "Muted <code>xiaomi-baic-oem</code>" in muted.text
    assert "🔇" in (await chatbot.ask(chat, ALICE, "/mysubs")).text
    await chatbot.news("BAIC IR", OFFICIAL, official_for=("baic",))
    await chatbot.ask(chat, ALICE, "/help")  # any alert would have been sent by now, before this reply
    assert not [m for m in chatbot.fake.sent_messages(chat.id) if "Official response" in m.text]
    assert "Subscribed" in (await chatbot.ask(chat, ALICE, "/subscribe xiaomi-baic-oem")).text


async def test_a_forged_button_is_refused_politely(chatbot: ChatBot) -> None:
    """Button data the bot never made gets a short notice, not an error."""
    chat = private_chat(ALICE)
    await chatbot.press(chat, ALICE, 1, "drop:table")
    answer = chatbot.fake.calls_to("answerCallbackQuery")[-1]
    assert "no longer works" in answer.params["text"]


async def test_the_chats_reading_language_follows_its_setting_then_its_users(chatbot: ChatBot) -> None:
    """Alerts to a chat are written in its chosen language, else in the language of who spoke there last."""
    chat = private_chat(LI)
    await chatbot.ask(chat, LI, "/start")
    assert await chats.reading_language(chatbot.rt.db, chat.id) == "zh"
    await chatbot.ask(chat, LI, "/settings language en")
    assert await chats.reading_language(chatbot.rt.db, chat.id) == "en"
