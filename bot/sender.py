"""The one sender: drains the outbox into Telegram within its limits, and decides each failure's fate.

| Telegram says                         | what happens to the alert                         |
| ------------------------------------- | ------------------------------------------------- |
| ok                                    | sent (marked in the same step, one transaction)   |
| 429 retry_after                       | rescheduled after retry_after; all sending pauses |
| 403 blocked / kicked, chat not found, | dead; the chat's subscriptions end; never retried |
| deactivated or deleted chat           |                                                   |
| not enough rights to send (a group or | held: the chat's alerts wait, its subscriptions   |
| channel restricted the bot)           | stay, admins are told once; tried every 10 min,   |
|                                       | released at once by handlers.membership           |
| migrate_to_chat_id                    | the chat moves; resent to the new id              |
| 400 can't parse entities              | resent at once as plain text                      |
| timeout, network error, 5xx           | retried with backoff (1 s, 2 s, 4 s ... 10 min)   |
| any other 400                         | dead, with Telegram's reason logged               |

Pace: sends start one by one, `1 / rate` apart (29/s: just under Telegram's 30, so a strict
1-second window never sees a 31st), at least `per_chat_interval` apart in one chat, several at once
(`concurrency`) so that a slow reply does not slow the others; `AIORateLimiter` in the application adds
the 20-per-minute limit of groups. Each round takes the oldest due alert of every chat
(`outbox.next_per_chat`), so one chat with a long queue cannot starve the others.

Digests: the held alerts of a chat and thread (hourly or daily delivery, quiet hours) that are due
together go as one message, split at alert boundaries under 4,096 UTF-16 units; the alerts of one
message are marked sent in one transaction. Instant alerts go alone, with the claim's buttons; a digest
has a row of buttons per claim it speaks of. Alerts to channels carry no buttons.

At least once, never silently lost. A row is marked sent right after Telegram answers; a crash
between Telegram's answer and that commit (a few milliseconds) resends that alert on restart. A send
that timed out may still have arrived, and Telegram offers no way to ask: we retry it. A rare duplicate
is better than losing the one alert that matters; duplicates are bounded by the sends in flight
(`concurrency`) at a crash and by the timed-out sends.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re
import warnings
from collections.abc import Iterable
from datetime import timedelta

from telegram import Bot, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter, TelegramError

from bot import metrics
from bot.buttons import alert_keyboard, digest_keyboard
from bot.clock import SYSTEM, Clock
from bot.delivery import digest_parts, digest_text
from bot.i18n import as_lang, t
from storage import chats, outbox
from storage.db import Storage, transaction
from storage.outbox import PendingAlert

log = logging.getLogger(__name__)

GONE_REASONS = ("chat not found", "user is deactivated", "bot was kicked", "chat was deleted",
                "group chat was deactivated")
# Losing a right is not leaving: the group may give it back.
NO_RIGHTS_REASONS = ("not enough rights", "have no rights", "chat_write_forbidden", "chat_restricted",
                     "need administrator rights")
_TAG = re.compile(r"<[^>]+>")
RIGHTS_RETRY_S = 600.0  # how often a group where the bot may not send is tried again
PACE_SLACK = 0.005  # a turn that starts this late keeps the schedule; later (a stalled loop) restarts it


def retry_seconds(err: RetryAfter) -> float:
    """`RetryAfter.retry_after` is an int or a timedelta depending on PTB settings; read it without warnings."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        value: int | timedelta = err.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def as_plain_text(markup: str) -> str:
    """Telegram HTML without its tags and entities: what the reader would have seen."""
    return html.unescape(_TAG.sub("", markup))


def retry_backoff(attempts: int) -> float:
    """Seconds before the next try of an alert that failed `attempts` times already."""
    return float(min(600, 2 ** min(attempts, 10)))


def lost_rights(err: TelegramError) -> bool:
    """The bot is still in the chat but may not send there (restricted, not an admin of a channel)."""
    return isinstance(err, BadRequest | Forbidden) and any(r in err.message.lower() for r in NO_RIGHTS_REASONS)


def chat_is_gone(err: TelegramError) -> bool:
    """Blocked, kicked, deleted or unknown chats: sending again can never succeed."""
    if isinstance(err, Forbidden):
        return True
    return isinstance(err, BadRequest) and any(r in err.message.lower() for r in GONE_REASONS)


