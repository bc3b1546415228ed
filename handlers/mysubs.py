"""/mysubs: this chat's subscriptions with each claim's status, and buttons to unsubscribe, mute or unmute.

Buttons act on the forum thread the list was asked in (other threads are listed, not changed, here).
In a private chat the channels its user subscribed are listed too, each with its subscriptions.
"""

from __future__ import annotations

import time
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.i18n import label, t
from bot.runtime import Runtime
from handlers.common import Context, edit_in_place, language, may_manage, reply, slug_arg, thread_of, usage
from storage import channels, chats, claims, commands
from storage.chats import Subscription

MAX_CALLBACK_BYTES = 64
KINDS = {"c": "claim", "t": "topic"}
CODES = {kind: code for code, kind in KINDS.items()}


async def _line(rt: Runtime, lang: str, sub: Subscription) -> str:
    """'claim <code>id</code>', its forum thread, the claim's [status], and 🔇 when muted."""
    line = f"{t(lang, f'kind.{sub.kind}')} <code>{escape(sub.target)}</code>"
    if sub.thread_id:
        line += t(lang, "mysubs.thread", thread=sub.thread_id)
    if sub.kind == "claim" and (record := await claims.get_claim(rt.db, sub.target)) is not None:
        line += f" [{escape(label(lang, 'status', record.status))}]"
    return line + (t(lang, "mysubs.muted") if sub.muted else "")


def _buttons(lang: str, sub: Subscription) -> list[InlineKeyboardButton]:
    """✖ for every subscription; 🔇 or 🔔 for a claim. Data that would pass 64 bytes gets no button."""
    code = CODES[sub.kind]
    wanted = [("u", "button.mysubs.unsubscribe")]
    if sub.kind == "claim":
        wanted.append(("n", "button.mysubs.unmute") if sub.muted else ("m", "button.mysubs.mute"))
    return [InlineKeyboardButton(t(lang, key, name=sub.target), callback_data=data)
            for op, key in wanted
            if len((data := f"ms:{op}:{code}:{sub.target}").encode()) <= MAX_CALLBACK_BYTES]


async def _channel_lines(rt: Runtime, lang: str, user_id: int) -> list[str]:
    lines = []
    for channel in await channels.managed_by(rt.db, user_id):
        subs = await chats.chat_subscriptions(rt.db, channel.chat_id)
        lines.append("\n".join([t(lang, "mysubs.channel", channel=escape(channel.title)),
                                *[await _line(rt, lang, s) for s in subs]]))
    return lines


async def view(
    rt: Runtime, lang: str, chat_id: int, thread_id: int, user_id: int | None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The list and its buttons; `user_id` (in a private chat) adds the channels that user manages."""
    subs = await chats.chat_subscriptions(rt.db, chat_id)
    extra = await _channel_lines(rt, lang, user_id) if user_id is not None else []
    if not subs and not extra:
        return t(lang, "mysubs.none"), None
    lines = [t(lang, "mysubs.header"), *[await _line(rt, lang, s) for s in subs]]
    rows = [row for s in subs if s.thread_id == thread_id and (row := _buttons(lang, s))]
    if rows:
        lines.append(t(lang, "mysubs.hint"))
    text = "\n".join(lines) + ("\n\n" + "\n\n".join(extra) if extra else "")
    return text, InlineKeyboardMarkup(rows) if rows else None


async def my_subscriptions(update: Update, context: Context) -> None:
    """List this chat's subscriptions, with buttons to change them."""
    lang = await language(update, context)
    message, chat = update.effective_message, update.effective_chat
    if context.args or message is None or chat is None:
        await usage(update, lang, "mysubs")
        return
    user = update.effective_user
    private = chat.type == "private" and user is not None
    text, keyboard = await view(context.runtime, lang, chat.id, thread_of(message), user.id if private and user
                                else None)
    await reply(update, text, keyboard=keyboard)


async def _apply(rt: Runtime, chat_id: int, thread_id: int, op: str, kind: str, target: str) -> None:
    """u: unsubscribe; m: mute the claim; n: unmute it (subscribing again lifts a mute)."""
    if op == "m":
        await commands.mute_claim(rt.db, chat_id, thread_id, target, time.time())
    else:
        await commands.change_subscription(rt.db, chat_id, thread_id, kind, target, time.time(), adding=op == "n")


async def mysubs_button(update: Update, context: Context) -> None:
    """ms:<u|m|n>:<c|t>:<target>: unsubscribe, mute or unmute, then redraw the list in place."""
    query, message, chat, user = update.callback_query, update.effective_message, update.effective_chat, \
        update.effective_user
    if query is None or query.data is None or message is None or chat is None:
        return
    lang = await language(update, context)
    _, op, code, target = [*query.data.split(":", 3), "", "", ""][:4]
    name = slug_arg(target)
    if op not in ("u", "m", "n") or code not in KINDS or name is None or (op != "u" and code != "c"):
        await query.answer(t(lang, "button_expired"), show_alert=True)
        return
    if not await may_manage(update, context):
        await query.answer(t(lang, "group_admins_only"), show_alert=True)
        return
    rt, thread = context.runtime, thread_of(message)
    await _apply(rt, chat.id, thread, op, KINDS[code], name)
    await query.answer()
    private = chat.type == "private" and user is not None
    text, keyboard = await view(rt, lang, chat.id, thread, user.id if private and user else None)
    await edit_in_place(query, text, keyboard)
