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

__version__ = "0.2.0"

_EXPORTS = {
    "Article": "article",
    "ReferenceSpec": "article",
    "parse_reference_spec": "article",
    "build_article": "parse",
    "parse_text": "parse",
    "split_sentences": "sentences",
    "SPLITTER_NAME": "sentences",
    "Budget": "selection",
    "Summary": "base",
    "BaseSummarizer": "base",
    "TfidfSummarizer": "tfidf",
    "LeadSummarizer": "baselines",
    "RandomSummarizer": "baselines",
    "OracleSummarizer": "baselines",
    "MissingReferenceError": "article",
    "METHODS": "methods",
    "make_summarizer": "methods",
    "FieldNames": "readers",
    "RecordError": "readers",
    "read_articles": "readers",
}

__all__ = sorted(_EXPORTS) + ["__version__"]

if TYPE_CHECKING:
    from .article import Article, ReferenceSpec, parse_reference_spec
    from .base import BaseSummarizer, Summary
    from .article import MissingReferenceError
    from .baselines import LeadSummarizer, OracleSummarizer, RandomSummarizer
    from .methods import METHODS, make_summarizer
    from .parse import build_article, parse_text
    from .readers import FieldNames, RecordError, read_articles
    from .selection import Budget
    from .sentences import SPLITTER_NAME, split_sentences
    from .tfidf import TfidfSummarizer


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarize' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
