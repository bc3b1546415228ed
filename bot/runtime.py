"""The process's shared state, created in `post_init` and reached by handlers and jobs."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

import httpx

from bot.clock import SYSTEM, Clock
from bot.engine import Claim, Engine, Entity, StoryIndex
from bot.feeds.limits import HostLimiter
from config.settings import Settings
from storage import claims
from storage.db import Storage


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

    def rebuild_engine(self, claims: Iterable[Claim], entities: Iterable[Entity]) -> None:
        """Claims or entities changed: match new items with the new set from now on."""
        self.entities = {e.id: e for e in entities}
        self.engine = Engine(claims, self.entities.values())

    def entity_name(self, entity_id: str | None) -> str:
        entity = self.entities.get(entity_id or "")
        return entity.names[0] if entity else (entity_id or "")


async def reload_claims(rt: Runtime) -> None:
    """Claims or entities changed in storage: match new items against the stored set from now on."""
    tracked = [r.claim for r in await claims.list_claims(rt.db)]
    rt.rebuild_engine(tracked, await claims.list_entities(rt.db))
