"""What every handler needs: the runtime, the chat's place, and short replies."""

from __future__ import annotations

import time

from telegram import Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.ext import ContextTypes

from bot.runtime import Runtime, get_runtime
from storage import chats
from storage.db import transaction

Context = ContextTypes.DEFAULT_TYPE
GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)


def runtime(context: Context) -> Runtime:
    return get_runtime(context.bot_data)


def thread_of(message: Message) -> int:
    """The forum topic a message belongs to; 0 outside forum topics."""
    return message.message_thread_id if message.is_topic_message and message.message_thread_id else 0


async def remember_chat(update: Update, context: Context) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    db = runtime(context).db
    async with transaction(db):
        await chats.ensure_chat(db, chat.id, chat.type, chat.title or chat.full_name or "", time.time())


async def reply(update: Update, text: str, *, html: bool = True) -> None:
    """Answer in the chat (and forum topic) the command came from."""
    message = update.effective_message
    if message is None:
        return
    await message.reply_text(
        text,
        parse_mode=ParseMode.HTML if html else None,
        do_quote=False,
        disable_web_page_preview=True,
    )


async def may_manage(update: Update, context: Context) -> bool:
    """In groups only administrators change subscriptions; anyone may in a private chat."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if chat.type not in GROUP_TYPES:
        return True
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ("administrator", "creator")


def is_admin(update: Update, context: Context) -> bool:
    """Bot administrators are listed in the configuration; checked on every admin command."""
    user = update.effective_user
    return user is not None and user.id in runtime(context).settings.telegram.admins
