"""Stable identities for feed entries (canonical links themselves are `core.links`).

An entry is known by its guid when the guid is usable, else by its canonical link, else by a
sha256 of title and content. A guid (or link) that several entries of one feed share identifies
none of them: those entries fall back to the next rule.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from core.links import canonical_link


@dataclass(frozen=True, slots=True)
class IdentitySource:
    """What an entry offers to identify it, as plain text."""

    guid: str
    link: str
    title: str
    content: str


def content_hash(title: str, summary: str) -> str:
    """sha256 over title and summary: same identity with a new hash means the entry was edited."""
    return hashlib.sha256(f"{title}\x00{summary}".encode()).hexdigest()


def _unique(values: Sequence[str]) -> list[bool]:
    counts = Counter(values)
    return [bool(value) and counts[value] == 1 for value in values]


def assign_identities(sources: Sequence[IdentitySource]) -> list[str]:
    """One identity per entry, in order, following the guid > link > hash rule."""
    guids = [source.guid.strip() for source in sources]
    links = [canonical_link(source.link) if source.link.strip() else "" for source in sources]
    guid_ok, link_ok = _unique(guids), _unique(links)
    identities = []
    for index, source in enumerate(sources):
        if guid_ok[index]:
            identities.append(guids[index])
        elif link_ok[index]:
            identities.append(links[index])
        else:
            digest = hashlib.sha256(f"{source.title}\x00{source.content}".encode()).hexdigest()
            identities.append(f"sha256:{digest}")
    return identities
