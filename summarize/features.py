"""Word analysis and TF-IDF sentence matrices.

Tokens follow rouge-score's tokenizer (lower-case, runs of ``[a-z0-9]``) so the
summarizer optimises the same units that ROUGE counts; stop words come from
scikit-learn's built-in English list and stems from nltk's Porter stemmer,
both shipped with ``pip install`` (no downloaded corpora).

TF-IDF
------
For a sentence ``s`` and term ``t`` with count ``c(t, s)``::

    tf(t, s)  = 1 + ln c(t, s)  if sublinear else c(t, s)      (0 when c = 0)
    idf(t)    = ln((1 + N) / (1 + df(t))) + 1                   (scikit-learn's smooth idf)
    x(t, s)   = tf(t, s) * idf(t),  rows L2-normalised

``N`` and ``df`` count articles when IDF was fitted on a collection, and the
article's own sentences otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

__all__ = ["Analyzer", "SentenceMatrix", "build_sentence_matrix", "smooth_idf"]

_TOKEN = re.compile(r"[a-z0-9]+")
# Same rule as rouge-score: words of three characters or fewer are not stemmed.
_MIN_STEM_LEN = 4


@dataclass(frozen=True)
class Analyzer:
    """Turn a sentence into content terms.

    Parameters
    ----------
    stem : bool
        Apply nltk's Porter stemmer to words longer than three characters.
    stop_words : bool
        Drop scikit-learn's English stop words (applied before stemming).
    """

    stem: bool = True
    stop_words: bool = True
    _cache: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)

    def __call__(self, sentence: str) -> list[str]:
        cache = self._cache
        terms: list[str] = []
        for word in _TOKEN.findall(sentence.lower()):
            term = cache.get(word, "")
            if term == "":
                term = self._term(word)
                cache[word] = term
            if term is not None:
                terms.append(term)
        return terms

    def _term(self, word: str) -> str | None:
        if self.stop_words and word in _stop_words():
            return None
        if self.stem and len(word) >= _MIN_STEM_LEN:
            return _stemmer().stem(word)
        return word

    def __getstate__(self) -> dict[str, object]:
        # The memo is a cache: rebuild it rather than pickle it.
        return {"stem": self.stem, "stop_words": self.stop_words}

    def __setstate__(self, state: dict[str, object]) -> None:
        object.__setattr__(self, "stem", state["stem"])
        object.__setattr__(self, "stop_words", state["stop_words"])
        object.__setattr__(self, "_cache", {})


_STOP: frozenset[str] | None = None
_STEMMER = None


def _stop_words() -> frozenset[str]:
    global _STOP
    if _STOP is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        _STOP = frozenset(ENGLISH_STOP_WORDS)
    return _STOP


def _stemmer():  # noqa: ANN202 - nltk has no type hints
    # Imported lazily: importing nltk costs about a second, which `--help` must not pay.
    global _STEMMER
    if _STEMMER is None:
        from nltk.stem.porter import PorterStemmer

        _STEMMER = PorterStemmer()
    return _STEMMER


def smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """``idf = ln((1 + n_docs) / (1 + df)) + 1`` elementwise."""
    return np.log((1.0 + n_docs) / (1.0 + df)) + 1.0


@dataclass(frozen=True)
class SentenceMatrix:
    """TF-IDF rows for the sentences of one article.

    Attributes
    ----------
    counts : scipy.sparse.csr_matrix
        Raw term counts, shape ``(n_sentences, n_terms)``.
    weights : scipy.sparse.csr_matrix
        L2-normalised TF-IDF rows (all-zero rows for sentences without terms).
    idf : numpy.ndarray
        IDF of each local term.
    n_terms : numpy.ndarray
        Number of content terms per sentence.
    """

    counts: sp.csr_matrix
    weights: sp.csr_matrix
    idf: np.ndarray
    n_terms: np.ndarray


def build_sentence_matrix(
    term_lists: Sequence[Sequence[str]],
    *,
    idf_lookup: dict[str, float] | None = None,
    default_idf: float = 1.0,
    sublinear_tf: bool = True,
) -> SentenceMatrix:
    """Build the TF-IDF matrix of one article's sentences.

    Parameters
    ----------
    term_lists : sequence of sequence of str
        Terms of each sentence (output of :class:`Analyzer`).
    idf_lookup : dict, optional
        Fitted IDF per term; terms missing from it get ``default_idf``.  When
        omitted, IDF is computed from the sentences themselves.
    default_idf : float
        IDF of terms unseen in the fitted collection.
    sublinear_tf : bool
        Use ``1 + ln(count)`` instead of raw counts.
    """
    vocab: dict[str, int] = {}
    indices: list[int] = []
    indptr = [0]
    for terms in term_lists:
        for term in terms:
            indices.append(vocab.setdefault(term, len(vocab)))
        indptr.append(len(indices))
    n_rows, n_cols = len(term_lists), len(vocab)
    data = np.ones(len(indices), dtype=np.float64)
    counts = sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), indptr), shape=(n_rows, n_cols))
    counts.sum_duplicates()
    if idf_lookup is None:
        df = np.bincount(counts.indices, minlength=n_cols)
        idf = smooth_idf(df, n_rows)
    else:
        idf = np.fromiter((idf_lookup.get(t, default_idf) for t in vocab), dtype=np.float64, count=n_cols)
    tf = counts.copy()
    if sublinear_tf:
        tf.data = 1.0 + np.log(tf.data)
    weights = sp.csr_matrix(tf.multiply(idf.reshape(1, -1)))
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    weights = sp.csr_matrix(sp.diags(1.0 / norms) @ weights)
    n_terms = np.diff(np.asarray(indptr))
    return SentenceMatrix(counts=counts, weights=weights, idf=idf, n_terms=n_terms)


def document_frequencies(term_lists_per_doc: Iterable[Iterable[str]]) -> tuple[dict[str, int], int]:
    """Count in how many documents each term occurs; return ``(df, n_docs)``."""
    df: dict[str, int] = {}
    n_docs = 0
    for terms in term_lists_per_doc:
        n_docs += 1
        for term in set(terms):
            df[term] = df.get(term, 0) + 1
    return df, n_docs
