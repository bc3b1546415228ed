"""/claims and /topics: what is tracked."""

from __future__ import annotations

from html import escape

from telegram import Update

from handlers.common import Context, reply, runtime
from storage import claims


async def list_claims(update: Update, context: Context) -> None:
    """List tracked claims, optionally of one topic."""
    args = context.args or []
    if len(args) > 1:
        await reply(update, "Usage: /claims [topic]")
        return
    topic = args[0].lower() if args else None
    records = await claims.list_claims(runtime(context).db, topic)
    if not records:
        known = ", ".join(t for t, _ in await claims.topics(runtime(context).db)) or "none yet"
        await reply(update, f"No claims{' in that topic' if topic else ''}. Topics: {escape(known)}")
        return
    lines = [f"<code>{escape(r.claim.id)}</code> [{escape(r.status)}]\n{escape(r.claim.text)}" for r in records]
    await reply(update, "\n\n".join(lines) + "\n\nSubscribe with /subscribe &lt;claim id&gt;")


async def list_topics(update: Update, context: Context) -> None:
    """List topics with their number of claims."""
    found = await claims.topics(runtime(context).db)
    if not found:
        await reply(update, "No topics yet.")
        return
    lines = [f"<code>{escape(t)}</code> – {n} claim{'s' if n != 1 else ''}" for t, n in found]
    await reply(update, "\n".join(lines) + "\n\nSubscribe to a whole topic with /subscribe &lt;topic&gt;")
