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
from bot.i18n import plural, t
from core.errors import OpmlError
from handlers.common import Context, admin_args, admin_language, reply
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


def _one_key(args: Sequence[str]) -> str | None:
    """A feed's id or URL, alone."""
    return args[0].strip() if len(args) == 1 else None


def parse_addfeed(args: Sequence[str]) -> AddFeedArgs | None:
    """The URL to check and the name to give it; None without a URL."""
    if not args or not args[0].strip():
        return None
    return AddFeedArgs(args[0].strip(), trim(" ".join(args[1:]), MAX_NAME))


def relative(now: float, stamp: float | None, lang: str = "en") -> str:
    """'in 4 min', '2 h ago', 'now'; 'never' without a time (in Chinese: '4 分钟后', '2 小时前')."""
    if stamp is None:
        return t(lang, "time.never")
    delta = stamp - now
    seconds = abs(delta)
    if seconds < 1:
        return t(lang, "time.now")
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size * (2 if unit != "min" else 1):
            amount = t(lang, f"unit.{unit}", n=int(seconds // size))
            break
    else:
        amount = t(lang, "unit.s", n=int(seconds))
    return t(lang, "time.in" if delta > 0 else "time.ago", amount=amount)


def feed_state(feed: Feed, lang: str = "en") -> str:
    if feed.last_checked_at is None:
        return t(lang, "feed.state.never")
    if feed.failing:
        return t(lang, "feed.state.failing", n=feed.error_count)
    if feed.error_count:
        return plural(lang, "feed.state.erroring", feed.error_count)
    return t(lang, "feed.state.ok")


def feed_block(feed: Feed, now: float, lang: str = "en") -> str:
    """One feed of /feeds, in HTML, a few short lines."""
    lines = [
        f"<b>#{feed.id}</b> {escape(trim(feed.display_name, MAX_NAME))} – {escape(feed_state(feed, lang))}",
        escape(trim(feed.url, 300)),
        t(lang, "feeds.times", success=relative(now, feed.last_success_at, lang),
          next=relative(now, feed.next_check_at, lang)),
    ]
    if feed.last_error:
        lines.append(t(lang, "feeds.last_error", error=escape(trim(feed.last_error, 200))))
    return "\n".join(lines)


async def add_feed(update: Update, context: Context) -> None:
    """Check a feed URL by fetching it once, then track it."""
    if (got := await admin_args(update, context, "addfeed", parse_addfeed)) is None:
        return
    lang, parsed = got
    rt = context.runtime
    polling = rt.settings.polling
    url, name = parsed.url, parsed.name
    known = await feed_store.get_feed(rt.db, url)
    if known is not None:
        await reply(update, t(lang, "feeds.known", id=known.id, name=escape(known.display_name)))
        return
    found = await probe(rt.http, url, allow_private=polling.allow_private, max_body_bytes=polling.max_body_bytes,
                        proxied=bool(polling.proxy))
    if found.error:
        await reply(update, t(lang, "feeds.cannot_add", url=escape(trim(url, 300)), error=escape(found.error)))
        return
    feed = await add_checked(rt.db, found, name, "chat")
    if feed is None:
        await reply(update, t(lang, "feeds.already", url=escape(found.url)))
        return
    await reply(update, t(lang, "feeds.added", id=feed.id, title=escape(found.title or feed.display_name),
                          items=plural(lang, "feeds.items", found.items)))


async def list_feeds(update: Update, context: Context) -> None:
    """Every feed with its state, last success, last error and next check."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    if context.args:
        await reply(update, "Usage: /feeds (no arguments: it lists every feed)")
        return
    tracked = await feed_store.list_feeds(context.runtime.db)
    if not tracked:
        await reply(update, t(lang, "feeds.none"))
        return
    now = time.time()
    header = plural(lang, "feeds.header", len(tracked))
    await reply(update, "\n\n".join([header, *(feed_block(f, now, lang) for f in tracked)]))


async def remove_feed(update: Update, context: Context) -> None:
    """Stop tracking a feed, given its id or URL; its items and evidence go with it."""
    if (got := await admin_args(update, context, "rmfeed", _one_key)) is None:
        return
    lang, key = got
    db = context.runtime.db
    feed = await feed_store.get_feed(db, int(key.lstrip("#")) if key.lstrip("#").isdigit() else key)
    if feed is None:
        await reply(update, t(lang, "feeds.no_feed", feed=escape(trim(key, 300))))
        return
    await commands.remove_feed(db, feed.id)
    text = t(lang, "feeds.removed", id=feed.id, name=escape(feed.display_name))
    if feed.origin == "config":
        text += t(lang, "feeds.removed_config")
    await reply(update, text)


def import_text(report: ImportReport, lang: str = "en") -> str:
    lines = [t(lang, "opml.summary", added=len(report.added), already=len(report.already),
               refused=len(report.refused))]
    lines += [f"• {escape(trim(url, 200))}: {escape(reason)}" for url, reason in report.refused[:MAX_REASONS]]
    if len(report.refused) > MAX_REASONS:
        lines.append(t(lang, "opml.more", n=len(report.refused) - MAX_REASONS))
    return "\n".join(lines)


async def import_opml(update: Update, context: Context) -> None:
    """An OPML file from an admin: add its feeds (addresses checked, not fetched)."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    # In groups people share files among themselves: only a private chat hears a refusal.
    lang = await admin_language(update, context, refuse=message.chat.type == ChatType.PRIVATE)
    if lang is None:
        return
    if (message.document.file_size or 0) > MAX_OPML_BYTES:
        await reply(update, t(lang, "opml.too_big"))
        return
    data = bytes(await (await message.document.get_file()).download_as_bytearray())
    try:
        listed = parse_opml(data)
    except OpmlError as err:
        await reply(update, escape(err.reason))
        return
    if not listed:
        await reply(update, t(lang, "opml.empty"))
        return
    rt = context.runtime
    report = await import_feeds(rt.db, listed, allow_private=rt.settings.polling.allow_private,
                                proxied=bool(rt.settings.polling.proxy))
    await reply(update, import_text(report, lang))
