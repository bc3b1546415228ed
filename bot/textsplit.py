"""Fitting Telegram HTML into 4,096-character messages.

Telegram counts a message's length in UTF-16 code units (an emoji or a rare CJK character counts
twice). Splitting never cuts inside a tag or an `&entity;`, prefers line ends, then spaces, and closes
the tags still open at the end of a part and opens them again at the start of the next, so each part
is valid HTML on its own. Lengths are counted on the raw HTML, tags included: an upper bound of what
Telegram counts after parsing.
"""

from __future__ import annotations

import re

MAX_MESSAGE = 4096
_TOKEN = re.compile(r"<[^<>]*>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{0,31});|[^<&]|[<&]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
Stack = tuple[tuple[str, str], ...]  # the open tags: (name, opening tag as written)
ELLIPSIS = "…"


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _tag(token: str) -> tuple[bool, str] | None:
    """(closing, name) for a tag token; None for text."""
    match = _TAG.match(token) if token.startswith("<") and token.endswith(">") else None
    return (match.group(1) == "/", match.group(2).lower()) if match else None


def _after(stack: Stack, token: str) -> Stack:
    """The open tags (name, opening tag) after `token`."""
    tag = _tag(token)
    if tag is None:
        return stack
    closing, name = tag
    if not closing:
        return (*stack, (name, token))
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth][0] == name:
            return stack[:depth]
    return stack


def _closers(stack: Stack) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(stack))


def _openers(stack: Stack) -> str:
    return "".join(opening for _, opening in stack)


def _take(tokens: list[str], start: int, stack: Stack, limit: int) -> tuple[str, int, Stack]:
    """One part from `tokens[start:]`: (html, next index, tags open after it)."""
    used = utf16_len(_openers(stack))
    here, end = stack, start
    best: tuple[int, Stack] | None = None
    best_rank = 0
    while end < len(tokens):
        piece = tokens[end]
        after = _after(here, piece)
        if used + utf16_len(piece) + utf16_len(_closers(after)) > limit and end > start:
            break
        used, here, end = used + utf16_len(piece), after, end + 1
        rank = 2 if piece == "\n" else 1 if piece.isspace() else 0
        if rank and rank >= best_rank:
            best, best_rank = (end, here), rank
    if end < len(tokens) and best is not None:
        end, here = best
    body = _openers(stack) + "".join(tokens[start:end]) + _closers(here)
    return body, end, here


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """`text` as parts of at most `limit` UTF-16 units, each valid HTML; parts with no text are dropped."""
    if utf16_len(text) <= limit:
        return [text] if text.strip() else []
    tokens = _TOKEN.findall(text)
    parts: list[str] = []
    start, stack = 0, Stack()
    while start < len(tokens):
        body, start, stack = _take(tokens, start, stack, limit)
        if _visible(body):
            parts.append(body.strip("\n"))
    return parts


def trim_html(text: str, limit: int = MAX_MESSAGE) -> str:
    """The first part of `text` that fits, with an ellipsis when something was left out."""
    parts = split_html(text, limit - 1)
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return parts[0] + ELLIPSIS


def _visible(html: str) -> bool:
    return bool(re.sub(r"<[^<>]*>", "", html).strip())
