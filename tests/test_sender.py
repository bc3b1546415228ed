"""The sender against the fake Bot API server: every Telegram answer, pacing, fairness and digests.

The sender and the fake server read one `FakeClock`: pacing, backoff and held alerts are asserted on it.
"""

from __future__ import annotations

import asyncio
import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from itertools import pairwise

import pytest
from telegram.ext import AIORateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.clock import SYSTEM, Clock
from bot.sender import Sender
from storage import chats, outbox, transaction
from storage.db import Storage
from tests.fakes import (
    ApiError,
    FakeTelegram,
    blocked,
    cant_parse_entities,
    chat_not_found,
    kicked,
    retry_after,
    server_error,
    supergroup,
    timeout,
)
from tests.fakes.clock import FakeClock


@dataclass
class Rig:
    """A fake Telegram, a real database and a sender wired to both."""

    telegram: FakeTelegram
    db: Storage
    sender: Sender
    clock: Clock

    async def queue(self, *alerts: outbox.NewAlert, now: float | None = None) -> None:
        """Queue alerts as ingest does, with their chats subscribed to the claim."""
        stamp = self.clock.now() if now is None else now
        async with transaction(self.db):
            for a in alerts:
                await chats.ensure_chat(self.db, a.chat_id, "private" if a.chat_id > 0 else "group", "", stamp)
                await chats.subscribe(self.db, a.chat_id, a.thread_id, "claim", a.claim_id, stamp)
            await outbox.enqueue(self.db, alerts, stamp)

    async def states(self) -> dict[tuple[int, int], str]:
        """(chat, story) -> state of every outbox row."""
        return {(r[0], r[1]): r[2] for r in await self.db.fetchall("SELECT chat_id, story_id, state FROM outbox")}

    def texts(self, chat_id: int | None = None) -> list[str]:
        """Texts of the messages Telegram accepted."""
        return [m.text for m in self.telegram.sent_messages(chat_id)]


def alert(chat: int, story: int = 1, text: str = "", not_before: float = 0.0) -> outbox.NewAlert:
    """An evidence alert on claim `c` with HTML text naming its chat and story."""
    return outbox.NewAlert(chat, 0, "c", story, "evidence", text or f"<b>c</b> story {story} for {chat}", not_before)


@asynccontextmanager
async def wired(db: Storage, clock: Clock) -> AsyncIterator[Rig]:
    """The sender as the application builds it (AIORateLimiter, no retries) with a 1 s read timeout."""
    async with FakeTelegram(clock=clock.now) as telegram:
        bot = ExtBot(
            telegram.token, base_url=telegram.base_url, rate_limiter=AIORateLimiter(max_retries=0),
            request=HTTPXRequest(read_timeout=1.0, connection_pool_size=64),
        )
        await bot.initialize()
        try:
            yield Rig(telegram, db, Sender(bot, db, asyncio.Event(), backlog_every=3600, clock=clock), clock)
        finally:
            await bot.shutdown()


@pytest.fixture
async def rig(db: Storage) -> AsyncIterator[Rig]:
    """Sender and fake Telegram on one `FakeClock`."""
    async with wired(db, FakeClock()) as wired_rig:
        yield wired_rig


@pytest.fixture
async def real_rig(db: Storage) -> AsyncIterator[Rig]:
    """Sender and fake Telegram on the real clock, which AIORateLimiter also counts in."""
    async with wired(db, SYSTEM) as wired_rig:
        yield wired_rig


async def test_each_alert_is_sent_once_as_html_with_buttons_and_marked_sent(rig: Rig) -> None:
    """Three chats, three messages: HTML, no link preview, the claim's buttons; rows sent with the message id."""
    await rig.queue(alert(1), alert(2), alert(3))
    await rig.sender.drain()
    sent = rig.telegram.sent_messages()
    assert sorted(m.chat_id for m in sent) == [1, 2, 3]
    assert {m.parse_mode for m in sent} == {"HTML"}
    assert all(m.reply_markup and m.link_preview_options == {"is_disabled": True} for m in sent)
    rows = await rig.db.fetchall("SELECT chat_id, message_id FROM outbox WHERE state = 'sent'")
    assert sorted(tuple(r) for r in rows) == sorted((m.chat_id, m.message_id) for m in sent)


