"""A small deterministic sentence encoder for table tests: words by concept, hashed into a vector.

Words listed in CONCEPTS count as their concept ("axes" and "cut" are one), so two texts that say the
same thing in other words come out close, as a real encoder's would; other words count as themselves.
The vector is the normalised sum of each word's hashed direction.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

DIM = 256
CONCEPTS = {
    "axes": "cut", "axe": "cut", "cut": "cut", "cuts": "cut", "slashes": "cut",
    "jobs": "workforce", "workforce": "workforce", "staff": "workforce", "layoffs": "workforce",
    "grounded": "no-flights", "banned": "no-flights", "flying": "no-flights",
    "international": "ibm", "business": "ibm", "machines": "ibm", "ibm": "ibm",
    "quits": "leave", "resigns": "leave", "step": "leave", "down": "leave",
    "小米": "xiaomi", "资质": "qualification", "造车资质": "qualification", "foundry": "oem", "代工": "oem",
}
_WORD = re.compile(r"[\w']+")
_STOP = frozenset("a an the to of its will is has have in on for from as after and no".split())
encoded: list[str] = []  # every text encoded, in order: tests check what was (not) encoded again


def _direction(word: str) -> np.ndarray:
    seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:8], "little")
    return np.random.default_rng(seed).standard_normal(DIM).astype(np.float32)


def encode(texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of the texts, float32, one row each."""
    encoded.extend(texts)
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in _WORD.findall(text.lower()):
            if word not in _STOP:
                out[row] += _direction(CONCEPTS.get(word, word))
        norm = float(np.linalg.norm(out[row]))
        out[row] = out[row] / norm if norm else _direction("")  # an empty text still gets a unit vector
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    unit: np.ndarray = out / norms
    return unit
