"""A clock a test holds: it moves only when the code under test sleeps on it or the test moves it.

Sleeping on it returns at once with the clock moved on by the time slept, so a test of pacing, backoff
or held alerts runs in milliseconds and asserts on this clock's readings, which nothing else disturbs.
"""

from __future__ import annotations

import asyncio


class FakeClock:
    """Unix seconds from `start`, moved by `sleep` and `advance` only."""

    def __init__(self, start: float = 1_767_225_600.0) -> None:  # 2026-01-01 00:00 UTC
        self._now = start

    def now(self) -> float:
        return self._now

    def monotonic(self) -> float:
        return self._now

    async def sleep(self, seconds: float) -> None:
        self._now += max(seconds, 0.0)
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        self._now += seconds

    def set(self, moment: float) -> None:
        """Move to `moment`, never back."""
        self._now = max(self._now, moment)
