"""HTML to plain text for matching: entities decoded, scripts and styles dropped, whitespace folded.

Regular expressions rather than an HTML parser: this runs on every title and summary of every
poll, and feed HTML is fragments, not documents. Only a `<` followed by a letter, `/`, `!` or `?`
opens a tag, so "1 < 2" survives.
"""

from __future__ import annotations

import html
import re

_SPACE = re.compile(r"\s+")
_HIDDEN = re.compile(
    r"<(script|style|noscript|template|iframe|object|head|title)\b[^>]*>.*?(</\1\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][^>]*>?|<[!?][^>]*>")


def fold(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _SPACE.sub(" ", text).strip()


def plain_text(markup: str) -> str:
    """Reduce HTML (or text with entities) to one line of plain text."""
    if "<" in markup:
        markup = _TAG.sub(" ", _COMMENT.sub(" ", _HIDDEN.sub(" ", markup)))
    if "&" in markup:
        markup = html.unescape(markup)
    return fold(markup)
