"""A group that gives the bot its right to send back gets its held alerts at once, not at the next retry."""

from __future__ import annotations

import time

from storage import chats, outbox
from storage.db import transaction
from tests.chat.conftest import ADMIN, ChatBot
from tests.fakes import supergroup

GROUP = supergroup(-1001000000555, "Car watchers")
HOUR = 3600.0


async def test_rights_given_back_release_the_held_alerts(chatbot: ChatBot) -> None:
    """The bot was restricted (its alerts held for an hour); made a member again, it sends them right away."""
    db, now = chatbot.rt.db, time.time()
    async with transaction(db):
        await chats.ensure_chat(db, GROUP.id, "supergroup", "Car watchers", now)
        await chats.subscribe(db, GROUP.id, 0, "claim", "xiaomi-qualification", now)
        await outbox.enqueue(db, [outbox.NewAlert(GROUP.id, 0, "xiaomi-qualification", 7, "evidence",
                                                  "🔔 held while the bot could not post")], now)
        await chats.mark_cannot_send(db, GROUP.id, "Not enough rights to send text messages to the chat", now)
        await outbox.hold_chat_alerts(db, GROUP.id, now + HOUR, "Not enough rights to send text messages")

    chatbot.fake.bot_member_change(GROUP, ADMIN, "restricted", "member")

    [sent] = await chatbot.fake.wait_for_messages(1, chat_id=GROUP.id, timeout=10)
    assert sent.text == "🔔 held while the bot could not post"
    assert await chats.mark_can_send(db, GROUP.id) is False  # the mark was already cleared


async def test_a_restriction_releases_nothing(chatbot: ChatBot) -> None:
    """Being restricted (or kept restricted) is no reason to send: held alerts stay held."""
    db, now = chatbot.rt.db, time.time()
    async with transaction(db):
        await chats.ensure_chat(db, GROUP.id, "supergroup", "Car watchers", now)
        await outbox.enqueue(db, [outbox.NewAlert(GROUP.id, 0, "xiaomi-qualification", 7, "evidence", "held")], now)
        await chats.mark_cannot_send(db, GROUP.id, "Not enough rights", now)
        await outbox.hold_chat_alerts(db, GROUP.id, now + HOUR, "Not enough rights")

    chatbot.fake.bot_member_change(GROUP, ADMIN, "member", "restricted")
    await chatbot.fake.wait_for_calls("getUpdates", len(chatbot.fake.calls_to("getUpdates")) + 2, timeout=10)

    assert chatbot.fake.sent_messages(GROUP.id) == []
    assert await outbox.next_due_at(db) is not None
    assert (await outbox.next_due_at(db) or 0) > now + HOUR - 1
