"""Registry of summarization methods selectable by name (``--method``)."""

from __future__ import annotations

import inspect
from typing import Any

from summarize.models.base import BaseModel
from summarize.models.baselines import LeadModel, OracleModel, RandomModel
from summarize.models.tfidf import TfidfModel

__all__ = ["METHODS", "make_model", "make_summarizer"]

#: Method name -> model class.  ``tfidf`` is the default.
METHODS: dict[str, type[BaseModel]] = {
    "tfidf": TfidfModel,
    "lead": LeadModel,
    "random": RandomModel,
    "oracle": OracleModel,
}


def _accepted(method: str, params: dict[str, Any]) -> dict[str, Any]:
    try:
        cls = METHODS[method]
    except KeyError:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}") from None
    accepted = inspect.signature(cls.__init__).parameters
    return {k: v for k, v in params.items() if k in accepted}


def make_model(method: str = "tfidf", **params: Any) -> BaseModel:
    """The model for ``method`` (a plain class: no scikit-learn import) from the parameters it accepts.

    Parameters not used by the method (e.g. ``redundancy`` for ``lead``) are
    ignored, so one set of options can drive every method.

    Raises
    ------
    ValueError
        If ``method`` is not one of :data:`METHODS`.
    """
    return METHODS[method](**_accepted(method, params))


def make_summarizer(method: str = "tfidf", **params: Any) -> Any:
    """The scikit-learn estimator for ``method`` (e.g. :class:`~summarize.models.estimators.TfidfSummarizer`).

    Like :func:`make_model`, but the result is a scikit-learn estimator
    (``clone``, ``GridSearchCV``); importing scikit-learn takes about a second.

    Raises
    ------
    ValueError
        If ``method`` is not one of :data:`METHODS`.
    """
    from summarize.models.estimators import ESTIMATORS

    params = _accepted(method, params)
    return ESTIMATORS[method](**params)
