"""Compare several systems on the same articles: ROUGE and quality measures, CIs, paired tests.

A *system* is either a summarizer of this toolkit (anything with
``summarize(article)``) or a mapping ``id -> summary sentences`` (external
summaries, e.g. read with :func:`summarize.io.pairs.read_summaries`).  Every system is
scored on the same articles: an article counts only if it has a reference and
every system has a summary for it, so the paired tests compare like with like.

For each system and metric the table holds the mean over articles with a
seeded bootstrap interval (:func:`eval.stats.bootstrap.bootstrap_means`); each
system is tested against the baseline (the first system unless named) with a
paired bootstrap and a permutation test (:mod:`eval.stats.significance`) on the
articles where both values are defined.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from eval.measures import MEASURE_NAMES, relative_positions, summary_measures
from eval.rouge.score import RougeConfig, resolve_language, score_summary
from eval.signature import Signature
from eval.stats.bootstrap import BootstrapConfig, Interval, bootstrap_means
from eval.stats.significance import paired_bootstrap, permutation_test

__all__ = ["ArticleComparison", "Comparison", "SignificanceTest", "SystemSummary", "check_systems", "compare_results",
           "metric_names", "score_outputs"]

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


def score_outputs(article_sentences: Sequence[str], references: Sequence[Sequence[str]],
                  summaries: Mapping[str, tuple[tuple[str, ...], tuple[int, ...]]], config: RougeConfig,
                  measures: Sequence[str]) -> dict[str, SystemSummary]:
    """Each system's metric values on one article (in :func:`metric_names` order).

    Parameters
    ----------
    article_sentences : sequence of str
        The article's body sentences (the quality measures read them).
    references : sequence of sequence of str
        The article's references, each a sequence of sentences.
    summaries : mapping
        System name -> ``(summary sentences, their indices in article_sentences)``.
    config : RougeConfig
    measures : sequence of str
        Quality measures (:data:`eval.measures.MEASURE_NAMES`).
    """
    outputs = {}
    config = resolve_language(config, (s for ref in references for s in ref))  # once, not once per system
    for name, (sentences, selected) in summaries.items():
        scores = score_summary(sentences, references, config)
        quality = summary_measures(article_sentences, sentences, selected).as_dict()
        values = tuple(scores[t].fmeasure for t in config.types) + tuple(quality[m] for m in measures)
        outputs[name] = SystemSummary(tuple(sentences), tuple(selected), values)
    return outputs


def check_systems(names: Sequence[str], baseline: str | None, measures: Sequence[str]) -> str:
    """The baseline's name (default: the first system), after checking the systems and measures.

    Raises
    ------
    ValueError
        For no systems, an unknown baseline or an unknown measure.
    """
    if not names:
        raise ValueError("compare needs at least one system")
    baseline = names[0] if baseline is None else baseline
    if baseline not in names:
        raise ValueError(f"baseline {baseline!r} is not one of the systems: {', '.join(names)}")
    unknown = [m for m in measures if m not in MEASURE_NAMES]
    if unknown:
        raise ValueError(f"unknown measure(s) {', '.join(unknown)}; choose from {', '.join(MEASURE_NAMES)}")
    return baseline


def _interval(values: np.ndarray, bootstrap: BootstrapConfig) -> Interval:
    return bootstrap_means(values[~np.isnan(values)], bootstrap)[0]


def compare_results(
    results: Iterable[ArticleComparison],
    systems: Sequence[str],
    *,
    rouge: RougeConfig = RougeConfig(),
    bootstrap: BootstrapConfig = BootstrapConfig(),
    measures: Sequence[str] = MEASURE_NAMES,
    baseline: str | None = None,
    n_permutations: int = 10000,
    splitter: str = "given",
    reference: str = "given",
    keep_articles: int = 500,
    on_result: Callable[[ArticleComparison], None] | None = None,
) -> Comparison:
    """Aggregate per-article comparisons with intervals and test every system against the baseline.

    Parameters
    ----------
    results : iterable of ArticleComparison
        One per input record, in input order, each with every system's
        :class:`SystemSummary` (see :func:`score_outputs`) or a ``skipped`` reason.
    systems : sequence of str
        System names, in report order.
    rouge, bootstrap : RougeConfig, BootstrapConfig
    measures : sequence of str
        The quality measures in the values (after the ROUGE types).
    baseline : str, optional
        The system the others are tested against (default: the first).
    n_permutations : int
        Rounds of the permutation test (the paired bootstrap uses ``bootstrap.n_samples``).
    splitter, reference : str
        The sentence splitter and the reference choice, recorded in the signature.
    keep_articles : int
        How many compared articles keep their text (for the HTML report).
    on_result : callable, optional
        Called with each record's :class:`ArticleComparison`, in input order.
    """
    names = tuple(systems)
    measures = tuple(measures)
    baseline = check_systems(names, baseline, measures)
    metrics = metric_names(rouge.types, measures)
    rows: dict[str, list[tuple[float, ...]]] = {n: [] for n in names}
    positions: dict[str, list[float]] = {n: [] for n in names}
    kept: list[ArticleComparison] = []
    skipped: list[tuple[int, str, str]] = []
    for result in results:
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
    signature = (f"{Signature.create(rouge, bootstrap, splitter=splitter, reference=reference)}"
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
