"""Registry of summarization methods selectable by name (``--method``)."""

from __future__ import annotations

import inspect
from typing import Any

from summarize.models.base import BaseSummarizer
from summarize.models.baselines import LeadSummarizer, OracleSummarizer, RandomSummarizer
from summarize.models.tfidf import TfidfSummarizer

__all__ = ["METHODS", "make_summarizer"]

#: Method name -> estimator class.  ``tfidf`` is the default.
METHODS: dict[str, type[BaseSummarizer]] = {
    "tfidf": TfidfSummarizer,
    "lead": LeadSummarizer,
    "random": RandomSummarizer,
    "oracle": OracleSummarizer,
}


def make_summarizer(method: str = "tfidf", **params: Any) -> BaseSummarizer:
    """Build the summarizer for ``method`` from the parameters it accepts.

    Parameters not used by the method (e.g. ``redundancy`` for ``lead``) are
    ignored, so one set of options can drive every method.

    Raises
    ------
    ValueError
        If ``method`` is not one of :data:`METHODS`.
    """
    try:
        cls = METHODS[method]
    except KeyError:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}") from None
    accepted = inspect.signature(cls.__init__).parameters
    return cls(**{k: v for k, v in params.items() if k in accepted})
