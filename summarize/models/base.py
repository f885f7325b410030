"""Shared summarizer behaviour (:class:`BaseModel`) and the :class:`Summary` result record.

The models here are plain classes, so the command line starts without
importing scikit-learn; :mod:`summarize.models.estimators` makes each of them
a scikit-learn estimator (``TfidfSummarizer`` = :class:`~summarize.models.tfidf.TfidfModel`
+ ``BaseEstimator``)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from eval.languages import check_language
from summarize.models.selection import Budget
from summarize.text.article import Article
from summarize.text.parse import parse_text

__all__ = ["BaseModel", "Summary", "as_article"]


@dataclass(frozen=True)
class Summary:
    """An extractive summary and the evidence behind it.

    Attributes
    ----------
    sentences : tuple of str
        Selected sentences in document order.
    indices : tuple of int
        Their positions in ``source_sentences``.
    scores : tuple of float
        The method's score for *every* source sentence (why a sentence was
        picked); for ``tfidf`` the position-weighted relevance before redundancy.
    source_sentences : tuple of str
        All body sentences of the article, as split.
    method : str
        Name of the method that produced the summary.
    """

    sentences: tuple[str, ...]
    indices: tuple[int, ...]
    scores: tuple[float, ...]
    source_sentences: tuple[str, ...]
    method: str

    @property
    def text(self) -> str:
        """Sentences joined by newlines (the form ROUGE-Lsum expects)."""
        return "\n".join(self.sentences)


def as_article(article: Article | str, language: str = "auto") -> Article:
    """Accept an :class:`Article` or raw text (parsed like a plain-text file).

    ``language``: a code makes the article's sentences and terms follow that
    language's rules (an :class:`Article` of another language is re-labelled);
    ``"auto"`` keeps an article's language and detects raw text's.
    """
    if isinstance(article, Article):
        if language != "auto" and article.language != language:
            from dataclasses import replace

            return replace(article, language=language)
        return article
    if isinstance(article, str):
        return parse_text(article, language=language)
    raise TypeError(f"expected an Article or a str, got {type(article).__name__}")


class BaseModel:
    """What every extractive summarizer shares, without scikit-learn.

    Subclasses define a keyword-only ``__init__`` that only stores parameters,
    and :meth:`_select`.  Parameters are validated in :meth:`fit` (and, for an
    unfitted model, on each call of :meth:`summarize`).  :meth:`get_params`
    and :meth:`set_params` follow scikit-learn's rules; the estimators of
    :mod:`summarize.models.estimators` take scikit-learn's own.
    """

    method: str = ""

    @classmethod
    def _param_names(cls) -> list[str]:
        """The ``__init__`` parameters, sorted (as scikit-learn lists them)."""
        return sorted(name for name, p in inspect.signature(cls.__init__).parameters.items()
                      if name != "self" and p.kind is not p.VAR_KEYWORD)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The parameters, by name (``deep`` is accepted for scikit-learn's signature; no parameter is an estimator)."""
        return {name: getattr(self, name) for name in self._param_names()}

    def set_params(self, **params: Any) -> BaseModel:
        """Set parameters by name.

        Raises
        ------
        ValueError
            For a name that is not a parameter, naming the valid ones.
        """
        valid = self._param_names()
        for name, value in params.items():
            if name not in valid:
                raise ValueError(f"invalid parameter {name!r} for {type(self).__name__}; valid: {', '.join(valid)}")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        changed = []
        defaults = inspect.signature(type(self).__init__).parameters
        for name in self._param_names():
            value = getattr(self, name)
            if defaults[name].default is inspect.Parameter.empty or defaults[name].default != value:
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    def _budget(self) -> Budget:
        # Attributes, not get_params(): that inspects the signature, too slow for every call.
        return Budget(self.n_sentences, self.max_words, self.ratio)  # type: ignore[attr-defined]

    def _validate(self) -> None:
        """Raise ``ValueError``/``TypeError`` for invalid parameters."""
        self._budget()
        check_language(getattr(self, "language", "auto"))

    def validate(self) -> BaseModel:
        """Check the parameters without fitting.

        Returns
        -------
        self

        Raises
        ------
        ValueError
            Naming the invalid parameter and its valid range.
        """
        self._validate()
        return self

    def fit(self, X: Iterable[Article | str] | None = None, y: Any = None) -> BaseModel:
        """Validate parameters; subclasses may learn from the articles ``X``."""
        self._validate()
        return self

    #: Parameters that :meth:`prepare` depends on: the cache key of its result.
    _analysis_params: tuple[str, ...] = ()

    def analysis_key(self) -> tuple[Any, ...]:
        """Values of the parameters that :meth:`prepare` depends on.

        Two estimators with equal keys produce interchangeable ``prepare``
        results, so tuning can analyse each article once per key and reuse
        it across trials.
        """
        return tuple(getattr(self, name) for name in self._analysis_params)

    def prepare(self, article: Article) -> Any:
        """Per-article analysis that does not depend on scoring parameters (default: none)."""
        return None

    def summarize(self, article: Article | str, prepared: Any = None) -> Summary:
        """Summarize one article.

        Parameters
        ----------
        article : Article or str
            An article, or raw text parsed as a plain-text file (title,
            boilerplate and own-summary paragraphs are removed first).
        prepared : optional
            ``self.prepare(article)`` computed earlier by an estimator with
            the same :meth:`analysis_key` (a cache); computed when omitted.

        Returns
        -------
        Summary
        """
        art = as_article(article, getattr(self, "language", "auto"))
        # Validated on every call (microseconds), so set_params after fit is always checked.
        self._validate()
        budget = self._budget()
        sentences = art.sentences
        if not sentences:
            return Summary((), (), (), (), self.method)
        if prepared is None:
            prepared = self.prepare(art)
        indices, scores = self._select(art, budget, prepared)
        return Summary(
            sentences=tuple(sentences[i] for i in indices),
            indices=tuple(int(i) for i in indices),
            scores=tuple(np.asarray(scores, dtype=np.float64).tolist()),  # Python floats, same values
            source_sentences=sentences,
            method=self.method,
        )

    def _select(self, article: Article, budget: Budget, prepared: Any) -> tuple[list[int], np.ndarray]:
        raise NotImplementedError

    def predict(self, X: Iterable[Article | str]) -> list[str]:
        """Summaries of ``X`` as newline-joined strings (for scikit-learn scorers)."""
        return [self.summarize(article).text for article in X]
