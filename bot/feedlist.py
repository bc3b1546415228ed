"""Changing the list of tracked feeds: the checks shared by the chat admin commands and the CLI.

`probe` tries a URL an admin wants to add (shape, address, one fetch, one parse); `import_feeds`
adds the feeds of an OPML file with the same address checks but without fetching each one;
`export_feeds` writes the list back out as OPML. None of them raise for a bad feed: each result
carries the reason an admin reads.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx

from bot.feeds.fetch import FetchRequest, fetch
from bot.feeds.netguard import check_host, check_literal, check_url
from bot.feeds.opml import OpmlFeed, export_opml
from bot.feeds.parse import parse
from core.errors import FeedError
from storage import feeds as feed_store
from storage.db import Storage, transaction

# Address checks resolve names; a few at a time keeps a 500-feed OPML file quick without a DNS storm.
CHECKS_AT_ONCE = 10


@dataclass(frozen=True, slots=True)
class Probe:
    """What one try of a URL gave: a usable feed (`error` None) or the reason it cannot be used."""

    url: str
    title: str = ""
    items: int = 0
    error: str | None = None


@dataclass
class ImportReport:
    added: list[feed_store.Feed] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)

    def summary(self) -> str:
        """One line: "added 3, already tracked 1, refused 2"."""
        return f"added {len(self.added)}, already tracked {len(self.already)}, refused {len(self.refused)}"


async def check_address(url: str, *, allow_private: bool, proxied: bool = False) -> str | None:
    """None when the URL may be tracked; otherwise the reason (scheme, DNS, private address).

    Behind a proxy the name is the proxy's to resolve (this host may have no DNS for it): only a
    private address written in the URL is refused here.
    """
    try:
        if proxied:
            check_literal(check_url(url), allow_private=allow_private)
        else:
            await check_host(url, allow_private=allow_private)
    except FeedError as err:
        return err.reason
    return None


async def probe(
    http: httpx.AsyncClient, url: str, *, allow_private: bool, max_body_bytes: int, proxied: bool = False,
) -> Probe:
    """Check the address, fetch the URL once and parse it, as an admin adds a feed."""
    try:
        url = check_url(url)
    except FeedError as err:
        return Probe(url, error=err.reason)
    if reason := await check_address(url, allow_private=allow_private, proxied=proxied):
        return Probe(url, error=reason)
    result = await fetch(http, FetchRequest(url), max_body_bytes=max_body_bytes)
    if result.outcome != "ok":
        return Probe(url, error=result.error or f"HTTP {result.http_status}")
    parsed = await parse(result.body, result.headers, result.final_url or url, datetime.now(tz=UTC))
    if parsed.error:
        return Probe(url, error=parsed.error)
    # A feed that moved for good is stored at its new address, as the poller would do anyway.
    return Probe(result.permanent_url or url, parsed.title, len(parsed.entries))


async def add_checked(db: Storage, probed: Probe, name: str, origin: str) -> feed_store.Feed | None:
    """Store a feed that passed `probe`; None when its URL is already tracked."""
    async with transaction(db):
        return await feed_store.add_feed(db, probed.url, name or probed.title or probed.url, (), origin, time.time())


async def import_feeds(
    db: Storage, entries: Sequence[OpmlFeed], *, allow_private: bool, origin: str = "opml",
    proxied: bool = False,
) -> ImportReport:
    """Add the OPML entries whose address is acceptable, in one transaction; never fetches them."""
    report = ImportReport()
    tracked = {f.url for f in await feed_store.list_feeds(db)}
    fresh = [e for e in entries if e.url not in tracked]
    report.already = [e.url for e in entries if e.url in tracked]
    slots = asyncio.Semaphore(CHECKS_AT_ONCE)

    async def checked(entry: OpmlFeed) -> str | None:
        async with slots:
            return await check_address(entry.url, allow_private=allow_private, proxied=proxied)

    reasons = await asyncio.gather(*(checked(e) for e in fresh))
    now = time.time()
    async with transaction(db):
        for entry, reason in zip(fresh, reasons, strict=True):
            if reason:
                report.refused.append((entry.url, reason))
            elif added := await feed_store.add_feed(db, entry.url, entry.name, (), origin, now):
                report.added.append(added)
            else:
                report.already.append(entry.url)  # added meanwhile by someone else
    return report


async def export_feeds(db: Storage) -> bytes:
    """Every tracked feed as an OPML 2.0 document."""
    return export_opml((f.url, f.display_name) for f in await feed_store.list_feeds(db))
