"""/start and /help: what the bot does and how to begin."""

from __future__ import annotations

from telegram import Update

from bot.i18n import t
from handlers.common import Context, is_admin, language, reply, usage


async def start(update: Update, context: Context) -> None:
    """Greet the user and say how to begin (a deep-link payload after /start is ignored)."""
    await reply(update, t(await language(update, context), "start"))


async def help_command(update: Update, context: Context) -> None:
    """List the commands; bot administrators also see theirs."""
    lang = await language(update, context)
    if context.args:
        await usage(update, lang, "help")
        return
    text = t(lang, "help") + (t(lang, "help.admin") if is_admin(update, context) else "")
    await reply(update, text)
