"""ROUGE-1.5.5's averages and bootstrap confidence intervals, resample for resample.

The script sorts the per-summary scores by test id (``"<eval id>.<peer id>"``,
as strings), then for each resample ``s = 0 .. r-1`` calls ``srand(s)`` and
draws ``N`` indices ``int(rand(N))``; the resample's value is the mean of the
drawn scores, added in drawing order.  The **average it prints is the mean of
the r resample means** (not the plain mean of the scores), and the interval
bounds are the sorted resample means at ``delta = r (100 - c) / 200``::

    lower = m[int(delta)] + (m[int(delta) + 1] - m[int(delta)]) * ratio
    upper = m[int(r - delta - 1)] + (m[int(r - delta - 1) + 1] - m[...]) * ratio
    ratio = r - delta - 1 - int(r - delta - 1)

Perl (5.20 and later) draws with its own ``drand48``: a 48-bit linear
congruential generator ``x <- (0x5DEECE66D x + 0xB) mod 2^48`` started at
``x = (seed << 16) + 0x330E``, giving ``x / 2^48``.  :func:`perl_indices`
runs it for all resamples at once, so the numbers here are the script's, not
merely close to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

__all__ = ["Average", "bootstrap_averages", "perl_indices", "test_order"]

_A = np.uint64(0x5DEECE66D)
_C = np.uint64(0xB)
_MASK = np.uint64((1 << 48) - 1)


@dataclass(frozen=True)
class Average:
    """One measure's averages as the script prints them, with their confidence intervals."""

    recall: float
    precision: float
    fmeasure: float
    recall_ci: tuple[float, float]
    precision_ci: tuple[float, float]
    fmeasure_ci: tuple[float, float]


@lru_cache(maxsize=4)
def perl_indices(n: int, resamples: int) -> np.ndarray:
    """The ``(resamples, n)`` indices the script draws: row ``s`` is ``int(rand(n))`` n times after ``srand(s)``."""
    state = (np.arange(resamples, dtype=np.uint64) << np.uint64(16)) + np.uint64(0x330E)
    out = np.empty((resamples, n), dtype=np.int64)
    scale = 2.0 ** -48
    with np.errstate(over="ignore"):
        for k in range(n):
            state = (state * _A + _C) & _MASK  # uint64 wraps modulo 2^64, a multiple of 2^48
            out[:, k] = np.floor(state.astype(np.float64) * scale * n).astype(np.int64)
    out.setflags(write=False)
    return out


def test_order(ids: Sequence[str], peer_id: str = "A") -> list[int]:
    """Positions of ``ids`` in the script's order: its test ids ``"<id>.<peer_id>"`` sorted as byte strings."""
    keys = [f"{i}.{peer_id}".encode() for i in ids]
    return sorted(range(len(ids)), key=keys.__getitem__)


def _interval(means: np.ndarray, lower_index: int, upper_index: int, ratio: float) -> tuple[float, float]:
    size = len(means)

    def at(k: int) -> float:
        return float(means[k]) if k < size else 0.0  # Perl reads past the end as 0

    lo = at(lower_index) + (at(lower_index + 1) - at(lower_index)) * ratio
    hi = at(upper_index) + (at(upper_index + 1) - at(upper_index)) * ratio
    return lo, hi


def bootstrap_averages(scores: np.ndarray, resamples: int, confidence: float) -> list[Average]:
    """The script's averages and intervals of each measure.

    Parameters
    ----------
    scores : ndarray, shape (N, 3 * M)
        Per-summary recall, precision and F of M measures, rows in the script's
        order (:func:`test_order`).
    resamples, confidence
        ``-r`` and ``-c``.

    Returns
    -------
    list of Average
        One per measure.
    """
    n, width = scores.shape
    if n == 0:
        raise ValueError("no scored summaries: nothing to average")
    # The draws of all resamples at once, one draw at a time (memory r x width, not r x n), added in the
    # script's order.
    state = (np.arange(resamples, dtype=np.uint64) << np.uint64(16)) + np.uint64(0x330E)
    sums = np.zeros((resamples, width))
    scale = 2.0 ** -48
    with np.errstate(over="ignore"):
        for _ in range(n):
            state = (state * _A + _C) & _MASK
            sums += scores[np.floor(state.astype(np.float64) * scale * n).astype(np.int64)]
    means = sums / n
    delta = resamples * ((100 - confidence) / 2.0) / 100.0
    upper_index = int(resamples - delta - 1)
    lower_index = int(delta)
    ratio = resamples - delta - 1 - upper_index
    out = []
    for m in range(width // 3):
        values = []
        intervals = []
        for column in range(3 * m, 3 * m + 3):
            ranked = np.sort(means[:, column])
            values.append(float(np.cumsum(ranked)[-1]) / resamples)  # summed in sorted order, as the script
            intervals.append(_interval(ranked, lower_index, upper_index, ratio))
        out.append(Average(values[0], values[1], values[2], intervals[0], intervals[1], intervals[2]))
    return out
