"""What every handler needs: the runtime, the chat's place and language, checks, and short replies.

Admin commands go through one gate, `admin_language`, which answers anyone else with one translated refusal.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest

from bot.context import RumorContext
from bot.i18n import Lang, choose_language, t
from bot.runtime import Runtime
from bot.textsplit import split_html, trim_html
from core.ids import is_id
from storage import chats, claims, commands

Context = RumorContext
GROUP_TYPES = (ChatType.GROUP, ChatType.SUPERGROUP)
MAX_ARG = 64
Parsed = TypeVar("Parsed")


def thread_of(message: Message) -> int:
    """The forum topic a message belongs to; 0 outside forum topics."""
    return message.message_thread_id if message.is_topic_message and message.message_thread_id else 0


def slug_arg(value: str) -> str | None:
    """A user's id argument, lower-cased, if it is a well-formed slug; None for garbage."""
    value = value.strip().lower()
    return value if is_id(value) else None


async def remember_chat(update: Update, context: Context) -> None:
    """Record the chat (and the language its last speaker uses) before any handler runs."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None:
        return
    seen = choose_language(None, user.language_code) if user and user.language_code else None
    title = chat.title or chat.full_name or ""
    await commands.record_chat(context.runtime.db, chat.id, chat.type, title, time.time(), seen)


async def language(update: Update, context: Context) -> Lang:
    """The chat's chosen language, else the language of the user's Telegram."""
    chat, user = update.effective_chat, update.effective_user
    stored = await chats.chat_language(context.runtime.db, chat.id) if chat else None
    return choose_language(stored, user.language_code if user else None)


async def reply(
    update: Update, text: str, *, html: bool = True, keyboard: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Answer in the chat (and forum topic) the update came from, split to fit; buttons on the last part."""
    message = update.effective_message
    if message is None:
        return None
    parts = split_html(text) if html else [text[:4000]]
    sent = None
    for number, part in enumerate(parts, start=1):
        sent = await message.reply_text(
            part,
            parse_mode=ParseMode.HTML if html else None,
            do_quote=False,
            disable_web_page_preview=True,
            reply_markup=keyboard if number == len(parts) else None,
        )
    return sent


async def edit_in_place(query: CallbackQuery, text: str, keyboard: InlineKeyboardMarkup | None) -> None:
    """Redraw the message under a pressed button; pressing the current choice again changes nothing."""
    try:
        await query.edit_message_text(trim_html(text), parse_mode=ParseMode.HTML, reply_markup=keyboard,
                                      disable_web_page_preview=True)
    except BadRequest as err:
        if "not modified" not in err.message.lower():
            raise


async def pressed(update: Update, context: Context) -> tuple[CallbackQuery, Lang, str, str] | None:
    """A button press: its query, the reader's language and the two fields of its data after the prefix
    (`prefix:first:rest`, empty when missing); None for an update that is not one."""
    query = update.callback_query
    if query is None or query.data is None:
        return None
    _, first, rest = [*query.data.split(":", 2), "", ""][:3]
    return query, await language(update, context), first, rest


async def usage(update: Update, lang: str, command: str) -> None:
    """The short usage line of a command, for missing, extra or garbage arguments."""
    await reply(update, t(lang, "usage", usage=t(lang, f"usage.{command}")))


async def may_manage(update: Update, context: Context) -> bool:
    """In groups only administrators change subscriptions and settings; anyone may in a private chat."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if chat.type not in GROUP_TYPES:
        return True
    message = update.effective_message
    if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
        return True  # an anonymous administrator writes as the group itself
    member = await context.bot.get_chat_member(chat.id, user.id)
    return member.status in ("administrator", "creator")


def is_admin(update: Update, context: Context) -> bool:
    """Bot administrators are listed in the configuration."""
    user = update.effective_user
    return user is not None and user.id in context.runtime.settings.telegram.admins


async def admin_language(update: Update, context: Context, *, refuse: bool = True) -> Lang | None:
    """The gate of every admin command, checked on every call: the language to answer a bot administrator
    in, or None for anyone else, who is told no (when `refuse`) in their language."""
    lang = await language(update, context)
    if is_admin(update, context):
        return lang
    if refuse:
        await reply(update, t(lang, "not_admin"))
    return None


def no_args(args: Sequence[str]) -> tuple[()] | None:
    """For commands that take no arguments: any given is a mistake worth the usage line."""
    return None if args else ()


async def admin_args(
    update: Update, context: Context, command: str, parse: Callable[[Sequence[str]], Parsed | None]
) -> tuple[Lang, Parsed] | None:
    """An admin command's gate and arguments: the language and what `parse` read of the arguments; None
    after refusing anyone else, or after answering the command's usage line when `parse` finds garbage."""
    lang = await admin_language(update, context)
    if lang is None:
        return None
    parsed = parse(context.args or [])
    if parsed is None:
        await usage(update, lang, command)
        return None
    return lang, parsed


async def reload_engine(rt: Runtime) -> None:
    """Claims or entities changed in storage: match new items against the stored set from now on."""
    tracked = [r.claim for r in await claims.list_claims(rt.db)]
    await rt.rebuild_engine(tracked, await claims.list_entities(rt.db))
