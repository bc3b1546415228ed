"""The bot's own standing in a chat changed: when it may send there again, held alerts go out at once."""

from __future__ import annotations

import time

from telegram import ChatMember, ChatMemberRestricted, Update

from bot.context import RumorContext
from storage import commands


def may_send(member: ChatMember) -> bool:
    """Whether the bot, as this member of a chat, may post messages there."""
    if isinstance(member, ChatMemberRestricted):
        return member.is_member and member.can_send_messages
    return member.status in (ChatMember.MEMBER, ChatMember.ADMINISTRATOR, ChatMember.OWNER)


async def bot_membership(update: Update, context: RumorContext) -> None:
    """A group gave the bot back its right to send: release the alerts held since it lost it."""
    change = update.my_chat_member
    if change is None or not may_send(change.new_chat_member):
        return
    rt = context.runtime
    if await commands.rights_restored(rt.db, change.chat.id, time.time()):
        rt.outbox_ready.set()
