"""Channels: an administrator subscribes a channel from a private chat with the bot.

`/subscribe @channel <claim, topic or words>` (or the channel's id, -100…) asks Telegram with
getChatMember whether the user administers the channel and whether the bot may post there, and says
which of the two is missing. Alerts then reach the channel through the outbox like any chat's.
"""

from __future__ import annotations

import re
import time
from html import escape

from telegram import ChatFullInfo, ChatMemberAdministrator, Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden

from bot.i18n import t
from handlers.common import Context, reply
from handlers.find import none_text, search
from storage import channels, claims

CHANNEL_REF = re.compile(r"^(@[A-Za-z][A-Za-z0-9_]{3,31}|-100\d{5,16})$")
ADMIN_STATUSES = (ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER)


def channel_ref(arg: str) -> str | int | None:
    """A channel named by @username or by its id (-100…), or None when `arg` names no channel."""
    if not CHANNEL_REF.match(arg):
        return None
    return int(arg) if arg.startswith("-") else arg


def shown(chat: ChatFullInfo) -> str:
    """How the bot names the channel back: @username, else its title."""
    return f"@{chat.username}" if chat.username else (chat.title or str(chat.id))


async def _channel(context: Context, ref: str | int, user_id: int, *, posting: bool) -> tuple[ChatFullInfo | None, str]:
    """The channel, or None and what is missing: not found, not a channel, the user is no administrator,
    the bot is not one or may not post (checked only when `posting`)."""
    try:
        chat = await context.bot.get_chat(ref)
        if chat.type != ChatType.CHANNEL:
            return None, "not_channel"
        member = await context.bot.get_chat_member(chat.id, user_id)
        if member.status not in ADMIN_STATUSES:
            return chat, "not_admin"
        if not posting:
            return chat, ""
        me = await context.bot.get_chat_member(chat.id, context.bot.id)
    except (BadRequest, Forbidden):
        return None, "not_found"
    if me.status not in ADMIN_STATUSES:
        return chat, "bot_missing"
    if isinstance(me, ChatMemberAdministrator) and not me.can_post_messages:
        return chat, "bot_cannot_post"
    return chat, ""


async def _target(update: Update, context: Context, lang: str, words: str) -> tuple[str, str] | None:
    """('claim', id) or ('topic', name) for the words; None after saying what was found instead."""
    rt = context.runtime
    wanted = words.strip().lower()
    if wanted in {topic for topic, _ in await claims.topics(rt.db)}:
        return "topic", wanted
    found = await search(rt, words)
    if found.outcome == "one":
        return "claim", found.claim_ids[0]
    if found.outcome == "several":
        names = ", ".join(f"<code>{escape(c)}</code>" for c in found.claim_ids)
        await reply(update, t(lang, "channel.several", words=escape(words), names=names))
    else:
        await reply(update, none_text(rt, lang, words, found))
    return None


async def channel_subscription(
    update: Update, context: Context, lang: str, ref: str | int, words: str, adding: bool
) -> None:
    """Subscribe or unsubscribe a channel from a private chat, after Telegram confirms who may."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE:
        await reply(update, t(lang, "channel.private_only"))
        return
    channel, missing = await _channel(context, ref, user.id, posting=adding)
    name = escape(shown(channel) if channel else str(ref))
    if channel is None or missing:
        await reply(update, t(lang, f"channel.{missing}", channel=name))
        return
    target = await _target(update, context, lang, words)
    if target is None:
        return
    kind, value = target
    db, now = context.runtime.db, time.time()
    if adding:
        changed = await channels.subscribe(db, channel.id, shown(channel), user.id, kind, value, now, lang)
        key = "channel.sub.done" if changed else "channel.sub.already"
    else:
        changed = await channels.unsubscribe(db, channel.id, kind, value)
        key = "channel.unsub.done" if changed else "channel.unsub.not"
    await reply(update, t(lang, key, channel=name, kind=t(lang, f"kind.{kind}"), name=escape(value)))
