"""From parsed entries to evidence, statuses and queued alerts, in one transaction per feed.

Matching and story signatures (the CPU work) come first, outside any transaction, for the entries
that are new or edited; then one transaction stores the items, records the evidence, updates the
claims' statuses and queues the alerts (new items are placed in stories by a short transaction of
their own just before: `bot.stories`). Writing the outbox rows in the same transaction as the evidence that
causes them means that a crash either loses both (and the items are fetched again) or keeps both
(and the sender delivers them).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from bot import metrics
from bot.alerts import AlertFacts, render_alert
from bot.delivery import release_at
from bot.engine import Claim, Engine, Evidence, Item, StoryIndex, claim_status
from bot.engine.stories import StoryMark, mark
from bot.i18n import as_lang
from bot.stories import place
from core.links import canonical_link
from core.records import ParsedEntry
from storage import chats, claims, evidence, items, outbox
from storage.chats import Subscriber
from storage.db import Storage, transaction
from storage.feeds import Feed

# Items encoded per worker-thread call: alerting polls in one go, a backlog in small steps.
ENCODE_CHUNK = 64
BACKLOG_CHUNK = 8
# Items matched between two yields to the event loop (a few milliseconds each with the encoder).
MATCH_CHUNK = 20


@dataclass
class IngestReport:
    new_items: int = 0
    edited_items: int = 0
    evidence: int = 0
    alerts: int = 0
    status_changes: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Found:
    item: items.StoredItem
    story_id: int
    evidence: Evidence


def wants(sub: Subscriber, official: bool, status_changed: bool) -> bool:
    """Whether a subscriber's alert level lets this event through."""
    if sub.alert_level == "official":
        return official
    if sub.alert_level == "status":
        return status_changed
    return True


async def ingest(
    db: Storage,
    engine: Engine,
    stories: StoryIndex,
    entity_names: dict[str, str],
    feed: Feed,
    entries: Sequence[ParsedEntry],
    *,
    now: float,
    alert: bool,
    aliases: Mapping[str, tuple[str, ...]] | None = None,
    turn: asyncio.Lock | None = None,
) -> IngestReport:
    """Store new and edited entries of `feed`, match them, and queue alerts when `alert` is set.

    New and edited entries are encoded (in a worker thread) and matched before the transaction, so a
    long backlog does not hold up other feeds' items and no lock waits for the engine.

    `aliases` are each entity's names in every language: an alert names the party in its reader's language.
    `turn`, shared by the feeds ingested at once in a process, lets one of them at a time match, or
    hold claims' locks on PostgreSQL (see `_match_in_turn`). Nothing that holds it touches the database.
    """
    report = IngestReport()
    prepared = await _prepare(db, engine, feed, entries, urgent=alert, turn=turn)
    async with contextlib.AsyncExitStack() as turn_taken, transaction(db):
        stored = await items.store_entries(db, feed.id, entries, now)
        report.new_items = sum(not s.edited for s in stored)
        report.edited_items = sum(s.edited for s in stored)
        found = await _record(db, engine, stories, feed, stored, prepared, now)
        report.evidence = len(found)
        by_id = {c.id: c for c in engine.claims}
        audience = {c.id: await chats.subscribers(db, c.id, c.topic)
                    for c in {by_id[f.evidence.claim_id] for f in found if f.evidence.claim_id in by_id and alert}}
        # The claims' locks last, held until commit, and with this process's turn (given back after the
        # commit): no other feed matches here meanwhile, so the statements under them never wait for one.
        # SQLite has no other process to wait for these locks, and the turn would be waited for holding
        # the one connection, which every other task of the process then waits for.
        if found and turn is not None and db.dialect == "postgresql":
            await turn_taken.enter_async_context(turn)
        changes = await _update_statuses(db, {f.evidence.claim_id for f in found}, entity_names, now)
        report.status_changes = changes
        if alert:
            report.alerts = await _queue_alerts(db, by_id, audience, entity_names, feed, found, changes, now,
                                                aliases or {})
        if report.alerts:
            await db.notify("outbox")
    return report


