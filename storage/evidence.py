"""Queries on `evidence`: what each item says about each claim."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from core.records import Evidence, Level, OfficialKind, Stance, StoryEvidence
from storage.db import Storage, batches, insert_rows
from storage.dialect import one_of


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """Evidence with its item and feed, as `/status` shows it."""

    claim_id: str
    item_id: int
    story_id: int
    level: Level
    score: float
    stance: Stance
    cue: str
    official: OfficialKind | None
    official_entity: str | None
    sentence: str
    title: str
    link: str
    source: str
    published_at: float


_UPSERT = (
    "INSERT INTO evidence (claim_id, item_id, story_id, level, score, stance, cue, official, "
    "official_entity, sentence, created_at) VALUES {values} "
    "ON CONFLICT (claim_id, item_id) DO UPDATE SET level = excluded.level, score = excluded.score, "
    "stance = excluded.stance, cue = excluded.cue, official = excluded.official, "
    "official_entity = excluded.official_entity, sentence = excluded.sentence "
    "WHERE evidence.level != excluded.level OR evidence.stance != excluded.stance "
    "OR evidence.official IS DISTINCT FROM excluded.official RETURNING claim_id, item_id"
)


async def record_evidence(
    db: Storage, item_id: int, story_id: int, ev: Evidence, now: float
) -> bool:
    """Store (or, for an edited item, update) evidence; True when it is new or its meaning changed."""
    return bool(await record_many(db, [(item_id, story_id, ev)], now))


async def record_many(
    db: Storage, found: Sequence[tuple[int, int, Evidence]], now: float
) -> set[tuple[str, int]]:
    """Store (item id, story id, evidence) rows in a few statements; return the (claim, item) pairs that
    are new or whose meaning changed. A (claim, item) pair listed twice counts once, as first listed."""
    found = list({(ev.claim_id, item_id): (item_id, story_id, ev) for item_id, story_id, ev in reversed(found)}
                 .values())[::-1]
    rows = await insert_rows(db, _UPSERT, [
        (ev.claim_id, item_id, story_id, ev.level, ev.score, ev.stance, ev.cue, ev.official, ev.official_entity,
         ev.sentence, now) for item_id, story_id, ev in found])
    return {(r[0], r[1]) for r in rows}


async def story_evidence(db: Storage, claim_id: str) -> list[StoryEvidence]:
    """One row per story at match level: its strongest evidence, official first."""
    return (await stories_evidence(db, [claim_id]))[claim_id]


async def stories_evidence(db: Storage, claim_ids: Sequence[str]) -> dict[str, list[StoryEvidence]]:
    """`story_evidence` of several claims, in one query per few hundred claims."""
    best: dict[str, dict[int, StoryEvidence]] = {claim_id: {} for claim_id in claim_ids}
    for chunk in batches(list(best)):
        where, args = one_of(db.dialect, "e.claim_id", chunk)
        rows = await db.fetchall(
            "SELECT e.claim_id, e.story_id, e.stance, e.official, e.official_entity, e.score, f.name AS source, "  # noqa: S608 - placeholders only
            "i.published_at FROM evidence e JOIN items i ON i.id = e.item_id JOIN feeds f ON f.id = i.feed_id "
            f"WHERE {where} AND e.level = 'match' "
            "ORDER BY e.claim_id, e.story_id, e.official IS NULL, e.score DESC",
            args,
        )
        for r in rows:
            best[r["claim_id"]].setdefault(r["story_id"], StoryEvidence(
                story_id=r["story_id"], stance=r["stance"], official=r["official"],
                official_entity=r["official_entity"], score=r["score"], source=r["source"],
                published=datetime.fromtimestamp(r["published_at"], tz=UTC),
            ))
    return {claim_id: list(stories.values()) for claim_id, stories in best.items()}


async def claim_evidence(
    db: Storage, claim_id: str, level: Level = "match", limit: int = 10
) -> list[EvidenceView]:
    """The claim's evidence at `level`, one item per story (its official or first copy), official first, then newest."""
    rows = await db.fetchall(
        "SELECT * FROM (SELECT e.*, i.title, i.link, i.published_at, f.name AS source, ROW_NUMBER() OVER "
        "(PARTITION BY e.story_id ORDER BY e.official IS NULL, i.published_at, e.item_id) AS copy FROM evidence e "
        "JOIN items i ON i.id = e.item_id JOIN feeds f ON f.id = i.feed_id "
        "WHERE e.claim_id = ? AND e.level = ?) AS copies WHERE copy = 1 "
        "ORDER BY official IS NULL, published_at DESC LIMIT ?",
        (claim_id, level, limit),
    )
    return [
        EvidenceView(r["claim_id"], r["item_id"], r["story_id"], r["level"], r["score"], r["stance"], r["cue"],
                     r["official"], r["official_entity"], r["sentence"], r["title"], r["link"], r["source"],
                     r["published_at"])
        for r in rows
    ]


async def evidence_counts(db: Storage, claim_id: str) -> tuple[int, int]:
    """How many stories and distinct sources give match-level evidence on the claim."""
    row = await db.fetchone(
        "SELECT COUNT(DISTINCT e.story_id), COUNT(DISTINCT i.feed_id) FROM evidence e "
        "JOIN items i ON i.id = e.item_id WHERE e.claim_id = ? AND e.level = 'match'",
        (claim_id,),
    )
    return (int(row[0]), int(row[1])) if row else (0, 0)
