"""How many fetches run at once: a global cap and a cap per host, so no server gets hammered."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import urlsplit


def host_of(url_or_host: str) -> str:
    """The lower-cased host of a URL, or the argument itself when it is already a host."""
    if "://" not in url_or_host:
        return url_or_host.lower()
    try:
        return (urlsplit(url_or_host).hostname or "").lower()
    except ValueError:
        return url_or_host.lower()


class HostLimiter:
    """`async with limiter.slot(url):` waits for a free slot on that host, then a global one."""

    def __init__(self, total: int, per_host: int) -> None:
        if total < 1 or per_host < 1:
            raise ValueError("limits must be at least 1")
        self._total = asyncio.Semaphore(total)
        self._per_host = per_host
        self._hosts: dict[str, tuple[asyncio.Semaphore, int]] = {}
        self.active = 0

    @asynccontextmanager
    async def slot(self, url_or_host: str) -> AsyncIterator[None]:
        host = host_of(url_or_host)
        semaphore, users = self._hosts.get(host, (asyncio.Semaphore(self._per_host), 0))
        self._hosts[host] = (semaphore, users + 1)
        try:
            # Host first: a task queued behind a busy host must not sit on a global slot.
            async with semaphore, self._total:
                self.active += 1
                try:
                    yield
                finally:
                    self.active -= 1
        finally:
            self._release(host)

    def _release(self, host: str) -> None:
        semaphore, users = self._hosts[host]
        if users <= 1:
            del self._hosts[host]  # forget idle hosts so the table does not grow with every feed ever seen
        else:
            self._hosts[host] = (semaphore, users - 1)

    def hosts_tracked(self) -> int:
        """How many hosts have a fetch running or waiting."""
        return len(self._hosts)
