"""Meta-evaluation records: judgments in, correlations and intervals out (see :mod:`eval.meta`)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

import numpy as np

from eval.stats.bootstrap import BootstrapConfig

__all__ = ["CORRELATIONS", "LEVELS", "RESAMPLING", "Correlations", "Judgments", "Level", "LevelEstimate",
           "MetaReport", "MetaResult", "Resample"]

#: Correlation coefficients, in report order.
CORRELATIONS: tuple[str, ...] = ("kendall", "spearman", "pearson")
#: What a bootstrap resample draws with replacement.
RESAMPLING: tuple[str, ...] = ("systems", "documents", "both")
#: Levels of a meta-evaluation, in report order.
LEVELS: tuple[str, ...] = ("system", "summary")

Level = Literal["system", "summary"]
Resample = Literal["systems", "documents", "both"]



@dataclass(frozen=True)
class Correlations:
    """Kendall's tau-b, Spearman's rho and Pearson's r (``nan`` when undefined)."""

    kendall: float
    spearman: float
    pearson: float

    def __iter__(self) -> Iterator[float]:
        return iter((self.kendall, self.spearman, self.pearson))


UNDEFINED_CORRELATIONS = Correlations(math.nan, math.nan, math.nan)


@dataclass(frozen=True)
class LevelEstimate:
    """A point estimate at one level.

    Attributes
    ----------
    value : Correlations
    n : int
        Systems correlated (system level) or documents averaged (summary level).
    skipped : int
        Summary level: documents whose correlation is undefined (constant
        metric or human scores across the systems); always 0 at system level.
    """

    value: Correlations
    n: int
    skipped: int = 0


@dataclass(frozen=True)
class MetaResult:
    """One metric against one human score at one level, with bootstrap intervals.

    Attributes
    ----------
    metric, dimension : str
    estimate : Correlations
    low, high : Correlations
        Percentile interval bounds.
    n, skipped : int
        As in :class:`LevelEstimate`.
    undefined_resamples : int
        Resamples whose statistic was undefined (left out of the percentiles).
    """

    metric: str
    dimension: str
    estimate: Correlations
    low: Correlations
    high: Correlations
    n: int
    skipped: int
    undefined_resamples: int

    def to_dict(self) -> dict[str, object]:
        """``{"kendall", "spearman", "pearson", "kendall_ci": [lo, hi], ...}``; ``nan`` -> ``None``."""
        out: dict[str, object] = {name: _json_float(getattr(self.estimate, name)) for name in CORRELATIONS}
        for name in CORRELATIONS:
            out[f"{name}_ci"] = [_json_float(getattr(self.low, name)), _json_float(getattr(self.high, name))]
        return out


def _json_float(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


@dataclass(frozen=True)
class MetaReport:
    """Every metric against every human score, at system and summary level."""

    system_level: tuple[MetaResult, ...]
    summary_level: tuple[MetaResult, ...]
    n_systems: int
    n_documents: int
    resample: str
    bootstrap: BootstrapConfig

    def results(self, level: Level) -> tuple[MetaResult, ...]:
        """The results of ``level`` (``"system"`` or ``"summary"``)."""
        if level not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
        return self.system_level if level == "system" else self.summary_level

    def get(self, level: Level, metric: str, dimension: str) -> MetaResult:
        """The result for ``metric`` against ``dimension`` at ``level`` (``KeyError`` if absent)."""
        for result in self.results(level):
            if result.metric == metric and result.dimension == dimension:
                return result
        raise KeyError(f"no result for {metric!r} against {dimension!r}")

    def to_dict(self) -> dict[str, dict[str, dict[str, dict[str, object]]]]:
        """``{"system_level": {METRIC: {DIMENSION: {...}}}, "summary_level": {...}}``."""
        out: dict[str, dict[str, dict[str, dict[str, object]]]] = {}
        for key, results in (("system_level", self.system_level), ("summary_level", self.summary_level)):
            table: dict[str, dict[str, dict[str, object]]] = {}
            for result in results:
                table.setdefault(result.metric, {})[result.dimension] = result.to_dict()
            out[key] = table
        return out


def _read_only(values: object, name: str, shape: tuple[int, int] | None) -> np.ndarray:
    array = np.array(values, dtype=np.float64)  # a copy: the caller's array may change later
    if array.ndim != 2:
        raise ValueError(f"{name}: expected a (systems, documents) matrix, got shape {array.shape}")
    if shape is not None and array.shape != shape:
        raise ValueError(f"{name}: shape {array.shape} does not match (systems, documents) = {shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name}: scores must be finite numbers (no nan or inf)")
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class Judgments:
    """Metric and human scores of ``n`` systems on the same ``m`` documents.

    Attributes
    ----------
    systems : tuple of str
        System ids, one per matrix row.
    documents : tuple of str
        Document ids, one per matrix column.
    metrics : mapping of str to numpy.ndarray
        Metric name -> ``(n, m)`` scores (read-only copies).
    human : mapping of str to numpy.ndarray
        Human score name (dimension) -> ``(n, m)`` scores (read-only copies).

    Raises
    ------
    ValueError
        Duplicate or empty ids, no metric or no human score, a matrix of the
        wrong shape, or a non-finite score.
    """

    systems: tuple[str, ...]
    documents: tuple[str, ...]
    metrics: Mapping[str, np.ndarray]
    human: Mapping[str, np.ndarray]

    def __post_init__(self) -> None:
        for what in ("systems", "documents"):
            ids = tuple(getattr(self, what))
            if not ids or len(set(ids)) != len(ids):
                raise ValueError(f"{what}: need at least one id and no duplicates")
            object.__setattr__(self, what, ids)
        shape = (len(self.systems), len(self.documents))
        for what in ("metrics", "human"):
            table = getattr(self, what)
            if not table:
                raise ValueError(f"{what}: need at least one score")
            object.__setattr__(self, what, MappingProxyType(
                {str(name): _read_only(values, f"{what}[{name!r}]", shape) for name, values in table.items()}))
