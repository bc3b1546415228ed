"""Subscribing in private chats, groups and forum topics, by command and by the buttons of /claims."""

from __future__ import annotations

from storage import chats
from tests.chat.conftest import ALICE, FORUM, LI, ChatBot
from tests.fakes import forum_topic, group, private_chat, user

BOB = user(1201, "Bob")


def buttons(markup: dict[str, object] | None) -> list[tuple[str, str]]:
    """(text, callback_data) of every inline button."""
    rows = markup["inline_keyboard"] if markup else []
    assert isinstance(rows, list)
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


async def test_subscribe_then_mysubs_then_unsubscribe_in_a_private_chat(chatbot: ChatBot) -> None:
    """A user subscribes to a claim, sees it in /mysubs, and unsubscribes."""
    chat = private_chat(ALICE)
    assert "Subscribed to claim <code>xiaomi-qualification</code>" in (
        await chatbot.ask(chat, ALICE, "/subscribe xiaomi-qualification")).text
    assert "Already subscribed" in (await chatbot.ask(chat, ALICE, "/subscribe Xiaomi-Qualification")).text
    assert "claim <code>xiaomi-qualification</code>" in (await chatbot.ask(chat, ALICE, "/mysubs")).text
    assert "Unsubscribed" in (await chatbot.ask(chat, ALICE, "/unsubscribe xiaomi-qualification")).text
    assert "No subscriptions yet" in (await chatbot.ask(chat, ALICE, "/mysubs")).text


async def test_subscribing_to_a_topic(chatbot: ChatBot) -> None:
    """A topic name subscribes to every claim of the topic."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe xiaomi-auto")
    assert "Subscribed to topic <code>xiaomi-auto</code>" in answer.text


async def test_a_misspelt_id_subscribes_to_the_claim_it_means(chatbot: ChatBot) -> None:
    """A misspelt claim id is read as words: every Xiaomi claim says "xiaomi", and the encoder reads the
    misspelt word as the qualification claim's, so that claim is subscribed at once."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/subscribe xiaomi-qualificaton")
    assert answer.text.startswith("✅ Subscribed to claim <code>xiaomi-qualification</code>.")


async def test_subscribe_and_unsubscribe_by_words(chatbot: ChatBot) -> None:
    """Words that one claim says subscribe to it at once; /unsubscribe takes words too, in Chinese."""
    chat = private_chat(LI)
    done = await chatbot.ask(chat, LI, "/subscribe 北汽蓝谷 代工")
    assert "<code>xiaomi-baic-oem</code>" in done.text
    gone = await chatbot.ask(chat, LI, "/unsubscribe 北汽蓝谷 代工")
    assert "<code>xiaomi-baic-oem</code>" in gone.text
    assert await chats.chat_subscriptions(chatbot.rt.db, chat.id) == []


async def test_unsubscribe_picks_among_several(chatbot: ChatBot) -> None:
    """Several claims fit: the picked one is unsubscribed."""
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, "/subscribe xiaomi-baic-oem")
    choice = await chatbot.ask(chat, ALICE, "/unsubscribe Xiaomi")
    assert choice.reply_markup is not None
    data = [b["callback_data"] for row in choice.reply_markup["inline_keyboard"] for b in row]
    assert "unsub:xiaomi-baic-oem" in data
    await chatbot.press(chat, ALICE, choice.message_id, "unsub:xiaomi-baic-oem")
    [answer] = (await chatbot.fake.wait_for_messages(3, chat_id=chat.id))[2:]
    assert answer.text == "Unsubscribed from <code>xiaomi-baic-oem</code>."


async def test_claims_by_words(chatbot: ChatBot) -> None:
    """/claims with words lists the claims they fit, each with its ➕ button."""
    listing = await chatbot.ask(private_chat(ALICE), ALICE, "/claims Xiaomi")
    assert listing.text.startswith("<b>Claims matching <i>Xiaomi</i></b> (2)")
    assert listing.reply_markup is not None
    data = {b["callback_data"] for row in listing.reply_markup["inline_keyboard"] for b in row}
    assert data == {"sub:xiaomi-qualification", "sub:xiaomi-baic-oem"}


