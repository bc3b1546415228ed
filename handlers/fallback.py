"""Unknown commands and unexpected errors: a short answer, never silence, never a traceback."""

from __future__ import annotations

import logging

from telegram import Update

from handlers.common import Context, reply

log = logging.getLogger(__name__)


async def unknown_command(update: Update, context: Context) -> None:
    """Point to /help."""
    await reply(update, "I don't know that command. /help lists what I can do.")


async def on_error(update: object, context: Context) -> None:
    """Log the failure with its update; tell the user something went wrong."""
    log.error("handler failed on update %s", getattr(update, "update_id", "?"), exc_info=context.error)
    if isinstance(update, Update) and update.effective_message:
        try:
            await reply(update, "Sorry, something went wrong on my side. Please try again in a moment.", html=False)
        except Exception:  # the reply itself failing must not hide the original error
            log.exception("could not tell the user about the failure")
