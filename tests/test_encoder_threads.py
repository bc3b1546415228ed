"""The encoder's and numpy's threads are capped per process: pollers sharing a machine keep to one core each."""

from __future__ import annotations

import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits

from bot.encoder import cap_threads


def blas_threads() -> set[int]:
    return {int(pool["num_threads"]) for pool in threadpool_info() if pool["user_api"] == "blas"}


def test_cap_threads_bounds_numpy_blas_pool() -> None:
    """After the cap, numpy's BLAS runs on that many threads; 0 leaves the pool as it was."""
    np.ones((2, 2)) @ np.ones(2)  # loads numpy's BLAS
    before = threadpool_info()
    assert blas_threads(), "numpy's BLAS was not found"
    try:
        assert cap_threads(1) == 1
        assert blas_threads() == {1}
        assert cap_threads(0) is None
        assert blas_threads() == {1}
    finally:
        threadpool_limits(limits={pool["prefix"]: pool["num_threads"] for pool in before})
    assert blas_threads() == {int(pool["num_threads"]) for pool in before if pool["user_api"] == "blas"}
