"""/suggest: anyone proposes a claim; the admins approve or reject it once; approval brings alerts."""

from __future__ import annotations

from tests.chat.conftest import ADMIN, ADMIN_ID, ALICE, LI, ChatBot
from tests.fakes import SentMessage, private_chat, user

SUGGESTION = "Xiaomi will list its car unit in Hong Kong"
BOB = user(1103, "Bob", language_code="en")


async def _edited(chatbot: ChatBot, chat_id: int) -> list[SentMessage]:
    """The bot's edits in a chat, once there is at least one."""
    assert await chatbot.fake.state.wait_until(lambda: bool(chatbot.fake.edited_messages(chat_id)), 10)
    return chatbot.fake.edited_messages(chat_id)


def _buttons(message: SentMessage) -> list[str]:
    assert message.reply_markup is not None
    return [b["callback_data"] for row in message.reply_markup["inline_keyboard"] for b in row]


async def _suggest_and_send(chatbot: ChatBot, text: str = SUGGESTION) -> tuple[int, SentMessage]:
    """Alice suggests `text` and confirms; return the suggestion's number and the admin's copy."""
    preview = await chatbot.ask(private_chat(ALICE), ALICE, f"/suggest {text}")
    send, cancel = _buttons(preview)
    number = int(send.rsplit(":", 1)[1])
    assert (send, cancel) == (f"sg:send:{number}", f"sg:drop:{number}")
    await chatbot.press(private_chat(ALICE), ALICE, preview.message_id, send)
    [copy] = await chatbot.fake.wait_for_messages(1, chat_id=ADMIN_ID)
    return number, copy


async def test_the_author_sees_what_it_would_match_before_sending(chatbot: ChatBot) -> None:
    """The preview shows the derived rules and the tracked claims closest to it; nothing reaches admins yet."""
    preview = await chatbot.ask(private_chat(ALICE), ALICE, "/suggest Xiaomi obtained its car qualification in May")
    assert "<b>What it would match</b>" in preview.text
    assert "<pre>who: " in preview.text
    assert "<code>xiaomi-qualification</code>" in preview.text
    assert chatbot.fake.sent_messages(ADMIN_ID) == []


async def test_suggest_approve_then_alert(chatbot: ChatBot) -> None:
    """Approved: the claim is tracked, Alice subscribed and told, and news on it alerts her."""
    number, copy = await _suggest_and_send(chatbot)
    assert f"Suggested claim #{number}</b> from Alice" in copy.text
    assert _buttons(copy) == [f"sg:ok:{number}", f"sg:no:{number}"]
    before = len(chatbot.fake.sent_messages(ALICE.id))
    await chatbot.press(private_chat(ADMIN), ADMIN, copy.message_id, f"sg:ok:{number}")
    [told] = (await chatbot.fake.wait_for_messages(before + 1, chat_id=ALICE.id))[before:]
    assert "tracked now as <code>xiaomi-list-car-unit-hong</code>" in told.text
    [redrawn] = await _edited(chatbot, ADMIN_ID)
    assert "Approved by Ada: tracked as <code>xiaomi-list-car-unit-hong</code>" in redrawn.text
    assert redrawn.reply_markup is None
    await chatbot.news("Reuters", "Xiaomi will list its car unit in Hong Kong next year, sources say")
    [alert] = (await chatbot.fake.wait_for_messages(before + 2, chat_id=ALICE.id))[before + 1:]
    assert "🔔 <b>xiaomi-list-car-unit-hong</b>" in alert.text


async def test_nothing_reaches_the_admins_twice(chatbot: ChatBot) -> None:
    """Pressing Send twice sends once; a second decision is refused and tells the author nothing."""
    preview = await chatbot.ask(private_chat(ALICE), ALICE, f"/suggest {SUGGESTION}")
    send = _buttons(preview)[0]
    await chatbot.press(private_chat(ALICE), ALICE, preview.message_id, send)
    await chatbot.press(private_chat(ALICE), ALICE, preview.message_id, send)
    [copy] = await chatbot.fake.wait_for_messages(1, chat_id=ADMIN_ID)
    number = int(send.rsplit(":", 1)[1])
    await chatbot.press(private_chat(ADMIN), ADMIN, copy.message_id, f"sg:no:{number}")
    await chatbot.press(private_chat(ADMIN), ADMIN, copy.message_id, f"sg:ok:{number}")
    assert len(chatbot.fake.sent_messages(ADMIN_ID)) == 1
    told = [m.text for m in chatbot.fake.sent_messages(ALICE.id) if "admins" in m.text]
    assert told == ["Your suggestion was not taken up by the admins:\n" + SUGGESTION]
    last = chatbot.fake.calls_to("answerCallbackQuery")[-1]
    assert last.params.get("text") == "Already decided."


async def test_only_admins_decide(chatbot: ChatBot) -> None:
    """Someone who is not a bot admin pressing Approve is refused and nothing is tracked."""
    number, copy = await _suggest_and_send(chatbot)
    await chatbot.press(private_chat(BOB), BOB, copy.message_id, f"sg:ok:{number}")
    last = chatbot.fake.calls_to("answerCallbackQuery")[-1]
    assert last.params.get("text") == "Only the bot's administrators can do that."
    assert all(c.id != "xiaomi-list-car-unit-hong" for c in chatbot.rt.engine.claims)


async def test_limits_in_chinese(chatbot: ChatBot) -> None:
    """Too short, the same text again, and too many waiting suggestions each get a clear answer, in Chinese."""
    chat = private_chat(LI)
    assert (await chatbot.ask(chat, LI, "/suggest 小米上市")).text == "请用至少 8 个字说明这条传闻。"
    waiting = ("小米汽车将在香港上市", "小米汽车将收购蔚来汽车", "小米汽车将在德国建厂生产")
    for number, text in enumerate(waiting, start=1):
        preview = await chatbot.ask(chat, LI, f"/suggest {text}")
        await chatbot.press(chat, LI, preview.message_id, _buttons(preview)[0])
        await chatbot.fake.wait_for_messages(number, chat_id=ADMIN_ID)
    again = await chatbot.ask(chat, LI, "/suggest 小米汽车将在香港上市")
    assert again.text == "你已经建议过这一条，管理员会答复。"
    too_many = await chatbot.ask(chat, LI, "/suggest 小米汽车将推出第二款车型")
    assert too_many.text == "你已有 3 条建议在等待管理员处理，请等待答复。"


async def test_cancel_sends_nothing(chatbot: ChatBot) -> None:
    """Cancel drops the draft: the admins never see it."""
    preview = await chatbot.ask(private_chat(ALICE), ALICE, f"/suggest {SUGGESTION}")
    await chatbot.press(private_chat(ALICE), ALICE, preview.message_id, _buttons(preview)[1])
    [edited] = await _edited(chatbot, ALICE.id)
    assert edited.text == "Cancelled: nothing was sent."
    assert chatbot.fake.sent_messages(ADMIN_ID) == []
