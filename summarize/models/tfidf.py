"""TF-IDF extractive summarizer (the scikit-learn estimator is :class:`summarize.models.estimators.TfidfSummarizer`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from eval.backend import BACKEND
from summarize.models.base import BaseModel, as_article
from summarize.models.defaults import AUTO, tfidf_defaults
from summarize.models.learned import (
    SURFACE_WORD_VALUES,
    SurfaceFlags,
    centrality_of,
    load_model,
    log1p_table,
    sentence_features,
    surface_flags,
    surface_flags_from_words,
)
from summarize.models.matrix import similarity_and_centroid, smooth_idf
from summarize.models.selection import Budget, greedy_select, is_integer
from summarize.text.analyzer import Analyzer, document_frequencies
from summarize.text.article import Article
from summarize.text.profile import get_profile

__all__ = ["KERNELS", "MAX_ARTICLE_SENTENCES", "SCORINGS", "TfidfModel"]

#: The compiled kernels (see :data:`eval.backend.BACKEND`): similarities, features, greedy selection.
KERNELS = "summarize.models._kernels"

#: Relevance functions accepted by ``scoring``.
SCORINGS = ("learned", "centrality", "centroid")

#: Most sentences of one article the TF-IDF method scores (see :attr:`TfidfModel.max_article_sentences`).
MAX_ARTICLE_SENTENCES = 3000


@dataclass(frozen=True)
class _Prepared:
    columns: tuple[np.ndarray, np.ndarray, list[str]]  # terms per sentence, their columns, terms by column
    n_words: np.ndarray  # white-space words per sentence
    word_ids: np.ndarray  # id of each lower-cased white-space word, all sentences (equal words, equal ids)
    flags: SurfaceFlags


class TfidfModel(BaseModel):
    """Select sentences by TF-IDF-based relevance, a position prior and redundancy control.

    Each sentence ``i`` (of ``n``) gets a relevance ``r_i`` from its
    L2-normalised TF-IDF row ``x_i`` (see :mod:`summarize.models.matrix`):

    * ``scoring="learned"`` (default, supervised): ``r_i = sigmoid(w . z_i + b)``,
      a logistic regression over standardised TF-IDF-derived features ``z_i``
      (position, length, centrality, centroid similarity, ...; see
      :mod:`summarize.models.learned`), shipped as plain numbers in ``model``;
    * ``scoring="centrality"`` (unsupervised): ``r_i = mean_{j != i} cos(x_i, x_j)``;
    * ``scoring="centroid"`` (unsupervised): ``r_i = cos(x_i, d)`` with ``d``
      the TF-IDF vector of the whole body.

    Relevance is scaled to ``[0, 1]`` by its maximum and mixed with a position
    prior ``p_i = 1 / sqrt(1 + i)``::

        s_i = (1 - position_weight) * r_i / max(r) + position_weight * p_i

    Sentences are then picked greedily (maximal marginal relevance) by::

        s_i - redundancy * max_{j in selected} cos(x_i, x_j)

    skipping any sentence that shares a ``block_ngrams``-gram of lower-cased
    words with the summary so far, until the budget is used; sentences shorter
    than ``min_sentence_words`` or longer than ``max_sentence_words`` are used
    only when nothing else fits.  Output is in document order; ties go to the
    earlier sentence.

    Parameters
    ----------
    n_sentences : int or None, default=3
        Sentence budget.
    max_words : int or None, default=None
        Word budget (strict).
    ratio : float or None, default=None
        Budget as a fraction of the article's sentences.
    scoring : {"learned", "centrality", "centroid"}, default="learned"
        Relevance function.
    position_weight : float in [0, 1] or "auto", default="auto"
        Weight of the position prior (0 ignores position; the learned model
        has position features of its own).  ``"auto"``: the article language's
        default (:mod:`summarize.models.defaults`: 0 for English; 0.3 for
        other languages, 0.6 in their articles of at most 5 sentences).
    redundancy : float >= 0, default=0.9
        Weight of the MMR redundancy penalty (0 turns it off).
    min_sentence_words : int >= 0, default=4
        Shorter sentences are a last resort.
    max_sentence_words : int, None or "auto", default="auto"
        Longer sentences (mostly run-ons such as captions glued to text) are a
        last resort; ``None`` turns this off.  ``"auto"``: the article
        language's default (60 for English, none for other languages).
    block_ngrams : int >= 0, default=5
        n-gram blocking (0 turns it off).
    model : str, default="auto"
        Shipped model name or path of a model JSON file (``scoring="learned"``).
        ``"auto"``: the article language's default (``lr-cnndm-dev-v2`` for
        English, the multilingual ``lr-news-dev-v3`` for other languages).
    sublinear_tf : bool, default=True
        Use ``1 + ln(count)`` term frequencies.
    stem : bool, default=True
        Porter-stem terms.
    stop_words : bool, default=True
        Drop English stop words.

    Attributes
    ----------
    idf_ : dict of str to float
        IDF learned by :meth:`fit` from a collection of articles.
    default_idf_ : float
        IDF given to terms absent from the fitted collection.
    n_articles_ : int
        Number of articles seen by :meth:`fit`.

    Notes
    -----
    The English defaults come from an Optuna study on the dev part of the
    CNN/DailyMail test split only (see the README, "How the defaults were
    chosen"); the English model was trained on the same dev part
    (``bench/train_learned.py``).  The other languages' defaults come from the
    development halves of five news collections in five languages (see
    :mod:`summarize.models.defaults`).

    Without :meth:`fit`, IDF is computed from the article's own sentences,
    so the estimator works on a single article.
    """

    method = "tfidf"
    #: The similarity matrix of ``n`` sentences takes ``8 n^2`` bytes (72 MB at 3,000): longer articles are
    #: record errors.  An article of 200,000 characters (--max-article-chars) has about 1,100 sentences of
    #: ordinary length, the longest CNN/DailyMail article about 200, so only pathological texts (tens of
    #: thousands of one-word "sentences") reach it.
    max_article_sentences = MAX_ARTICLE_SENTENCES

    def __init__(
        self,
        *,
        n_sentences: int | None = 3,
        max_words: int | None = None,
        ratio: float | None = None,
        scoring: str = "learned",
        position_weight: float | str = AUTO,
        redundancy: float = 0.9,
        min_sentence_words: int = 4,
        max_sentence_words: int | str | None = AUTO,
        block_ngrams: int = 5,
        model: str = AUTO,
        sublinear_tf: bool = True,
        stem: bool = True,
        stop_words: bool = True,
        language: str = "auto",
    ) -> None:
        self.n_sentences = n_sentences
        self.max_words = max_words
        self.ratio = ratio
        self.scoring = scoring
        self.position_weight = position_weight
        self.redundancy = redundancy
        self.min_sentence_words = min_sentence_words
        self.max_sentence_words = max_sentence_words
        self.block_ngrams = block_ngrams
        self.model = model
        self.sublinear_tf = sublinear_tf
        self.stem = stem
        self.stop_words = stop_words
        self.language = language

    def _validate(self) -> None:
        super()._validate()
        if self.scoring not in SCORINGS:
            raise ValueError(f"scoring must be one of {', '.join(SCORINGS)}; got {self.scoring!r}")
        if self.position_weight != AUTO and (not _finite(self.position_weight)
                                             or not 0.0 <= float(self.position_weight) <= 1.0):
            raise ValueError(f"position_weight must be a number in [0, 1] or 'auto', got {self.position_weight!r}")
        if not _finite(self.redundancy) or float(self.redundancy) < 0.0:
            raise ValueError(f"redundancy must be a finite number >= 0, got {self.redundancy!r}")
        if not is_integer(self.min_sentence_words) or self.min_sentence_words < 0:
            raise ValueError(f"min_sentence_words must be an integer >= 0, got {self.min_sentence_words!r}")
        longest = self.max_sentence_words
        if longest is not None and longest != AUTO and not (is_integer(longest) and int(longest) >= 1):
            raise ValueError("max_sentence_words must be a positive integer, None or 'auto', "
                             f"got {self.max_sentence_words!r}")
        if not is_integer(self.block_ngrams) or self.block_ngrams < 0:
            raise ValueError(f"block_ngrams must be an integer >= 0 (0 = off), got {self.block_ngrams!r}")
        if not isinstance(self.model, str):
            raise ValueError(f"model must be 'auto', a shipped model name or a model file path, got {self.model!r}")
        if self.scoring == "learned" and self.model != AUTO:  # the shipped defaults are tested
            try:
                load_model(self.model)
            except (FileNotFoundError, ValueError) as exc:
                raise ValueError(f"model: {exc}") from None

    def _analyzer(self, language: str = "en") -> Analyzer:
        return _shared_analyzer(bool(self.stem), bool(self.stop_words), language)

    def fit(self, X: Iterable[Article | str], y: Any = None) -> TfidfModel:  # type: ignore[override]  # X needed
        """Learn IDF from a collection of articles (documents are whole articles).

        Only ``idf_``, ``default_idf_`` and ``n_articles_`` are learned; every
        other parameter is read (and validated) when summarizing, so
        ``set_params`` after ``fit`` takes effect.

        Parameters
        ----------
        X : iterable of Article or str
            Articles; raw strings are parsed like plain-text files.
        y : ignored

        Returns
        -------
        self
        """
        self._validate()
        df, n_docs = document_frequencies(_terms(self._analyzer, as_article(a, self.language)) for a in X)
        if n_docs == 0:
            raise ValueError("fit needs at least one article")
        terms = list(df)
        idf = smooth_idf(np.fromiter((df[t] for t in terms), dtype=np.float64, count=len(terms)), n_docs)
        self.idf_ = dict(zip(terms, idf.tolist()))
        self.default_idf_ = float(smooth_idf(np.zeros(1), n_docs)[0])
        self.n_articles_ = n_docs
        return self

    _analysis_params = ("stem", "stop_words")

    def prepare(self, article: Article) -> _Prepared:
        """Terms, words and surface flags of the article's sentences (depends on ``stem``, ``stop_words``)."""
        sentences = article.sentences
        # The surface flags from per-word values that the analyser memoises with each word's
        # terms (one look-up per word for both); from the text when it cannot give them.
        analysis = self._analyzer(article.language).analyze(sentences, SURFACE_WORD_VALUES)
        flags = (surface_flags(sentences) if analysis.value_sums is None
                 else surface_flags_from_words(sentences, analysis.value_sums))
        word_ids = analysis.word_ids
        if BACKEND.kernels(KERNELS) is None:
            # The numpy n-gram blocker packs the ids of n words into one integer: number them 0, 1, ...
            # (the compiled selection compares the analyser's ids as they are).
            word_ids = np.unique(word_ids, return_inverse=True)[1].astype(np.int64).reshape(-1)
        return _Prepared(columns=(analysis.n_terms, analysis.cols, analysis.vocabulary), n_words=analysis.n_words,
                         word_ids=word_ids, flags=flags)

    def settings(self, language: str, n_sentences: int) -> tuple[str, float, int | None]:
        """``(model, position_weight, max_sentence_words)`` for an article of ``n_sentences`` sentences in
        ``language``: the parameters, with each ``"auto"`` replaced by the language's default
        (:func:`summarize.models.defaults.tfidf_defaults`; the position weight can depend on the length)."""
        defaults = tfidf_defaults(language)
        model = defaults.model if self.model == AUTO else str(self.model)
        weight = defaults.weight(n_sentences) if self.position_weight == AUTO else float(self.position_weight)
        longest = defaults.max_sentence_words if self.max_sentence_words == AUTO else self.max_sentence_words
        return model, weight, None if longest is None else int(longest)

    def _select(self, article: Article, budget: Budget, prepared: _Prepared) -> tuple[list[int], np.ndarray]:
        model, w, longest = self.settings(article.language, len(prepared.n_words))
        similarity, centroid = self._similarity(prepared)
        relevance = self._relevance(similarity, centroid, prepared, model)
        top = relevance.max() if relevance.size else 0.0
        if top > 0:
            relevance = relevance / top
        prior = 1.0 / np.sqrt(1.0 + np.arange(len(prepared.n_words)))
        scores = (1.0 - w) * relevance + w * prior

        n_words = prepared.n_words
        preferred = n_words >= self.min_sentence_words
        if longest is not None:
            # Very long "sentences" are mostly run-ons (captions glued to text): last resort only.
            preferred &= n_words <= longest
        lam = float(self.redundancy)
        kernels = BACKEND.kernels(KERNELS)
        if kernels is not None:  # the same loop compiled (tested against the code below)
            max_words = -1 if budget.max_words is None else int(budget.max_words)
            return kernels.mmr(scores, np.ascontiguousarray(similarity, dtype=np.float64), n_words, preferred,
                              budget.max_sentences(len(n_words)), max_words, lam, prepared.word_ids,
                              int(self.block_ngrams)), scores
        blocker = _NgramBlocker(prepared.word_ids, n_words, int(self.block_ngrams))

        def gain(selected: list[int]) -> np.ndarray:
            values = scores
            if selected and lam != 0.0:
                values = values - lam * similarity[:, selected].max(axis=1)
            return blocker.apply(values, selected)

        return greedy_select(n_words, budget, gain, preferred=preferred), scores

    def feature_matrix(self, article: Article) -> np.ndarray:
        """The learned scorer's features of each sentence (:data:`summarize.models.learned.FEATURES`).

        Used to train models (``bench/train_learned.py``) with exactly the
        features that ``scoring="learned"`` computes.
        """
        prepared = self.prepare(article)
        return self._features(*self._similarity(prepared), prepared)

    def _similarity(self, prepared: _Prepared) -> tuple[np.ndarray, np.ndarray]:
        """Cosine similarities of the sentences' TF-IDF rows, and of each row with the whole body's vector."""
        return similarity_and_centroid(
            *prepared.columns,
            idf_lookup=getattr(self, "idf_", None),
            default_idf=getattr(self, "default_idf_", 1.0),
            sublinear_tf=bool(self.sublinear_tf),
        )

    @staticmethod
    def _features(similarity: np.ndarray, centroid: np.ndarray, prepared: _Prepared) -> np.ndarray:
        n_terms = prepared.columns[0]
        kernels = BACKEND.kernels(KERNELS)
        if kernels is None or not len(n_terms):
            return sentence_features(similarity, centroid, prepared.n_words, n_terms, prepared.flags)
        n = len(n_terms)
        table = log1p_table(max(int(prepared.n_words.max()), int(n_terms.max())))
        flags = prepared.flags
        # The same computation compiled (tested against sentence_features).
        return np.frombuffer(kernels.features(similarity, centroid, prepared.n_words, n_terms, flags.has_quote,
                                             flags.has_said, flags.alnum_ratio, table, float(np.log(n))),
                             ).reshape(n, -1)

    def _relevance(self, similarity: np.ndarray, centroid: np.ndarray, prepared: _Prepared,
                   model: str) -> np.ndarray:
        if self.scoring == "centrality":
            return np.ones(1) if similarity.shape[0] == 1 else centrality_of(similarity)
        if self.scoring == "learned":
            return load_model(model).probability(self._features(similarity, centroid, prepared))
        return centroid


class _NgramBlocker:
    """Trigram-blocking style redundancy control (Paulus et al. 2018; BERTSum).

    A sentence that shares any ``n``-gram of lower-cased words with the
    sentences selected so far gets the value ``-inf`` (never picked).
    ``n = 0`` turns blocking off.

    Each n-gram is one integer, ``sum_k id(w_k) * V**(n-1-k)`` over word ids
    ``< V`` (injective, so equal integers are equal n-grams), which lets numpy
    test all sentences at once; when ``V**n`` would not fit in 63 bits, the
    n-grams are kept as Python tuple sets instead (same answers).
    """

    def __init__(self, word_ids: np.ndarray, n_words: np.ndarray, n: int) -> None:
        self.n = n
        self.n_sentences = len(n_words)
        self.grams: list[set[tuple[int, ...]]] | None = None
        if not n:
            return
        sentence = np.repeat(np.arange(self.n_sentences), n_words)
        vocabulary = int(word_ids.max()) + 1 if word_ids.size else 1
        if vocabulary ** n >= 2 ** 62:
            ends = np.cumsum(n_words).tolist()
            starts = [0, *ends[:-1]]
            ids = word_ids.tolist()
            self.grams = [{tuple(ids[k:k + n]) for k in range(a, b - n + 1)} for a, b in zip(starts, ends)]
            return
        m = max(len(word_ids) - n + 1, 0)
        keys = np.zeros(m, dtype=np.int64)
        for k in range(n):
            keys = keys * vocabulary + word_ids[k:k + m]
        inside = sentence[:m] == sentence[n - 1:n - 1 + m]  # n-grams do not cross sentences
        self.keys = keys[inside]
        self.owner = sentence[:m][inside]

    def apply(self, values: np.ndarray, selected: list[int]) -> np.ndarray:
        if not self.n or not selected:
            return values
        if self.grams is not None:
            seen_grams = set().union(*(self.grams[i] for i in selected))
            blocked = np.fromiter((bool(g & seen_grams) for g in self.grams), dtype=bool, count=len(self.grams))
        else:
            chosen = np.zeros(self.n_sentences, dtype=bool)
            chosen[selected] = True
            seen = np.unique(self.keys[chosen[self.owner]])  # sorted
            if seen.size:
                at = np.minimum(np.searchsorted(seen, self.keys), seen.size - 1)
                hits = self.owner[seen[at] == self.keys]
            else:
                hits = self.owner[:0]
            blocked = np.bincount(hits, minlength=self.n_sentences) > 0
        return np.where(blocked, -np.inf, values)


def _finite(value: object) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool) and bool(
        np.isfinite(value))


@lru_cache(maxsize=64)
def _shared_analyzer(stem: bool, stop_words: bool, language: str = "en") -> Analyzer:
    """One analyzer per setting and language, so its stem memo is shared by every estimator and call."""
    return Analyzer(stem=stem, stop_words=stop_words, profile=get_profile(language))


def _terms(analyzer_of: Callable[[str], Analyzer], article: Article) -> Iterator[str]:
    """The content terms of an article's sentences, by its language's analyser."""
    analyzer = analyzer_of(article.language)
    return (term for sentence in article.sentences for term in analyzer(sentence))
