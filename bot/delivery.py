"""When a chat may receive an alert, and how held alerts are bundled: pure functions, no I/O.

A chat chooses its delivery (`instant`, `hourly`, `daily`) and may set quiet hours, both in its own
time zone:

| delivery | released at                                                              |
| -------- | ------------------------------------------------------------------------ |
| instant  | now                                                                      |
| hourly   | the next full hour of the chat's local time (now, if now is a full hour) |
| daily    | the next 09:00 local time (`DAILY_AT`)                                   |

Quiet hours `quiet_start`-`quiet_end` ('HH:MM', local; the window may wrap past midnight, and an empty
window - start equal to end - means none) push a release that falls inside them to `quiet_end`.
A time zone or an 'HH:MM' that cannot be read falls back to UTC and to no quiet hours: an alert is
never held forever because of a bad setting.

An alert released later than it was queued is *held*; when held alerts of one chat and thread come
due together, the sender sends them as one digest, split at alert boundaries so that no message passes
Telegram's 4,096 characters (counted, to be safe, in UTF-16 code units of the HTML source).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from bot.textsplit import MAX_MESSAGE, utf16_len
from core.records import Delivery

DAILY_AT = time(9, 0)
DIGEST_SEPARATOR = "\n\n"


def zone(name: str | None) -> tzinfo:
    """The named IANA time zone, or UTC when the name is empty or unknown."""
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        return ZoneInfo("UTC")


def clock(text: str | None) -> time | None:
    """'HH:MM' as a time of day, or None when it is missing or not a valid time."""
    if not text:
        return None
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit()):
        return None
    h, m = int(hours), int(minutes)
    return time(h, m) if 0 <= h < 24 and 0 <= m < 60 else None


def next_hour(now: float, tz: tzinfo) -> float:
    """The first full hour of local time at or after `now` (with the offset in force at `now`)."""
    offset = datetime.fromtimestamp(now, tz).utcoffset() or timedelta(0)
    local = now + offset.total_seconds()
    return math.ceil(local / 3600) * 3600 - offset.total_seconds()


def next_local(now: float, at: time, tz: tzinfo) -> float:
    """The first moment at or after `now` when the local clock shows `at`."""
    today = datetime.fromtimestamp(now, tz).date()
    for day in (today, today + timedelta(days=1), today + timedelta(days=2)):
        stamp = _local_stamp(day, at, tz)
        if stamp >= now:
            return stamp
    raise AssertionError("a local time of day recurs within two days")  # pragma: no cover


def _local_stamp(day: date, at: time, tz: tzinfo) -> float:
    """Unix time of a local date and time; a time skipped by a DST change maps to just after it."""
    return datetime.combine(day, at, tzinfo=tz).timestamp()


def in_quiet_hours(moment: float, start: time, end: time, tz: tzinfo) -> bool:
    """Whether the local time of `moment` lies in [start, end), a window that may wrap past midnight."""
    local = datetime.fromtimestamp(moment, tz).time()
    if start < end:
        return start <= local < end
    return local >= start or local < end


def release_at(
    now: float, delivery: Delivery, quiet_start: str | None, quiet_end: str | None, timezone: str | None
) -> float:
    """When an alert queued at `now` for a chat with these settings may be sent (unix seconds)."""
    tz = zone(timezone)
    if delivery == "hourly":
        when = next_hour(now, tz)
    elif delivery == "daily":
        when = next_local(now, DAILY_AT, tz)
    else:
        when = now
    start, end = clock(quiet_start), clock(quiet_end)
    if start is not None and end is not None and start != end and in_quiet_hours(when, start, end, tz):
        when = next_local(when, end, tz)
    return when


def digest_parts(texts: Sequence[str], limit: int = MAX_MESSAGE) -> list[list[int]]:
    """Split alerts into messages of at most `limit` UTF-16 units, at alert boundaries; indexes per part.

    An alert longer than `limit` on its own gets a message of its own (Telegram will judge it).
    """
    parts: list[list[int]] = []
    size = 0
    for index, text in enumerate(texts):
        length = utf16_len(text)
        joined = size + utf16_len(DIGEST_SEPARATOR) + length
        if parts and joined <= limit:
            parts[-1].append(index)
            size = joined
        else:
            parts.append([index])
            size = length
    return parts


def digest_text(texts: Sequence[str]) -> str:
    """The alerts of one digest message, in order, separated by a blank line."""
    return DIGEST_SEPARATOR.join(texts)