def no_rights_notice(lang: str, title: str, chat_id: int, reason: str, retry: float) -> str:
    """What a bot admin reads, in their language, when a group took away the bot's right to send."""
    name = f"<b>{html.escape(title)}</b> ({chat_id})" if title else str(chat_id)
    every = t(lang, "unit.min", n=round(retry / 60)) if retry >= 60 else t(lang, "unit.s", n=f"{retry:g}")
    return t(lang, "chat.no_rights_notice", name=name, reason=html.escape(reason), every=every)


class Sender:
    """Sends due alerts: `rate` per second overall, one per chat per `per_chat_interval`, several at once."""

    def __init__(
        self, bot: Bot, db: Storage, ready: asyncio.Event, *,
        per_chat_interval: float = 1.0, rate: float = 29.0, concurrency: int = 32, batch: int = 512,
        backlog_every: float = 60.0, clock: Clock = SYSTEM, admins: Iterable[int] = (),
        rights_retry: float = RIGHTS_RETRY_S,
    ) -> None:
        self.bot, self.db, self.ready, self.clock = bot, db, ready, clock
        self.admins, self.rights_retry = tuple(sorted(admins)), rights_retry
        self.per_chat_interval, self.rate, self.batch = per_chat_interval, rate, batch
        self.backlog_every = backlog_every
        self._slots = asyncio.Semaphore(concurrency)
        self._next_for_chat: dict[int, float] = {}
        self._busy: set[int] = set()          # chats with a send in flight
        self._finished: set[int] = set()      # alert ids settled since the last query
        self._tasks: set[asyncio.Task[None]] = set()
        self._paused_until = 0.0
        self._pace_lock = asyncio.Lock()
        self._last_start = 0.0
        self._soonest = 0.0
        self._backlog_logged_at = 0.0

    async def run(self) -> None:
        """Drain forever; wake up when alerts are queued, a chat frees up or the next one becomes due."""
        try:
            while True:
                try:
                    await self.log_backlog()
                    started = await self.launch_due()
                    if started == 0:
                        await self._idle()
                except Exception:
                    log.exception("sender: unexpected error, retrying in 5 s")
                    await self.clock.sleep(5)
        finally:
            await self._finish_in_flight()

    async def drain(self, within: float = 60.0, horizon: float = 5.0) -> None:
        """Send until nothing is in flight or due in the next `horizon` seconds (for tools and tests)."""
        deadline = self.clock.monotonic() + within
        while self.clock.monotonic() < deadline:
            if await self.launch_due():
                continue
            if not self._tasks:
                next_due = await outbox.next_due_at(self.db)
                if next_due is None or next_due > self.clock.now() + horizon:
                    return
            await self._idle()
        raise TimeoutError(f"outbox not drained within {within} s")

    async def launch_due(self) -> int:
        """Start one send for each chat that has a due alert and is free; return how many started."""
        await self._wait_unpaused()
        self._finished.clear()
        self._soonest = float("inf")
        started = 0
        for alert in await outbox.next_per_chat(self.db, self.clock.now(), self.batch):
            if not self._free(alert):
                continue
            await self._slots.acquire()
            if self._paused() or not self._free(alert):
                self._slots.release()
                if self._paused():
                    break
                continue
            self._start(alert)
            started += 1
        return started

    def _free(self, alert: PendingAlert) -> bool:
        """Whether the alert may start now; remembers when a chat that is waiting will be free."""
        if alert.id in self._finished or alert.chat_id in self._busy:
            return False
        free_at = self._next_for_chat.get(alert.chat_id, 0.0)
        if free_at > self.clock.now():
            self._soonest = min(self._soonest, free_at)
            return False
        return True

    def _paused(self) -> bool:
        return self.clock.now() < self._paused_until

    async def _wait_unpaused(self) -> None:
        """After a 429, nothing starts until its retry_after has passed (a later 429 is seen by the caller)."""
        wait = self._paused_until - self.clock.now()
        if wait > 0:
            await self.clock.sleep(wait)

    async def _turn(self) -> None:
        """Wait for this send's turn: after any 429 pause, and `1 / rate` after the previous send started.

        Sends take turns one by one, measured when each really starts: after the event loop stalls, two
        sends never leave together (which would put a 31st message into some one-second window).
        """
        async with self._pace_lock:
            while True:
                await self._wait_unpaused()
                ideal = self._last_start + 1.0 / self.rate
                wait = ideal - self.clock.monotonic()
                if wait > 0:
                    await self.clock.sleep(wait)
                if not self._paused():
                    break
            self._last_start = max(ideal, self.clock.monotonic() - PACE_SLACK)

    def _start(self, alert: PendingAlert) -> None:
        self._busy.add(alert.chat_id)
        self._next_for_chat[alert.chat_id] = self.clock.now() + self.per_chat_interval
        task = asyncio.get_running_loop().create_task(self._send(alert), name=f"send-{alert.id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _send(self, alert: PendingAlert) -> None:
        """One message: the alert alone, or the digest it heads; always frees its chat and slot."""
        group = [alert]
        try:
            await self._turn()
            group = await self._message_group(alert)
            await self.deliver(group)
        except Exception:
            log.exception("alert %d to chat %s: unexpected error; retrying later", alert.id, alert.chat_id)
            with contextlib.suppress(Exception):
                await self._reschedule(group, self.clock.now() + retry_backoff(alert.attempts), "unexpected error")
        finally:
            self._busy.discard(alert.chat_id)
            self._finished.update(a.id for a in group)
            self._slots.release()
            self.ready.set()

    async def _message_group(self, alert: PendingAlert) -> list[PendingAlert]:
        """The alerts that go in one message with `alert`: itself, or the first part of its digest."""
        if not alert.held:
            return [alert]
        held = await outbox.due_held(self.db, alert.chat_id, alert.thread_id, self.clock.now())
        if not held:
            return [alert]
        first = digest_parts([a.text for a in held])[0]
        return [held[i] for i in first]

    async def deliver(self, group: list[PendingAlert], plain: bool = False) -> None:
        """Try one message once (as plain text if `plain`) and record the outcome of its alerts."""
        head = group[0]
        text = digest_text([a.text for a in group])
        try:
            message = await self._send_message(group, as_plain_text(text) if plain else text, plain)
        except TelegramError as err:
            await self._failed(group, err, plain)
            return
        async with transaction(self.db):
            await outbox.mark_sent_many(self.db, [a.id for a in group], message.message_id, self.clock.now())
            if any(a.attempts for a in group):  # it may have been held for lost rights: it is writable again
                await chats.mark_can_send(self.db, head.chat_id)
        metrics.message_sent(len(group))
        self._next_for_chat[head.chat_id] = self.clock.now() + self.per_chat_interval

    async def _send_message(self, group: list[PendingAlert], text: str, plain: bool) -> Message:
        head = group[0]
        options = await chats.alert_options(self.db, head.chat_id)
        lang = as_lang(options.language)
        keyboard = alert_keyboard(head.claim_id, lang) if len(group) == 1 and head.claim_id else \
            digest_keyboard([a.claim_id for a in group], lang)
        return await self.bot.send_message(
            chat_id=head.chat_id,
            text=text,
            parse_mode=None if plain else ParseMode.HTML,
            message_thread_id=head.thread_id or None,
            link_preview_options=LinkPreviewOptions(is_disabled=not (options.previews and len(group) == 1)),
            # Buttons under a channel's alert would let any reader mute it, or make the bot post, for everyone.
            reply_markup=None if options.channel else keyboard,
        )

    async def _failed(self, group: list[PendingAlert], err: TelegramError, plain: bool) -> None:
        """Decide the fate of a message's alerts from Telegram's error (see the module's table)."""
        head = group[0]
        reason = f"{type(err).__name__}: {err.message}"
        if isinstance(err, RetryAfter):
            wait = retry_seconds(err)
            self._paused_until = max(self._paused_until, self.clock.now() + wait)
            await self._reschedule(group, self.clock.now() + wait, reason)
        elif isinstance(err, ChatMigrated):
            await self._migrated(head.chat_id, int(err.new_chat_id))
        elif lost_rights(err):
            await self._no_rights(group, err.message)
        elif chat_is_gone(err):
            await self._chat_gone(head.chat_id, reason)
        elif isinstance(err, BadRequest) and "can't parse entities" in err.message.lower() and not plain:
            log.warning("alert %d: Telegram rejected its HTML (%s); sending it as plain text", head.id, err.message)
            await self.deliver(group, plain=True)
        elif isinstance(err, BadRequest):
            log.error("alert %d to chat %s rejected: %s", head.id, head.chat_id, err.message)
            async with transaction(self.db):
                for alert in group:
                    await outbox.mark_dead(self.db, alert.id, reason)
            metrics.ALERTS_DEAD.inc(len(group))
        else:  # TimedOut, NetworkError, 5xx: transient
            await self._reschedule(group, self.clock.now() + retry_backoff(head.attempts), reason)

    async def _reschedule(self, group: list[PendingAlert], when: float, reason: str) -> None:
        head = group[0]
        log.warning("alert %d to chat %s: %s; retrying in %.0f s", head.id, head.chat_id, reason,
                    when - self.clock.now())
        async with transaction(self.db):
            for alert in group:
                await outbox.reschedule(self.db, alert.id, when, reason)

    async def _migrated(self, old_id: int, new_id: int) -> None:
        """The group became a supergroup: move the chat and its pending alerts, which are then resent."""
        log.info("chat %s migrated to %s", old_id, new_id)
        async with transaction(self.db):
            await chats.migrate_chat(self.db, old_id, new_id)
            await outbox.drop_chat_alerts(self.db, old_id, f"chat migrated to {new_id}, which has this alert")

    async def _no_rights(self, group: list[PendingAlert], reason: str) -> None:
        """Hold every alert of the chat, keep its subscriptions, and tell the bot's admins once per loss."""
        chat_id, now = group[0].chat_id, self.clock.now()
        log.warning("chat %s: the bot may not send there (%s); holding its alerts", chat_id, reason)
        async with transaction(self.db):
            for alert in group:
                await outbox.reschedule(self.db, alert.id, now + self.rights_retry, reason)
            await outbox.hold_chat_alerts(self.db, chat_id, now + self.rights_retry, reason)
            if await chats.mark_cannot_send(self.db, chat_id, reason, now):
                await self._tell_admins_no_rights(chat_id, reason, now)
        self.ready.set()

    async def _tell_admins_no_rights(self, chat_id: int, reason: str, now: float) -> None:
        """Queue the notice for each bot admin, in the language of their chat with the bot."""
        title = await chats.chat_title(self.db, chat_id)
        notices = []
        for admin in self.admins:
            lang = as_lang(await chats.reading_language(self.db, admin))
            notices.append(outbox.NewAlert(admin, 0, "", int(now * 1000), f"chat:{chat_id}:no_rights",
                                           no_rights_notice(lang, title, chat_id, reason, self.rights_retry)))
        await outbox.enqueue(self.db, notices, now)

    async def _chat_gone(self, chat_id: int, reason: str) -> None:
        log.warning("chat %s is gone (%s): ending its subscriptions", chat_id, reason)
        async with transaction(self.db):
            await chats.deactivate_chat(self.db, chat_id, reason)
            dropped = await outbox.drop_chat_alerts(self.db, chat_id, reason)
        metrics.ALERTS_DEAD.inc(dropped)

    async def _idle(self) -> None:
        """Sleep until alerts are queued, a send ends, a waiting chat frees up or a held alert comes due."""
        self.ready.clear()
        now = self.clock.now()
        wake = self._soonest
        next_due = await outbox.next_due_at(self.db)
        if next_due is not None and next_due > now:
            wake = min(wake, next_due)
        # With sends in flight and nothing else coming due, the end of one of them wakes us.
        await self._wait_ready(None if wake == float("inf") and self._tasks else min(max(wake - now, 0.02), 5.0))

    async def _wait_ready(self, seconds: float | None) -> None:
        """Until `ready` is set or, unless None, `seconds` of the sender's clock have passed."""
        waits: set[asyncio.Future[object]] = {asyncio.ensure_future(self.ready.wait())}
        if seconds is not None:
            waits.add(asyncio.ensure_future(self.clock.sleep(seconds)))
        try:
            await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()

    async def log_backlog(self) -> None:
        """Every `backlog_every` seconds, log the outbox depth and the age of its oldest alert, if any."""
        now = self.clock.now()
        if now - self._backlog_logged_at < self.backlog_every:
            return
        self._backlog_logged_at = now
        self._next_for_chat = {c: t for c, t in self._next_for_chat.items() if t > now}
        depth, oldest = await outbox.backlog(self.db)
        if depth:
            log.info("outbox backlog: %d alerts pending, oldest queued %.0f s ago", depth, now - (oldest or now))

    async def _finish_in_flight(self, grace: float = 5.0) -> None:
        """On shut-down, let the sends in flight record their outcome (so they are not sent again)."""
        if not self._tasks:
            return
        _, late = await asyncio.wait(set(self._tasks), timeout=grace)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
