"""Evaluation results: per-record results, aggregates with bootstrap intervals, the report record.

Scoring a system over a corpus (summarize, then score) is orchestration and
lives with the summarizer (``summarize.experiment.evaluate``); this module
holds what any scorer produces, and :func:`aggregate`, which turns
per-summary scores into means with intervals: e.g. score existing summaries
with :func:`~eval.rouge.score_summary` and aggregate them here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from eval.rouge.score import Score
from eval.signature import Signature
from eval.stats.bootstrap import BootstrapConfig, Interval, bootstrap_means

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "AggregateScore",
    "ArticleResult",
    "EvaluationReport",
    "aggregate",
    "aggregate_values",
    "score_row",
]


@dataclass(frozen=True)
class ArticleResult:
    """The outcome for one input record.

    Attributes
    ----------
    index : int
        Position of the record in the input (0-based).
    id : str
        Record id.
    summary : tuple of str
        Summary sentences (empty when skipped before summarizing).
    selected : tuple of int
        Indices of the summary sentences among the article's sentences.
    scores : dict of str to Score, or None
        ROUGE per type; ``None`` when the record was skipped.
    reference_kinds : tuple of str
        Where the references came from.
    skipped : str or None
        Why the record has no scores (``None`` when scored).
    language : str or None
        The language whose rules tokenised it (ISO 639-1; ``None`` when unknown).
    """

    index: int
    id: str
    summary: tuple[str, ...] = ()
    selected: tuple[int, ...] = ()
    scores: Mapping[str, Score] | None = None
    reference_kinds: tuple[str, ...] = ()
    skipped: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class AggregateScore:
    """Mean precision, recall and F1 over articles, each with its bootstrap interval."""

    precision: Interval
    recall: Interval
    fmeasure: Interval


@dataclass(frozen=True)
class EvaluationReport:
    """Per-article results, aggregates and the signature of one evaluation run.

    Attributes
    ----------
    results : tuple of ArticleResult
        Every record's result in input order; with ``evaluate(...,
        keep_results=False)`` only the skipped ones (without summaries), so
        that memory does not grow with the number of scored articles.
    aggregate : dict of str to AggregateScore
    signature : Signature
    system : dict
        The method and its parameters.
    n_scored : int or None
        Number of scored records (``None``: count the scored ``results``).
    """

    results: tuple[ArticleResult, ...]
    aggregate: Mapping[str, AggregateScore]
    signature: Signature
    system: Mapping[str, Any] = field(default_factory=dict)
    n_scored: int | None = None

    @property
    def scored(self) -> list[ArticleResult]:
        """Scored results held in memory (none when evaluated with ``keep_results=False``)."""
        return [r for r in self.results if r.scores is not None]

    @property
    def skipped(self) -> list[ArticleResult]:
        """Results without scores, with their reasons."""
        return [r for r in self.results if r.scores is None]

    @property
    def count(self) -> int:
        """Number of scored records, whether or not their results are kept."""
        return len(self.scored) if self.n_scored is None else self.n_scored

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` object: ``n``, ``skipped``, ``signature``, one entry per ROUGE type."""
        out: dict[str, Any] = {
            "n": self.count,
            "skipped": [{"id": r.id, "index": r.index, "reason": r.skipped} for r in self.skipped],
            "signature": str(self.signature),
            "system": dict(self.system),
        }
        for name, agg in self.aggregate.items():
            out[name] = {
                "precision": _number(agg.precision.mean),
                "recall": _number(agg.recall.mean),
                "fmeasure": _number(agg.fmeasure.mean),
                "precision_ci": [_number(agg.precision.low), _number(agg.precision.high)],
                "recall_ci": [_number(agg.recall.low), _number(agg.recall.high)],
                "fmeasure_ci": [_number(agg.fmeasure.low), _number(agg.fmeasure.high)],
            }
        return out


def _number(value: float) -> float | None:
    """JSON has no NaN: an undefined mean (nothing scored) becomes ``null``."""
    return None if math.isnan(value) else value


def aggregate(
    per_article: Sequence[Mapping[str, Score]],
    types: Sequence[str],
    bootstrap: BootstrapConfig = BootstrapConfig(),
) -> dict[str, AggregateScore]:
    """Mean of per-article precision, recall and F1 per type, with bootstrap intervals.

    All columns are resampled with the same article indices (see
    :func:`~eval.stats.bootstrap.bootstrap_means`).
    """
    import numpy as np  # here, not at the top: results and reports without an aggregate need no numpy

    values = np.array([score_row(s, types) for s in per_article],
                      dtype=np.float64).reshape(len(per_article), 3 * len(types))
    return aggregate_values(values, types, bootstrap)


def score_row(scores: Mapping[str, Score], types: Sequence[str]) -> list[float]:
    """``[P, R, F]`` of each type in ``types``, flat: one row of the table :func:`aggregate_values` takes."""
    return [getattr(scores[t], f) for t in types for f in ("precision", "recall", "fmeasure")]


def aggregate_values(values: np.ndarray, types: Sequence[str], bootstrap: BootstrapConfig) -> dict[str, AggregateScore]:
    """:func:`aggregate` of a ``(n, 3 * len(types))`` table of :func:`score_row` rows."""
    intervals = bootstrap_means(values, bootstrap)
    return {t: AggregateScore(*intervals[3 * k : 3 * k + 3]) for k, t in enumerate(types)}


