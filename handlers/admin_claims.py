"""Admin commands on claims and entities: /track, /untrack, /entities, /entity, /official.

Every command checks, on every call, that the user is one of the configured bot administrators.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from telegram import Update

from bot.engine import Claim, Entity
from bot.i18n import t
from bot.runtime import Runtime
from handlers.common import Context, admin_args, admin_language, no_args, reload_engine, reply, slug_arg, usage
from storage import claims, commands, feeds

MAX_CLAIM_TEXT = 500
NEAREST = 3
_NAME_SPLIT = re.compile(r"\s*[,，;；|]\s*")


@dataclass(frozen=True, slots=True)
class TrackArgs:
    """`/track <id> <topic> <text>`, read."""

    claim_id: str
    topic: str
    text: str


@dataclass(frozen=True, slots=True)
class OfficialArgs:
    """`/official <feed id|url> <entity id>…|none`, read: no entities means none."""

    feed: int | str
    entity_ids: tuple[str, ...]


def parse_track(args: Sequence[str]) -> TrackArgs | str:
    """The claim to track, or the key of the answer to give ("usage", "track.text_too_long").

    Ids and topics longer than `core.ids.MAX_ID_LENGTH` are refused by `slug_arg`: they travel in button data.
    """
    claim_id, topic = (slug_arg(args[0]), slug_arg(args[1])) if len(args) >= 3 else (None, None)
    text = " ".join(args[2:]).strip()
    if claim_id is None or topic is None or not text:
        return "usage"
    if len(text) > MAX_CLAIM_TEXT:
        return "track.text_too_long"
    return TrackArgs(claim_id, topic, text)


def _one_slug(args: Sequence[str]) -> str | None:
    return slug_arg(args[0]) if len(args) == 1 else None


def parse_official(args: Sequence[str]) -> OfficialArgs | None:
    """The feed (an id, else a URL) and the entity ids to make official for it; None for garbage."""
    wanted = [slug_arg(a) for a in args[1:]]
    if len(args) < 2 or None in wanted:
        return None
    feed: int | str = int(args[0]) if args[0].isdigit() else args[0][:2000]
    return OfficialArgs(feed, () if wanted == ["none"] else tuple(w for w in wanted if w))


def officials_named(text: str, entities: list[Entity]) -> tuple[str, ...]:
    """The entities a claim's text names: their word on it is official."""
    folded = text.casefold()
    return tuple(e.id for e in entities if any(name.casefold() in folded for name in e.names))


def describe_rules(rt: Runtime, lang: str, claim: Claim) -> str:
    """What the engine will match for the claim: its text and the rules derived from it."""
    return "\n".join([t(lang, "track.rules"), t(lang, "track.text", text=escape(claim.text)),
                      f"<pre>{escape(rt.engine.describe(claim))}</pre>"])


async def track(update: Update, context: Context) -> None:
    """Track a claim (or change one): /track <id> <topic> <text>."""
    lang = await admin_language(update, context)
    if lang is None:
        return
    parsed = parse_track(context.args or [])
    if parsed == "usage":
        await usage(update, lang, "track")
        return
    if isinstance(parsed, str):
        await reply(update, t(lang, parsed, limit=MAX_CLAIM_TEXT))
        return
    rt = context.runtime
    existing = await claims.get_claim(rt.db, parsed.claim_id)
    claim = Claim(id=parsed.claim_id, text=parsed.text, topic=parsed.topic,
                  officials=officials_named(parsed.text, await claims.list_entities(rt.db)))
    await commands.track_claim(rt.db, claim, "chat", time.time())
    await reload_engine(rt)
    head = t(lang, "track.updated" if existing else "track.done", claim=escape(claim.id), topic=escape(claim.topic))
    await reply(update, head + "\n\n" + describe_rules(rt, lang, claim) + nearest_claims(rt, lang, claim))


def nearest_claims(rt: Runtime, lang: str, claim: Claim) -> str:
    """The tracked claims nearest the new one by meaning: those it may overlap with."""
    near = [(cid, cos) for cid, cos in rt.engine.nearest(claim.text, NEAREST + 1) if cid != claim.id][:NEAREST]
    if not near:
        return ""
    lines = [t(lang, "track.nearest")]
    lines += [t(lang, "track.nearest_line", claim=escape(cid), cosine=f"{cos:.2f}") for cid, cos in near]
    return "\n\n" + "\n".join(lines)


async def untrack(update: Update, context: Context) -> None:
    """Stop tracking a claim: /untrack <id>."""
    if (got := await admin_args(update, context, "untrack", _one_slug)) is None:
        return
    lang, claim_id = got
    rt = context.runtime
    record = await claims.get_claim(rt.db, claim_id)
    if record is None:
        await reply(update, t(lang, "status.unknown", claim=escape(claim_id)))
        return
    await commands.untrack_claim(rt.db, claim_id)
    await reload_engine(rt)
    note = t(lang, "untrack.config") if record.origin == "config" else ""
    await reply(update, t(lang, "untrack.done", claim=escape(claim_id)) + note)


async def list_entities(update: Update, context: Context) -> None:
    """List the parties that can answer officially, with their names and official feeds."""
    if (got := await admin_args(update, context, "entities", no_args)) is None:
        return
    lang, _ = got
    rt = context.runtime
    known = await claims.list_entities(rt.db)
    if not known:
        await reply(update, t(lang, "entities.none"))
        return
    all_feeds = await feeds.list_feeds(rt.db)
    lines = [t(lang, "entities.header")]
    for e in known:
        official = ", ".join(f.display_name for f in all_feeds if e.id in f.official_for) or "–"
        lines.append(f"<code>{escape(e.id)}</code>: {escape(', '.join(e.names))}\n  "
                     + t(lang, "entities.feeds", feeds=escape(official)))
    await reply(update, "\n".join(lines))


async def set_entity(update: Update, context: Context) -> None:
    """Add an entity or replace its names: /entity <id> <name>, <name>…"""
    lang = await admin_language(update, context)
    if lang is None:
        return
    args = context.args or []
    entity_id = slug_arg(args[0]) if len(args) >= 2 else None
    names = tuple(n for n in _NAME_SPLIT.split(" ".join(args[1:])) if n)
    if entity_id is None or not names or any(len(n) > 100 for n in names) or len(names) > 20:
        await usage(update, lang, "entity")
        return
    rt = context.runtime
    await commands.save_entity(rt.db, Entity(entity_id, names))
    await reload_engine(rt)
    await reply(update, t(lang, "entity.done", entity=escape(entity_id), names=escape(", ".join(names))))


async def set_official(update: Update, context: Context) -> None:
    """Say whose official voice a feed is: /official <feed id|url> <entity id>… or none."""
    if (got := await admin_args(update, context, "official", parse_official)) is None:
        return
    lang, parsed = got
    rt = context.runtime
    feed = await feeds.get_feed(rt.db, parsed.feed)
    if feed is None:
        await reply(update, t(lang, "official.no_feed", feed=escape(str(parsed.feed)[:200])))
        return
    entity_ids = parsed.entity_ids
    known = {e.id for e in await claims.list_entities(rt.db)}
    unknown = [e for e in entity_ids if e not in known]
    if unknown:
        await reply(update, t(lang, "official.unknown_entity", entity=escape(unknown[0])))
        return
    await commands.set_feed_officials(rt.db, feed.id, entity_ids)
    await reply(update, t(lang, "official.done", feed=escape(feed.display_name),
                          entities=escape(", ".join(entity_ids) or "–")))
