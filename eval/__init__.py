"""Evaluation of summaries: exact ROUGE (via rouge-score), seeded bootstrap
intervals, signatures and reports.

Examples
--------
>>> from eval import score_summary
>>> round(score_summary(["the cat sat"], [["the cat ran"]])["rouge1"].fmeasure, 4)
0.6667
"""

from __future__ import annotations

from .bootstrap import BootstrapConfig, Interval, bootstrap_means
from .evaluate import AggregateScore, ArticleResult, EvaluationReport, aggregate, evaluate, score_article
from .report import aggregate_frame, per_article_frame, render_markdown, render_text, write_report
from .rouge import DEFAULT_TYPES, RougeConfig, Score, score_summary
from .signature import Signature

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
    "evaluate",
    "per_article_frame",
    "render_markdown",
    "render_text",
    "score_article",
    "score_summary",
    "write_report",
]
