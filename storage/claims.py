"""Queries on `claims` and `entities`: what is tracked, and where each claim stands."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from core.records import Claim, ClaimStatus, Entity
from storage.db import Row, Storage, batches
from storage.dialect import one_of


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    claim: Claim
    status: str
    status_reason: str
    status_changed_at: float | None
    origin: str


def _claim(row: Row) -> ClaimRecord:
    claim = Claim(
        id=row["id"],
        text=row["text"],
        topic=row["topic"],
        texts=tuple(json.loads(row["texts"])),
        keywords=tuple(json.loads(row["keywords"])),
        officials=tuple(json.loads(row["officials"])),
    )
    return ClaimRecord(claim, row["status"], row["status_reason"], row["status_changed_at"], row["origin"])


async def upsert_claims(db: Storage, claims: Sequence[Claim], origin: str, now: float) -> None:
    """Insert or update claims; the status they have earned is kept. Every process hears of it.

    Rows are written in id order, the order pollers update claims in (`set_statuses`): a start-up
    writing every configured claim and a poller writing a few never lock each other's rows crosswise.
    """
    await db.notify("claims")
    await db.executemany(
        "INSERT INTO claims (id, topic, text, texts, keywords, officials, origin, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET topic = excluded.topic, "
        "text = excluded.text, texts = excluded.texts, keywords = excluded.keywords, "
        "officials = excluded.officials",
        [
            (c.id, c.topic, c.text, json.dumps(list(c.texts), ensure_ascii=False),
             json.dumps(list(c.keywords), ensure_ascii=False), json.dumps(list(c.officials)), origin, now)
            for c in sorted(claims, key=lambda c: c.id)
        ],
    )


async def delete_claim(db: Storage, claim_id: str) -> bool:
    await db.notify("claims")
    return await db.fetchone("DELETE FROM claims WHERE id = ? RETURNING id", (claim_id,)) is not None


async def list_claims(db: Storage, topic: str | None = None) -> list[ClaimRecord]:
    sql, args = "SELECT * FROM claims ORDER BY topic, id", tuple[str, ...]()
    if topic is not None:
        sql, args = "SELECT * FROM claims WHERE topic = ? ORDER BY id", (topic,)
    return [_claim(r) for r in await db.fetchall(sql, args)]


async def get_claim(db: Storage, claim_id: str) -> ClaimRecord | None:
    row = await db.fetchone("SELECT * FROM claims WHERE id = ?", (claim_id,))
    return _claim(row) if row else None


async def topics(db: Storage) -> list[tuple[str, int]]:
    """Each topic with its number of claims."""
    return [(r["topic"], r["n"]) for r in await db.fetchall(
        "SELECT topic, COUNT(*) AS n FROM claims WHERE topic != '' GROUP BY topic ORDER BY topic"
    )]


async def set_statuses(db: Storage, statuses: Mapping[str, ClaimStatus], now: float) -> dict[str, str]:
    """Store the status of several claims; return {claim: previous status} for those whose status changed.

    A few statements whatever the number of claims: callers hold the claims' locks meanwhile.
    """
    ids = sorted(statuses)
    old: dict[str, str] = {}
    for chunk in batches(ids):
        where, args = one_of(db.dialect, "id", chunk)
        old.update((r["id"], str(r["status"])) for r in await db.fetchall(
            f"SELECT id, status FROM claims WHERE {where}", args))  # noqa: S608 - placeholders only
    await db.executemany(
        "UPDATE claims SET status = ?, status_reason = ?, "
        "status_changed_at = CASE WHEN ? THEN ? ELSE status_changed_at END WHERE id = ?",
        [(statuses[i].status, statuses[i].reason, old[i] != statuses[i].status, now, i) for i in ids if i in old],
    )
    return {i: old[i] for i in ids if i in old and old[i] != statuses[i].status}


async def upsert_entities(db: Storage, entities: Sequence[Entity]) -> None:
    await db.notify("claims")
    await db.executemany(
        "INSERT INTO entities (id, names) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET names = excluded.names",
        [(e.id, json.dumps(list(e.names), ensure_ascii=False)) for e in entities],
    )


async def list_entities(db: Storage) -> list[Entity]:
    rows = await db.fetchall("SELECT id, names FROM entities ORDER BY id")
    return [Entity(r["id"], tuple(json.loads(r["names"]))) for r in rows]
