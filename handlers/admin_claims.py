"""Admin commands on claims and entities: /track, /untrack, /entities, /entity, /official.

Every command checks, on every call, that the user is one of the configured bot administrators.
"""

from __future__ import annotations

import re
import time
from html import escape

from telegram import Update

from bot.engine import Claim, Entity
from bot.i18n import t
from bot.runtime import Runtime
from handlers.common import Context, is_admin, language, reload_engine, reply, runtime, slug_arg, usage
from storage import chats, claims, feeds
from storage.db import transaction

MAX_CLAIM_TEXT = 500
NEAREST = 3
MAX_CLAIM_ID = 48  # so that "status:<id>" and "mute:<id>" fit Telegram's 64-byte button data
_NAME_SPLIT = re.compile(r"\s*[,，;；|]\s*")


async def _admin_lang(update: Update, context: Context) -> str | None:
    """The language to answer in, or None (after a refusal) when the user is not a bot administrator."""
    lang = await language(update, context)
    if not is_admin(update, context):
        await reply(update, t(lang, "not_admin"))
        return None
    return lang


def officials_named(text: str, entities: list[Entity]) -> tuple[str, ...]:
    """The entities a claim's text names: their word on it is official."""
    folded = text.casefold()
    return tuple(e.id for e in entities if any(name.casefold() in folded for name in e.names))


def describe_rules(rt: Runtime, lang: str, claim: Claim) -> str:
    """What the engine will match for the claim: its own description if it has one, else the inputs."""
    for method in ("rules_for", "describe"):
        explain = getattr(rt.engine, method, None)
        if callable(explain):
            described = explain(claim.id if method == "rules_for" else claim)
            return "\n".join([t(lang, "track.rules"), t(lang, "track.text", text=escape(claim.text)),
                              f"<pre>{escape(str(described))}</pre>"])
    names = ", ".join(rt.entity_name(e) for e in claim.officials)
    return "\n".join([
        t(lang, "track.rules"),
        t(lang, "track.text", text=escape(claim.text)),
        t(lang, "track.keywords", keywords=escape(", ".join(claim.keywords))) if claim.keywords
        else t(lang, "track.keywords_derived"),
        t(lang, "track.officials", officials=escape(names)) if names else t(lang, "track.officials_none"),
    ])


async def track(update: Update, context: Context) -> None:
    """Track a claim (or change one): /track <id> <topic> <text>."""
    lang = await _admin_lang(update, context)
    if lang is None:
        return
    args = context.args or []
    claim_id, topic = (slug_arg(args[0]), slug_arg(args[1])) if len(args) >= 3 else (None, None)
    text = " ".join(args[2:]).strip()
    if claim_id is None or topic is None or len(claim_id) > MAX_CLAIM_ID or not text:
        await usage(update, lang, "track")
        return
    if len(text) > MAX_CLAIM_TEXT:
        await reply(update, t(lang, "track.text_too_long", limit=MAX_CLAIM_TEXT))
        return
    rt = runtime(context)
    existing = await claims.get_claim(rt.db, claim_id)
    claim = Claim(id=claim_id, text=text, topic=topic,
                  officials=officials_named(text, await claims.list_entities(rt.db)))
    async with transaction(rt.db):
        await claims.upsert_claims(rt.db, [claim], "chat", time.time())
    await reload_engine(rt)
    head = t(lang, "track.updated" if existing else "track.done", claim=escape(claim_id), topic=escape(topic))
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
    lang = await _admin_lang(update, context)
    if lang is None:
        return
    args = context.args or []
    claim_id = slug_arg(args[0]) if len(args) == 1 else None
    if claim_id is None:
        await usage(update, lang, "untrack")
        return
    rt = runtime(context)
    record = await claims.get_claim(rt.db, claim_id)
    if record is None:
        await reply(update, t(lang, "status.unknown", claim=escape(claim_id)))
        return
    async with transaction(rt.db):
        await claims.delete_claim(rt.db, claim_id)
        await chats.drop_claim_subscriptions(rt.db, claim_id)
    await reload_engine(rt)
    note = t(lang, "untrack.config") if record.origin == "config" else ""
    await reply(update, t(lang, "untrack.done", claim=escape(claim_id)) + note)


async def list_entities(update: Update, context: Context) -> None:
    """List the parties that can answer officially, with their names and official feeds."""
    lang = await _admin_lang(update, context)
    if lang is None:
        return
    if context.args:
        await usage(update, lang, "entities")
        return
    rt = runtime(context)
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
    lang = await _admin_lang(update, context)
    if lang is None:
        return
    args = context.args or []
    entity_id = slug_arg(args[0]) if len(args) >= 2 else None
    names = tuple(n for n in _NAME_SPLIT.split(" ".join(args[1:])) if n)
    if entity_id is None or not names or any(len(n) > 100 for n in names) or len(names) > 20:
        await usage(update, lang, "entity")
        return
    rt = runtime(context)
    async with transaction(rt.db):
        await claims.upsert_entities(rt.db, [Entity(entity_id, names)])
    await reload_engine(rt)
    await reply(update, t(lang, "entity.done", entity=escape(entity_id), names=escape(", ".join(names))))


async def set_official(update: Update, context: Context) -> None:
    """Say whose official voice a feed is: /official <feed id|url> <entity id>… or none."""
    lang = await _admin_lang(update, context)
    if lang is None:
        return
    args = context.args or []
    wanted = [slug_arg(a) for a in args[1:]]
    if len(args) < 2 or None in wanted:
        await usage(update, lang, "official")
        return
    rt = runtime(context)
    feed = await feeds.get_feed(rt.db, int(args[0]) if args[0].isdigit() else args[0][:2000])
    if feed is None:
        await reply(update, t(lang, "official.no_feed", feed=escape(args[0][:200])))
        return
    entity_ids = [] if wanted == ["none"] else [w for w in wanted if w]
    known = {e.id for e in await claims.list_entities(rt.db)}
    unknown = [e for e in entity_ids if e not in known]
    if unknown:
        await reply(update, t(lang, "official.unknown_entity", entity=escape(unknown[0])))
        return
    async with transaction(rt.db):
        await feeds.set_official_for(rt.db, feed.id, entity_ids)
    await reply(update, t(lang, "official.done", feed=escape(feed.display_name),
                          entities=escape(", ".join(entity_ids) or "–")))
