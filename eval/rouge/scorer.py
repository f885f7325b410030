"""A scikit-learn scorer that rates summarizers by ROUGE, for ``GridSearchCV`` and friends.

Example
-------
>>> from sklearn.model_selection import GridSearchCV
>>> from summarize import TfidfSummarizer
>>> search = GridSearchCV(TfidfSummarizer(), {"position_weight": [0.0, 0.5, 1.0]},
...                       scoring=rouge_scorer("rouge2"), cv=3)       # doctest: +SKIP
>>> search.fit(articles, [a.references for a in articles])           # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from eval.rouge.score import OBJECTIVES, RougeConfig, score_summary

__all__ = ["rouge_scorer"]



def rouge_scorer(objective: str = "mean", *, use_stemmer: bool = True,
                 multi_ref: str = "best") -> Callable[[Any, Sequence[Any], Sequence[Any] | None], float]:
    """Build ``scorer(estimator, X, y) -> float``: the mean ROUGE F1 of the estimator's summaries.

    ``score = mean_i mean_{t in T} F1_t(summary(X_i), y_i)`` with ``T`` the
    types of ``objective`` (``mean`` = rouge1, rouge2, rougeLsum).  ``y_i`` is
    article ``i``'s references (a sequence of references, each a sequence of
    sentences); with ``y=None`` the articles' own ``references`` are used.

    Raises
    ------
    ValueError
        If ``objective`` is unknown.
    """
    if objective not in OBJECTIVES:
        raise ValueError(f"unknown objective {objective!r}; choose one of {', '.join(OBJECTIVES)}")
    types = OBJECTIVES[objective]
    config = RougeConfig(types=types, use_stemmer=use_stemmer, multi_ref=multi_ref)  # type: ignore[arg-type]

    def scorer(estimator: Any, X: Sequence[Any], y: Sequence[Any] | None = None) -> float:
        values = []
        for k, article in enumerate(X):
            references = y[k] if y is not None else article.references
            if not references:
                raise ValueError(f"article {getattr(article, 'id', k)!r} has no reference to score against")
            summary = estimator.summarize(article)
            scores = score_summary(summary.sentences, references, config)
            values.append(sum(scores[t].fmeasure for t in types) / len(types))
        return float(np.mean(values))

    return scorer
