"""Queries on `text_vectors`: sentence vectors kept by (text, model), so a text is encoded once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import aiosqlite
import numpy as np


async def load_vectors(db: aiosqlite.Connection, model: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
    """The stored vectors of `texts` under `model`; texts never encoded are absent."""
    wanted = set(texts)
    found: dict[str, np.ndarray] = {}
    async with db.execute("SELECT text, dim, vector FROM text_vectors WHERE model = ?", (model,)) as cur:
        async for text, dim, blob in cur:
            if text in wanted and len(blob) == 4 * dim:
                found[text] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    return found


async def save_vectors(db: aiosqlite.Connection, model: str, vectors: Mapping[str, np.ndarray], now: float) -> None:
    """Keep new vectors; a text already stored under `model` keeps its first vector."""
    await db.executemany(
        "INSERT INTO text_vectors (text, model, dim, vector, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (text, model) DO NOTHING",
        [
            (text, model, int(v.shape[0]), np.asarray(v, dtype="<f4").tobytes(), now)
            for text, v in vectors.items()
        ],
    )
