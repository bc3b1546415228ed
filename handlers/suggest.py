"""/suggest and its buttons: anyone proposes a claim, the bot's admins approve or reject it.

The author sees what the claim would match and confirms; only then do the admins get it, each with
*Approve* and *Reject*. Storage moves a suggestion forward one step at a time, so a second press (by
the author, or by another admin) changes nothing and reaches nobody. On approval the claim is tracked,
the author's chat subscribed and told; every admin's copy is redrawn with the outcome.
"""

from __future__ import annotations

import logging
import time
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError

from bot.alerts import claim_text
from bot.engine import Claim
from bot.engine.text import trim
from bot.i18n import as_lang, t
from bot.runtime import Runtime
from bot.suggested import MAX_OPEN, MAX_TEXT, MIN_TEXT, claim_id_for, text_problem
from handlers.admin_claims import officials_named
from handlers.common import Context, edit_in_place, is_admin, language, pressed, reload_engine, reply, usage
from storage import chats, claims, suggestions
from storage.suggestions import Suggestion

log = logging.getLogger(__name__)
NEAREST = 3


def _rules(rt: Runtime, text: str) -> str:
    return rt.engine.describe(Claim("suggestion", text))


def _nearest(rt: Runtime, lang: str, text: str) -> str:
    """The tracked claims closest to the suggestion, so that the author sees whether it is tracked already."""
    by_id = {c.id: c for c in rt.engine.claims}
    close = [by_id[c] for c, _ in rt.engine.rank(text, NEAREST) if c in by_id]
    if not close:
        return ""
    lines = "\n".join(f"<code>{escape(c.id)}</code> – {escape(trim(claim_text(c, lang), 120))}" for c in close)
    return t(lang, "suggest.nearest", claims=lines)


def _buttons(lang: str, pairs: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(t(lang, key), callback_data=data) for key, data in pairs]])


async def suggest(update: Update, context: Context) -> None:
    """Suggest a claim to track: /suggest <the claim in one sentence>."""
    lang = await language(update, context)
    chat, user, rt = update.effective_chat, update.effective_user, context.runtime
    text = " ".join(context.args or [])
    if chat is None or user is None or not text:
        await usage(update, lang, "suggest")
        return
    if chat.type != ChatType.PRIVATE:
        await reply(update, t(lang, "suggest.private_only"))
        return
    if not rt.settings.telegram.admins:
        await reply(update, t(lang, "suggest.no_admins"))
        return
    problem = text_problem(text)
    if problem is not None:
        await reply(update, t(lang, f"suggest.{problem}", min=MIN_TEXT, max=MAX_TEXT))
        return
    author = user.full_name + (f" (@{user.username})" if user.username else "")
    drafted = await suggestions.draft(rt.db, user.id, chat.id, author, lang, text, time.time(), MAX_OPEN)
    if drafted.suggestion_id is None:
        await reply(update, t(lang, f"suggest.{drafted.refused}", n=MAX_OPEN))
        return
    number = drafted.suggestion_id
    preview = t(lang, "suggest.preview", text=escape(text), rules=escape(_rules(rt, text)))
    keyboard = _buttons(lang, [("button.suggest.send", f"sg:send:{number}"), ("button.suggest.cancel",
                                                                              f"sg:drop:{number}")])
    await reply(update, preview + _nearest(rt, lang, text) + t(lang, "suggest.ask"), keyboard=keyboard)


def admin_text(rt: Runtime, lang: str, found: Suggestion) -> str:
    """The suggestion as the admins see it."""
    return t(lang, "suggest.admin", id=found.id, user=escape(found.author), text=escape(found.text),
             rules=escape(_rules(rt, found.text))) + _nearest(rt, lang, found.text)


async def _send_to_admins(context: Context, found: Suggestion) -> None:
    """Each admin gets the suggestion with Approve and Reject; an admin who cannot be reached is logged."""
    rt = context.runtime
    for admin_id in rt.settings.telegram.admins:
        lang = as_lang(await chats.reading_language(rt.db, admin_id))
        keyboard = _buttons(lang, [("button.suggest.approve", f"sg:ok:{found.id}"),
                                   ("button.suggest.reject", f"sg:no:{found.id}")])
        try:
            sent = await context.bot.send_message(admin_id, admin_text(rt, lang, found),
                                                  parse_mode=ParseMode.HTML, reply_markup=keyboard)
        except TelegramError as err:
            log.warning("suggestion %d: admin %d cannot be reached: %s", found.id, admin_id, err)
            continue
        await suggestions.record_admin_message(rt.db, found.id, admin_id, sent.message_id)


