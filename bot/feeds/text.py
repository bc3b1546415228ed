"""HTML to plain text for matching: entities decoded, scripts and styles dropped, whitespace folded."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_SPACE = re.compile(r"\s+")
_HIDDEN = frozenset({"script", "style", "noscript", "template", "head", "title", "iframe", "object"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        self.parts.append(" ")  # tags separate words: "<p>a</p><p>b</p>" is "a b", not "ab"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN and self._hidden:
            self._hidden -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def fold(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _SPACE.sub(" ", text).strip()


def plain_text(markup: str) -> str:
    """Reduce HTML (or text with entities) to one line of plain text."""
    if "<" not in markup:
        return fold(html.unescape(markup)) if "&" in markup else fold(markup)
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    return fold("".join(collector.parts))
