"""A chat as its user sees it: Telegram HTML turned into readable text, one line per speaker."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Speaker = Literal["user", "bot", "step"]

_LINK = re.compile(r'<a\s+href="([^"]*)"\s*>(.*?)</a>', re.IGNORECASE | re.DOTALL)
_QUOTE = re.compile(r"<blockquote[^>]*>(.*?)</blockquote>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
INDENT = " " * 8


def html_to_text(markup: str) -> str:
    """Readable plain text of a Telegram HTML message: quotes as `│ ` lines, links as `text <url>`."""
    text = _BREAK.sub("\n", markup)
    text = _QUOTE.sub(lambda m: "\n".join("│ " + line for line in m.group(1).strip().splitlines()), text)
    text = _TAG.sub("", _LINK.sub(_link, text))
    return html.unescape(text.replace("\0", "<").replace("\1", ">")).strip()


def _link(match: re.Match[str]) -> str:
    label, url = match.group(2), match.group(1)
    return f"{label} \0{url}\1" if url else label


def buttons(reply_markup: dict[str, Any] | None) -> str:
    """Inline keyboard buttons as `[ Full status ] [ Mute this claim ]`, or ""."""
    rows = (reply_markup or {}).get("inline_keyboard") or []
    return "   ".join(" ".join(f"[ {b.get('text', '')} ]" for b in row) for row in rows)


@dataclass(frozen=True, slots=True)
class Line:
    """One thing in a chat: what the user typed, what the bot sent (as HTML), or a story marker."""

    speaker: Speaker
    text: str
    message_id: int = 0
    reply_markup: dict[str, Any] | None = None


@dataclass
class Transcript:
    """The lines of one chat, in the order its user saw them."""

    title: str
    lines: list[Line] = field(default_factory=list)

    def bot_messages(self) -> list[Line]:
        return [line for line in self.lines if line.speaker == "bot"]

    def render(self) -> str:
        out = [f"━━━ {self.title} ━━━"]
        for line in self.lines:
            out.extend(render_line(line))
        return "\n".join(out)


def render_line(line: Line) -> list[str]:
    """A story marker, `👤 user: …` or `🤖 bot: …` with the message's further lines indented."""
    if line.speaker == "step":
        return ["", f"  ·· {line.text} ··"]
    if line.speaker == "user":
        return [f"👤 user: {line.text}"]
    body = html_to_text(line.text).splitlines() or [""]
    lines = [f"🤖 bot: {body[0]}", *(INDENT + rest for rest in body[1:])]
    keys = buttons(line.reply_markup)
    return [*lines, INDENT + keys] if keys else lines

