"""Composing alert messages in Telegram HTML. Every piece of feed text is escaped here."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.engine.types import Claim, Evidence

STANCE_WORDS = {"supports": "supports the claim", "refutes": "refutes the claim", "neutral": "reports it, no side"}
OFFICIAL_VERBS = {"supports": "confirms", "refutes": "denies", "neutral": "comments"}
MAX_QUOTE = 300


@dataclass(frozen=True, slots=True)
class AlertFacts:
    """Everything an alert message says, already decided; `render_alert` only formats it."""

    claim: Claim
    evidence: Evidence
    title: str
    link: str
    source: str
    official_name: str
    old_status: str | None = None
    new_status: str | None = None


def safe_link(url: str) -> str | None:
    """Only http(s) links reach Telegram; anything else (javascript:, data:) is dropped."""
    parts = urlsplit(url.strip())
    if parts.scheme in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def quote(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render_alert(facts: AlertFacts) -> str:
    """One alert: the claim, what happened, the sentence that shows it, the source, the new status."""
    ev = facts.evidence
    lines = [f"🔔 <b>{escape(facts.claim.id)}</b>: {escape(facts.claim.text)}"]
    if ev.official:
        how = "statement" if ev.official == "source" else "reported statement"
        lines.append(
            f"🏛 <b>Official response from {escape(facts.official_name)}</b> ({how}): "
            f"{OFFICIAL_VERBS[ev.stance]}"
        )
    else:
        lines.append(f"📰 New evidence: {STANCE_WORDS[ev.stance]}")
    lines.append(f"<blockquote>{escape(quote(ev.sentence or facts.title))}</blockquote>")
    link = safe_link(facts.link)
    source = escape(facts.source or "source")
    lines.append(f'<a href="{escape(link, quote=True)}">{source}</a>' if link else source)
    if facts.new_status and facts.old_status != facts.new_status:
        lines.append(f"Status: {escape(facts.old_status or 'unverified')} → <b>{escape(facts.new_status)}</b>")
    return "\n".join(lines)


def alert_keyboard(claim_id: str) -> InlineKeyboardMarkup:
    """The buttons under every alert: the claim's full status, and muting the claim in this chat."""
    return InlineKeyboardMarkup(
        [[
            InlineKeyboardButton("Full status", callback_data=f"status:{claim_id}"),
            InlineKeyboardButton("Mute this claim", callback_data=f"mute:{claim_id}"),
        ]]
    )
