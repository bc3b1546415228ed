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


async def test_unknown_claim_gets_suggestions(chatbot: ChatBot) -> None:
    """An unknown id is answered with the closest ids."""
    answer = await chatbot.ask(private_chat(ALICE), ALICE, "/status xiaomi-oem")
    assert "No claim called <code>xiaomi-oem</code>" in answer.text
    assert "<code>xiaomi-baic-oem</code>" in answer.text


async def test_status_in_chinese(chatbot: ChatBot) -> None:
    """A zh user reads the status words in Chinese."""
    await chatbot.evidence("xiaomi-qualification", "小米尚未获得造车资质", "refutes")
    answer = await chatbot.ask(private_chat(LI), LI, "/status xiaomi-qualification")
    assert "现状" in answer.text
    assert "反驳" in answer.text
    assert "来自 1 个来源的 1 篇报道" in answer.text
