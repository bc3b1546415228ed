"""Time as the sender and the poller see it: injected, so that tests can hold and move it.

`SYSTEM` is the real clock. A test passes its own `Clock` and asserts on that clock's readings.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Unix seconds: what is stored, and what schedules are compared with."""
        ...

    def monotonic(self) -> float:
        """Seconds that never go back, for pacing."""
        ...

    async def sleep(self, seconds: float) -> None: ...


class SystemClock:
    """The machine's clock; sleeping yields to the event loop."""

    def now(self) -> float:
        return time.time()

    def monotonic(self) -> float:
        return time.monotonic()

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


SYSTEM: Clock = SystemClock()
