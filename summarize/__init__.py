"""Extractive summarization of news articles with TF-IDF sentence scoring.

Public names are loaded on first use (PEP 562) so that ``summarize --help``
does not pay for importing scikit-learn, numpy or nltk.

Examples
--------
>>> from summarize import TfidfSummarizer
>>> summary = TfidfSummarizer(n_sentences=2).summarize(open("seeds/000_eee3009524595d1e.txt").read())
>>> len(summary.sentences)
2
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"

_EXPORTS = {
    "Article": "text.article",
    "ReferenceSpec": "text.article",
    "parse_reference_spec": "text.article",
    "build_article": "text.parse",
    "parse_text": "text.parse",
    "split_sentences": "text.sentences",
    "SPLITTER_NAME": "text.sentences",
    "Budget": "models.selection",
    "Summary": "models.base",
    "BaseModel": "models.base",
    "TfidfModel": "models.tfidf",
    "LeadModel": "models.baselines",
    "RandomModel": "models.baselines",
    "OracleModel": "models.baselines",
    "make_model": "models.methods",
    "BaseSummarizer": "models.estimators",
    "TfidfSummarizer": "models.estimators",
    "LeadSummarizer": "models.estimators",
    "RandomSummarizer": "models.estimators",
    "OracleSummarizer": "models.estimators",
    "MissingReferenceError": "text.article",
    "METHODS": "models.methods",
    "make_summarizer": "models.methods",
    "FieldNames": "io.readers",
    "RecordError": "io.readers",
    "read_articles": "io.readers",
    "evaluate": "experiment.evaluate",
    "compare": "experiment.compare",
    "rouge155": "experiment.rouge155",
    "rouge155_files": "experiment.rouge155",
}

# A literal list (the sorted names of _EXPORTS, then __version__) so that linters and type checkers see
# the lazily loaded names as public; tests/test_startup.py checks that it matches _EXPORTS.
__all__ = [
    "Article", "BaseModel", "BaseSummarizer", "Budget", "FieldNames", "LeadModel", "LeadSummarizer", "METHODS",
    "MissingReferenceError", "OracleModel", "OracleSummarizer", "RandomModel", "RandomSummarizer", "RecordError",
    "ReferenceSpec", "SPLITTER_NAME", "Summary", "TfidfModel", "TfidfSummarizer", "build_article", "compare",
    "evaluate", "make_model", "make_summarizer", "parse_reference_spec", "parse_text", "read_articles", "rouge155",
    "rouge155_files", "split_sentences", "__version__",
]

if TYPE_CHECKING:
    from summarize.experiment.compare import compare
    from summarize.experiment.evaluate import evaluate
    from summarize.experiment.rouge155 import rouge155, rouge155_files
    from summarize.io.readers import FieldNames, RecordError, read_articles
    from summarize.models.base import BaseModel, Summary
    from summarize.models.baselines import LeadModel, OracleModel, RandomModel
    from summarize.models.estimators import (
        BaseSummarizer,
        LeadSummarizer,
        OracleSummarizer,
        RandomSummarizer,
        TfidfSummarizer,
    )
    from summarize.models.methods import METHODS, make_model, make_summarizer
    from summarize.models.selection import Budget
    from summarize.models.tfidf import TfidfModel
    from summarize.text.article import Article, MissingReferenceError, ReferenceSpec, parse_reference_spec
    from summarize.text.parse import build_article, parse_text
    from summarize.text.sentences import SPLITTER_NAME, split_sentences


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarize' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
