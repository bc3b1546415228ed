"""/addfeed, /feeds, /rmfeed and OPML files sent to the bot: the admins' view of the feed list."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape as html_escape

from telegram import Update
from telegram.constants import ChatType

from bot.engine.text import trim
from bot.feedlist import ImportReport, add_checked, import_feeds, probe
from bot.feeds.opml import MAX_OPML_BYTES, parse_opml
from core.errors import OpmlError
from handlers.common import Context, admin_language, reply
from storage import commands
from storage import feeds as feed_store
from storage.feeds import Feed


def escape(text: str) -> str:
    """Text for Telegram HTML outside attributes: quotes stay readable."""
    return html_escape(text, quote=False)


MAX_NAME = 100
MAX_REASONS = 10


@dataclass(frozen=True, slots=True)
class AddFeedArgs:
    """`/addfeed <URL> [name]`, read; an empty name means the feed's own title."""

    url: str
    name: str


def parse_addfeed(args: Sequence[str]) -> AddFeedArgs | None:
    """The URL to check and the name to give it; None without a URL."""
    if not args or not args[0].strip():
        return None
    return AddFeedArgs(args[0].strip(), trim(" ".join(args[1:]), MAX_NAME))


def relative(now: float, stamp: float | None) -> str:
    """'in 4 min', '2 h ago', 'now'; 'never' without a time."""
    if stamp is None:
        return "never"
    delta = stamp - now
    seconds = abs(delta)
    if seconds < 1:
        return "now"
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size * (2 if unit != "min" else 1):
            amount = f"{int(seconds // size)} {unit}"
            break
    else:
        amount = f"{int(seconds)} s"
    return f"in {amount}" if delta > 0 else f"{amount} ago"


def feed_state(feed: Feed) -> str:
    if feed.last_checked_at is None:
        return "never polled"
    if feed.failing:
        return f"failing ({feed.error_count} errors in a row)"
    if feed.error_count:
        return f"erroring {feed.error_count} time{'s' if feed.error_count != 1 else ''}"
    return "ok"


def feed_block(feed: Feed, now: float) -> str:
    """One feed of /feeds, in HTML, a few short lines."""
    lines = [
        f"<b>#{feed.id}</b> {escape(trim(feed.display_name, MAX_NAME))} – {escape(feed_state(feed))}",
        escape(trim(feed.url, 300)),
        f"last success {relative(now, feed.last_success_at)} · next check {relative(now, feed.next_check_at)}",
    ]
    if feed.last_error:
        lines.append(f"last error: {escape(trim(feed.last_error, 200))}")
    return "\n".join(lines)


async def add_feed(update: Update, context: Context) -> None:
    """Check a feed URL by fetching it once, then track it."""
    if await admin_language(update, context) is None:
        return
    parsed = parse_addfeed(context.args or [])
    if parsed is None:
        await reply(update, "Usage: /addfeed &lt;URL&gt; [name], for example /addfeed https://example.com/rss.xml")
        return
    rt = context.runtime
    polling = rt.settings.polling
    url, name = parsed.url, parsed.name
    known = await feed_store.get_feed(rt.db, url)
    if known is not None:
        await reply(update, f"Already tracked as #{known.id} {escape(known.display_name)}.")
        return
    found = await probe(rt.http, url, allow_private=polling.allow_private, max_body_bytes=polling.max_body_bytes)
    if found.error:
        await reply(update, f"Cannot add {escape(trim(url, 300))}: {escape(found.error)}")
        return
    feed = await add_checked(rt.db, found, name, "chat")
    if feed is None:
        await reply(update, f"Already tracked: {escape(found.url)}")
        return
    await reply(update, (
        f"✅ Added feed #{feed.id} <b>{escape(found.title or feed.display_name)}</b>: {found.items} "
        f"item{'s' if found.items != 1 else ''} now. They are stored without alerts; new items will alert."
    ))


async def list_feeds(update: Update, context: Context) -> None:
    """Every feed with its state, last success, last error and next check."""
    if await admin_language(update, context) is None:
        return
    tracked = await feed_store.list_feeds(context.runtime.db)
    if not tracked:
        await reply(update, "No feeds yet. Add one with /addfeed &lt;URL&gt; or send me an OPML file.")
        return
    now = time.time()
    header = f"<b>{len(tracked)} feed{'s' if len(tracked) != 1 else ''}</b>"
    await reply(update, "\n\n".join([header, *(feed_block(f, now) for f in tracked)]))


async def remove_feed(update: Update, context: Context) -> None:
    """Stop tracking a feed, given its id or URL; its items and evidence go with it."""
    if await admin_language(update, context) is None:
        return
    args = context.args or []
    if len(args) != 1:
        await reply(update, "Usage: /rmfeed &lt;id or URL&gt; (ids are in /feeds)")
        return
    key = args[0].strip()
    db = context.runtime.db
    feed = await feed_store.get_feed(db, int(key.lstrip("#")) if key.lstrip("#").isdigit() else key)
    if feed is None:
        await reply(update, f"No feed {escape(trim(key, 300))}. /feeds lists them with their ids.")
        return
    await commands.remove_feed(db, feed.id)
    text = f"Removed feed #{feed.id} {escape(feed.display_name)} with its items and evidence."
    if feed.origin == "config":
        text += " It is in the configuration file: remove it there too, or it comes back at the next start."
    await reply(update, text)


def import_text(report: ImportReport) -> str:
    lines = [f"OPML import: {report.summary()}."]
    lines += [f"• {escape(trim(url, 200))}: {escape(reason)}" for url, reason in report.refused[:MAX_REASONS]]
    if len(report.refused) > MAX_REASONS:
        lines.append(f"…and {len(report.refused) - MAX_REASONS} more refused.")
    return "\n".join(lines)


async def import_opml(update: Update, context: Context) -> None:
    """An OPML file from an admin: add its feeds (addresses checked, not fetched)."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    # In groups people share files among themselves: only a private chat hears a refusal.
    if await admin_language(update, context, refuse=message.chat.type == ChatType.PRIVATE) is None:
        return
    if (message.document.file_size or 0) > MAX_OPML_BYTES:
        await reply(update, "OPML refused: file over 5 MiB")
        return
    data = bytes(await (await message.document.get_file()).download_as_bytearray())
    try:
        listed = parse_opml(data)
    except OpmlError as err:
        await reply(update, escape(err.reason))
        return
    if not listed:
        await reply(update, "That OPML file lists no http(s) feeds.")
        return
    rt = context.runtime
    report = await import_feeds(rt.db, listed, allow_private=rt.settings.polling.allow_private)
    await reply(update, import_text(report))