async def test_retry_after_pauses_all_sending_and_keeps_the_alert(rig: Rig) -> None:
    """A 429 reschedules its alert after retry_after; nothing is sent meanwhile; nothing is lost."""
    rig.telegram.fail_next("sendMessage", retry_after(2), chat_id=1)
    await rig.queue(alert(1))
    await rig.queue(*(alert(c) for c in range(2, 8)))
    await rig.sender.drain()
    assert sorted(m.chat_id for m in rig.telegram.sent_messages()) == list(range(1, 8))
    [flood] = [c for c in rig.telegram.calls_to("sendMessage") if c.status == 429]
    later = [c.time - flood.time for c in rig.telegram.calls_to("sendMessage") if c.time > flood.time + 0.3]
    assert later
    assert min(later) >= 1.9
    assert set((await rig.states()).values()) == {"sent"}


@pytest.mark.parametrize("error", [blocked(), kicked(), chat_not_found()], ids=["blocked", "kicked", "not-found"])
async def test_gone_chat_ends_its_subscriptions_and_is_not_retried(rig: Rig, error: ApiError) -> None:
    """403 blocked/kicked and 'chat not found' end the chat's subscriptions and kill its alerts, once."""
    rig.telegram.fail_next("sendMessage", error, chat_id=1, times=None)
    await rig.queue(alert(1, 1), alert(1, 2), alert(2))
    await rig.sender.drain()
    assert len(rig.telegram.calls_to("sendMessage")) == 2
    assert await rig.states() == {(1, 1): "dead", (1, 2): "dead", (2, 1): "sent"}
    assert await chats.chat_subscriptions(rig.db, 1) == []
    assert [s.chat_id for s in await chats.subscribers(rig.db, "c", "")] == [2]


async def test_migrated_group_moves_and_gets_the_alert(rig: Rig) -> None:
    """migrate_to_chat_id moves the chat, its subscriptions and its alerts; the alert is resent there."""
    rig.telegram.migrate_chat(-4001, supergroup(-1004001))
    await rig.queue(alert(-4001))
    await rig.sender.drain()
    assert rig.texts(-1004001) == ["<b>c</b> story 1 for -4001"]
    assert await rig.states() == {(-1004001, 1): "sent"}
    assert [s.chat_id for s in await chats.subscribers(rig.db, "c", "")] == [-1004001]


async def test_migration_onto_a_chat_that_has_the_alert_sends_it_once(rig: Rig) -> None:
    """When the supergroup already has the same alert queued, the group's copy is dropped, not looped on."""
    rig.telegram.migrate_chat(-4001, supergroup(-1004001))
    await rig.queue(alert(-4001), alert(-1004001))
    await rig.sender.drain()
    assert len(rig.texts(-1004001)) == 1
    assert await rig.states() == {(-4001, 1): "dead", (-1004001, 1): "sent"}


async def test_unparsable_html_is_resent_as_plain_text(rig: Rig) -> None:
    """A 400 "can't parse entities" is answered by sending the same alert without markup."""
    rig.telegram.fail_next("sendMessage", cant_parse_entities(), chat_id=1)
    await rig.queue(alert(1, text="<b>BAIC</b> &amp; Xiaomi"))
    await rig.sender.drain()
    [message] = rig.telegram.sent_messages(1)
    assert (message.text, message.parse_mode) == ("BAIC & Xiaomi", None)
    assert await rig.states() == {(1, 1): "sent"}


async def test_server_error_is_retried_with_backoff(rig: Rig) -> None:
    """A 500 leaves the alert pending; it is sent on a later try, exactly once."""
    rig.telegram.fail_next("sendMessage", server_error(), chat_id=1)
    await rig.queue(alert(1))
    await rig.sender.drain()
    calls = rig.telegram.calls_to("sendMessage")
    assert [c.status for c in calls] == [500, 200]
    assert calls[1].time - calls[0].time >= 0.9
    assert rig.texts(1) == ["<b>c</b> story 1 for 1"]


async def test_timed_out_send_is_retried_even_if_it_arrived(rig: Rig) -> None:
    """The ambiguous case: Telegram took the message but the answer came too late; we send again.

    At least once: the reader may see the alert twice, but never zero times.
    """
    rig.telegram.fail_next("sendMessage", timeout(2.0), chat_id=1)
    await rig.queue(alert(1))
    await rig.sender.drain()
    assert rig.texts(1) == ["<b>c</b> story 1 for 1"] * 2
    assert await rig.states() == {(1, 1): "sent"}


