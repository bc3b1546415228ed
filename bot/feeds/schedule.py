"""When to check a feed next: pure arithmetic the poller feeds with config and server hints."""

from __future__ import annotations

import random
from collections.abc import Callable

# 2**60 times any sane base already exceeds every cap; stop there so the power cannot overflow.
_MAX_EXPONENT = 60


def next_interval(
    default: float, minimum: float, maximum: float, *, max_age: float | None = None,
    ttl_minutes: int | None = None, retry_after: float | None = None,
) -> float:
    """Seconds until the next check after a good fetch.

    Server hints (`Cache-Control: max-age`, RSS `<ttl>`) may only lengthen the configured interval;
    the result stays within [minimum, maximum]. `Retry-After` is a floor, but never beyond `maximum`,
    so a hostile header cannot silence a feed for good.
    """
    hinted = max(default, max_age or 0.0, (ttl_minutes or 0) * 60.0)
    interval = min(max(hinted, minimum), maximum)
    if retry_after is not None:
        interval = max(interval, min(retry_after, maximum))
    return interval


def backoff(
    error_count: int, base: float, cap: float, *, jitter: float = 0.0,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait after `error_count` consecutive failures: base·2^(n-1), at most `cap`.

    `jitter` in [0, 1] takes up to that fraction off, drawn from `rand` (pass a fixed function in
    tests), so feeds that failed together do not retry together.
    """
    if error_count <= 0:
        return base
    delay = min(cap, base * 2.0 ** min(error_count - 1, _MAX_EXPONENT))
    return delay * (1.0 - min(max(jitter, 0.0), 1.0) * rand())


def retry_delay(
    error_count: int, base: float, cap: float, *, retry_after: float | None = None,
    jitter: float = 0.1, rand: Callable[[], float] = random.random,
) -> float:
    """Seconds until the next check after a failed fetch: the backoff, or longer if the server asked."""
    delay = backoff(error_count, base, cap, jitter=jitter, rand=rand)
    return max(delay, min(retry_after, cap)) if retry_after is not None else delay