@dataclass(frozen=True, slots=True)
class _Prepared:
    evidence: list[Evidence]
    mark: StoryMark


def _item(feed: Feed, identity: str, title: str, summary: str, link: str, published: datetime) -> Item:
    return Item(identity, title, summary, link, feed.display_name, published, feed.official_for)


def _match(engine: Engine, listed: Sequence[Item], encoded: Mapping[str, np.ndarray]) -> list[list[Evidence]]:
    started = time.perf_counter()
    matched = engine.match_many(listed, encoded)
    # The batch is matched in one call (one matrix product with an encoder): each item gets its share.
    per_item = (time.perf_counter() - started) / max(1, len(listed))
    for evidences in matched:
        metrics.ENGINE_PER_ITEM.observe(per_item)
        for ev in evidences:
            metrics.MATCHES.labels(ev.level).inc()
    return matched


async def _encode(engine: Engine, listed: Sequence[Item], *, urgent: bool) -> dict[str, np.ndarray]:
    """Vectors of the items, encoded in a worker thread a chunk at a time.

    A backlog (the first poll of a feed, which never alerts) yields between smaller chunks, so that new
    items of other feeds are matched and alerted in between. Items are read (and gated) here, in the
    event loop's thread, since the stemmer is not thread-safe: only the encoder runs in the worker.
    """
    if engine.semantic is None:
        return {}
    texts = engine.texts_to_encode(listed)
    size = ENCODE_CHUNK if urgent else BACKLOG_CHUNK
    encoded: dict[str, np.ndarray] = {}
    for start in range(0, len(texts), size):
        encoded.update(await asyncio.to_thread(engine.encode_texts, texts[start : start + size]))
        if not urgent:
            await asyncio.sleep(0)
    return encoded


async def _match_in_turn(
    engine: Engine, listed: Sequence[Item], encoded: Mapping[str, np.ndarray], turn: asyncio.Lock | None
) -> list[list[Evidence]]:
    """Match in this process's turn, a chunk at a time, yielding to the event loop in between.

    Matching runs on the event loop's thread for tens of milliseconds a feed, and the same loop carries
    the transactions of other feeds, some of them holding claims' locks that other pollers wait for.
    When feeds matched side by side with those transactions, each of their statements waited behind a
    match, the locks were held that much longer, and two pollers spent a third of their time waiting
    for each other (bench/scale.py). A feed holding claims' locks has the turn instead (`ingest`).
    """
    matched: list[list[Evidence]] = []
    async with turn or contextlib.nullcontext():
        for start in range(0, len(listed), MATCH_CHUNK):
            if start:
                await asyncio.sleep(0)
            matched.extend(_match(engine, listed[start : start + MATCH_CHUNK], encoded))
    return matched


async def _prepare(
    db: Storage, engine: Engine, feed: Feed, entries: Sequence[ParsedEntry], *, urgent: bool,
    turn: asyncio.Lock | None,
) -> dict[str, _Prepared]:
    """Encode, match and mark the entries that are new or edited since they were stored, before any
    transaction."""
    changed = await items.changed_entries(db, feed.id, entries)
    listed = [_item(feed, e.identity, e.title, e.summary, e.link, e.published) for e in changed]
    matched = await _match_in_turn(engine, listed, await _encode(engine, listed, urgent=urgent), turn)
    return {e.identity: _Prepared(evidences, mark(e.title, e.summary, canonical_link(e.link), e.published))
            for e, evidences in zip(changed, matched, strict=True)}


