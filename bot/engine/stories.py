"""Story clustering: items from different feeds that tell the same news share one story id."""

from __future__ import annotations

import re
from datetime import datetime

_NORMALISE = re.compile(r"\W+")


class StoryIndex:
    """Remembers the items seen so far and assigns each new one to a story."""

    def __init__(self) -> None:
        self._by_key: dict[str, int] = {}

    def assign(self, item_key: int, title: str, text: str, link: str, published: datetime) -> int:
        """Return the story of an earlier near-duplicate of this item, else `item_key` as a new story."""
        keys = [k for k in (link.strip(), _NORMALISE.sub(" ", title.lower()).strip()) if k]
        for key in keys:
            if key in self._by_key:
                story = self._by_key[key]
                break
        else:
            story = item_key
        for key in keys:
            self._by_key.setdefault(key, story)
        return story
