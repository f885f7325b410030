"""What the HTML report shows: :class:`ReportData` and its parts (plain, immutable records)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from eval.stats.bootstrap import Interval

__all__ = ["ArticleView", "ReportData", "SignificanceRow", "SystemArticle"]


@dataclass(frozen=True)
class SystemArticle:
    """One system's output for one article.

    Attributes
    ----------
    sentences : tuple of str
        The summary sentences.
    selected : tuple of int
        Index in :attr:`ArticleView.article` of each summary sentence; empty
        if unknown (e.g. summaries read from a file), then no article
        sentence is highlighted for this system.
    scores : Mapping of str to float
        Measure name -> value for this article (e.g. ``"rouge1_f": 0.41``),
        in its own units (ROUGE F on the 0..1 scale); ``nan`` allowed.
    """

    sentences: tuple[str, ...]
    selected: tuple[int, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleView:
    """One article with its references and the output of every system.

    Attributes
    ----------
    id : str
        The record's id.
    article : tuple of str
        Article sentences in order.
    references : tuple of tuple of str
        Each reference as a tuple of sentences (may be empty).
    systems : Mapping of str to SystemArticle
        System name -> its output; a system may be missing.
    """

    id: str
    article: tuple[str, ...]
    references: tuple[tuple[str, ...], ...] = ()
    systems: Mapping[str, SystemArticle] = field(default_factory=dict)


@dataclass(frozen=True)
class SignificanceRow:
    """A paired test of ``system`` against ``baseline`` on one measure.

    Attributes
    ----------
    system, baseline, measure : str
    mean_difference : float
        ``mean(system - baseline)`` in the measure's own units (ROUGE F shown x100).
    p_bootstrap : float
        p-value of the paired bootstrap (:func:`eval.stats.significance.paired_bootstrap`).
    p_permutation : float
        p-value of the permutation test (:func:`eval.stats.significance.permutation_test`).
    n_samples : int
        Bootstrap resamples B (0: unknown); a bootstrap p below 1/B is shown as ``<1/B``.
    """

    system: str
    baseline: str
    measure: str
    mean_difference: float
    p_bootstrap: float
    p_permutation: float
    n_samples: int = 0


@dataclass(frozen=True)
class ReportData:
    """Everything one HTML report shows.

    Attributes
    ----------
    title : str
        Page title and heading.
    signature : str
        The evaluation signature (:class:`eval.signature.Signature` as text).
    systems : tuple of str
        Display order; the first system is the baseline of comparisons.
    measures : tuple of str
        Columns of the aggregate and per-article tables, e.g.
        ``("rouge1_f", "rouge2_f", "rougeL_f", "rougeLsum_f", "coverage")``.
    aggregate : Mapping of str to Mapping of str to Interval
        System -> measure -> mean with its bootstrap interval (ROUGE F on the 0..1 scale).
    confidence : float
        Coverage of the intervals, e.g. 0.95 (for the headers).
    per_article : Mapping of str to Mapping of str to Sequence of float
        System -> measure -> per-article values, for the distribution plots.
    positions : Mapping of str to Sequence of float
        System -> relative position in [0, 1] of every selected sentence
        (0 = first sentence; see :func:`relative_position`).
    significance : Sequence of SignificanceRow
        Paired tests of each system against the baseline.
    articles : Sequence of ArticleView
        Rows of the per-article table and its detail view (the CLI caps
        this, e.g. to the first 500).
    n_articles : int
        Total number of articles evaluated (may exceed ``len(articles)``);
        0 means ``len(articles)``.
    skipped : Sequence of tuple of (str, str)
        ``(id, reason)`` of the records that could not be scored.
    tokenizer : {"rouge-score", "unicode"}
        The ROUGE tokenizer, whose words the overlap marks use.
    """

    title: str
    signature: str
    systems: tuple[str, ...]
    measures: tuple[str, ...]
    aggregate: Mapping[str, Mapping[str, Interval]]
    confidence: float
    per_article: Mapping[str, Mapping[str, Sequence[float]]]
    positions: Mapping[str, Sequence[float]]
    significance: Sequence[SignificanceRow] = ()
    articles: Sequence[ArticleView] = ()
    n_articles: int = 0
    skipped: Sequence[tuple[str, str]] = ()
    tokenizer: str = "rouge-score"


# --------------------------------------------------------------------------
# Numbers
