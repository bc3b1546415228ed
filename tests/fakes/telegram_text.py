"""How the fake Telegram server checks formatted text, as strictly as Telegram does where it matters.

`parse_error(text, parse_mode)` returns Telegram's "can't parse entities" detail or None;
`visible_length(text, parse_mode)` counts what is left after markup, in UTF-16 code units
(the 4,096 limit applies to that).
"""

from __future__ import annotations

import html
import re

from tests.fakes.telegram_model import utf16_len

HTML_TAGS = frozenset(
    "b strong i em u ins s strike del span tg-spoiler a code pre blockquote tg-emoji".split()
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot);")
_MD_ALWAYS_ESCAPED = frozenset("#+-={}.!")


def parse_error(text: str, parse_mode: str | None) -> str | None:
    """Telegram's detail for malformed `text` in `parse_mode`, or None when it parses."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return _html_error(text)
    if mode == "markdownv2":
        return _markdown_v2_error(text)
    return None


def visible_length(text: str, parse_mode: str | None) -> int:
    """Length of the text after markup is removed, in UTF-16 code units."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        return utf16_len(html.unescape(_TAG.sub("", text)))
    if mode in ("markdown", "markdownv2"):
        return utf16_len(re.sub(r"\\(.)", r"\1", text))
    return utf16_len(text)


def _html_error(text: str) -> str | None:
    """Check tags are known and balanced, and every `&` and `<` is part of markup."""
    stack: list[str] = []
    pos = 0
    while pos < len(text):
        char = text[pos]
        if char == "<":
            match = _TAG.match(text, pos)
            offset = len(text[:pos].encode())
            if match is None:
                return f"Unsupported start tag at byte offset {offset}"
            closing, name = match.group(1) == "/", match.group(2).lower()
            if name not in HTML_TAGS:
                return f'Unsupported start tag "{name}" at byte offset {offset}'
            if closing:
                if not stack or stack[-1] != name:
                    return f'Unexpected end tag at byte offset {offset}'
                stack.pop()
            else:
                stack.append(name)
            pos = match.end()
        elif char == "&":
            match = _ENTITY.match(text, pos)
            if match is None:
                return f"Can't find end of the entity starting at byte offset {len(text[:pos].encode())}"
            pos = match.end()
        else:
            pos += 1
    if stack:
        return f'Can\'t find end tag corresponding to start tag "{stack[-1]}"'
    return None


def _markdown_v2_error(text: str) -> str | None:
    """Check that characters MarkdownV2 reserves are escaped (a subset of Telegram's full parser)."""
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char in _MD_ALWAYS_ESCAPED:
            return f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        elif char == ">" and index > 0 and text[index - 1] != "\n":
            return "Character '>' is reserved and must be escaped with the preceding '\\'"
    return None
