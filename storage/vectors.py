"""Queries on `text_vectors`: sentence vectors kept by (text, model), so a text is encoded once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from storage.db import Storage


async def load_vectors(db: Storage, model: str, texts: Iterable[str]) -> dict[str, np.ndarray]:
    """The stored vectors of `texts` under `model`; texts never encoded are absent."""
    wanted = set(texts)
    found: dict[str, np.ndarray] = {}
    for text, dim, blob in await db.fetchall("SELECT text, dim, vector FROM text_vectors WHERE model = ?", (model,)):
        if text in wanted and len(blob) == 4 * dim:
            found[text] = np.frombuffer(bytes(blob), dtype="<f4").astype(np.float32)
    return found


async def save_vectors(db: Storage, model: str, vectors: Mapping[str, np.ndarray], now: float) -> None:
    """Keep new vectors; a text already stored under `model` keeps its first vector."""
    await db.executemany(
        "INSERT INTO text_vectors (text, model, dim, vector, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (text, model) DO NOTHING",
        [
            (text, model, int(v.shape[0]), np.asarray(v, dtype="<f4").tobytes(), now)
            for text, v in vectors.items()
        ],
    )
