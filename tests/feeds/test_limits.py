"""The concurrency limiter: global and per-host caps."""

from __future__ import annotations

import asyncio

import pytest

from bot.feeds.limits import HostLimiter, host_of


async def peak_concurrency(limiter: HostLimiter, urls: list[str]) -> tuple[int, dict[str, int]]:
    """Run one short task per URL; report the peak overall and per host."""
    running: dict[str, int] = {}
    peaks: dict[str, int] = {}
    overall = [0, 0]

    async def task(url: str) -> None:
        async with limiter.slot(url):
            host = host_of(url)
            running[host] = running.get(host, 0) + 1
            overall[0] += 1
            peaks[host] = max(peaks.get(host, 0), running[host])
            overall[1] = max(overall[1], overall[0])
            await asyncio.sleep(0.01)
            running[host] -= 1
            overall[0] -= 1

    await asyncio.gather(*(task(url) for url in urls))
    return overall[1], peaks


async def test_per_host_and_total_caps_hold() -> None:
    """No more than `per_host` fetches hit one host, nor `total` overall."""
    urls = [f"http://h{n % 4}.example/feed{n}" for n in range(40)]
    peak, per_host = await peak_concurrency(HostLimiter(total=6, per_host=2), urls)
    assert peak == 6
    assert per_host == {f"h{n}.example": 2 for n in range(4)}


async def test_one_busy_host_does_not_starve_others() -> None:
    """Tasks waiting on a busy host do not hold global slots."""
    urls = [f"http://busy.example/{n}" for n in range(20)] + ["http://quiet.example/1"]
    limiter = HostLimiter(total=3, per_host=1)
    peak, per_host = await peak_concurrency(limiter, urls)
    assert (peak, per_host["busy.example"], per_host["quiet.example"]) == (2, 1, 1)
    assert limiter.hosts_tracked() == 0


def test_host_of_normalises_case() -> None:
    """Hosts are compared lower-cased; a bare host is accepted."""
    assert host_of("https://News.Example:8080/x") == "news.example"
    assert host_of("News.Example") == "news.example"


def test_limits_must_be_positive() -> None:
    """A zero limit would deadlock, so it is refused."""
    with pytest.raises(ValueError, match="at least 1"):
        HostLimiter(total=0, per_host=1)
