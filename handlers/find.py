"""Reaching a claim by its id or its words: one answer at once, several as buttons, none with the closest."""

from __future__ import annotations

import asyncio
import difflib
import re
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.alerts import claim_text
from bot.engine.search import Found, find_claims, query_vector
from bot.engine.text import trim
from bot.i18n import t
from bot.runtime import Runtime
from handlers.common import Context, language, reply, slug_arg, usage

MAX_WORDS = 200
_MEANING = re.compile(r"\w")
BUTTON_TEXT = 48
MAX_CALLBACK_BYTES = 64

Answer = Callable[[Update, Context, str, str], Awaitable[None]]  # (update, context, lang, claim_id)
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def words_arg(args: Sequence[str]) -> str | None:
    """A command's arguments as the words a reader typed: None when there are none, when they are only
    punctuation or markup (nothing to search for), or when they are longer than anyone names a claim."""
    words = " ".join(a for a in args if a).strip()
    if not words or len(words) > MAX_WORDS or not _MEANING.search(re.sub(r"<[^>]*>", "", words)):
        return None
    return words


def closest_ids(rt: Runtime, found: Found, words: str) -> list[str]:
    """The engine's nearest claims, else the ids spelled most like the words."""
    if found.claim_ids:
        return list(found.claim_ids)
    return difflib.get_close_matches(words.lower(), [c.id for c in rt.engine.claims], n=3, cutoff=0.5)


def choices(rt: Runtime, claim_ids: tuple[str, ...], action: str, lang: str) -> InlineKeyboardMarkup:
    """One button per claim, labelled with its text in the reader's language; its data `action:claim_id`."""
    by_id = {c.id: c for c in rt.engine.claims}
    rows = [[InlineKeyboardButton(trim(claim_text(by_id[c], lang), BUTTON_TEXT), callback_data=f"{action}:{c}")]
            for c in claim_ids if c in by_id and len(f"{action}:{c}".encode()) <= MAX_CALLBACK_BYTES]
    return InlineKeyboardMarkup(rows)


def none_text(rt: Runtime, lang: str, words: str, found: Found) -> str:
    """"No claim matches …", with the closest ids or a pointer to /claims."""
    close = closest_ids(rt, found, words)
    text = t(lang, "find.none", words=escape(trim(words, MAX_WORDS)))
    if not close:
        return text + t(lang, "sub.see_claims")
    return text + t(lang, "find.closest", names=", ".join(f"<code>{escape(c)}</code>" for c in close))


async def search(rt: Runtime, words: str) -> Found:
    """`find_claims` with the words encoded, when the engine reads meaning, in a worker thread: the
    encoder must not hold up the event loop."""
    vector = await asyncio.to_thread(query_vector, rt.engine, words) if rt.engine.semantic else None
    return find_claims(rt.engine, words, vector)


async def find_claim(update: Update, context: Context, lang: str, words: str, action: str) -> str | None:
    """The claim the user means; None after answering with buttons to pick from (`action:id`) or the closest."""
    rt = context.runtime
    found = await search(rt, words)
    if found.outcome == "one":
        return found.claim_ids[0]
    if found.outcome == "several":
        await reply(update, t(lang, "find.several", words=escape(trim(words, MAX_WORDS))),
                    keyboard=choices(rt, found.claim_ids, action, lang))
        return None
    await reply(update, none_text(rt, lang, words, found))
    return None


def claim_handlers(command: str, action: str, answer: Answer) -> tuple[Handler, Handler]:
    """The two ways to reach a claim-taking answer: the command (`/command <claim or words>`, usage when
    there are no words, buttons when several claims fit) and the button (`action:claim_id`)."""

    async def by_words(update: Update, context: Context) -> None:
        lang = await language(update, context)
        words = words_arg(context.args or [])
        if words is None:
            await usage(update, lang, command)
            return
        claim_id = await find_claim(update, context, lang, words, action)
        if claim_id is not None:
            await answer(update, context, lang, claim_id)

    async def by_button(update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None or query.data is None:
            return
        await query.answer()
        lang = await language(update, context)
        await answer(update, context, lang, slug_arg(query.data.removeprefix(f"{action}:")) or "?")

    return by_words, by_button
