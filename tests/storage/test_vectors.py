"""Stored text vectors: float32 bytes by (text, model), read back equal, never overwritten."""

from __future__ import annotations

import numpy as np

from storage import transaction
from storage.db import Storage
from storage.vectors import load_vectors, save_vectors


async def test_vectors_round_trip_by_text_and_model(db: Storage) -> None:
    """What is saved under a model is read back bit for bit, and only for that model and those texts."""
    v = np.array([0.6, -0.8, 0.0], dtype=np.float32)
    async with transaction(db):
        await save_vectors(db, "m1", {"小米已获得造车资质": v, "other": -v}, 1.0)
    found = await load_vectors(db, "m1", ["小米已获得造车资质", "never encoded"])
    assert list(found) == ["小米已获得造车资质"]
    assert found["小米已获得造车资质"].tobytes() == v.tobytes()
    assert await load_vectors(db, "m2", ["小米已获得造车资质"]) == {}


async def test_a_stored_vector_keeps_its_first_value(db: Storage) -> None:
    """Saving a text again under the same model changes nothing."""
    first, second = np.ones(2, dtype=np.float32), np.zeros(2, dtype=np.float32)
    for v in (first, second):
        async with transaction(db):
            await save_vectors(db, "m", {"t": v}, 1.0)
    assert (await load_vectors(db, "m", ["t"]))["t"].tolist() == [1.0, 1.0]
