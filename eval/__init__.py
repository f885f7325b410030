"""Evaluation of summaries: exact ROUGE (via rouge-score), seeded bootstrap
intervals, signatures and reports.

Examples
--------
>>> from eval import score_summary
>>> round(score_summary(["the cat sat"], [["the cat ran"]])["rouge1"].fmeasure, 4)
0.6667

The reporting names (``write_report`` and friends, which need pandas) are
loaded on first use (PEP 562), so that ``summarize score`` does not pay for
importing pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .bootstrap import BootstrapConfig, Interval, bootstrap_means
from .evaluate import AggregateScore, ArticleResult, EvaluationReport, aggregate, evaluate, score_article
from .rouge import DEFAULT_TYPES, RougeConfig, Score, score_summary
from .signature import Signature

# Name -> submodule, imported on first use.  (Only names that do not clash with
# a submodule's name: importing eval.evaluate sets the package attribute
# ``evaluate`` to the module, which is why the function is imported above.)
_LAZY = {name: "report" for name in
         ("aggregate_frame", "per_article_frame", "render_markdown", "render_text", "write_report")}

if TYPE_CHECKING:
    from .report import aggregate_frame, per_article_frame, render_markdown, render_text, write_report

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'eval' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
