"""Reading Retry-After and Cache-Control."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.feeds.httpmeta import max_age, retry_after

NOW = datetime(2024, 1, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("", None), ("120", 120.0), (" 0 ", 0.0), ("Mon, 01 Jan 2024 12:05:00 GMT", 300.0),
     ("Mon, 01 Jan 2024 11:00:00 GMT", 0.0), ("soon", None), ("-5", None)],
)
def test_retry_after(value: str | None, expected: float | None) -> None:
    """Delta-seconds and HTTP dates both give seconds from now; junk gives None."""
    assert retry_after(value, NOW) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, None), ("public", None), ("max-age=600", 600.0), ("public, MAX-AGE=60, must-revalidate", 60.0),
     ('max-age="30"', 30.0), ("no-cache", 0.0), ("max-age=600, no-store", 0.0), ("max-age=abc", None)],
)
def test_max_age(value: str | None, expected: float | None) -> None:
    """max-age is read in seconds; no-cache and no-store mean zero."""
    assert max_age(value) == expected
