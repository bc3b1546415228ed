"""Hold windows (instant, hourly, daily, quiet hours, time zones) and digest splitting."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.delivery import digest_parts, digest_text, release_at
from bot.textsplit import MAX_MESSAGE, utf16_len
from core.records import Delivery


def at(text: str, tz: str = "UTC") -> float:
    """Unix time of an ISO local time in the named zone."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(tz)).timestamp()


def local(stamp: float, tz: str = "UTC") -> str:
    """ISO local time of a unix time in the named zone, to the minute."""
    return datetime.fromtimestamp(stamp, ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


CASES = [
    # (now local, delivery, quiet start, quiet end, zone, expected release local)
    ("2026-03-10 10:17", "instant", None, None, "UTC", "2026-03-10 10:17"),
    ("2026-03-10 10:17", "hourly", None, None, "UTC", "2026-03-10 11:00"),
    ("2026-03-10 11:00", "hourly", None, None, "UTC", "2026-03-10 11:00"),
    ("2026-03-10 23:40", "hourly", None, None, "UTC", "2026-03-11 00:00"),
    ("2026-03-10 10:17", "hourly", None, None, "Asia/Kolkata", "2026-03-10 11:00"),
    ("2026-03-10 08:59", "daily", None, None, "Asia/Shanghai", "2026-03-10 09:00"),
    ("2026-03-10 09:00", "daily", None, None, "Asia/Shanghai", "2026-03-10 09:00"),
    ("2026-03-10 09:01", "daily", None, None, "Asia/Shanghai", "2026-03-11 09:00"),
    ("2026-03-10 23:30", "instant", "23:00", "07:00", "Europe/Berlin", "2026-03-11 07:00"),
    ("2026-03-11 03:00", "instant", "23:00", "07:00", "Europe/Berlin", "2026-03-11 07:00"),
    ("2026-03-11 07:00", "instant", "23:00", "07:00", "Europe/Berlin", "2026-03-11 07:00"),
    ("2026-03-11 22:59", "instant", "23:00", "07:00", "Europe/Berlin", "2026-03-11 22:59"),
    ("2026-03-11 12:30", "instant", "12:00", "14:00", "UTC", "2026-03-11 14:00"),
    ("2026-03-11 14:00", "instant", "12:00", "14:00", "UTC", "2026-03-11 14:00"),
    ("2026-03-10 22:30", "hourly", "23:00", "07:00", "UTC", "2026-03-11 07:00"),
    ("2026-03-10 22:30", "hourly", "23:30", "07:00", "UTC", "2026-03-10 23:00"),
    ("2026-03-10 10:00", "daily", "08:00", "10:00", "UTC", "2026-03-11 10:00"),
    ("2026-03-10 10:17", "instant", "10:00", "10:00", "UTC", "2026-03-10 10:17"),
    ("2026-03-10 10:17", "instant", "25:00", "07:00", "UTC", "2026-03-10 10:17"),
    ("2026-03-10 10:17", "instant", "late", "07:00", "UTC", "2026-03-10 10:17"),
    ("2026-03-10 10:17", "hourly", None, None, "Mars/Olympus", "2026-03-10 11:00"),
    ("2026-03-10 10:17", "weekly", None, None, "UTC", "2026-03-10 10:17"),
    # Europe/Berlin springs forward on 2026-03-29 at 02:00 -> 03:00: quiet hours end on the new clock.
    ("2026-03-29 01:30", "instant", "01:00", "06:00", "Europe/Berlin", "2026-03-29 06:00"),
    # New York falls back on 2026-11-01: the daily digest still opens at 09:00 local.
    ("2026-10-31 10:00", "daily", None, None, "America/New_York", "2026-11-01 09:00"),
]


@pytest.mark.parametrize(("now", "delivery", "start", "end", "tz", "expected"), CASES)
def test_release_at(now: str, delivery: Delivery, start: str | None, end: str | None, tz: str, expected: str) -> None:
    """Each setting releases an alert at the documented local time."""
    zone = tz if tz != "Mars/Olympus" else "UTC"
    assert local(release_at(at(now, zone), delivery, start, end, tz), zone) == expected


def test_release_is_never_before_now() -> None:
    """Whatever the settings, an alert is never released before it was queued."""
    now = datetime(2026, 6, 1, 12, 34, 56, tzinfo=UTC).timestamp()
    for delivery in ("instant", "hourly", "daily"):
        for quiet in ((None, None), ("12:00", "13:00"), ("13:00", "12:00")):
            assert release_at(now, delivery, quiet[0], quiet[1], "Asia/Shanghai") >= now


def test_utf16_length_counts_astral_characters_twice() -> None:
    """Emoji outside the basic plane count two units, Chinese characters one, as Telegram counts them."""
    assert (utf16_len("abc"), utf16_len("小米"), utf16_len("🔔")) == (3, 2, 2)


def test_digest_parts_keep_alerts_whole_within_the_limit() -> None:
    """Alerts are packed in order into messages of at most 4096 units, never cut in the middle."""
    texts = ["🔔" + "x" * 1500] * 5
    parts = digest_parts(texts)
    assert parts == [[0, 1], [2, 3], [4]]
    assert all(utf16_len(digest_text([texts[i] for i in part])) <= MAX_MESSAGE for part in parts)


def test_digest_parts_give_an_oversized_alert_its_own_message() -> None:
    """An alert longer than the limit goes alone rather than being dropped or cut."""
    assert digest_parts(["a", "b" * 5000, "c", "d"]) == [[0], [1], [2, 3]]


def test_digest_parts_of_nothing_is_nothing() -> None:
    """No alerts, no messages."""
    assert digest_parts([]) == []