async def test_only_group_administrators_change_a_groups_subscriptions(chatbot: ChatBot) -> None:
    """In a group a member is refused; an administrator may subscribe the group."""
    room = group(-4100, "Car fans")
    chatbot.fake.add_member(room, BOB, "member")
    chatbot.fake.add_member(room, ALICE, "administrator")
    refused = await chatbot.ask(room, BOB, "/subscribe xiaomi-auto")
    assert "Only the group's administrators" in refused.text
    done = await chatbot.ask(room, ALICE, "/subscribe xiaomi-auto")
    assert "Subscribed to topic" in done.text


async def test_a_forum_topic_has_its_own_subscriptions(chatbot: ChatBot) -> None:
    """A subscription made in a forum topic belongs to that thread, and replies go to the thread."""
    chatbot.fake.add_member(FORUM, ALICE, "creator")
    cars, trade = forum_topic(FORUM, 11), forum_topic(FORUM, 12)
    answer = await chatbot.ask(cars, ALICE, "/subscribe xiaomi-auto")
    assert answer.thread_id == 11
    await chatbot.ask(trade, ALICE, "/subscribe tariff-cut")
    listing = await chatbot.ask(trade, ALICE, "/mysubs")
    assert listing.thread_id == 12
    assert "topic <code>xiaomi-auto</code> (topic thread 11)" in listing.text
    assert "claim <code>tariff-cut</code> (topic thread 12)" in listing.text
    assert "not subscribed" in (await chatbot.ask(trade, ALICE, "/unsubscribe xiaomi-auto")).text


async def test_claims_list_has_a_subscribe_button_per_claim(chatbot: ChatBot) -> None:
    """/claims lists the claims with their status and a ➕ button that subscribes the chat."""
    chat = private_chat(ALICE)
    listing = await chatbot.ask(chat, ALICE, "/claims xiaomi-auto")
    assert "<code>xiaomi-baic-oem</code> [unverified]" in listing.text
    assert "tariff-cut" not in listing.text
    assert ("➕ xiaomi-baic-oem", "sub:xiaomi-baic-oem") in buttons(listing.reply_markup)
    before = len(chatbot.fake.sent_messages(chat.id))
    await chatbot.press(chat, ALICE, listing.message_id, "sub:xiaomi-baic-oem")
    [done] = (await chatbot.fake.wait_for_messages(before + 1, chat_id=chat.id))[before:]
    assert "Subscribed to claim <code>xiaomi-baic-oem</code>" in done.text


async def test_claims_are_paginated_with_buttons(chatbot: ChatBot) -> None:
    """More than five claims are shown five at a time; the Next button turns the page in place."""
    rt = chatbot.rt
    admin_chat = private_chat(user(42, "Ada"))
    for n in range(4):
        await chatbot.ask(admin_chat, user(42, "Ada"), f"/track extra-{n} misc Claim number {n} about things")
    assert len(rt.engine.claims) == 7
    chat = private_chat(ALICE)
    first = await chatbot.ask(chat, ALICE, "/claims")
    assert "(1–5 of 7)" in first.text
    assert ("Next ▶", "claims:1:") in buttons(first.reply_markup)
    await chatbot.press(chat, ALICE, first.message_id, "claims:1:")
    [edited] = await chatbot.fake.wait_for_calls("editMessageText")
    assert "(6–7 of 7)" in edited.params["text"]


async def test_a_chinese_speaker_subscribes_in_chinese(chatbot: ChatBot) -> None:
    """Replies to a zh user are in Chinese, ids stay as they are."""
    answer = await chatbot.ask(private_chat(LI), LI, "/subscribe xiaomi-baic-oem")
    assert "已订阅传闻 <code>xiaomi-baic-oem</code>" in answer.text
