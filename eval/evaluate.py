"""Summarize articles and score the summaries against the articles' own summaries.

Per-article scoring (:func:`score_article`), aggregation with bootstrap
intervals (:func:`aggregate`) and the whole run (:func:`evaluate`) are
separate so each can be reused: e.g. score existing summaries with
:func:`~eval.rouge.score_summary` and aggregate them with :func:`aggregate`.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

import numpy as np

from summarize.article import Article
from summarize.batch import BatchConfig, ordered_map
from summarize.article import MissingReferenceError
from summarize.readers import RecordError
from summarize.sentences import SPLITTER_NAME

from .bootstrap import BootstrapConfig, Interval, bootstrap_means
from .rouge import RougeConfig, Score, score_summary
from .signature import Signature

__all__ = [
    "AggregateScore",
    "ArticleResult",
    "EvaluationReport",
    "aggregate",
    "evaluate",
    "score_article",
]


# Why an article cannot be scored; shared with eval.compare so both commands say the same.
NO_SENTENCES = "no body sentences to summarize"
NO_REFERENCE = "no reference (no own summary found; see --reference)"


class _Summarizer(Protocol):
    def summarize(self, article: Article) -> Any: ...


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
    """

    index: int
    id: str
    summary: tuple[str, ...] = ()
    selected: tuple[int, ...] = ()
    scores: Mapping[str, Score] | None = None
    reference_kinds: tuple[str, ...] = ()
    skipped: str | None = None


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


def score_article(
    index: int, item: Article | RecordError, summarizer: _Summarizer, config: RougeConfig
) -> ArticleResult:
    """Summarize one article and score it; never raises for bad records.

    Records that cannot be scored come back with ``skipped`` set: unreadable
    records, articles without a reference, articles without body sentences,
    and articles the method rejects (e.g. the oracle without a reference).
    """
    if isinstance(item, RecordError):
        return ArticleResult(index, item.id, skipped=item.message)
    kinds = item.reference_kinds
    if not item.sentences:
        return ArticleResult(index, item.id, reference_kinds=kinds, skipped=NO_SENTENCES)
    if not item.references:
        reason = NO_REFERENCE
        try:
            # Still summarized: users see the summary even without a reference.
            summary = summarizer.summarize(item)
        except MissingReferenceError:
            return ArticleResult(index, item.id, skipped=reason)
        return ArticleResult(index, item.id, tuple(summary.sentences), tuple(summary.indices), skipped=reason)
    summary = summarizer.summarize(item)
    scores = score_summary(summary.sentences, item.references, config)
    return ArticleResult(index, item.id, tuple(summary.sentences), tuple(summary.indices), scores, kinds)


def _score_safely(summarizer: _Summarizer, config: RougeConfig, indexed: tuple[int, Article | RecordError]
                  ) -> ArticleResult:
    """:func:`score_article` for batch engines: one article the method rejects must not end the batch."""
    index, item = indexed
    try:
        return score_article(index, item, summarizer, config)
    except (TypeError, ValueError) as exc:
        return ArticleResult(index, getattr(item, "id", str(index)), skipped=f"cannot summarize: {exc}")


def aggregate(
    per_article: Sequence[Mapping[str, Score]],
    types: Sequence[str],
    bootstrap: BootstrapConfig = BootstrapConfig(),
) -> dict[str, AggregateScore]:
    """Mean of per-article precision, recall and F1 per type, with bootstrap intervals.

    All columns are resampled with the same article indices (see
    :func:`~eval.bootstrap.bootstrap_means`).
    """
    values = np.array([_row(s, types) for s in per_article], dtype=np.float64).reshape(len(per_article), 3 * len(types))
    return _aggregate_values(values, types, bootstrap)


def _row(scores: Mapping[str, Score], types: Sequence[str]) -> list[float]:
    return [getattr(scores[t], f) for t in types for f in ("precision", "recall", "fmeasure")]


def _aggregate_values(values: np.ndarray, types: Sequence[str], bootstrap: BootstrapConfig) -> dict[str, AggregateScore]:
    intervals = bootstrap_means(values, bootstrap)
    return {t: AggregateScore(*intervals[3 * k : 3 * k + 3]) for k, t in enumerate(types)}


def evaluate(
    items: Iterable[Article | RecordError],
    summarizer: _Summarizer,
    *,
    rouge: RougeConfig = RougeConfig(),
    bootstrap: BootstrapConfig = BootstrapConfig(),
    reference: str = "auto",
    on_result: Callable[[ArticleResult], None] | None = None,
    batch: BatchConfig | None = None,
    keep_results: bool = True,
    prior: Iterable[ArticleResult] = (),
) -> EvaluationReport:
    """Summarize and score every item; aggregate the scored ones.

    Parameters
    ----------
    items : iterable of Article or RecordError
        E.g. the output of :func:`summarize.readers.read_articles`.
    summarizer : object with ``summarize(article)``
        Any summarizer of this toolkit.
    rouge : RougeConfig
    bootstrap : BootstrapConfig
    reference : str
        The reference choice, recorded in the signature.
    on_result : callable, optional
        Called with each :class:`ArticleResult` as it is produced, in input
        order (progress, error reporting).
    batch : BatchConfig, optional
        Parallel engine (local processes or Dask); default: this process.
        Results are identical for every engine and number of workers.
    keep_results : bool
        Keep every :class:`ArticleResult` in the report (default).  With
        ``False`` only the scores are kept, as 8-byte floats (``3 x types``
        per article), plus the skipped records' ids and reasons: memory stays
        flat for corpora of millions of articles; use ``on_result`` to write
        the per-article rows as they come.
    prior : iterable of ArticleResult
        Results of the first records from an interrupted run (``--resume``),
        in input order; ``items`` then holds only the records after them.
        They are aggregated as if computed now (``on_result`` is not called).

    Returns
    -------
    EvaluationReport
    """
    results = []
    values = array("d")  # per-article P/R/F rows, flat: far smaller than Score objects
    n_scored = 0
    work = partial(_score_safely, summarizer, rouge)

    def outcomes() -> Iterable[ArticleResult]:
        start = 0
        for result in prior:
            start += 1
            yield result
        # The records after the resumed ones keep their input positions.
        for result in ordered_map(work, enumerate(items, start=start), batch or BatchConfig(jobs=1)):
            if on_result is not None:
                on_result(result)
            yield result

    for result in outcomes():
        if result.scores is not None:
            values.extend(_row(result.scores, rouge.types))
            n_scored += 1
            if keep_results:
                results.append(result)
        else:
            results.append(result if keep_results else ArticleResult(result.index, result.id, skipped=result.skipped))
    table = np.frombuffer(values, dtype=np.float64).reshape(n_scored, 3 * len(rouge.types))
    signature = Signature.create(rouge, bootstrap, splitter=SPLITTER_NAME, reference=reference)
    system = {"method": getattr(summarizer, "method", type(summarizer).__name__)}
    if hasattr(summarizer, "get_params"):
        system["params"] = summarizer.get_params()
    return EvaluationReport(tuple(results), _aggregate_values(table, rouge.types, bootstrap), signature, system,
                            n_scored)
