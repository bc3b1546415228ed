"""/addfeed, /feeds, /rmfeed and OPML files sent to the bot: the admins' view of the feed list."""

from __future__ import annotations

import time
from collections.abc import Sequence
from html import escape as html_escape

from telegram import Update
from telegram.constants import ChatType

from bot.feedlist import ImportReport, add_checked, import_feeds, probe
from bot.feeds.opml import MAX_OPML_BYTES, parse_opml
from core.errors import OpmlError
from handlers.common import Context, is_admin, reply, runtime
from storage import feeds as feed_store
from storage.db import transaction
from storage.feeds import Feed


def escape(text: str) -> str:
    """Text for Telegram HTML outside attributes: quotes stay readable."""
    return html_escape(text, quote=False)


REFUSAL = "Only the bot's administrators can change or list feeds."
MESSAGE_BUDGET = 3500  # UTF-16 units per message, well under Telegram's 4096
MAX_NAME = 100
MAX_REASONS = 10


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


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def feed_block(feed: Feed, now: float) -> str:
    """One feed of /feeds, in HTML, a few short lines."""
    lines = [
        f"<b>#{feed.id}</b> {escape(_cut(feed.display_name, MAX_NAME))} – {escape(feed_state(feed))}",
        escape(_cut(feed.url, 300)),
        f"last success {relative(now, feed.last_success_at)} · next check {relative(now, feed.next_check_at)}",
    ]
    if feed.last_error:
        lines.append(f"last error: {escape(_cut(feed.last_error, 200))}")
    return "\n".join(lines)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_messages(blocks: Sequence[str], budget: int = MESSAGE_BUDGET) -> list[str]:
    """Join blocks with blank lines into messages of at most `budget`, breaking only between lines."""
    lines = [line for i, block in enumerate(blocks) for line in ([""] if i else []) + block.split("\n")]
    messages: list[list[str]] = [[]]
    size = 0
    for line in lines:
        cost = utf16_len(line) + 1
        if messages[-1] and size + cost > budget:
            messages.append([])
            size = 0
        if not messages[-1] and not line:
            continue  # no message starts with a blank line
        messages[-1].append(line)
        size += cost
    return ["\n".join(m) for m in messages if m]


async def _admin_only(update: Update, context: Context) -> bool:
    if is_admin(update, context):
        return True
    await reply(update, REFUSAL)
    return False


async def add_feed(update: Update, context: Context) -> None:
    """Check a feed URL by fetching it once, then track it."""
    if not await _admin_only(update, context):
        return
    args = context.args or []
    if not args:
        await reply(update, "Usage: /addfeed &lt;URL&gt; [name], for example /addfeed https://example.com/rss.xml")
        return
    rt = runtime(context)
    polling = rt.settings.polling
    url, name = args[0], _cut(" ".join(args[1:]).strip(), MAX_NAME)
    known = await feed_store.get_feed(rt.db, url.strip())
    if known is not None:
        await reply(update, f"Already tracked as #{known.id} {escape(known.display_name)}.")
        return
    found = await probe(rt.http, url, allow_private=polling.allow_private, max_body_bytes=polling.max_body_bytes)
    if found.error:
        await reply(update, f"Cannot add {escape(_cut(url, 300))}: {escape(found.error)}")
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
    if not await _admin_only(update, context):
        return
    tracked = await feed_store.list_feeds(runtime(context).db)
    if not tracked:
        await reply(update, "No feeds yet. Add one with /addfeed &lt;URL&gt; or send me an OPML file.")
        return
    now = time.time()
    header = f"<b>{len(tracked)} feed{'s' if len(tracked) != 1 else ''}</b>"
    for text in split_messages([header, *(feed_block(f, now) for f in tracked)]):
        await reply(update, text)


async def remove_feed(update: Update, context: Context) -> None:
    """Stop tracking a feed, given its id or URL; its items and evidence go with it."""
    if not await _admin_only(update, context):
        return
    args = context.args or []
    if len(args) != 1:
        await reply(update, "Usage: /rmfeed &lt;id or URL&gt; (ids are in /feeds)")
        return
    key = args[0].strip()
    db = runtime(context).db
    feed = await feed_store.get_feed(db, int(key.lstrip("#")) if key.lstrip("#").isdigit() else key)
    if feed is None:
        await reply(update, f"No feed {escape(_cut(key, 300))}. /feeds lists them with their ids.")
        return
    async with transaction(db):
        await feed_store.remove_feed(db, feed.id)
    text = f"Removed feed #{feed.id} {escape(feed.display_name)} with its items and evidence."
    if feed.origin == "config":
        text += " It is in the configuration file: remove it there too, or it comes back at the next start."
    await reply(update, text)


def import_text(report: ImportReport) -> str:
    lines = [f"OPML import: {report.summary()}."]
    lines += [f"• {escape(_cut(url, 200))}: {escape(reason)}" for url, reason in report.refused[:MAX_REASONS]]
    if len(report.refused) > MAX_REASONS:
        lines.append(f"…and {len(report.refused) - MAX_REASONS} more refused.")
    return "\n".join(lines)


async def import_opml(update: Update, context: Context) -> None:
    """An OPML file from an admin: add its feeds (addresses checked, not fetched)."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    if not is_admin(update, context):
        # In groups people share files among themselves: only a private chat gets an answer.
        if message.chat.type == ChatType.PRIVATE:
            await reply(update, REFUSAL)
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
    rt = runtime(context)
    report = await import_feeds(rt.db, listed, allow_private=rt.settings.polling.allow_private)
    await reply(update, import_text(report))
