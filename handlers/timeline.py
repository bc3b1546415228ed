"""/timeline and the Timeline button: a claim's story as a PNG chart, in the reader's language and time zone."""

from __future__ import annotations

from html import escape

from telegram import Update
from telegram.constants import ChatAction, ParseMode

from bot.alerts import claim_text, name_in
from bot.delivery import zone
from bot.i18n import label, t
from bot.timeline import build_timeline
from bot.timeline_chart import render_png
from handlers.common import Context, reply
from handlers.find import claim_handlers
from storage import chats, claims, evidence


async def send_timeline(update: Update, context: Context, lang: str, claim_id: str) -> None:
    """Draw the claim's timeline (off the event loop) and send it as a photo; a short note when there is none."""
    rt, chat, message = context.runtime, update.effective_chat, update.effective_message
    record = await claims.get_claim(rt.db, claim_id)
    if chat is None or message is None or record is None:
        await reply(update, t(lang, "status.unknown", claim=escape(claim_id)))
        return
    stories = await evidence.story_evidence(rt.db, claim_id)
    if not stories:
        await reply(update, t(lang, "timeline.empty", claim=escape(claim_id)))
        return
    await context.bot.send_chat_action(chat.id, ChatAction.UPLOAD_PHOTO,
                                       message_thread_id=message.message_thread_id if message.is_topic_message
                                       else None)
    settings = await chats.chat_settings(rt.db, chat.id)
    names = {e.id: name_in(e.names, lang) for e in rt.entities.values()}
    timeline = build_timeline(claim_text(record.claim, lang), stories, names, zone(settings.timezone))
    png = await render_png(timeline, lang)
    caption = t(lang, "timeline.caption", claim=escape(claim_id), status=escape(label(lang, "status", record.status)))
    await message.reply_photo(png, caption=caption, parse_mode=ParseMode.HTML, filename=f"{claim_id}.png",
                              do_quote=False)


# /timeline <claim or words> sends a claim's timeline chart; so do the Timeline button under /status and
# the claim picked among several.
timeline, timeline_button = claim_handlers("timeline", "tl", send_timeline)
