"""/timeline and the Timeline button: a real PNG chart arrives through sendPhoto, in the reader's language."""

from __future__ import annotations

import io

from PIL import Image

from tests.chat.conftest import ALICE, LI, ChatBot
from tests.fakes import SentPhoto, private_chat

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _is_chart(photo: SentPhoto) -> bool:
    with Image.open(io.BytesIO(photo.content)) as image:
        return photo.content.startswith(PNG_SIGNATURE) and image.format == "PNG" and image.size == (800, 450)


async def _story(chatbot: ChatBot) -> None:
    await chatbot.evidence("xiaomi-baic-oem", "Bloomberg says BAIC will build Xiaomi cars", "supports",
                           source="Bloomberg")
    await chatbot.evidence("xiaomi-baic-oem", "BAIC Blue Valley did not receive relevant information", "refutes",
                           official_entity="baic", source="BAIC IR")


async def test_timeline_by_id_sends_a_png(chatbot: ChatBot) -> None:
    """/timeline <id> answers with a PNG chart and a caption naming the claim and its status."""
    await _story(chatbot)
    chatbot.fake.send_text(private_chat(ALICE), ALICE, "/timeline xiaomi-baic-oem")
    await chatbot.fake.wait_for_calls("sendPhoto")
    [photo] = chatbot.fake.sent_photos(ALICE.id)
    assert _is_chart(photo)
    assert photo.caption == "📈 <b>xiaomi-baic-oem</b>: unverified"


async def test_timeline_by_chinese_words(chatbot: ChatBot) -> None:
    """A Chinese reader names the claim in Chinese and gets the chart with a Chinese caption."""
    await _story(chatbot)
    chatbot.fake.send_text(private_chat(LI), LI, "/timeline 北汽蓝谷 代工")
    await chatbot.fake.wait_for_calls("sendPhoto")
    [photo] = chatbot.fake.sent_photos(LI.id)
    assert _is_chart(photo)
    assert photo.caption == "📈 <b>xiaomi-baic-oem</b>：未证实"


async def test_the_status_offers_a_timeline_button(chatbot: ChatBot) -> None:
    """/status carries a Timeline button; pressing it sends the chart."""
    await _story(chatbot)
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/status xiaomi-baic-oem")
    button = {"text": "📈 Timeline", "callback_data": "tl:xiaomi-baic-oem"}
    assert answer.reply_markup == {"inline_keyboard": [[button]]}
    await chatbot.press(private_chat(ALICE), ALICE, answer.message_id, "tl:xiaomi-baic-oem")
    await chatbot.fake.wait_for_calls("sendPhoto")
    assert _is_chart(chatbot.fake.sent_photos(ALICE.id)[0])


async def test_a_claim_without_evidence_has_no_chart(chatbot: ChatBot) -> None:
    """Nothing to draw: a short note instead of an empty picture."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/timeline tariff-cut")
    assert answer.text == "No evidence on <code>tariff-cut</code> yet: nothing to draw."
    assert chatbot.fake.sent_photos() == []


async def test_timeline_needs_a_claim(chatbot: ChatBot) -> None:
    """Without an argument the usage line is the answer."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/timeline")
    assert answer.text.startswith("Usage: /timeline")
