"""The conductor: due feeds → fetch → parse → ingest → schedule the next check.

One feed's failure is recorded against that feed and never stops the others. Every time read here
(what is due, when a check happened, when the next one is) comes from the runtime's clock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape

from bot import metrics
from bot.feeds.fetch import FetchRequest, FetchResult, fetch
from bot.feeds.parse import ParsedFeed, parse
from bot.feeds.schedule import next_interval, retry_delay
from bot.i18n import as_lang, t
from bot.ingest import ingest
from bot.runtime import Runtime, reload_claims
from storage import chats, outbox
from storage import feeds as feed_store
from storage.db import transaction
from storage.feeds import Feed

log = logging.getLogger(__name__)
IN_FLIGHT_PER_FETCH = 2


@dataclass(frozen=True, slots=True)
class FeedReport:
    """What one poll of one feed did; `rumorbot poll --once` prints these as JSON."""

    feed: str
    status: str  # ok | not_modified | error
    http_status: int | None
    new_items: int
    error: str | None
    alerts: int = 0
    newly_failing: bool = False


async def poll_due(rt: Runtime) -> list[FeedReport]:
    """Poll every due feed that no other poller holds, several at once, until none is left.

    Feeds are claimed a window at a time (a lease each, `polling.lease` seconds) and the window is
    refilled as they finish: another poller takes the rest, and a feed claimed is polled soon.
    """
    started = rt.clock.monotonic()
    # Feeds fetched but not yet ingested hold their body and entries in memory: cap how many.
    in_flight = asyncio.Semaphore(IN_FLIGHT_PER_FETCH * rt.settings.polling.concurrency)
    # Small enough that pollers finishing together split the last feeds; large enough to keep fetching.
    window = IN_FLIGHT_PER_FETCH * rt.settings.polling.concurrency
    reports: list[FeedReport] = []
    running: set[asyncio.Task[FeedReport]] = set()
    try:
        while await _claim_more(rt, running, in_flight, window):
            done, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            finished = [task.result() for task in done]
            reports.extend(finished)
            if any(r.alerts for r in finished):
                rt.outbox_ready.set()
    finally:
        for task in running:
            task.cancel()
    if reports:
        metrics.POLL_CYCLE.observe(rt.clock.monotonic() - started)
    rt.last_poll_at = rt.clock.now()
    return reports


async def _claim_more(
    rt: Runtime, running: set[asyncio.Task[FeedReport]], in_flight: asyncio.Semaphore, window: int
) -> bool:
    """Refill the window once half of it is done; False when nothing runs and nothing is due."""
    if len(running) <= window // 2:
        now = rt.clock.now()
        for feed in await feed_store.claim_due(rt.db, now, now + rt.settings.polling.lease, window - len(running)):
            running.add(asyncio.create_task(poll_feed(rt, feed, in_flight), name=f"poll-{feed.id}"))
    return bool(running)


async def poll_feed(rt: Runtime, feed: Feed, in_flight: asyncio.Semaphore | None = None) -> FeedReport:
    """Fetch, parse and ingest one feed, then schedule its next check. Never raises for feed problems.

    `in_flight`, when given, is taken after the feed's host slot (so a busy host holds none) and
    kept until the feed is stored: when parsing and storing fall behind, fetching waits.
    """
    async with contextlib.AsyncExitStack() as stack:
        try:
            async with rt.fetch_slots.slot(feed.url):
                if in_flight is not None:
                    await stack.enter_async_context(in_flight)
                result = await fetch(rt.http, FetchRequest(feed.url, feed.etag, feed.last_modified),
                                     max_body_bytes=rt.settings.polling.max_body_bytes)
            return await _handle(rt, feed, result)
        except Exception as err:  # a bug while handling one feed must not stop the others
            log.exception("feed %s: unexpected error", feed.url)
            return await _failed(rt, feed, f"internal error: {type(err).__name__}", None)


async def _handle(rt: Runtime, feed: Feed, result: FetchResult) -> FeedReport:
    metrics.FETCHES.labels(result.outcome).inc()
    if result.outcome == "ok":
        now = datetime.fromtimestamp(rt.clock.now(), tz=UTC)
        parsed = await parse(result.body, result.headers, result.final_url or result.url, now)
        if parsed.error:
            return await _failed(rt, feed, parsed.error, result)
        if parsed.warning:
            log.info("feed %s: %s (entries kept)", feed.url, parsed.warning)
        return await _ingested(rt, feed, result, parsed)
    if result.outcome == "not_modified":
        await _succeeded(rt, feed, result, None)
        return FeedReport(feed.url, "not_modified", result.http_status, 0, None)
    return await _failed(rt, feed, result.error or "fetch failed", result)


def backoff_delay(rt: Runtime, errors: int, retry_after: float | None) -> float:
    polling = rt.settings.polling
    return retry_delay(errors, polling.min_interval, polling.max_interval, retry_after=retry_after)


async def _ingested(rt: Runtime, feed: Feed, result: FetchResult, parsed: ParsedFeed) -> FeedReport:
    if rt.claims_changed.is_set():
        rt.claims_changed.clear()
        await reload_claims(rt)
    now = rt.clock.now()
    alert = feed.polled_once or rt.settings.polling.alert_backlog
    names = {e.id: e.names[0] for e in rt.entities.values()}
    aliases = {e.id: e.names for e in rt.entities.values()}
    report = await ingest(rt.db, rt.engine, rt.stories, names, feed, parsed.entries, now=now, alert=alert,
                          aliases=aliases, turn=rt.turn)
    await _succeeded(rt, feed, result, parsed.title, parsed.ttl_minutes)
    metrics.ITEMS_STORED.inc(report.new_items)
    metrics.ALERTS_QUEUED.inc(report.alerts)
    log.info("feed %s: %d new, %d edited, %d alerts", feed.url, report.new_items, report.edited_items,
             report.alerts)
    return FeedReport(feed.url, "ok", result.http_status, report.new_items, None, alerts=report.alerts)


def _failing_text(rt: Runtime, feed: Feed, error: str, lang: str) -> str:
    return t(lang, "feed.failing_notice", name=escape(feed.display_name), n=rt.settings.polling.failing_after,
             error=escape(error), url=escape(feed.url))


def _recovered_text(rt: Runtime, feed: Feed, error: str, lang: str) -> str:
    return t(lang, "feed.recovered_notice", name=escape(feed.display_name))


async def _tell_admins(
    rt: Runtime, feed: Feed, change: str, text: Callable[[Runtime, Feed, str, str], str], error: str, now: float
) -> None:
    """Once per change of state, not at every poll: the outbox key carries the change and its moment (ms).

    Each admin reads the notice in the language of their chat with the bot.
    """
    alerts = []
    for admin in sorted(rt.settings.telegram.admins):
        lang = as_lang(await chats.reading_language(rt.db, admin))
        alerts.append(outbox.NewAlert(admin, 0, "", int(now * 1000), f"feed:{feed.id}:{change}",
                                      text(rt, feed, error, lang)))
    await outbox.enqueue(rt.db, alerts, now)
    await rt.db.notify("outbox")
    rt.outbox_ready.set()


async def _succeeded(
    rt: Runtime, feed: Feed, result: FetchResult, title: str | None, ttl_minutes: int | None = None
) -> None:
    polling = rt.settings.polling
    interval = next_interval(
        feed.interval_s or polling.interval, polling.min_interval, polling.max_interval,
        max_age=result.max_age, ttl_minutes=ttl_minutes, retry_after=result.retry_after,
    )
    if result.permanent_url:
        log.info("feed %s moved permanently to %s", feed.url, result.permanent_url)
    now = rt.clock.now()
    async with transaction(rt.db):
        await feed_store.record_success(
            rt.db, feed.id, now=now, next_check_at=now + interval * random.uniform(0.95, 1.05),
            etag=result.etag, last_modified=result.last_modified, title=title, url=result.permanent_url,
        )
        if feed.failing:
            await _tell_admins(rt, feed, "recovered", _recovered_text, "", now)


async def _failed(rt: Runtime, feed: Feed, error: str, result: FetchResult | None) -> FeedReport:
    polling = rt.settings.polling
    now = rt.clock.now()
    delay = backoff_delay(rt, feed.error_count + 1, result.retry_after if result else None)
    http_status = result.http_status if result else None
    async with transaction(rt.db):
        newly_failing = await feed_store.record_error(
            rt.db, feed.id, now=now, next_check_at=now + delay, error=error, failing_after=polling.failing_after
        )
        if newly_failing:
            await _tell_admins(rt, feed, "failing", _failing_text, error, now)
    log.warning("feed %s: %s (failure %d, next try in %.0f s)", feed.url, error, feed.error_count + 1, delay)
    return FeedReport(feed.url, "error", http_status, 0, error, newly_failing=newly_failing)
