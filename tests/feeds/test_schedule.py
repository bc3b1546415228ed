"""Next-check arithmetic with controlled values."""

from __future__ import annotations

from typing import TypedDict

import pytest

from bot.feeds.schedule import backoff, next_interval, retry_delay

MIN, DEFAULT, MAX = 60.0, 300.0, 43200.0


class Hints(TypedDict, total=False):
    """The server hints `next_interval` takes as keywords."""

    max_age: float
    ttl_minutes: int
    retry_after: float


@pytest.mark.parametrize(
    ("hints", "expected"),
    [
        ({}, 300.0),
        ({"max_age": 60.0}, 300.0),
        ({"max_age": 1800.0}, 1800.0),
        ({"ttl_minutes": 60}, 3600.0),
        ({"ttl_minutes": 60, "max_age": 7200.0}, 7200.0),
        ({"max_age": 10.0**9}, MAX),
        ({"retry_after": 900.0}, 900.0),
        ({"retry_after": 5.0}, 300.0),
        ({"retry_after": 10.0**9}, MAX),
        ({"max_age": 0.0}, 300.0),
    ],
)
def test_next_interval(hints: Hints, expected: float) -> None:
    """Server hints lengthen the configured interval, never beyond the maximum."""
    assert next_interval(DEFAULT, MIN, MAX, **hints) == expected


def test_next_interval_respects_minimum() -> None:
    """A configured interval below the minimum is raised to it."""
    assert next_interval(5.0, MIN, MAX) == MIN


@pytest.mark.parametrize(
    ("errors", "expected"),
    [(0, 300.0), (1, 300.0), (2, 600.0), (3, 1200.0), (5, 4800.0), (8, 38400.0), (9, 43200.0),
     (10_000, 43200.0)],
)
def test_backoff_doubles_up_to_cap(errors: int, expected: float) -> None:
    """Each consecutive failure doubles the wait, up to the cap, without overflowing."""
    assert backoff(errors, DEFAULT, MAX) == expected


@pytest.mark.parametrize(("draw", "expected"), [(0.0, 1200.0), (0.5, 1080.0), (1.0, 960.0)])
def test_backoff_jitter_is_deterministic_with_a_fixed_source(draw: float, expected: float) -> None:
    """Jitter takes up to its fraction off, drawn from the given random source."""
    assert backoff(3, DEFAULT, MAX, jitter=0.2, rand=lambda: draw) == pytest.approx(expected)


def test_retry_delay_obeys_retry_after_up_to_cap() -> None:
    """After a failure the server's Retry-After wins when longer than the backoff, but not past the cap."""
    assert retry_delay(1, DEFAULT, MAX, retry_after=3600.0, rand=lambda: 0.0) == 3600.0
    assert retry_delay(1, DEFAULT, MAX, retry_after=10.0, rand=lambda: 0.0) == 300.0
    assert retry_delay(1, DEFAULT, MAX, retry_after=10.0**9, rand=lambda: 0.0) == MAX
