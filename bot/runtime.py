"""The process's shared state, created in `post_init` and reached by handlers and jobs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import httpx

from bot.clock import SYSTEM, Clock
from bot.encoder import TextEncoder
from bot.engine import Claim, Engine, Entity, StoryIndex
from bot.engine.semantic import BACKGROUND, Semantic
from bot.feeds.limits import HostLimiter
from config.settings import Settings
from storage import claims as claim_store
from storage import vectors
from storage.db import Storage, transaction


@dataclass
class Runtime:
    settings: Settings
    db: Storage
    http: httpx.AsyncClient
    engine: Engine
    entities: dict[str, Entity]
    fetch_slots: HostLimiter
    stories: StoryIndex = field(default_factory=StoryIndex)
    outbox_ready: asyncio.Event = field(default_factory=asyncio.Event)
    claims_changed: asyncio.Event = field(default_factory=asyncio.Event)  # another process changed them
    clock: Clock = SYSTEM
    last_poll_at: float = field(default_factory=time.time)  # end of the last poll cycle (health)
    sender: asyncio.Task[None] | None = None
    encoder: TextEncoder | None = None
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)  # one feed matches or holds claim locks (bot.ingest)

    async def rebuild_engine(self, claims: Iterable[Claim], entities: Iterable[Entity]) -> None:
        """Claims or entities changed: match new items with the new set from now on."""
        self.entities = {e.id: e for e in entities}
        self.engine = await build_engine(self.db, claims, self.entities.values(), self.encoder, self.clock)

    def entity_name(self, entity_id: str | None) -> str:
        entity = self.entities.get(entity_id or "")
        return entity.names[0] if entity else (entity_id or "")


async def build_engine(
    db: Storage,
    claims: Iterable[Claim],
    entities: Iterable[Entity],
    encoder: TextEncoder | None,
    clock: Clock = SYSTEM,
) -> Engine:
    """An engine for the claims, fused with `encoder` when there is one: claim vectors come from the
    database, and those it has to compute (new claim texts) are encoded in a worker thread and kept."""
    claims, entities = list(claims), list(entities)
    if encoder is None:
        return Engine(claims, entities)
    texts = [t for c in claims for t in (c.text, *c.texts)] + list(BACKGROUND)
    known = await vectors.load_vectors(db, encoder.version, texts)
    semantic = Semantic(encode=encoder.items, model=encoder.version, known=known, weights=encoder.name)
    engine = await asyncio.to_thread(Engine, claims, entities, semantic)
    if engine.computed_vectors:
        async with transaction(db):
            await vectors.save_vectors(db, encoder.version, engine.computed_vectors, clock.now())
    return engine


async def reload_claims(rt: Runtime) -> None:
    """Claims or entities changed in storage: match new items against the stored set from now on."""
    tracked = [r.claim for r in await claim_store.list_claims(rt.db)]
    await rt.rebuild_engine(tracked, await claim_store.list_entities(rt.db))
