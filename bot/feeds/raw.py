"""Entries as a format reader found them, before cleaning: the seam between readers and `parse`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RawEntry:
    """Text fields may still hold HTML; `link` may be relative; `published` is None when unknown."""

    guid: str
    title: str
    summary: str
    link: str
    published: datetime | None


@dataclass(frozen=True, slots=True)
class RawFeed:
    title: str
    entries: tuple[RawEntry, ...]
    ttl_minutes: int | None = None
    warning: str | None = None
