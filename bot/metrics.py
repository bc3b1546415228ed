"""What the process counts, in Prometheus's terms: counters bumped where things happen, gauges read
from the database when /metrics is scraped.

| metric                                   | kind      | labels  | bumped by                  |
| ---------------------------------------- | --------- | ------- | -------------------------- |
| rumorbot_feeds                           | gauge     | state   | scrape (storage.feeds)     |
| rumorbot_fetches_total                   | counter   | outcome | poller                     |
| rumorbot_items_stored_total              | counter   |         | poller (new items)         |
| rumorbot_items                           | gauge     |         | scrape                     |
| rumorbot_matches_total                   | counter   | level   | ingest                     |
| rumorbot_alerts_queued_total             | counter   |         | poller                     |
| rumorbot_alerts_sent_total               | counter   |         | sender                     |
| rumorbot_alerts_dead_total               | counter   |         | sender                     |
| rumorbot_messages_sent_total             | counter   |         | sender (a digest is one)   |
| rumorbot_send_rate                       | gauge     |         | scrape: messages/s, last minute |
| rumorbot_outbox_depth                    | gauge     |         | scrape (pending alerts)    |
| rumorbot_outbox_oldest_age_seconds       | gauge     |         | scrape                     |
| rumorbot_poll_cycle_seconds              | histogram |         | poller (cycles with due feeds) |
| rumorbot_engine_seconds_per_item         | histogram |         | ingest                     |
"""

from __future__ import annotations

import time
from collections import deque

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from storage import feeds, items, outbox
from storage.db import Storage

REGISTRY = CollectorRegistry()
SEND_WINDOW_S = 60.0

FEEDS = Gauge("rumorbot_feeds", "Feeds by state", ["state"], registry=REGISTRY)
FETCHES = Counter("rumorbot_fetches", "Feed fetches by outcome", ["outcome"], registry=REGISTRY)
ITEMS_STORED = Counter("rumorbot_items_stored", "New items stored", registry=REGISTRY)
ITEMS = Gauge("rumorbot_items", "Items in the database", registry=REGISTRY)
MATCHES = Counter("rumorbot_matches", "Evidence recorded, by level", ["level"], registry=REGISTRY)
ALERTS_QUEUED = Counter("rumorbot_alerts_queued", "Alerts queued in the outbox", registry=REGISTRY)
ALERTS_SENT = Counter("rumorbot_alerts_sent", "Alerts Telegram accepted", registry=REGISTRY)
ALERTS_DEAD = Counter("rumorbot_alerts_dead", "Alerts given up on", registry=REGISTRY)
MESSAGES_SENT = Counter("rumorbot_messages_sent", "Alert messages sent (a digest counts once)", registry=REGISTRY)
SEND_RATE = Gauge("rumorbot_send_rate", "Alert messages sent per second over the last minute", registry=REGISTRY)
OUTBOX_DEPTH = Gauge("rumorbot_outbox_depth", "Alerts waiting to be sent", registry=REGISTRY)
OUTBOX_AGE = Gauge("rumorbot_outbox_oldest_age_seconds", "Age of the oldest waiting alert", registry=REGISTRY)
POLL_CYCLE = Histogram("rumorbot_poll_cycle_seconds", "Seconds to poll the feeds that were due", registry=REGISTRY,
                       buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300))
ENGINE_PER_ITEM = Histogram("rumorbot_engine_seconds_per_item", "Seconds of matching per item", registry=REGISTRY,
                            buckets=(0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5))

_sends: deque[float] = deque(maxlen=100_000)


def message_sent(alerts: int) -> None:
    """One message with `alerts` alerts in it was accepted by Telegram."""
    MESSAGES_SENT.inc()
    ALERTS_SENT.inc(alerts)
    _sends.append(time.monotonic())


async def exposition(db: Storage) -> bytes:
    """The metrics in Prometheus's text format, database gauges read now."""
    for state, count in (await feeds.count_by_state(db)).items():
        FEEDS.labels(state).set(count)
    ITEMS.set(await items.count_items(db))
    depth, oldest = await outbox.backlog(db)
    OUTBOX_DEPTH.set(depth)
    OUTBOX_AGE.set(max(0.0, time.time() - oldest) if oldest is not None else 0.0)
    since = time.monotonic() - SEND_WINDOW_S
    while _sends and _sends[0] < since:
        _sends.popleft()
    SEND_RATE.set(len(_sends) / SEND_WINDOW_S)
    return generate_latest(REGISTRY)
