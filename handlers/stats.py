"""/stats for bot administrators: feeds, items, claims, chats, the outbox backlog and failing feeds."""

from __future__ import annotations

import time
from html import escape

from telegram import Update

from bot.i18n import t
from handlers.common import Context, admin_args, no_args, reply
from storage import chats, claims, feeds, items, outbox

FAILING_SHOWN = 10


async def stats(update: Update, context: Context) -> None:
    """Show what the bot holds and whether anything is stuck."""
    if (got := await admin_args(update, context, "stats", no_args)) is None:
        return
    lang, _ = got
    db = context.runtime.db
    all_feeds = await feeds.list_feeds(db)
    failing = [f for f in all_feeds if f.failing]
    backlog, oldest = await outbox.backlog(db)
    waited = t(lang, "stats.oldest", minutes=int((time.time() - oldest) // 60)) if oldest else ""
    text = t(lang, "stats.text", feeds=len(all_feeds), failing=len(failing), items=await items.count_items(db),
             claims=len(await claims.list_claims(db)), chats=await chats.count_chats(db), backlog=backlog,
             oldest=waited)
    if failing:
        lines = [f"• {escape(f.display_name)}: {escape((f.last_error or '')[:200])}" for f in failing[:FAILING_SHOWN]]
        text += "\n\n" + "\n".join([t(lang, "stats.failing"), *lines])
    await reply(update, text)