async def _record(
    db: Storage,
    engine: Engine,
    stories: StoryIndex,
    feed: Feed,
    stored: Sequence[items.StoredItem],
    prepared: dict[str, _Prepared],
    now: float,
) -> list[_Found]:
    """Place stored items in stories and record their evidence; return the match evidence that is new or changed."""
    for it in stored:  # stored by another process since `_prepare` read (a lease that ran out): rare
        if it.identity not in prepared:
            published = datetime.fromtimestamp(it.published_at, tz=UTC)
            prepared[it.identity] = _Prepared(
                _match(engine, [_item(feed, it.identity, it.title, it.summary, it.link, published)], {})[0],
                mark(it.title, it.summary, canonical_link(it.link), published))
    placed = await place(db, stories, [(it.id, prepared[it.identity].mark) for it in stored if it.story_id is None])
    await items.set_stories(db, list(placed.items()))
    rows = [(it.id, it.story_id or placed[it.id], ev) for it in stored for ev in prepared[it.identity].evidence]
    changed = await evidence.record_many(db, rows, now)
    by_id = {it.id: it for it in stored}
    return [_Found(by_id[item_id], story_id, ev) for item_id, story_id, ev in rows
            if ev.level == "match" and (ev.claim_id, item_id) in changed]


async def _update_statuses(
    db: Storage, claim_ids: set[str], names: dict[str, str], now: float
) -> dict[str, tuple[str, str]]:
    """Recompute the status of each claim that got evidence; return {claim: (old, new)} for changes.

    Under the claims' locks, until commit: another poller's evidence on these claims is committed, and
    so counted, or waits for this transaction. All are taken at once and read and written in a few
    statements, so the locks are held for a few round trips whatever the number of claims.
    """
    if not claim_ids:
        return {}
    await db.lock(*(f"claim:{claim_id}" for claim_id in claim_ids))
    statuses = {claim_id: claim_status(stories, names)
                for claim_id, stories in (await evidence.stories_evidence(db, sorted(claim_ids))).items()}
    return {claim_id: (old, statuses[claim_id].status)
            for claim_id, old in (await claims.set_statuses(db, statuses, now)).items()}


async def _queue_alerts(
    db: Storage,
    by_id: Mapping[str, Claim],
    audience: Mapping[str, list[Subscriber]],
    entity_names: dict[str, str],
    feed: Feed,
    found: Sequence[_Found],
    changes: dict[str, tuple[str, str]],
    now: float,
    aliases: Mapping[str, tuple[str, ...]],
) -> int:
    """Render and queue the alerts of `found` for each claim's `audience`, in one statement."""
    queued: list[outbox.NewAlert] = []
    announced: set[str] = set()
    for f in found:
        claim = by_id.get(f.evidence.claim_id)
        if claim is None:
            continue
        old, new = changes.get(claim.id, (None, None))
        # A status change is told once, with the first evidence of this batch that shows it.
        status_changed = new is not None and claim.id not in announced
        announced.add(claim.id)
        facts = AlertFacts(
            claim=claim, evidence=f.evidence, title=f.item.title, link=f.item.link, source=feed.display_name,
            official_name=entity_names.get(f.evidence.official_entity or "", f.evidence.official_entity or ""),
            official_names=aliases.get(f.evidence.official_entity or "", ()),
            old_status=old if status_changed else None, new_status=new if status_changed else None,
            published=f.item.published_at,
        )
        texts: dict[tuple[str, str], str] = {}  # one rendering per language and time zone of the subscribers
        official = f.evidence.official is not None
        kind = "official" if official else "evidence"
        for sub in audience[claim.id]:
            if wants(sub, official, status_changed):
                key = (as_lang(sub.language), sub.timezone)
                if key not in texts:
                    texts[key] = render_alert(facts, *key)
                when = release_at(now, sub.delivery, sub.quiet_start, sub.quiet_end, sub.timezone)
                queued.append(outbox.NewAlert(sub.chat_id, sub.thread_id, claim.id, f.story_id, kind, texts[key],
                                              when))
    return await outbox.enqueue(db, queued, now) if queued else 0
