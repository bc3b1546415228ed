"""The claim engine: pure functions and values, no I/O, no telegram or sqlite imports.

    engine = Engine(settings.claims, settings.entities)   # once per claim-set change (~1 s for 10k)
    for evidence in engine.match(item):                    # "match" may alert, "candidate" never does
        story = stories.assign(key, item.title, item.summary, item.link, published)   # StoryIndex
    status = claim_status(story_evidence)                  # confirmed / denied / leaning … / unverified

Modules: text (tokens, en/zh), segment (jieba's dictionary), lexicon (word lists), rules (what a claim
says), index (inverted index, scores), stance, official, matcher (Engine), stories, status.
"""

from bot.engine.matcher import Engine
from bot.engine.status import claim_status
from bot.engine.stories import StoryIndex
from core.records import (
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
]