async def test_one_chat_gets_at_most_one_message_per_second(rig: Rig) -> None:
    """Three alerts for one chat arrive one second apart, and the fake's flood limits never trigger."""
    rig.telegram.enforce_limits()
    await rig.queue(*(alert(1, s) for s in range(3)))
    await rig.sender.drain()
    times = [c.time for c in rig.telegram.calls_to("sendMessage")]
    assert len(times) == 3
    assert min(b - a for a, b in pairwise(times)) >= 0.99
    assert rig.telegram.count_429 == 0


async def test_a_busy_chat_does_not_starve_the_others(rig: Rig) -> None:
    """Forty chats queued after one chat's five alerts are all served before that chat's second alert."""
    await rig.queue(*(alert(1, s) for s in range(5)))
    await rig.queue(*(alert(c) for c in range(2, 42)))
    await rig.sender.drain()
    order = [m.chat_id for m in rig.telegram.sent_messages()]
    assert order.index(1) == 0
    assert sorted(order[1:41]) == list(range(2, 42))
    assert order[41:] == [1, 1, 1, 1]


async def test_many_chats_within_the_global_limit(real_rig: Rig) -> None:
    """Ninety chats go out near 29 per second with the fake enforcing 30/s: no 429 at all.

    On the real clock: requests wait in AIORateLimiter in real time, and the fake counts them as they arrive.
    The fake shares this process's event loop, so a pause of the loop stamps the requests waiting behind it
    together, a burst the bot did not send. Garbage collection is off while they go out: after a thousand
    tests the heap is large and a full collection is such a pause (bench/fanout.py does the same).
    """
    real_rig.telegram.enforce_limits()
    await real_rig.queue(*(alert(c) for c in range(1, 91)))
    gc.collect()
    gc.disable()
    try:
        await real_rig.sender.drain()
    finally:
        gc.enable()
    assert len(real_rig.telegram.sent_messages()) == 90
    assert real_rig.telegram.count_429 == 0


async def test_due_held_alerts_go_as_one_digest(rig: Rig) -> None:
    """Three held alerts of a chat that came due are one message, with the claim's buttons, all marked sent by it."""
    queued = rig.clock.now() - 100
    await rig.queue(*(alert(1, s, not_before=queued + 50) for s in range(3)), now=queued)
    await rig.sender.drain()
    [digest] = rig.telegram.sent_messages(1)
    assert digest.text == "\n\n".join(f"<b>c</b> story {s} for 1" for s in range(3))
    assert digest.reply_markup == {"inline_keyboard": [[{"text": "ℹ️ c", "callback_data": "status:c"},
                                                         {"text": "🔇 Mute", "callback_data": "mute:c"}]]}
    rows = await rig.db.fetchall("SELECT DISTINCT state, message_id FROM outbox")
    assert [tuple(r) for r in rows] == [("sent", digest.message_id)]


async def test_long_digest_is_split_at_alert_boundaries(rig: Rig) -> None:
    """Held alerts too long for one message become several, each under 4096 characters, a second apart."""
    queued = rig.clock.now() - 100
    body = "小米" * 900
    await rig.queue(*(alert(1, s, text=f"<b>{s}</b> {body}", not_before=queued + 1) for s in range(4)), now=queued)
    await rig.sender.drain()
    sent = rig.telegram.sent_messages(1)
    assert [m.text.count(body) for m in sent] == [2, 2]
    assert all(len(m.text) <= 4096 for m in sent)
    assert sent[1].date - sent[0].date <= 2
    assert set((await rig.states()).values()) == {"sent"}


async def test_held_alerts_wait_for_their_window(rig: Rig) -> None:
    """An alert held until later is not sent now, and stays pending until its window comes."""
    await rig.queue(alert(1, not_before=rig.clock.now() + 3600), alert(2))
    await rig.sender.drain()
    assert [m.chat_id for m in rig.telegram.sent_messages()] == [2]
    assert await rig.states() == {(1, 1): "pending", (2, 1): "sent"}
    assert isinstance(rig.clock, FakeClock)
    rig.clock.advance(3600)
    await rig.sender.drain()
    assert await rig.states() == {(1, 1): "sent", (2, 1): "sent"}


async def test_backlog_is_logged_with_depth_and_age(rig: Rig, caplog: pytest.LogCaptureFixture) -> None:
    """The sender logs how many alerts wait and how old the oldest is."""
    await rig.queue(alert(1, not_before=rig.clock.now() + 3600), now=rig.clock.now() - 120)
    rig.sender.backlog_every = 0
    with caplog.at_level(logging.INFO, logger="bot.sender"):
        await rig.sender.log_backlog()
    assert "outbox backlog: 1 alerts pending, oldest queued 120 s ago" in caplog.text
