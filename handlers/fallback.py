"""Unknown commands, stale buttons and unexpected errors: a short answer, never silence, never a traceback."""

from __future__ import annotations

import logging

from telegram import Update

from bot.i18n import t
from handlers.common import Context, language, reply

log = logging.getLogger(__name__)


async def unknown_command(update: Update, context: Context) -> None:
    """Point to /help, unless the command is addressed to another bot (`/cmd@otherbot` in a group)."""
    message = update.effective_message
    command = (message.text or "").split(maxsplit=1)[0] if message and message.text else ""
    addressee = command.partition("@")[2]
    if addressee and addressee.lower() != (context.bot.username or "").lower():
        return
    await reply(update, t(await language(update, context), "unknown_command"))


async def plain_text(update: Update, context: Context) -> None:
    """A private message that is not a command: say how to talk to the bot."""
    await reply(update, t(await language(update, context), "plain_text"))


async def stale_button(update: Update, context: Context) -> None:
    """A button whose data we do not know (an old message, or forged data)."""
    if update.callback_query is not None:
        await update.callback_query.answer(t(await language(update, context), "button_expired"), show_alert=True)


async def on_error(update: object, context: Context) -> None:
    """Log the failure with its update; tell the user something went wrong."""
    log.error("handler failed on update %s", getattr(update, "update_id", "?"), exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            user = update.effective_user
            lang = "zh" if user and (user.language_code or "").startswith("zh") else "en"
            await reply(update, t(lang, "error"), html=False)
        except Exception:  # the reply itself failing must not hide the original error
            log.exception("could not tell the user about the failure")
