"""Telegram's flood limits as the fake server enforces them, in O(1) per message.

`FloodLimits.check(chat_id, now)` answers None (send allowed, and counted) or the whole seconds the
bot must wait. Three limits, each a sliding window (default) or a leaky bucket like aiolimiter's:
overall messages per second, one message per `per_chat_interval` in a chat, messages per minute in
a group (negative chat id).
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from typing import Literal, Protocol

Algorithm = Literal["window", "bucket"]


class Limiter(Protocol):
    def wait(self, now: float) -> float:
        """Seconds until one more event is allowed (0 when allowed now)."""

    def record(self, now: float) -> None:
        """Count one event at `now`."""


class SlidingWindow:
    """At most `limit` events in any `period` seconds."""

    __slots__ = ("events", "limit", "period")

    def __init__(self, limit: int, period: float) -> None:
        self.limit, self.period = limit, period
        self.events: deque[float] = deque()

    def wait(self, now: float) -> float:
        while self.events and self.events[0] <= now - self.period:
            self.events.popleft()
        if len(self.events) < self.limit:
            return 0.0
        return self.events[0] + self.period - now

    def record(self, now: float) -> None:
        self.events.append(now)


class LeakyBucket:
    """A bucket of `limit` events that drains at `limit / period` per second (aiolimiter's model)."""

    __slots__ = ("last", "level", "limit", "period")

    def __init__(self, limit: int, period: float) -> None:
        self.limit, self.period = limit, period
        self.level, self.last = 0.0, 0.0

    def wait(self, now: float) -> float:
        self.level = max(0.0, self.level - (now - self.last) * self.limit / self.period)
        self.last = now
        if self.level + 1 <= self.limit:
            return 0.0
        return (self.level + 1 - self.limit) * self.period / self.limit

    def record(self, now: float) -> None:
        self.level += 1


@dataclass
class FloodLimits:
    """The three limits together; only messages that pass all of them are counted."""

    global_per_s: int = 30
    per_chat_interval: float = 1.0
    group_per_min: int = 20
    algorithm: Algorithm = "window"
    _global: Limiter = field(init=False)
    _chats: dict[int, Limiter] = field(init=False, default_factory=dict)
    _groups: dict[int, Limiter] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._global = self._limiter(self.global_per_s, 1.0)

    def _limiter(self, limit: int, period: float) -> Limiter:
        return SlidingWindow(limit, period) if self.algorithm == "window" else LeakyBucket(limit, period)

    def check(self, chat_id: int, now: float) -> int | None:
        """None if a message to `chat_id` may go now (and count it), else Telegram's retry_after."""
        limiters = [self._global]
        if self.per_chat_interval > 0:
            limiters.append(self._chats.setdefault(chat_id, SlidingWindow(1, self.per_chat_interval)))
        if chat_id < 0 and self.group_per_min > 0:
            limiters.append(self._groups.setdefault(chat_id, self._limiter(self.group_per_min, 60.0)))
        wait = max(limiter.wait(now) for limiter in limiters)
        if wait > 0:
            return max(1, math.ceil(wait))
        for limiter in limiters:
            limiter.record(now)
        return None
