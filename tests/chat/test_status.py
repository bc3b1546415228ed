"""/status: the claim, its status and why, official responses first, then evidence and related items."""

from __future__ import annotations

from tests.chat.conftest import ALICE, LI, ChatBot
from tests.fakes import private_chat


async def test_status_of_a_claim_without_evidence(chatbot: ChatBot) -> None:
    """A claim nobody has written about yet is unverified, with no evidence."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/status xiaomi-qualification")
    assert "<b>xiaomi-qualification</b>: Xiaomi has obtained the official qualification" in answer.text
    assert "<b>unverified</b> – no evidence yet" in answer.text
    assert "0 stories from 0 sources." in answer.text


async def test_official_responses_come_first_then_evidence_then_possibly_related(chatbot: ChatBot) -> None:
    """Official responses are listed before media evidence; candidates are a separate, last section."""
    await chatbot.evidence("xiaomi-baic-oem", "Bloomberg says BAIC will build Xiaomi cars", "supports",
                           source="Bloomberg")
    await chatbot.evidence("xiaomi-baic-oem", "BAIC Blue Valley did not receive relevant information", "refutes",
                           official_entity="baic", source="BAIC IR")
    await chatbot.evidence("xiaomi-baic-oem", "Xiaomi talks to carmakers", "neutral", level="candidate")
    text = (await chatbot.ask(private_chat(ALICE), ALICE, "/status xiaomi-baic-oem")).text
    official, evidence, related = (text.index(h) for h in ("Official responses", "Latest evidence", "Possibly related"))
    assert official < evidence < related
    assert "🏛 official (BAIC Blue Valley), refutes – <a href=" in text
    assert "“BAIC Blue Valley did not receive relevant information”" in text
    assert "supports – <a href=\"https://news.example/" in text
    assert "2 stories from 2 sources." in text


async def test_feed_text_is_escaped_in_status(chatbot: ChatBot) -> None:
    """Titles with <, > and & reach Telegram escaped, and the message still parses."""
    await chatbot.evidence("tariff-cut", "Tariffs <cut> & \"dropped\" </b><i>", "supports", source="A&B <News>")
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/status tariff-cut")
    assert "Tariffs &lt;cut&gt; &amp; &quot;dropped&quot; &lt;/b&gt;&lt;i&gt;" in answer.text
    assert "A&amp;B &lt;News&gt;" in answer.text


async def test_words_that_match_nothing_get_the_closest_ids(chatbot: ChatBot) -> None:
    """Words of which no claim says enough are answered with the claims closest to them."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/status Xiaomi weather forecast Paris")
    assert answer.text.startswith("No claim matches <i>Xiaomi weather forecast Paris</i>. Closest: <code>xiaomi-")


async def test_a_misspelt_id_is_read_as_words(chatbot: ChatBot) -> None:
    """tarrif-cuts says "cuts", which only the tariff claim says: its status is the answer."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/status tarrif-cuts")
    assert answer.text.startswith("<b>tariff-cut</b>: China will cut car import tariffs")


async def test_status_by_words_in_english_and_chinese(chatbot: ChatBot) -> None:
    """The claim may be named by its words, in either language: one clear winner is answered at once."""
    english = await chatbot.ask(private_chat(ALICE), ALICE, "/status Xiaomi qualification")
    assert english.text.startswith("<b>xiaomi-qualification</b>:")
    chinese = await chatbot.ask(private_chat(LI), LI, "/status 北汽蓝谷 代工")
    assert chinese.text.startswith("<b>xiaomi-baic-oem</b>: 北汽蓝谷将为小米汽车代工")


async def test_several_claims_are_offered_as_buttons(chatbot: ChatBot) -> None:
    """Words several claims say get a button per claim; pressing one shows its status."""
    chat = private_chat(LI)
    choice = await chatbot.ask(chat, LI, "/status 小米")
    assert choice.text == "有多个传闻符合 <i>小米</i>，请选择："
    assert choice.reply_markup is not None
    data = [b["callback_data"] for row in choice.reply_markup["inline_keyboard"] for b in row]
    assert set(data) == {"status:xiaomi-qualification", "status:xiaomi-baic-oem"}
    labels = [b["text"] for row in choice.reply_markup["inline_keyboard"] for b in row]
    assert "北汽蓝谷将为小米汽车代工" in labels
    before = len(chatbot.fake.sent_messages(chat.id))
    await chatbot.press(chat, LI, choice.message_id, "status:xiaomi-baic-oem")
    [status] = (await chatbot.fake.wait_for_messages(before + 1, chat_id=chat.id))[before:]
    assert status.text.startswith("<b>xiaomi-baic-oem</b>")


async def test_chinese_words_find_a_claim_written_only_in_english(chatbot: ChatBot) -> None:
    """小米 资质 and 小米 造车资质 reach the English-only qualification claim at once: 小米 is Xiaomi, and
    the encoder reads the rest, which no claim says in words."""
    for words in ("小米 资质", "小米 造车资质"):
        answer = await chatbot.ask(private_chat(LI), LI, f"/status {words}")
        assert answer.text.startswith("<b>xiaomi-qualification</b>: Xiaomi has obtained the official qualification")


async def test_status_in_chinese(chatbot: ChatBot) -> None:
    """A zh user reads the status words in Chinese."""
    await chatbot.evidence("xiaomi-qualification", "小米尚未获得造车资质", "refutes")
    answer = await chatbot.ask(private_chat(LI), LI, "/status xiaomi-qualification")
    assert "现状" in answer.text
    assert "反驳" in answer.text
    assert "来自 1 个来源的 1 篇报道" in answer.text
