"""Plain, frozen records passed between layers, and the closed sets of words they carry (no I/O)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Stance = Literal["supports", "refutes", "neutral"]
OfficialKind = Literal["source", "reported"]
Level = Literal["match", "candidate"]
Delivery = Literal["instant", "hourly", "daily"]
Status = Literal["unverified", "disputed", "leaning true", "leaning false", "confirmed", "denied"]

STANCES: tuple[Stance, ...] = ("supports", "refutes", "neutral")
DELIVERIES: tuple[Delivery, ...] = ("instant", "hourly", "daily")
STATUSES: tuple[Status, ...] = (
    "unverified",
    "disputed",
    "leaning true",
    "leaning false",
    "confirmed",
    "denied",
)


@dataclass(frozen=True, slots=True)
class Entity:
    """A party whose word is official: `names` are every alias it goes by, in any language."""

    id: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Claim:
    """A tracked statement. Only `id` and `text` are required; the rest refines matching."""

    id: str
    text: str
    topic: str = ""
    texts: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    officials: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Item:
    """One feed entry as the engine sees it; `official_for` lists entities its feed speaks for."""

    id: str
    title: str
    summary: str = ""
    link: str = ""
    source: str = ""
    published: datetime | None = None
    official_for: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Evidence:
    """What an item says about one claim.

    `level` is "match" (evidence that may alert) or "candidate" (only possibly related, never alerts).
    `cue` is the word or phrase that decided the stance ("" when nothing did).
    `score` is the lexical score, or with an encoder the calibrated probability that the item speaks
    to the claim (a match by the lexical rules keeps at least its lexical score).
    `official` is "source" when the feed speaks for one of the claim's entities, "reported" when the
    text attributes a statement to one, None otherwise; `official_entity` names that entity.
    """

    item_id: str
    claim_id: str
    score: float
    level: Level
    stance: Stance
    cue: str
    official: OfficialKind | None
    official_entity: str | None
    sentence: str
    semantic: float | None = None  # the item's cosine with the claim, when an encoder took part


@dataclass(frozen=True, slots=True)
class StoryEvidence:
    """One story's evidence on a claim, the input of `claim_status`."""

    story_id: int
    stance: Stance
    official: OfficialKind | None
    official_entity: str | None
    score: float
    source: str
    published: datetime


@dataclass(frozen=True, slots=True)
class ClaimStatus:
    """Where a claim stands, why, and which stories made it so."""

    status: Status
    reason: str
    decided_by: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ParsedEntry:
    """One entry: `identity` is stable across polls, `content_hash` changes when the text is edited."""

    identity: str
    title: str
    summary: str
    link: str
    published: datetime
    content_hash: str


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """A feed the configuration file lists, with the entities it speaks for."""

    url: str
    name: str
    official_for: tuple[str, ...] = ()


@dataclass(slots=True)
class StoryMarkRecord:
    """What the story index keeps of one item, as stored and shared: its story, page and MinHash signatures."""

    story: int
    link: str
    title: bytes
    title_words: int
    short_cjk_title: bool
    body: bytes
    published: float
