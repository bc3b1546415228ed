"""Composing alert messages in Telegram HTML. Every piece of feed text is escaped here.

An alert reads, top to bottom: the claim; what happened (an official response, or the stance of a
report); the item's headline; its source (linked) and publication time in the chat's time zone; the
sentence that decided the stance, when it is not the headline itself; the status change, if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from html import escape
from urllib.parse import urlsplit

from bot.delivery import zone
from bot.engine.text import has_chinese, trim
from bot.i18n import label, t
from bot.textsplit import trim_html
from core.records import Claim, Evidence

MAX_HEADLINE = 200
_EDGE_PUNCTUATION = " \t\n.。!！?？:：;；,，…\"'“”‘’「」"


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
    published: float | None = None  # unix seconds
    official_names: tuple[str, ...] = ()  # every name of the answering party, to pick the reader's language


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


def name_in(names: tuple[str, ...], lang: str) -> str:
    """An entity's name in the reader's language: for Chinese its first Chinese alias, else its first name."""
    if lang == "zh":
        for name in names:
            if has_chinese(name):
                return name
    return names[0] if names else ""


def same_words(a: str, b: str) -> bool:
    """Whether two texts say the same, ignoring case, spacing and punctuation at their ends."""
    def norm(text: str) -> str:
        return " ".join(text.split()).strip(_EDGE_PUNCTUATION).casefold()
    return norm(a) == norm(b)


def local_time(published: float, timezone: str | None) -> str:
    """'2021-03-04 14:05 CST': a moment in the chat's time zone, with the zone's abbreviation."""
    moment = datetime.fromtimestamp(published, zone(timezone))
    return moment.strftime("%Y-%m-%d %H:%M ") + (moment.tzname() or "UTC")


def _source_line(facts: AlertFacts, lang: str, timezone: str | None) -> str:
    """The source, linked when its link is a web link, and when it was published."""
    link = safe_link(facts.link)
    source = escape(facts.source or t(lang, "alert.source"))
    line = f'<a href="{escape(link, quote=True)}">{source}</a>' if link else source
    if facts.published is not None:
        line += f" · {escape(local_time(facts.published, timezone))}"
    return line


def render_alert(facts: AlertFacts, lang: str = "en", timezone: str | None = "UTC") -> str:
    """One alert: the claim, what happened, the headline, source and time, the deciding sentence, the status."""
    ev = facts.evidence
    lines = [f"🔔 <b>{escape(facts.claim.id)}</b>: {escape(claim_text(facts.claim, lang))}",
             _what_happened(facts, lang)]
    headline = trim(facts.title, MAX_HEADLINE)
    if headline:
        lines.append(f"<b>{escape(headline)}</b>")
    lines.append(_source_line(facts, lang, timezone))
    if ev.sentence and not same_words(ev.sentence, facts.title):
        lines.append(f"<blockquote>{escape(trim(ev.sentence))}</blockquote>")
    if facts.new_status and facts.old_status != facts.new_status:
        old = label(lang, "status", facts.old_status or "unverified")
        lines.append(t(lang, "alert.status", old=escape(old), new=escape(label(lang, "status", facts.new_status))))
    return trim_html("\n".join(lines))


def _what_happened(facts: AlertFacts, lang: str) -> str:
    """"Official response from BAIC Blue Valley (statement): denies", or the stance of a media report."""
    ev = facts.evidence
    if ev.official:
        name = name_in(facts.official_names, lang) or facts.official_name or ev.official_entity or ""
        return t(lang, "alert.official", name=escape(name),
                 how=label(lang, "alert.how", ev.official), verb=label(lang, "alert.verb", ev.stance))
    return t(lang, "alert.evidence", stance=label(lang, "alert.stance", ev.stance))
