"""/start and /help: what the bot does and how to begin."""

from __future__ import annotations

from telegram import Update

from handlers.common import Context, remember_chat, reply

START = (
    "👋 <b>rumorbot</b> follows rumors in the news and tells you when a source weighs in, "
    "and above all when the company or regulator concerned answers officially.\n\n"
    "Begin with /claims to see what is tracked, then <code>/subscribe &lt;claim or topic&gt;</code>.\n"
    "/help lists every command."
)

HELP = (
    "<b>Commands</b>\n"
    "/claims [topic] – tracked claims\n"
    "/topics – topics (groups of claims)\n"
    "/subscribe &lt;claim|topic&gt; – get alerts\n"
    "/unsubscribe &lt;claim|topic&gt; – stop them\n"
    "/mysubs – this chat's subscriptions\n"
    "/status &lt;claim&gt; – where a claim stands and why\n"
    "/help – this list"
)


async def start(update: Update, context: Context) -> None:
    """Greet the user and say how to begin."""
    await remember_chat(update, context)
    await reply(update, START)


async def help_command(update: Update, context: Context) -> None:
    """List the commands."""
    await reply(update, HELP)
