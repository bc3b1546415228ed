"""/claims and /topics: what is tracked (all, a topic's, or matching words), with a button to subscribe to each."""

from __future__ import annotations

from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.alerts import claim_text
from bot.engine.text import trim
from bot.i18n import label, plural, t
from handlers.common import Context, edit_in_place, language, pressed, reply, slug_arg, usage
from handlers.find import MAX_WORDS, none_text, search, words_arg
from storage import claims

PAGE_SIZE = 5
MAX_CALLBACK_BYTES = 64


def button(text: str, data: str) -> InlineKeyboardButton | None:
    """An inline button, or None when its data would pass Telegram's 64-byte limit."""
    return InlineKeyboardButton(text, callback_data=data) if len(data.encode()) <= MAX_CALLBACK_BYTES else None


def _keyboard(rows: list[list[InlineKeyboardButton | None]]) -> InlineKeyboardMarkup | None:
    kept = [[b for b in row if b is not None] for row in rows]
    kept = [row for row in kept if row]
    return InlineKeyboardMarkup(kept) if kept else None


async def claims_page(
    context: Context, lang: str, topic: str | None, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One page of claims (of a topic) as text, with subscribe and page buttons."""
    records = await claims.list_claims(context.runtime.db, topic)
    if not records:
        return await _no_claims(context, lang, topic), None
    pages = (len(records) + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    shown = records[page * PAGE_SIZE:(page + 1) * PAGE_SIZE]
    first, last = page * PAGE_SIZE + 1, page * PAGE_SIZE + len(shown)
    head = t(lang, "claims.header_topic" if topic else "claims.header", topic=escape(topic or ""),
             first=first, last=last, total=len(records))
    lines = [f"<code>{escape(r.claim.id)}</code> [{escape(label(lang, 'status', r.status))}]\n"
             f"{escape(claim_text(r.claim, lang))}" for r in shown]
    text = "\n\n".join([head, *lines, t(lang, "claims.footer")])
    rows = [[button(t(lang, "button.subscribe", claim=r.claim.id), f"sub:{r.claim.id}")] for r in shown]
    where = topic or ""
    nav = [button(t(lang, "claims.prev"), f"claims:{page - 1}:{where}") if page > 0 else None,
           button(t(lang, "claims.next"), f"claims:{page + 1}:{where}") if page + 1 < pages else None]
    return text, _keyboard([*rows, nav])


async def _no_claims(context: Context, lang: str, topic: str | None) -> str:
    if not topic:
        return t(lang, "claims.none")
    known = ", ".join(name for name, _ in await claims.topics(context.runtime.db)) or t(lang, "none")
    return t(lang, "claims.none_in_topic", topic=escape(topic), topics=escape(known))


async def found_claims(context: Context, lang: str, words: str) -> tuple[str, InlineKeyboardMarkup | None]:
    """The claims that match the words, listed like a page of /claims; what was closest when none does."""
    rt = context.runtime
    found = await search(rt, words)
    if found.outcome == "none":
        return none_text(rt, lang, words, found), None
    records = [r for c in found.claim_ids if (r := await claims.get_claim(rt.db, c)) is not None]
    head = t(lang, "claims.header_words", words=escape(trim(words, MAX_WORDS)), n=len(records))
    lines = [f"<code>{escape(r.claim.id)}</code> [{escape(label(lang, 'status', r.status))}]\n"
             f"{escape(claim_text(r.claim, lang))}" for r in records]
    rows = [[button(t(lang, "button.subscribe", claim=r.claim.id), f"sub:{r.claim.id}")] for r in records]
    return "\n\n".join([head, *lines, t(lang, "claims.footer")]), _keyboard(rows)


async def list_claims(update: Update, context: Context) -> None:
    """List tracked claims, a page at a time: all of them, a topic's, or those matching words."""
    lang = await language(update, context)
    args = context.args or []
    topic = slug_arg(args[0]) if len(args) == 1 else None
    known = {name for name, _ in await claims.topics(context.runtime.db)}
    if not args or topic in known:
        text, keyboard = await claims_page(context, lang, topic, 0)
    elif (words := words_arg(args)) is not None:
        text, keyboard = await found_claims(context, lang, words)
    else:
        await usage(update, lang, "claims")
        return
    await reply(update, text, keyboard=keyboard)


async def claims_page_button(update: Update, context: Context) -> None:
    """Turn the page of a /claims list in place."""
    if (press := await pressed(update, context)) is None:
        return
    query, lang, page, topic = press
    text, keyboard = await claims_page(context, lang, slug_arg(topic), int(page) if page.isdigit() else 0)
    await query.answer()
    await edit_in_place(query, text, keyboard)


async def list_topics(update: Update, context: Context) -> None:
    """List topics with their number of claims."""
    lang = await language(update, context)
    if context.args:
        await usage(update, lang, "topics")
        return
    found = await claims.topics(context.runtime.db)
    if not found:
        await reply(update, t(lang, "topics.none"))
        return
    lines = [f"<code>{escape(name)}</code> – {plural(lang, 'topics.line', n)}" for name, n in found]
    await reply(update, "\n".join(lines) + "\n\n" + t(lang, "topics.footer"))
