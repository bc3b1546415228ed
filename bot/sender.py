"""The one sender: drains the outbox into Telegram within its limits, and decides each failure's fate.

| Telegram says                         | what happens to the alert                         |
| ------------------------------------- | ------------------------------------------------- |
| ok                                    | sent                                              |
| 429 retry_after                       | rescheduled after retry_after; all sending pauses |
| 403 blocked / kicked, chat not found  | dead; the chat's subscriptions end                |
| migrate_to_chat_id                    | the chat moves; resent to the new id              |
| 400 can't parse entities              | resent as plain text                              |
| timeout, network error, 5xx           | retried with backoff                              |
| any other 400                         | dead, with Telegram's reason logged               |

A send that timed out may still have arrived. We retry it: a rare duplicate is better than losing the
one alert that matters, and Telegram gives no way to ask whether a message was delivered.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
import time
import warnings
from datetime import timedelta

import aiosqlite
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from bot.alerts import alert_keyboard
from storage import chats, outbox
from storage.db import transaction
from storage.outbox import PendingAlert

log = logging.getLogger(__name__)

GONE_REASONS = ("chat not found", "user is deactivated", "bot was kicked", "chat was deleted",
                "group chat was deactivated", "not enough rights to send text messages", "have no rights")
_TAG = re.compile(r"<[^>]+>")


def retry_seconds(err: RetryAfter) -> float:
    """`RetryAfter.retry_after` is an int or a timedelta depending on PTB settings; read it without warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        value: int | timedelta = err.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def as_plain_text(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


def retry_backoff(attempts: int) -> float:
    return float(min(600, 2 ** min(attempts, 10)))


class Sender:
    """Sends due alerts: at most one message per chat per `per_chat_interval`, several chats at once."""

    def __init__(
        self, bot: Bot, db: aiosqlite.Connection, ready: asyncio.Event, *,
        per_chat_interval: float = 1.0, concurrency: int = 16, batch: int = 500,
    ) -> None:
        self.bot, self.db, self.ready = bot, db, ready
        self.per_chat_interval, self.concurrency, self.batch = per_chat_interval, concurrency, batch
        self._next_for_chat: dict[int, float] = {}
        self._paused_until = 0.0

    async def run(self) -> None:
        """Drain forever; wake up when alerts are queued or the next one becomes due."""
        while True:
            try:
                sent = await self.drain_once()
            except Exception:
                log.exception("sender: unexpected error, retrying in 5 s")
                await asyncio.sleep(5)
                continue
            if sent == 0:
                await self._idle()

    async def _idle(self) -> None:
        self.ready.clear()
        wait = 1.0 if self._paused_until <= time.time() else self._paused_until - time.time()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.ready.wait(), timeout=min(max(wait, 0.05), 5.0))

    async def drain_once(self) -> int:
        """Send what is due now, one message per free chat; return how many were attempted."""
        now = time.time()
        if now < self._paused_until:
            return 0
        picked: dict[int, PendingAlert] = {}
        for alert in await outbox.due_alerts(self.db, now, self.batch):
            if alert.chat_id not in picked and self._next_for_chat.get(alert.chat_id, 0.0) <= now:
                picked[alert.chat_id] = alert
        gate = asyncio.Semaphore(self.concurrency)

        async def one(alert: PendingAlert) -> None:
            async with gate:
                if time.time() >= self._paused_until:
                    await self.deliver(alert)

        await asyncio.gather(*(one(a) for a in picked.values()))
        return len(picked)

    async def deliver(self, alert: PendingAlert, text: str | None = None) -> None:
        """Try one alert once and record the outcome."""
        self._next_for_chat[alert.chat_id] = time.time() + self.per_chat_interval
        try:
            message = await self.bot.send_message(
                chat_id=alert.chat_id,
                text=text or alert.text,
                parse_mode=None if text else ParseMode.HTML,
                message_thread_id=alert.thread_id or None,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                reply_markup=alert_keyboard(alert.claim_id) if alert.claim_id else None,
            )
        except TelegramError as err:
            await self._failed(alert, err)
            return
        async with transaction(self.db):
            await outbox.mark_sent(self.db, alert.id, message.message_id, time.time())

    async def _failed(self, alert: PendingAlert, err: TelegramError) -> None:
        reason = f"{type(err).__name__}: {err.message}"
        if isinstance(err, RetryAfter):
            wait = retry_seconds(err)
            self._paused_until = max(self._paused_until, time.time() + wait)
            await self._reschedule(alert, time.time() + wait, reason)
        elif isinstance(err, ChatMigrated):
            log.info("chat %s migrated to %s", alert.chat_id, err.new_chat_id)
            async with transaction(self.db):
                await chats.migrate_chat(self.db, alert.chat_id, err.new_chat_id)
            self.ready.set()
        elif isinstance(err, Forbidden) or (
            isinstance(err, BadRequest) and any(r in err.message.lower() for r in GONE_REASONS)
        ):
            await self._chat_gone(alert, reason)
        elif isinstance(err, BadRequest) and "can't parse entities" in err.message.lower():
            log.warning("alert %d: Telegram rejected its HTML (%s); sending it as plain text", alert.id, err.message)
            await self.deliver(alert, as_plain_text(alert.text))
        elif isinstance(err, BadRequest):
            log.error("alert %d to chat %s rejected: %s", alert.id, alert.chat_id, err.message)
            async with transaction(self.db):
                await outbox.mark_dead(self.db, alert.id, reason)
        else:  # TimedOut, NetworkError, 5xx: transient
            await self._reschedule(alert, time.time() + retry_backoff(alert.attempts), reason)

    async def _reschedule(self, alert: PendingAlert, when: float, reason: str) -> None:
        log.warning("alert %d to chat %s: %s; retrying in %.0f s", alert.id, alert.chat_id, reason, when - time.time())
        async with transaction(self.db):
            await outbox.reschedule(self.db, alert.id, when, reason)

    async def _chat_gone(self, alert: PendingAlert, reason: str) -> None:
        log.warning("chat %s is gone (%s): ending its subscriptions", alert.chat_id, reason)
        async with transaction(self.db):
            await chats.deactivate_chat(self.db, alert.chat_id, reason)
            await outbox.drop_chat_alerts(self.db, alert.chat_id, reason)

