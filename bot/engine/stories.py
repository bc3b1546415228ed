"""Story clustering: items from different feeds that tell the same news share one story id.

Two items are one story when their canonical links are equal, or when their texts are near-identical:
MinHash over shingles of three tokens (a token is an English word or one Chinese character, so both
languages need no segmenter here), with banded lookup so that a new item is compared only with the few
earlier items that share a band. Memory is bounded: items older than `max_age` (by publication time)
or beyond `max_items` are forgotten, oldest first.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TOKEN = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]", re.IGNORECASE)
_HASHES = 32
_ROWS = 2
_MASKS = tuple(random.Random(20231019).getrandbits(64) for _ in range(_HASHES))
_TRACKING = re.compile(r"^(utm_\w+|ref|ref_src|spm|from|fbclid|gclid|share|source|s)$", re.IGNORECASE)
SAME_TEXT = 0.5
SAME_TITLE = 0.75
_LONG_TITLE = 5


def canonical_link(link: str) -> str:
    """A link without scheme, `www.`, fragment, tracking parameters or trailing slash."""
    link = link.strip()
    if not link:
        return ""
    parts = urlsplit(link)
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    return urlunsplit(("", host, parts.path.rstrip("/"), query, "")).lstrip("/")


def _signature(text: str) -> tuple[tuple[int, ...], int]:
    """MinHash signature of a text's token 3-grams (fewer for very short texts), and its token count."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    n = 3 if len(words) >= 6 else 1
    shingles = {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))} if words else set()
    if not shingles:
        return (), 0
    hashes = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles]
    return tuple(min(h ^ m for h in hashes) for m in _MASKS), len(words)


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    if not a or not b:
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def _bands(kind: str, sig: tuple[int, ...]) -> list[tuple[str, int, tuple[int, ...]]]:
    return [(kind, i, sig[i : i + _ROWS]) for i in range(0, len(sig), _ROWS)] if sig else []


@dataclass(slots=True)
class _Seen:
    story: int
    link: str
    title: tuple[int, ...]
    title_words: int
    body: tuple[int, ...]
    published: datetime


class StoryIndex:
    """Remembers recent items and assigns each new one to a story."""

    def __init__(self, max_items: int = 50_000, max_age: timedelta = timedelta(days=7)) -> None:
        self.max_items, self.max_age = max_items, max_age
        self._seen: dict[int, _Seen] = {}
        self._order: deque[int] = deque()
        self._links: dict[str, int] = {}
        self._bands: defaultdict[tuple[str, int, tuple[int, ...]], set[int]] = defaultdict(set)

    def __len__(self) -> int:
        return len(self._seen)

    def assign(self, item_key: int, title: str, text: str, link: str, published: datetime) -> int:
        """Return the story of an earlier near-duplicate of this item, else `item_key` as a new story."""
        if item_key in self._seen:
            return self._seen[item_key].story
        title_sig, title_words = _signature(title)
        body_sig, _ = _signature(f"{title} {text}")
        seen = _Seen(item_key, canonical_link(link), title_sig, title_words, body_sig, published)
        seen.story = self._find(seen)
        self._remember(item_key, seen)
        self._forget(published)
        return seen.story

    def _find(self, new: _Seen) -> int:
        if new.link and new.link in self._links:
            return self._seen[self._links[new.link]].story
        bands = _bands("t", new.title) + _bands("b", new.body)
        keys = {k for band in bands for k in self._bands.get(band, ())}
        best, best_sim = new.story, 0.0
        for key in sorted(keys):
            old = self._seen[key]
            sim = similarity(new.body, old.body)
            if min(new.title_words, old.title_words) >= _LONG_TITLE:
                sim = max(sim, similarity(new.title, old.title) * SAME_TEXT / SAME_TITLE)
            if sim >= SAME_TEXT and sim > best_sim:
                best, best_sim = old.story, sim
        return best

    def _remember(self, key: int, seen: _Seen) -> None:
        self._seen[key] = seen
        self._order.append(key)
        if seen.link:
            self._links.setdefault(seen.link, key)
        for band in _bands("t", seen.title) + _bands("b", seen.body):
            self._bands[band].add(key)

    def _forget(self, newest: datetime) -> None:
        while self._order:
            old = self._seen[self._order[0]]
            too_old = _aware(newest) - _aware(old.published) > self.max_age
            if len(self._order) <= self.max_items and not too_old:
                return
            self._drop(self._order.popleft(), old)

    def _drop(self, key: int, old: _Seen) -> None:
        del self._seen[key]
        if self._links.get(old.link) == key:
            del self._links[old.link]
        for band in _bands("t", old.title) + _bands("b", old.body):
            members = self._bands.get(band)
            if members is not None:
                members.discard(key)
                if not members:
                    del self._bands[band]


def _aware(moment: datetime) -> datetime:
    """Compare naive and aware times alike: a naive time is taken as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
