"""/status: where a claim stands, and the evidence that put it there."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape

from telegram import Update

from bot.alerts import quote, safe_link
from handlers.common import Context, reply, runtime
from handlers.subscriptions import suggestions
from storage import claims, evidence
from storage.evidence import EvidenceView

STATUS_ICONS = {"unverified": "❔", "disputed": "⚖️", "leaning true": "↗️", "leaning false": "↘️",
                "confirmed": "✅", "denied": "❌"}


def _line(ev: EvidenceView, entity_name: str) -> str:
    day = datetime.fromtimestamp(ev.published_at, tz=UTC).strftime("%Y-%m-%d")
    link = safe_link(ev.link)
    source = escape(ev.source)
    source = f'<a href="{escape(link, quote=True)}">{source}</a>' if link else source
    who = f"🏛 official ({escape(entity_name)}), " if ev.official else ""
    return f"• {who}{escape(ev.stance)} – {source}, {day}\n  “{escape(quote(ev.sentence or ev.title, 200))}”"


async def status(update: Update, context: Context) -> None:
    """Show a claim's status, why, and its evidence."""
    args = context.args or []
    if len(args) != 1:
        await reply(update, "Usage: /status &lt;claim&gt;, for example /status xiaomi-qualification")
        return
    rt = runtime(context)
    claim_id = args[0].lower()[:64]
    record = await claims.get_claim(rt.db, claim_id)
    if record is None:
        await reply(update, f"No claim called <code>{escape(claim_id)}</code>." + await suggestions(context, claim_id))
        return
    found = await evidence.claim_evidence(rt.db, claim_id, "match", 8)
    maybe = await evidence.claim_evidence(rt.db, claim_id, "candidate", 3)
    stories, sources = await evidence.evidence_counts(rt.db, claim_id)
    icon = STATUS_ICONS.get(record.status, "")
    parts = [
        f"<b>{escape(claim_id)}</b>: {escape(record.claim.text)}",
        f"Status: {icon} <b>{escape(record.status)}</b> – {escape(record.status_reason or 'no evidence yet')}",
        f"{stories} stor{'y' if stories == 1 else 'ies'} from {sources} source{'s' if sources != 1 else ''}.",
    ]
    if found:
        parts.append("\n".join(["<b>Evidence</b>", *(_line(e, rt.entity_name(e.official_entity)) for e in found)]))
    if maybe:
        parts.append("\n".join(["<b>Possibly related</b>", *(_line(e, "") for e in maybe)]))
    await reply(update, "\n\n".join(parts))
