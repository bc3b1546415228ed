"""/subscribe, /unsubscribe and the subscribe and mute buttons: what a chat hears about."""

from __future__ import annotations

import difflib
import time
from html import escape

from telegram import Update

from bot.i18n import t
from handlers.channels import channel_ref, channel_subscription
from handlers.common import Context, language, may_manage, reply, slug_arg, thread_of, usage
from handlers.find import find_claim, words_arg
from storage import claims, commands


async def resolve_target(context: Context, name: str) -> tuple[str, str] | None:
    """('claim', id) or ('topic', name) for a user's argument, or None."""
    db = context.runtime.db
    if await claims.get_claim(db, name):
        return "claim", name
    if name in {topic for topic, _ in await claims.topics(db)}:
        return "topic", name
    return None


async def suggestions(context: Context, lang: str, name: str) -> str:
    """" Did you mean …?" with the closest claim ids and topics, or a pointer to /claims."""
    db = context.runtime.db
    names = [r.claim.id for r in await claims.list_claims(db)] + [topic for topic, _ in await claims.topics(db)]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    if not close:
        return t(lang, "sub.see_claims")
    return t(lang, "sub.did_you_mean", names=", ".join(f"<code>{escape(c)}</code>" for c in close))


async def change_subscription(
    update: Update, context: Context, lang: str, target: tuple[str, str], adding: bool
) -> str:
    """Subscribe or unsubscribe this chat (and forum topic) to ('claim', id) or ('topic', name); the answer."""
    message = update.effective_message
    if message is None or not await may_manage(update, context):
        return t(lang, "group_admins_only")
    kind, value = target
    changed = await commands.change_subscription(context.runtime.db, message.chat_id, thread_of(message), kind,
                                                 value, time.time(), adding=adding)
    key = ("sub.done" if changed else "sub.already") if adding else ("unsub.done" if changed else "unsub.not")
    return t(lang, key, kind=t(lang, f"kind.{kind}"), name=escape(value))


async def _named(update: Update, context: Context, lang: str, name: str, adding: bool) -> str:
    """The answer for a claim or topic named by a button: changed, or unknown with the closest names."""
    target = await resolve_target(context, name)
    if target is None:
        return t(lang, "sub.unknown", name=escape(name)) + await suggestions(context, lang, name)
    return await change_subscription(update, context, lang, target, adding)


async def _command(update: Update, context: Context, adding: bool) -> None:
    """/subscribe and /unsubscribe: a claim or topic by its id or name, a claim by its words, or a channel."""
    lang = await language(update, context)
    args = context.args or []
    channel = channel_ref(args[0]) if args else None
    if channel is not None and len(args) >= 2:
        await channel_subscription(update, context, lang, channel, " ".join(args[1:]), adding)
        return
    words = words_arg(args)
    if words is None or channel is not None:
        await usage(update, lang, "subscribe" if adding else "unsubscribe")
        return
    if not await may_manage(update, context):
        await reply(update, t(lang, "group_admins_only"))
        return
    target = await resolve_target(context, slug_arg(words) or "")
    if target is None:
        claim_id = await find_claim(update, context, lang, words, "sub" if adding else "unsub")
        if claim_id is None:
            return
        target = ("claim", claim_id)
    await reply(update, await change_subscription(update, context, lang, target, adding))


async def subscribe(update: Update, context: Context) -> None:
    """Subscribe this chat (or forum topic) to a claim or a topic."""
    await _command(update, context, adding=True)


async def unsubscribe(update: Update, context: Context) -> None:
    """End a subscription."""
    await _command(update, context, adding=False)


async def _button(update: Update, context: Context, adding: bool) -> None:
    query = update.callback_query
    if query is None or query.data is None:
        return
    lang = await language(update, context)
    name = slug_arg(query.data.partition(":")[2]) or ""
    answer = await _named(update, context, lang, name, adding)
    await query.answer()
    await reply(update, answer)


async def subscribe_button(update: Update, context: Context) -> None:
    """The ➕ button under a /claims list, and a claim picked among several: subscribe, and say so."""
    await _button(update, context, adding=True)


async def unsubscribe_button(update: Update, context: Context) -> None:
    """A claim picked among several for /unsubscribe."""
    await _button(update, context, adding=False)


async def mute_button(update: Update, context: Context) -> None:
    """The "mute this claim" button under an alert: no more alerts on that claim here."""
    query = update.callback_query
    message = update.effective_message
    if query is None or query.data is None or message is None:
        return
    lang = await language(update, context)
    claim_id = slug_arg(query.data.removeprefix("mute:"))
    if claim_id is None or not await may_manage(update, context):
        await query.answer(t(lang, "button_expired" if claim_id is None else "group_admins_only"), show_alert=True)
        return
    await commands.mute_claim(context.runtime.db, message.chat_id, thread_of(message), claim_id, time.time())
    await query.answer()
    await reply(update, t(lang, "mute.done", claim=escape(claim_id)))
