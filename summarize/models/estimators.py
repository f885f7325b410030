"""The summarizers as scikit-learn estimators: the models plus ``sklearn.base.BaseEstimator``.

``TfidfSummarizer`` is :class:`~summarize.models.tfidf.TfidfModel` with
scikit-learn's ``BaseEstimator`` in front of it in the method order, so
``get_params``/``set_params``, ``clone``, the estimator ``repr``, pickling and
``GridSearchCV`` are scikit-learn's own, while summarizing, ``fit`` and
validation are the model's (one implementation).  This module is the only
place that imports scikit-learn for summarizing; the command line uses the
models directly and starts without it.
"""

from __future__ import annotations

from typing import Any

from sklearn.base import BaseEstimator

from summarize.models.baselines import LeadModel, OracleModel, RandomModel
from summarize.models.tfidf import TfidfModel

__all__ = ["ESTIMATORS", "BaseSummarizer", "LeadSummarizer", "OracleSummarizer", "RandomSummarizer",
           "TfidfSummarizer"]


class BaseSummarizer(BaseEstimator):
    """scikit-learn's estimator protocol for the summarizers: tags for text input, no fit required."""

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        tags.requires_fit = False
        return tags


class TfidfSummarizer(BaseSummarizer, TfidfModel):
    __doc__ = TfidfModel.__doc__


class LeadSummarizer(BaseSummarizer, LeadModel):
    __doc__ = LeadModel.__doc__


class RandomSummarizer(BaseSummarizer, RandomModel):
    __doc__ = RandomModel.__doc__


class OracleSummarizer(BaseSummarizer, OracleModel):
    __doc__ = OracleModel.__doc__


#: Method name -> estimator class (the models are :data:`summarize.models.methods.METHODS`).
ESTIMATORS: dict[str, type[BaseSummarizer]] = {
    "tfidf": TfidfSummarizer,
    "lead": LeadSummarizer,
    "random": RandomSummarizer,
    "oracle": OracleSummarizer,
}
