"""The fused engine in the running bot: claim vectors kept in the database, backlogs encoded in steps."""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np

from bot.encoder import TextEncoder
from bot.engine import Claim, Entity, StoryIndex
from bot.ingest import BACKLOG_CHUNK, ingest
from bot.runtime import build_engine
from storage import claims, feeds, transaction
from storage.db import Storage
from tests.engine import fake_encoder
from tests.helpers import entry

ENTITIES = [Entity("ibm", ("IBM", "International Business Machines"))]
CLAIMS = [Claim("ibm-cuts", "International Business Machines will cut its workforce")]


class Recorder:
    """The fake encoder, remembering each call's batch."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return fake_encoder.encode(texts)


def encoder(recorder: Recorder) -> TextEncoder:
    # The default encoder's fitted weights: these tests look at what is encoded, not at what matches.
    return TextEncoder("use", "fake-1", recorder, recorder)


async def test_claim_vectors_are_encoded_once_and_kept(db: Storage) -> None:
    """The first engine encodes the claims and stores them; the next one, after a restart, encodes nothing."""
    first = Recorder()
    await build_engine(db, CLAIMS, ENTITIES, encoder(first))
    again = Recorder()
    engine = await build_engine(db, CLAIMS, ENTITIES, encoder(again))
    assert (CLAIMS[0].text in first.batches[0], again.batches) == (True, [])
    assert engine.nearest("IBM to cut staff", 1)[0][0] == "ibm-cuts"


async def test_without_an_encoder_the_engine_is_lexical(db: Storage) -> None:
    """`[engine] semantic = false`: no vectors, no cosine on evidence."""
    engine = await build_engine(db, CLAIMS, ENTITIES, None)
    assert (engine.semantic, engine.nearest("IBM to cut staff")) == (None, [])


async def test_a_backlog_is_encoded_a_few_items_at_a_time(db: Storage) -> None:
    """A new feed's first poll (no alerts) is encoded in small steps that let other feeds through."""
    recorder = Recorder()
    engine = await build_engine(db, CLAIMS, ENTITIES, encoder(recorder))
    now = time.time()
    async with transaction(db):
        await claims.upsert_entities(db, ENTITIES)
        await claims.upsert_claims(db, CLAIMS, "config", now)
        feed = await feeds.add_feed(db, "https://news.example/rss", "News", (), "config", now)
    assert feed is not None
    recorder.batches.clear()
    backlog = [entry(f"e{k}", f"IBM news number {k} of the day") for k in range(3 * BACKLOG_CHUNK)]
    report = await ingest(db, engine, StoryIndex(), {}, feed, backlog, now=now, alert=False)
    assert report.new_items == 3 * BACKLOG_CHUNK
    assert [len(b) for b in recorder.batches] == [BACKLOG_CHUNK] * 3
