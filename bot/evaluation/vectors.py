"""The encoder for evaluation runs, with claim vectors kept in a file between runs.

Evaluating on CheckThat! encodes its 10,375 claims; the bot keeps claim vectors in its database, the
evaluation in `.cache/` beside the repository (or RUMORBOT_CACHE), one file per model version.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from bot.encoder import DEFAULT_ENCODER, load_encoder
from bot.engine import Engine
from bot.engine.semantic import Fusion, Semantic

CACHE = Path(os.environ.get("RUMORBOT_CACHE") or Path(__file__).resolve().parents[2] / ".cache")
def _path(model: str) -> Path:
    return CACHE / f"vectors-{hashlib.sha256(model.encode()).hexdigest()[:12]}.npz"


def semantic(name: str | None = DEFAULT_ENCODER) -> Semantic | None:
    """The engine's semantic side for evaluation, with the cached vectors; None for `none`."""
    if not name or name == "none":
        return None
    enc = load_encoder(name)
    known: dict[str, np.ndarray] = {}
    path = _path(enc.version)
    if path.is_file():
        with np.load(path, allow_pickle=False) as data:
            known = dict(zip(data["texts"].tolist(), data["vectors"], strict=True))
    return Semantic(encode=enc.items, model=enc.version, known=known, weights=enc.name)


def remember(engine: Engine) -> None:
    """Keep the vectors the engine had to compute, for the next run."""
    if engine.semantic is None or not engine.computed_vectors:
        return
    known = dict(engine.semantic.known or {})
    known.update(engine.computed_vectors)
    CACHE.mkdir(parents=True, exist_ok=True)
    texts = list(known)
    tmp = _path(engine.semantic.model).with_suffix(".tmp.npz")
    np.savez(tmp, texts=np.array(texts), vectors=np.array([known[t] for t in texts], dtype=np.float32))
    tmp.replace(_path(engine.semantic.model))


def build(
    claims: list, entities: tuple = (), name: str | None = DEFAULT_ENCODER, fusion: Fusion | None = None  # type: ignore[type-arg]
) -> Engine:
    """An engine for evaluation: fused with the named encoder, or lexical alone for `none`."""
    engine = Engine(claims, entities, semantic(name), fusion)
    remember(engine)
    return engine
