"""Alerts as a reader sees them through Telegram: headline, source and local time, the deciding sentence."""

from __future__ import annotations

from tests.chat.conftest import ALICE, LI, ChatBot
from tests.fakes import private_chat

# tests.helpers.entry publishes at 1,700,000,000: 2023-11-14 22:13 UTC, 2023-11-15 06:13 in Shanghai.
HOSTILE = "<b>BAIC Blue Valley</b> denies it will build Xiaomi cars & </blockquote><a href='x'>"


async def test_headline_and_publication_time_in_the_chats_time_zone(chatbot: ChatBot) -> None:
    """A Shanghai reader sees the headline, then the source and 06:13 CST; the headline is the sentence."""
    chat = private_chat(LI)
    await chatbot.ask(chat, LI, "/settings timezone Asia/Shanghai")
    await chatbot.ask(chat, LI, "/subscribe xiaomi-baic-oem")
    await chatbot.news("BAIC IR", "BAIC Blue Valley denies it will build Xiaomi cars as a contract manufacturer",
                       official_for=("baic",))
    alert = (await chatbot.fake.wait_for_messages(3, chat_id=chat.id))[2]
    lines = alert.text.split("\n")
    assert lines[2] == "<b>BAIC Blue Valley denies it will build Xiaomi cars as a contract manufacturer</b>"
    assert lines[3].endswith("BAIC IR</a> · 2023-11-15 06:13 CST")
    assert "<blockquote>" not in alert.text
    assert alert.link_preview_options == {"is_disabled": True}


async def test_a_hostile_headline_reaches_the_reader_as_text(chatbot: ChatBot) -> None:
    """Markup in a headline is escaped: Telegram accepts the message and shows the tags as text."""
    chat = private_chat(ALICE)
    await chatbot.ask(chat, ALICE, "/subscribe xiaomi-baic-oem")
    await chatbot.news("BAIC IR", HOSTILE, official_for=("baic",))
    alert = (await chatbot.fake.wait_for_messages(2, chat_id=chat.id))[1]
    assert ("<b>&lt;b&gt;BAIC Blue Valley&lt;/b&gt; denies it will build Xiaomi cars &amp; "
            "&lt;/blockquote&gt;&lt;a href=&#x27;x&#x27;&gt;</b>") in alert.text
    assert alert.text.split("\n")[3].endswith("· 2023-11-14 22:13 UTC")
