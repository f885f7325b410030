"""Seeded percentile-bootstrap confidence intervals for means of per-item scores.

Unlike rouge-score's ``BootstrapAggregator``, which draws from numpy's global
random state, every call here builds its own ``numpy.random.Generator`` from
the seed, so the same scores and settings always give the same interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["MAX_SAMPLES", "BootstrapConfig", "Interval", "bootstrap_means"]

# Resamples are drawn in blocks so memory stays ~ block * n_items integers:
# up to RESAMPLE_BLOCK resamples per block, fewer for large inputs so that one block
# never holds more than _MAX_DRAWS indices (32 MB of int64; a million articles
# gives blocks of 4 resamples).  The block size depends on n only, so the same
# input and seed always give the same interval.
RESAMPLE_BLOCK = 256
_MAX_DRAWS = 1 << 22
# Most resamples B a run may ask for: 100 times the default, far more than an interval or a p-value needs
# (1/B = 0.00001).  Each resample draws n indices, so the cost grows as B * n; a mistyped 1000000000 would run for
# days, and the means array alone (B x columns x 8 bytes) would need tens of GB.
MAX_SAMPLES = 100_000


@dataclass(frozen=True)
class BootstrapConfig:
    """Bootstrap settings.

    Attributes
    ----------
    n_samples : int
        Number of resamples ``B``, from 1 to :data:`MAX_SAMPLES` (100,000).
    confidence : float
        Interval coverage in (0, 1), e.g. 0.95.
    seed : int
        Seed of the generator (``numpy.random.default_rng(seed)``).
    """

    n_samples: int = 1000
    confidence: float = 0.95
    seed: int = 12345

    def __post_init__(self) -> None:
        if not isinstance(self.n_samples, int) or not 1 <= self.n_samples <= MAX_SAMPLES:
            raise ValueError(f"bootstrap n_samples must be an integer from 1 to {MAX_SAMPLES}, got {self.n_samples!r}")
        if not 0.0 < self.confidence < 1.0:
            raise ValueError(f"confidence must be in (0, 1), got {self.confidence!r}")
        if not isinstance(self.seed, int) or self.seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {self.seed!r}")


@dataclass(frozen=True)
class Interval:
    """A mean with its bootstrap confidence interval."""

    mean: float
    low: float
    high: float


def bootstrap_means(values: np.ndarray, config: BootstrapConfig = BootstrapConfig()) -> list[Interval]:
    """Mean of each column of ``values`` with a percentile bootstrap interval.

    For ``n`` items, ``B = config.n_samples`` resamples draw ``n`` item indices
    with replacement (the same indices for every column, so columns stay
    paired); the interval is the ``(1 - c) / 2`` and ``(1 + c) / 2`` quantiles
    (numpy's linear interpolation) of the ``B`` resample means.

    Parameters
    ----------
    values : numpy.ndarray
        Shape ``(n_items,)`` or ``(n_items, n_columns)``.
    config : BootstrapConfig

    Returns
    -------
    list of Interval
        One per column.  With no items, every field is ``nan``.
    """
    import numpy as np  # here, not at the top: importing BootstrapConfig must not load numpy

    data = np.asarray(values, dtype=np.float64)
    if data.ndim == 1:
        data = data[:, None]
    n, k = data.shape
    if n == 0:
        return [Interval(float("nan"), float("nan"), float("nan")) for _ in range(k)]
    rng = np.random.default_rng(config.seed)
    means = np.empty((config.n_samples, k))
    block = max(1, min(RESAMPLE_BLOCK, _MAX_DRAWS // n))
    for start in range(0, config.n_samples, block):
        stop = min(start + block, config.n_samples)
        rows = stop - start
        idx = rng.integers(0, n, size=(rows, n))
        # How often each item is drawn in each resample; the resample means are
        # then one matrix product instead of a (rows, n, k) gather.
        offsets = (idx + (np.arange(rows) * n)[:, None]).ravel()
        counts = np.bincount(offsets, minlength=rows * n).reshape(rows, n)
        means[start:stop] = counts @ data / n
    alpha = (1.0 - config.confidence) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha], axis=0)
    center = data.mean(axis=0)
    return [Interval(float(center[j]), float(low[j]), float(high[j])) for j in range(k)]
