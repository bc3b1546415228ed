"""The claim engine: pure functions and values, no I/O, no telegram or sqlite imports."""

from bot.engine.matcher import Engine
from bot.engine.status import claim_status, status_changed
from bot.engine.stories import StoryIndex
from bot.engine.types import (
    Claim,
    ClaimStatus,
    Entity,
    Evidence,
    Item,
    Stance,
    Status,
    StoryEvidence,
)

__all__ = [
    "Claim",
    "ClaimStatus",
    "Engine",
    "Entity",
    "Evidence",
    "Item",
    "Stance",
    "Status",
    "StoryEvidence",
    "StoryIndex",
    "claim_status",
    "status_changed",
]