async def _author_answers(update: Update, context: Context, lang: str, action: str, number: int) -> None:
    """The author's Send or Cancel: the draft goes to the admins once, or is dropped."""
    query, user, rt = update.callback_query, update.effective_user, context.runtime
    if query is None or user is None:
        return
    if action == "drop":
        dropped = await suggestions.withdraw(rt.db, number, user.id)
        await query.answer(None if dropped else t(lang, "button_expired"))
        if dropped:
            await edit_in_place(query, t(lang, "suggest.cancelled"), None)
        return
    pending = await suggestions.confirm(rt.db, number, user.id, time.time())
    await query.answer(None if pending else t(lang, "button_expired"))
    if pending is not None:
        await edit_in_place(query, t(lang, "suggest.preview", text=escape(pending.text),
                                     rules=escape(_rules(rt, pending.text))) + "\n\n" + t(lang, "suggest.sent"), None)
        await _send_to_admins(context, pending)


async def _decide(update: Update, context: Context, lang: str, approve: bool, number: int) -> None:
    """An admin's Approve or Reject: taken once; the author is told and every admin's copy redrawn."""
    query, user, rt = update.callback_query, update.effective_user, context.runtime
    if query is None or user is None:
        return
    if not is_admin(update, context):
        await query.answer(t(lang, "not_admin"), show_alert=True)
        return
    found = await suggestions.get(rt.db, number)
    if found is None or found.state != "pending":
        await query.answer(t(lang, "suggest.decided"), show_alert=True)
        return
    decided = await (_approve(rt, found, user.id) if approve else suggestions.reject(rt.db, number, user.id,
                                                                                     time.time()))
    if decided is None:
        await query.answer(t(lang, "suggest.decided"), show_alert=True)
        return
    await query.answer()
    if approve:
        await reload_engine(rt)
    await _tell_author(context, decided)
    await _redraw_admin_copies(context, decided, user.full_name)


async def _approve(rt: Runtime, found: Suggestion, admin_id: int) -> Suggestion | None:
    taken = {r.claim.id for r in await claims.list_claims(rt.db)}
    claim_id = claim_id_for(found.text, found.id, taken)
    claim = Claim(claim_id, found.text, officials=officials_named(found.text, await claims.list_entities(rt.db)))
    return await suggestions.approve(rt.db, found.id, admin_id, claim, time.time())


async def _tell_author(context: Context, decided: Suggestion) -> None:
    lang = as_lang(decided.language)
    key = "suggest.approved" if decided.state == "approved" else "suggest.rejected"
    text = t(lang, key, claim=escape(decided.claim_id or ""), text=escape(decided.text))
    try:
        await context.bot.send_message(decided.chat_id, text, parse_mode=ParseMode.HTML)
    except TelegramError as err:
        log.warning("suggestion %d: its author cannot be told: %s", decided.id, err)


async def _redraw_admin_copies(context: Context, decided: Suggestion, admin_name: str) -> None:
    """Every admin's copy shows who decided what, without buttons, so nobody decides twice."""
    rt = context.runtime
    for chat_id, message_id in await suggestions.admin_messages(rt.db, decided.id):
        lang = as_lang(await chats.reading_language(rt.db, chat_id))
        outcome = (t(lang, "suggest.approved_admin", admin=escape(admin_name), claim=escape(decided.claim_id or ""))
                   if decided.state == "approved" else t(lang, "suggest.rejected_admin", admin=escape(admin_name)))
        text = admin_text(rt, lang, decided) + outcome
        try:
            await context.bot.edit_message_text(text, chat_id, message_id, parse_mode=ParseMode.HTML)
        except TelegramError as err:
            log.warning("suggestion %d: admin copy in %d not redrawn: %s", decided.id, chat_id, err)


async def suggestion_button(update: Update, context: Context) -> None:
    """sg:send|drop:<n> from the author, sg:ok|no:<n> from an admin."""
    if (press := await pressed(update, context)) is None:
        return
    query, lang, action, number = press
    if not number.isdigit() or action not in ("send", "drop", "ok", "no"):
        await query.answer(t(lang, "button_expired"), show_alert=True)
        return
    if action in ("send", "drop"):
        await _author_answers(update, context, lang, action, int(number))
    else:
        await _decide(update, context, lang, action == "ok", int(number))
