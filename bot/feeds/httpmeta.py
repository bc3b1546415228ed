"""What a response's headers say about when to come back."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a `Retry-After` header: delta-seconds or an HTTP date; None if unusable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP date is GMT even when written as -0000
        return None
    return max(0.0, (when - now).total_seconds())


def max_age(value: str | None) -> float | None:
    """`Cache-Control: max-age=N` as seconds; `no-store`/`no-cache` mean 0; None when absent."""
    if not value:
        return None
    found: float | None = None
    for directive in value.lower().split(","):
        name, _, arg = directive.strip().partition("=")
        if name in ("no-store", "no-cache"):
            return 0.0
        if name == "max-age" and arg.strip().strip('"').isdigit():
            found = float(arg.strip().strip('"'))
    return found
