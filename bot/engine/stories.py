"""Story clustering: items from different feeds that tell the same news share one story id.

Two items are one story when their links name the same page, or when their texts are near-identical:
MinHash over shingles of three tokens (a token is an English word or one Chinese character, so both
languages need no segmenter here), with banded lookup so that a new item is compared only with the few
earlier items that share a band. Titles count on their own only when long enough to tell news apart.

Several processes share one index through the database: `mark` computes an item's signatures (the
CPU part, outside any transaction), `place` decides its story, and `remember` adds marks that other
processes placed (`bot.stories` keeps the index and the database in step).

Memory is what bounds the index (the bot keeps one for days): a signature is 32 four-byte values in
one `bytes`, a band is one small int pointing at the latest item that has it, and items older than
`max_age` (by publication time) or beyond `max_items` are forgotten, oldest first.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.links import canonical_link
from core.records import StoryMarkRecord

_TOKEN = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]", re.IGNORECASE)
_HASHES = 32
# 32 independent hash values per shingle, from one 64-byte and one 64-byte blake2b digest (XOR with
# masks, the old way, keeps the order of most hashes: two texts sharing one shingle shared most minima).
_HALF = struct.Struct(f"<{_HASHES // 2}I")
_VALUE = struct.Struct(f"<{_HASHES}I")
_ROWS = 2
_TITLE_BANDS = 4  # a same or near-same title (≥ 0.75) shares one of four bands with 96% odds or more
_TEXT_BANDS = 16
_BAND_KEY = (1 << 30) - 1  # a small int: a collision only costs one extra comparison
SAME_TEXT = 0.5
SAME_TITLE = 0.75
_LONG_TITLE = 5
# A title of this many Chinese characters or fewer says little beyond its subject (小米汽车…): it must be
# nearly the same title to count on its own.
_SHORT_CJK_TITLE = 24
SAME_SHORT_CJK_TITLE = 0.9


def _same_page(link: str) -> str:
    """The page a link names: its canonical form, served over http or https, with or without www."""
    link = canonical_link(link) if link.strip() else ""
    return re.sub(r"^[a-z]+://(?:www\.)?", "", link).rstrip("/")


def _signature(text: str) -> tuple[bytes, int]:
    """MinHash signature of a text's token 3-grams (fewer for very short texts), and its token count."""
    words = [w.lower() for w in _TOKEN.findall(text)]
    n = 3 if len(words) >= 6 else 1
    shingles = {" ".join(words[i : i + n]) for i in range(max(1, len(words) - n + 1))} if words else set()
    if not shingles:
        return b"", 0
    rows = [_values(s.encode()) for s in shingles]
    return _VALUE.pack(*map(min, zip(*rows, strict=True))), len(words)


def _values(shingle: bytes) -> tuple[int, ...]:
    first = hashlib.blake2b(shingle, digest_size=64, person=b"story-a").digest()
    second = hashlib.blake2b(shingle, digest_size=64, person=b"story-b").digest()
    return _HALF.unpack(first) + _HALF.unpack(second)


def similarity(a: bytes, b: bytes) -> float:
    """The share of equal MinHash values: an estimate of the texts' shingle Jaccard similarity."""
    if not a or not b:
        return 0.0
    equal: int = sum(x == y for x, y in zip(_VALUE.unpack(a), _VALUE.unpack(b), strict=True))
    return equal / _HASHES


def _bands(kind: int, sig: bytes, count: int) -> list[int]:
    """The band keys of a signature: each pair of values, with the band's place, hashed to a small int."""
    if not sig:
        return []
    values = _VALUE.unpack(sig)
    return [hash((kind, i, values[i : i + _ROWS])) & _BAND_KEY for i in range(0, count * _ROWS, _ROWS)]


@dataclass(slots=True)
class StoryMark(StoryMarkRecord):
    """What the index keeps of one item (the stored record), with its band keys."""

    def bands(self) -> list[int]:
        return _bands(0, self.title, _TITLE_BANDS) + _bands(1, self.body, _TEXT_BANDS)


class StoryIndex:
    """Remembers recent items and assigns each new one to a story."""

    def __init__(self, max_items: int = 20_000, max_age: timedelta = timedelta(days=7)) -> None:
        self.max_items, self.max_age = max_items, max_age
        self._seen: dict[int, StoryMark] = {}
        self._order: deque[int] = deque()
        self._links: dict[str, int] = {}
        self._bands: dict[int, int] = {}
        self.synced = 0  # the newest shared mark (story_marks.seq) this index has seen; see bot.stories

    def __len__(self) -> int:
        return len(self._seen)

    def assign(self, item_key: int, title: str, text: str, link: str, published: datetime) -> int:
        """Return the story of an earlier near-duplicate of this item, else `item_key` as a new story."""
        if item_key in self._seen:
            return self._seen[item_key].story
        return self.place(item_key, mark(title, text, link, published))

    def place(self, item_key: int, new: StoryMark) -> int:
        """Give a marked item its story (an earlier near-duplicate's, else its own key) and remember it."""
        if item_key in self._seen:
            return self._seen[item_key].story
        new.story = item_key
        new.story = self._find(new)
        self.remember(item_key, new)
        return new.story

    def remember(self, item_key: int, seen: StoryMark) -> None:
        """Keep an item whose story is already known (placed by this or another process)."""
        if item_key in self._seen:
            return
        self._remember(item_key, seen)
        self._forget(seen.published)

    def _find(self, new: StoryMark) -> int:
        if new.link and new.link in self._links:
            return self._seen[self._links[new.link]].story
        keys = {k for band in new.bands() if (k := self._bands.get(band)) is not None}
        best, best_sim = new.story, 0.0
        for key in sorted(keys):
            old = self._seen[key]
            sim = similarity(new.body, old.body)
            if min(new.title_words, old.title_words) >= _LONG_TITLE:
                same_title = SAME_SHORT_CJK_TITLE if new.short_cjk_title or old.short_cjk_title else SAME_TITLE
                sim = max(sim, similarity(new.title, old.title) * SAME_TEXT / same_title)
            if sim >= SAME_TEXT and sim > best_sim:
                best, best_sim = old.story, sim
        return best

    def _remember(self, key: int, seen: StoryMark) -> None:
        self._seen[key] = seen
        self._order.append(key)
        if seen.link:
            self._links.setdefault(seen.link, key)
        for band in seen.bands():
            self._bands[band] = key

    def _forget(self, newest: float) -> None:
        oldest = newest - self.max_age.total_seconds()
        while self._order:
            old = self._seen[self._order[0]]
            if len(self._order) <= self.max_items and old.published >= oldest:
                return
            self._drop(self._order.popleft(), old)

    def _drop(self, key: int, old: StoryMark) -> None:
        del self._seen[key]
        if self._links.get(old.link) == key:
            del self._links[old.link]
        for band in old.bands():
            if self._bands.get(band) == key:
                del self._bands[band]


def mark(title: str, text: str, link: str, published: datetime) -> StoryMark:
    """An item's mark, its story not yet known (0)."""
    title_sig, title_words = _signature(title)
    body_sig, _ = _signature(f"{title} {text}")
    cjk = len(re.findall(r"[\u3400-\u9fff]", title))
    short_cjk = 0 < cjk <= _SHORT_CJK_TITLE and cjk * 2 >= title_words
    return StoryMark(0, _same_page(link), title_sig, title_words, short_cjk, body_sig, _aware(published).timestamp())


def _aware(moment: datetime) -> datetime:
    """Compare naive and aware times alike: a naive time is taken as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
