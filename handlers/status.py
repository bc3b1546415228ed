"""/status and the "full status" button: where a claim stands, and the evidence that put it there."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.alerts import claim_text, safe_link
from bot.engine.text import trim
from bot.i18n import label, plural, t
from bot.runtime import Runtime
from handlers.common import Context, reply
from handlers.find import claim_handlers
from handlers.subscriptions import suggestions
from storage import claims, evidence
from storage.evidence import EvidenceView

STATUS_ICONS = {"unverified": "❔", "disputed": "⚖️", "leaning true": "↗️", "leaning false": "↘️",
                "confirmed": "✅", "denied": "❌"}
EVIDENCE_SHOWN = 8
RELATED_SHOWN = 3


def _line(ev: EvidenceView, lang: str, entity_name: str) -> str:
    """One piece of evidence: who, stance, source (linked), date, and the sentence that shows it."""
    day = datetime.fromtimestamp(ev.published_at, tz=UTC).strftime("%Y-%m-%d")
    link = safe_link(ev.link)
    source = escape(ev.source)
    source = f'<a href="{escape(link, quote=True)}">{source}</a>' if link else source
    who = t(lang, "status.official_by", name=escape(entity_name)) if ev.official else ""
    stance = escape(label(lang, "stance", ev.stance))
    return f"• {who}{stance} – {source}, {day}\n  “{escape(trim(ev.sentence or ev.title, 200))}”"


def _section(heading: str, lines: list[str]) -> list[str]:
    return ["\n".join([heading, *lines])] if lines else []


async def status_text(rt: Runtime, lang: str, claim_id: str) -> str | None:
    """The claim, its status and why, official responses, latest evidence, counts, possibly related."""
    record = await claims.get_claim(rt.db, claim_id)
    if record is None:
        return None
    found = await evidence.claim_evidence(rt.db, claim_id, "match", EVIDENCE_SHOWN)
    maybe = await evidence.claim_evidence(rt.db, claim_id, "candidate", RELATED_SHOWN)
    stories, sources = await evidence.evidence_counts(rt.db, claim_id)
    reason = escape(record.status_reason) if record.status_reason else t(lang, "status.no_reason")
    parts = [
        f"<b>{escape(claim_id)}</b>: {escape(claim_text(record.claim, lang))}",
        t(lang, "status.line", icon=STATUS_ICONS.get(record.status, ""),
          status=escape(label(lang, "status", record.status)), reason=reason),
        *_section(t(lang, "status.official"),
                  [_line(e, lang, rt.entity_name(e.official_entity)) for e in found if e.official]),
        *_section(t(lang, "status.evidence"), [_line(e, lang, "") for e in found if not e.official]),
        t(lang, "status.counts", stories=plural(lang, "status.stories", stories),
          sources=plural(lang, "status.sources", sources)),
        *_section(t(lang, "status.related"), [_line(e, lang, "") for e in maybe]),
    ]
    return "\n\n".join(parts)


async def answer_status(update: Update, context: Context, lang: str, claim_id: str) -> None:
    """Reply with the claim's status, or with the closest ids when there is no such claim."""
    text = await status_text(context.runtime, lang, claim_id)
    if text is None:
        text = t(lang, "status.unknown", claim=escape(claim_id)) + await suggestions(context, lang, claim_id)
        await reply(update, text)
        return
    chart = InlineKeyboardButton(t(lang, "button.timeline"), callback_data=f"tl:{claim_id}")
    await reply(update, text, keyboard=InlineKeyboardMarkup([[chart]]))


# /status <claim or words>: a claim's status, why, and its evidence; the "full status" button under an
# alert, and the claim picked among several, answer the same.
status, status_button = claim_handlers("status", "status", answer_status)
