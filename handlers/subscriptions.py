"""/subscribe, /unsubscribe and /mysubs: which claims and topics a chat hears about."""

from __future__ import annotations

import difflib
import time
from html import escape

from telegram import Update

from handlers.common import Context, may_manage, remember_chat, reply, runtime, thread_of
from storage import chats, claims
from storage.db import transaction


async def resolve_target(context: Context, name: str) -> tuple[str, str] | None:
    """('claim', id) or ('topic', name) for a user's argument, or None."""
    db = runtime(context).db
    if await claims.get_claim(db, name):
        return "claim", name
    if name in {t for t, _ in await claims.topics(db)}:
        return "topic", name
    return None


async def suggestions(context: Context, name: str) -> str:
    db = runtime(context).db
    names = [r.claim.id for r in await claims.list_claims(db)] + [t for t, _ in await claims.topics(db)]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    return f" Did you mean {', '.join(f'<code>{escape(c)}</code>' for c in close)}?" if close else " See /claims."


async def _change(update: Update, context: Context, adding: bool) -> None:
    command = "subscribe" if adding else "unsubscribe"
    args = context.args or []
    if len(args) != 1:
        await reply(update, f"Usage: /{command} &lt;claim or topic&gt;, for example /{command} xiaomi-auto")
        return
    if not await may_manage(update, context):
        await reply(update, "Only the group's administrators can change its subscriptions.")
        return
    name = args[0].lower()[:64]
    target = await resolve_target(context, name)
    if target is None:
        await reply(update, f"No claim or topic called <code>{escape(name)}</code>." + await suggestions(context, name))
        return
    db, message = runtime(context).db, update.effective_message
    if message is None:
        return
    await remember_chat(update, context)
    async with transaction(db):
        if adding:
            changed = await chats.subscribe(db, message.chat_id, thread_of(message), *target, time.time())
        else:
            changed = await chats.unsubscribe(db, message.chat_id, thread_of(message), *target)
    kind, value = target
    if adding:
        text = (f"✅ Subscribed to {kind} <code>{escape(value)}</code>. You will hear of new evidence and "
                "official responses." if changed else f"Already subscribed to <code>{escape(value)}</code>.")
    else:
        text = (f"Unsubscribed from <code>{escape(value)}</code>." if changed
                else f"This chat was not subscribed to <code>{escape(value)}</code>.")
    await reply(update, text)


async def subscribe(update: Update, context: Context) -> None:
    """Subscribe this chat (or forum topic) to a claim or a topic."""
    await _change(update, context, adding=True)


async def unsubscribe(update: Update, context: Context) -> None:
    """End a subscription."""
    await _change(update, context, adding=False)


async def my_subscriptions(update: Update, context: Context) -> None:
    """List this chat's subscriptions."""
    message = update.effective_message
    if message is None:
        return
    subs = await chats.chat_subscriptions(runtime(context).db, message.chat_id)
    if not subs:
        await reply(update, "No subscriptions yet. See /claims, then /subscribe &lt;claim or topic&gt;.")
        return
    lines = [f"{s.kind} <code>{escape(s.target)}</code>" + (f" (topic thread {s.thread_id})" if s.thread_id else "")
             for s in subs]
    await reply(update, "Subscriptions:\n" + "\n".join(lines))
