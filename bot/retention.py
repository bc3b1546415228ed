"""Keeping the database from growing forever: prune in small transactions, yielding between them.

Items older than `[retention] days` go with their evidence unless they are match-level evidence on
a claim (its status and `/status` rest on them); older candidate evidence goes too. Delivered alerts
go after `sent_days`, alerts given up on after `days`; pending alerts stay until they are sent.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from config.settings import RetentionConfig
from storage import retention
from storage.db import Storage, transaction

log = logging.getLogger(__name__)
DAY = 86400.0


@dataclass(frozen=True, slots=True)
class PruneReport:
    items: int = 0
    evidence: int = 0
    alerts: int = 0


async def _in_batches(db: Storage, step: Callable[[], Awaitable[int]], batch: int) -> int:
    """Run `step` (one bounded delete) in its own transaction until a batch comes back short."""
    total = 0
    while True:
        async with transaction(db):
            deleted = await step()
        total += deleted
        if deleted < batch:
            return total
        await asyncio.sleep(0)  # let handlers, the poller and the sender have the connection


async def prune(db: Storage, config: RetentionConfig, now: float) -> PruneReport:
    """One retention pass over items, candidate evidence and the outbox."""
    cutoff, sent_cutoff, n = now - config.days * DAY, now - config.sent_days * DAY, config.batch
    report = PruneReport(
        items=await _in_batches(db, lambda: retention.prune_items(db, cutoff, n), n),
        evidence=await _in_batches(db, lambda: retention.prune_candidates(db, cutoff, n), n),
        alerts=await _in_batches(db, lambda: retention.prune_alerts(db, sent_cutoff, cutoff, n), n),
    )
    if report.items or report.evidence or report.alerts:
        log.info("retention: pruned %d items, %d candidate evidence rows, %d delivered or dead alerts",
                 report.items, report.evidence, report.alerts)
    return report
