"""Compare several systems on the same articles: ROUGE and quality measures, CIs, paired tests.

A *system* is either a summarizer of this toolkit (anything with
``summarize(article)``) or a mapping ``id -> summary sentences`` (external
summaries, e.g. read with :func:`eval.pairs.read_summaries`).  Every system is
scored on the same articles: an article counts only if it has a reference and
every system has a summary for it, so the paired tests compare like with like.

For each system and metric the table holds the mean over articles with a
seeded bootstrap interval (:func:`eval.bootstrap.bootstrap_means`); each
system is tested against the baseline (the first system unless named) with a
paired bootstrap and a permutation test (:mod:`eval.significance`) on the
articles where both values are defined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np

from summarize.article import Article
from summarize.batch import BatchConfig, ordered_map
from summarize.article import MissingReferenceError
from summarize.readers import RecordError
from summarize.sentences import SPLITTER_NAME

from .bootstrap import BootstrapConfig, Interval, bootstrap_means
from .evaluate import NO_REFERENCE, NO_SENTENCES
from .measures import MEASURE_NAMES, align_sentences, relative_positions, summary_measures
from .rouge import RougeConfig, score_summary
from .signature import Signature
from .significance import paired_bootstrap, permutation_test

__all__ = ["ArticleComparison", "Comparison", "SignificanceTest", "SystemSummary", "compare", "metric_names"]

Summaries = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class SystemSummary:
    """One system's summary of one article and its metric values (in ``Comparison.metrics`` order)."""

    sentences: tuple[str, ...]
    selected: tuple[int, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class ArticleComparison:
    """Every system's output for one input record, or why the record is not compared."""

    index: int
    id: str
    article: tuple[str, ...] = ()
    references: tuple[tuple[str, ...], ...] = ()
    outputs: Mapping[str, SystemSummary] = field(default_factory=dict)
    skipped: str | None = None


@dataclass(frozen=True)
class SignificanceTest:
    """``system`` against ``baseline`` on one metric: mean difference, its interval and p-values."""

    system: str
    baseline: str
    metric: str
    n: int
    mean_difference: float
    low: float
    high: float
    p_bootstrap: float
    p_permutation: float
    n_samples: int = 0  # bootstrap resamples B: a p_bootstrap of 0 means p < 1/B


@dataclass(frozen=True)
class Comparison:
    """Systems x metrics with intervals, paired tests and what the HTML report needs.

    Attributes
    ----------
    systems : tuple of str
        In the order given; ``systems[0]`` unless ``baseline`` was named is the baseline.
    metrics : tuple of str
        ``{type}_f`` per ROUGE type, then the quality measures.
    aggregate : dict
        ``system -> metric -> Interval`` (mean over articles where defined).
    tests : tuple of SignificanceTest
    values : dict of str to numpy.ndarray
        ``system -> (n_compared, n_metrics)`` per-article values (``nan`` = undefined).
    positions : dict of str to tuple of float
        Relative positions of every selected sentence per system.
    articles : tuple of ArticleComparison
        The first ``keep_articles`` compared articles, with their text.
    skipped : tuple of (index, id, reason)
    n_compared : int
    signature : str
    confidence : float
        Coverage of the intervals.
    tokenizer : str
        The ROUGE tokenizer (the HTML report's overlap marks use its words).
    """

    systems: tuple[str, ...]
    baseline: str
    metrics: tuple[str, ...]
    aggregate: Mapping[str, Mapping[str, Interval]]
    tests: tuple[SignificanceTest, ...]
    values: Mapping[str, np.ndarray]
    positions: Mapping[str, tuple[float, ...]]
    articles: tuple[ArticleComparison, ...]
    skipped: tuple[tuple[int, str, str], ...]
    n_compared: int
    signature: str
    confidence: float
    tokenizer: str = "rouge-score"

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` object (``null`` for undefined numbers)."""
        return {
            "n": self.n_compared,
            "systems": list(self.systems),
            "baseline": self.baseline,
            "metrics": list(self.metrics),
            "aggregate": {
                s: {m: {"mean": _num(i.mean), "ci": [_num(i.low), _num(i.high)]} for m, i in row.items()}
                for s, row in self.aggregate.items()
            },
            "tests": [
                {"system": t.system, "baseline": t.baseline, "metric": t.metric, "n": t.n,
                 "mean_difference": _num(t.mean_difference), "ci": [_num(t.low), _num(t.high)],
                 "p_bootstrap": _num(t.p_bootstrap), "p_permutation": _num(t.p_permutation)}
                for t in self.tests
            ],
            "skipped": [{"index": i, "id": ident, "reason": reason} for i, ident, reason in self.skipped],
            "signature": self.signature,
        }


def _num(value: float) -> float | None:
    return None if value != value else float(value)  # JSON has no NaN


def metric_names(rouge_types: Sequence[str], measures: Sequence[str] = MEASURE_NAMES) -> tuple[str, ...]:
    """Column names: ``rouge1_f`` ... then the measures."""
    return tuple(f"{t}_f" for t in rouge_types) + tuple(measures)


def _summarize_all(systems: Mapping[str, Any], external: Mapping[str, Sequence[str] | None], article: Article
                   ) -> dict[str, tuple[tuple[str, ...], tuple[int, ...]]] | str:
    """Each system's (sentences, selected), or the reason the article cannot be compared."""
    out = {}
    for name, system in systems.items():
        if name in external:
            sentences = external[name]
            if sentences is None:
                return f"system {name!r} has no summary with id {article.id!r}"
            out[name] = (tuple(sentences), align_sentences(article.sentences, sentences))
        else:
            summary = system.summarize(article)
            out[name] = (tuple(summary.sentences), tuple(summary.indices))
    return out


def _compare_one(systems: Mapping[str, Any], config: RougeConfig, measures: tuple[str, ...],
                 packed: tuple[int, Article | RecordError, Mapping[str, Sequence[str] | None]]) -> ArticleComparison:
    """Per-record work (picklable for batch engines); bad records become ``skipped``, never exceptions."""
    index, item, external = packed
    if isinstance(item, RecordError):
        return ArticleComparison(index, item.id, skipped=item.message)
    if not item.sentences:
        return ArticleComparison(index, item.id, skipped=NO_SENTENCES)
    if not item.references:
        return ArticleComparison(index, item.id, skipped=NO_REFERENCE)
    try:
        summaries = _summarize_all(systems, external, item)
    except (TypeError, ValueError, MissingReferenceError) as exc:
        return ArticleComparison(index, item.id, skipped=f"cannot summarize: {exc}")
    if isinstance(summaries, str):
        return ArticleComparison(index, item.id, skipped=summaries)
    outputs = {}
    for name, (sentences, selected) in summaries.items():
        scores = score_summary(sentences, item.references, config)
        quality = summary_measures(item.sentences, sentences, selected).as_dict()
        values = tuple(scores[t].fmeasure for t in config.types) + tuple(quality[m] for m in measures)
        outputs[name] = SystemSummary(sentences, selected, values)
    return ArticleComparison(index, item.id, tuple(item.sentences), tuple(item.references), outputs)


def _interval(values: np.ndarray, bootstrap: BootstrapConfig) -> Interval:
    return bootstrap_means(values[~np.isnan(values)], bootstrap)[0]


def compare(
    items: Iterable[Article | RecordError],
    systems: Mapping[str, Any],
    *,
    rouge: RougeConfig = RougeConfig(),
    bootstrap: BootstrapConfig = BootstrapConfig(),
    measures: Sequence[str] = MEASURE_NAMES,
    baseline: str | None = None,
    n_permutations: int = 10000,
    reference: str = "auto",
    keep_articles: int = 500,
    batch: BatchConfig | None = None,
    on_result: Callable[[ArticleComparison], None] | None = None,
) -> Comparison:
    """Score every system on every article; aggregate with intervals; test against the baseline.

    Parameters
    ----------
    items : iterable of Article or RecordError
    systems : mapping of str to summarizer or mapping
        Name -> a summarizer, or a mapping ``article id -> summary sentences``.
    rouge, bootstrap : RougeConfig, BootstrapConfig
    measures : sequence of str
        Quality measures (subset of :data:`eval.measures.MEASURE_NAMES`).
    baseline : str, optional
        The system the others are tested against (default: the first).
    n_permutations : int
        Rounds of the permutation test (the paired bootstrap uses ``bootstrap.n_samples``).
    reference : str
        Reference choice, recorded in the signature.
    keep_articles : int
        How many compared articles keep their text (for the HTML report).
    batch : BatchConfig, optional
        Parallel engine; results do not depend on it.
    on_result : callable, optional
        Called with each record's :class:`ArticleComparison`, in input order.

    Raises
    ------
    ValueError
        For no systems, an unknown baseline or an unknown measure.
    """
    names = tuple(systems)
    if not names:
        raise ValueError("compare needs at least one system")
    baseline = names[0] if baseline is None else baseline
    if baseline not in systems:
        raise ValueError(f"baseline {baseline!r} is not one of the systems: {', '.join(names)}")
    unknown = [m for m in measures if m not in MEASURE_NAMES]
    if unknown:
        raise ValueError(f"unknown measure(s) {', '.join(unknown)}; choose from {', '.join(MEASURE_NAMES)}")
    measures = tuple(measures)
    metrics = metric_names(rouge.types, measures)
    external = {n: s for n, s in systems.items() if not hasattr(s, "summarize")}
    ours = {n: s for n, s in systems.items() if n not in external}

    def packed() -> Iterable[tuple[int, Article | RecordError, dict[str, Sequence[str] | None]]]:
        # External summaries are looked up here, so workers receive only this article's.
        for index, item in enumerate(items):
            key = getattr(item, "id", None)
            yield index, item, {n: s.get(key) if isinstance(item, Article) else None for n, s in external.items()}

    rows: dict[str, list[tuple[float, ...]]] = {n: [] for n in names}
    positions: dict[str, list[float]] = {n: [] for n in names}
    kept: list[ArticleComparison] = []
    skipped: list[tuple[int, str, str]] = []
    # External systems travel as None: their summaries come with each record (see packed()).
    work = partial(_compare_one, {n: (ours[n] if n in ours else None) for n in names}, rouge, measures)
    for result in ordered_map(work, packed(), batch or BatchConfig(jobs=1)):
        if on_result is not None:
            on_result(result)
        if result.skipped is not None:
            skipped.append((result.index, result.id, result.skipped))
            continue
        for name, output in result.outputs.items():
            rows[name].append(output.values)
            positions[name].extend(relative_positions(output.selected, len(result.article)))
        if len(kept) < keep_articles:
            kept.append(result)
    values = {n: np.array(rows[n], dtype=np.float64).reshape(len(rows[n]), len(metrics)) for n in names}
    aggregate = {n: {m: _interval(values[n][:, k], bootstrap) for k, m in enumerate(metrics)} for n in names}
    tests = tuple(test for name in names if name != baseline
                  for test in _test(values, name, baseline, metrics, bootstrap, n_permutations))
    signature = (f"{Signature.create(rouge, bootstrap, splitter=SPLITTER_NAME, reference=reference)}"
                 f"|measures:{'+'.join(measures) or 'none'}|tests:paired-bootstrap+permutation-{n_permutations}"
                 f"|baseline:{baseline}")
    return Comparison(names, baseline, metrics, aggregate, tests, values,
                      {n: tuple(p) for n, p in positions.items()}, tuple(kept), tuple(skipped),
                      len(next(iter(rows.values()))), signature, bootstrap.confidence, rouge.tokenizer)


def _test(values: Mapping[str, np.ndarray], system: str, baseline: str, metrics: Sequence[str],
          bootstrap: BootstrapConfig, n_permutations: int) -> list[SignificanceTest]:
    out = []
    for k, metric in enumerate(metrics):
        a, b = values[system][:, k], values[baseline][:, k]
        both = ~(np.isnan(a) | np.isnan(b))
        if not both.any():
            nan = float("nan")
            out.append(SignificanceTest(system, baseline, metric, 0, nan, nan, nan, nan, nan))
            continue
        boot = paired_bootstrap(a[both], b[both], n_samples=bootstrap.n_samples, seed=bootstrap.seed,
                                confidence=bootstrap.confidence)
        perm = permutation_test(a[both], b[both], n_samples=n_permutations, seed=bootstrap.seed)
        out.append(SignificanceTest(system, baseline, metric, int(both.sum()), boot.mean_difference, boot.low,
                                    boot.high, boot.p_two_sided, perm.p_value, boot.n_samples))
    return out
