"""Composing alert messages in Telegram HTML. Every piece of feed text is escaped here."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from bot.engine.text import has_chinese, trim
from bot.i18n import label, t
from bot.textsplit import trim_html
from core.records import Claim, Evidence


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


def claim_text(claim: Claim, lang: str) -> str:
    """The claim in the reader's language: for Chinese, its first Chinese text when it has one."""
    if lang == "zh":
        for text in claim.texts:
            if has_chinese(text):
                return text
    return claim.text


def render_alert(facts: AlertFacts, lang: str = "en") -> str:
    """One alert: the claim, what happened, the sentence that shows it, the source, the new status."""
    ev = facts.evidence
    lines = [f"🔔 <b>{escape(facts.claim.id)}</b>: {escape(claim_text(facts.claim, lang))}",
             _what_happened(facts, lang)]
    lines.append(f"<blockquote>{escape(trim(ev.sentence or facts.title))}</blockquote>")
    link = safe_link(facts.link)
    source = escape(facts.source or t(lang, "alert.source"))
    lines.append(f'<a href="{escape(link, quote=True)}">{source}</a>' if link else source)
    if facts.new_status and facts.old_status != facts.new_status:
        old = label(lang, "status", facts.old_status or "unverified")
        lines.append(t(lang, "alert.status", old=escape(old), new=escape(label(lang, "status", facts.new_status))))
    return trim_html("\n".join(lines))


def _what_happened(facts: AlertFacts, lang: str) -> str:
    """"Official response from BAIC Blue Valley (statement): denies", or the stance of a media report."""
    ev = facts.evidence
    if ev.official:
        return t(lang, "alert.official", name=escape(facts.official_name or ev.official_entity or ""),
                 how=label(lang, "alert.how", ev.official), verb=label(lang, "alert.verb", ev.stance))
    return t(lang, "alert.evidence", stance=label(lang, "alert.stance", ev.stance))
