"""Evaluation of summaries: exact ROUGE (equal to rouge-score's), seeded bootstrap
intervals, significance tests, meta-evaluation, signatures and reports.

A leaf library: it imports nothing from :mod:`summarize`.  Subpackages:
:mod:`eval.rouge` (ROUGE), :mod:`eval.rouge155` (ROUGE-1.5.5's numbers without Perl),
:mod:`eval.stats` (bootstrap, significance tests),
:mod:`eval.meta` (correlation with human judgments), :mod:`eval.report`
(tables, HTML report); modules :mod:`eval.results`, :mod:`eval.compare`,
:mod:`eval.measures`, :mod:`eval.signature` and :mod:`eval.backend`.

Examples
--------
>>> from eval import score_summary
>>> round(score_summary(["the cat sat"], [["the cat ran"]])["rouge1"].fmeasure, 4)
0.6667

Every name is loaded on first use (PEP 562): ``import eval`` costs nothing,
and ``summarize score`` does not pay for pandas (``write_report`` and friends).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Name -> submodule, imported on first use (PEP 562): ``import eval`` loads nothing heavy.
_LAZY = {
    **{name: "stats.bootstrap" for name in ("BootstrapConfig", "Interval", "bootstrap_means")},
    **{name: "results" for name in ("AggregateScore", "ArticleResult", "EvaluationReport", "aggregate")},
    **{name: "rouge.config" for name in ("DEFAULT_TYPES", "RougeConfig", "Score")},
    "score_summary": "rouge.score",
    "Signature": "signature",
    **{name: "report.tables" for name in
       ("aggregate_frame", "per_article_frame", "render_markdown", "render_text", "write_report")},
}

if TYPE_CHECKING:
    from eval.report.tables import aggregate_frame, per_article_frame, render_markdown, render_text, write_report
    from eval.results import AggregateScore, ArticleResult, EvaluationReport, aggregate
    from eval.rouge.config import DEFAULT_TYPES, RougeConfig, Score
    from eval.rouge.score import score_summary
    from eval.signature import Signature
    from eval.stats.bootstrap import BootstrapConfig, Interval, bootstrap_means

__all__ = [
    "AggregateScore",
    "ArticleResult",
    "BootstrapConfig",
    "DEFAULT_TYPES",
    "EvaluationReport",
    "Interval",
    "RougeConfig",
    "Score",
    "Signature",
    "aggregate",
    "aggregate_frame",
    "bootstrap_means",
    "per_article_frame",
    "render_markdown",
    "render_text",
    "score_summary",
    "write_report",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eval' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
