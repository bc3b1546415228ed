"""A group where the bot lost the right to send is not gone: subscriptions stay, alerts wait, admins hear once."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.sender import Sender
from storage import chats, outbox, transaction
from storage.db import Storage
from tests.fakes import ApiError, FakeTelegram

GROUP = -1001234
ADMIN = 42
NO_RIGHTS = ApiError(400, "Bad Request: not enough rights to send text messages to the chat")


@dataclass
class Rig:
    telegram: FakeTelegram
    db: Storage
    sender: Sender

    async def queue(self, story: int) -> None:
        now = time.time()
        async with transaction(self.db):
            await chats.ensure_chat(self.db, GROUP, "supergroup", "Car watchers", now)
            await chats.subscribe(self.db, GROUP, 0, "claim", "c", now)
            await outbox.enqueue(self.db, [outbox.NewAlert(GROUP, 0, "c", story, "evidence", f"<b>c</b> {story}")], now)

    async def states(self) -> list[str]:
        rows = await self.db.fetchall("SELECT state FROM outbox WHERE chat_id = ? ORDER BY id", (GROUP,))
        return [row[0] for row in rows]

    async def settle(self, seconds: float) -> None:
        """Let the sender work for a while (held alerts come due within it)."""
        task = asyncio.get_running_loop().create_task(self.sender.run())
        await asyncio.sleep(seconds)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@pytest.fixture
async def rig(db: Storage) -> AsyncIterator[Rig]:
    async with FakeTelegram() as telegram:
        bot = ExtBot(telegram.token, base_url=telegram.base_url, rate_limiter=AIORateLimiter(max_retries=0),
                     request=HTTPXRequest(read_timeout=2.0))
        await bot.initialize()
        try:
            yield Rig(telegram, db, Sender(bot, db, asyncio.Event(), admins=(ADMIN,), rights_retry=0.5,
                                           per_chat_interval=0.0, backlog_every=3600))
        finally:
            await bot.shutdown()


async def test_lost_rights_keep_subscriptions_hold_alerts_tell_admins_once_and_resume(rig: Rig) -> None:
    """'not enough rights to send' holds the group's alerts and keeps its subscriptions; admins are told once,
    however many alerts wait; when Telegram accepts messages again the held alerts go out."""
    rig.telegram.fail_next("sendMessage", NO_RIGHTS, chat_id=GROUP, times=None)
    await rig.queue(1)
    await rig.settle(1.5)
    await rig.queue(2)
    await rig.settle(1.5)

    assert await rig.states() == ["pending", "pending"]
    assert [(s.kind, s.target) for s in await chats.chat_subscriptions(rig.db, GROUP)] == [("claim", "c")]
    [notice] = rig.telegram.sent_messages(ADMIN)
    assert "Car watchers" in notice.text
    assert "not enough rights to send text messages" in notice.text.lower()
    tries = len(rig.telegram.calls_to("sendMessage"))

    rig.telegram.clear_failures()
    await rig.settle(2.0)
    assert await rig.states() == ["sent", "sent"]
    assert sorted(m.text for m in rig.telegram.sent_messages(GROUP)) == ["<b>c</b> 1", "<b>c</b> 2"]
    assert len(rig.telegram.sent_messages(ADMIN)) == 1
    assert tries < 12, "a group without rights is retried now and then, not hammered"


async def test_rights_lost_again_after_resuming_are_told_again(rig: Rig) -> None:
    """'Once' is once per loss: after sending worked again, a new loss is news for the admins."""
    rig.telegram.fail_next("sendMessage", NO_RIGHTS, chat_id=GROUP, times=1)
    await rig.queue(1)
    await rig.settle(2.0)
    rig.telegram.fail_next("sendMessage", NO_RIGHTS, chat_id=GROUP, times=1)
    await rig.queue(2)
    await rig.settle(2.0)
    assert await rig.states() == ["sent", "sent"]
    assert len(rig.telegram.sent_messages(ADMIN)) == 2


async def test_an_admin_reads_the_notice_in_their_language(rig: Rig) -> None:
    """An admin whose chat with the bot speaks Chinese is told in Chinese."""
    async with transaction(rig.db):
        await chats.ensure_chat(rig.db, ADMIN, "private", "Admin", time.time(), "zh")
    rig.telegram.fail_next("sendMessage", NO_RIGHTS, chat_id=GROUP, times=None)
    await rig.queue(1)
    await rig.settle(1.0)
    [notice] = rig.telegram.sent_messages(ADMIN)
    assert "Car watchers" in notice.text
    assert "无法" in notice.text
