"""TF-IDF sentence matrices, their cosine similarities and centroid scores.

For the sentences ``i`` of one article and its terms ``t`` (columns numbered
in order of first use), with ``c(t, i)`` the count of ``t`` in ``i``::

    tf(t, i)    = 1 + ln c(t, i)  if sublinear else c(t, i)    (0 when c = 0)
    idf(t)      = ln((1 + N) / (1 + df(t))) + 1                 (scikit-learn's smooth idf)
    x(t, i)     = tf(t, i) * idf(t)
    w(t, i)     = x(t, i) / sqrt(sum_t x(t, i)^2)               (rows without terms stay 0)
    S(i, j)     = sum_t w(t, i) * w(t, j)                       (cosine similarity)
    d(t)        = tf(total count of t in the article) * idf(t)
    centroid(i) = sum_t w(t, i) * d(t) / sqrt(sum_t d(t)^2)     (0 when d = 0)

``N`` and ``df`` count articles when IDF was fitted on a collection (then
``idf`` is looked up per term), and the article's own sentences otherwise.

The compiled kernel (``summarize/models/_kernels.c``, chosen by
:data:`eval.backend.BACKEND`) computes the same formulas with its own
summation order; the tests require the same selected sentences and scores
within 1e-12.  Logarithms of counts come from :func:`tf_table`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from eval.backend import BACKEND
from summarize.text.analyzer import term_columns

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = ["KERNELS", "SentenceMatrix", "build_sentence_matrix", "idf_by_df", "matrix_from_columns",
           "similarity_and_centroid", "smooth_idf", "sublinear_tf_of", "tf_table"]

#: The compiled kernels (see :data:`eval.backend.BACKEND`).
KERNELS = "summarize.models._kernels"

_TF_TABLE = np.zeros(1)  # _TF_TABLE[c] = 1 + ln(c), 0 for c = 0; grown on demand


def tf_table(top: int) -> np.ndarray:
    """The sublinear tf table ``T[c] = 1 + ln(c)`` (``T[0] = 0``), covering ``c <= top``.

    Each entry is ``1.0 + np.log(c)`` computed by numpy once; the table grows
    (doubling) when a larger count comes.
    """
    global _TF_TABLE
    if top >= len(_TF_TABLE):
        size = max(2 * len(_TF_TABLE), top + 1, 64)
        table = np.zeros(size)
        table[1:] = 1.0 + np.log(np.arange(1, size, dtype=np.float64))
        _TF_TABLE = table
    return _TF_TABLE


def sublinear_tf_of(counts: np.ndarray) -> np.ndarray:
    """``1 + ln(c)`` for each count ``c > 0``, ``0`` where ``c = 0`` (integer counts, looked up in :func:`tf_table`)."""
    return tf_table(int(counts.max()) if counts.size else 0)[counts]


def smooth_idf(df: np.ndarray, n_docs: int) -> np.ndarray:
    """``idf = ln((1 + n_docs) / (1 + df)) + 1`` elementwise."""
    return np.log((1.0 + n_docs) / (1.0 + df)) + 1.0


@lru_cache(maxsize=1024)
def idf_by_df(n_docs: int) -> np.ndarray:
    """``smooth_idf(df, n_docs)`` for ``df = 0 .. n_docs`` (read-only; cached per ``n_docs``)."""
    table = smooth_idf(np.arange(n_docs + 1, dtype=np.float64), n_docs)
    table.flags.writeable = False
    return table


@dataclass(frozen=True)
class SentenceMatrix:
    """TF-IDF rows of one article's sentences, stored by entry (the non-zero cells).

    Entries are sorted by row, then column.

    Attributes
    ----------
    n_terms : numpy.ndarray
        Content terms per sentence (with repeats).
    rows, cols : numpy.ndarray
        Row and column of each entry.
    counts : numpy.ndarray
        Count of the entry's term in its sentence.
    weights : numpy.ndarray
        ``w(t, i)`` of each entry (L2-normalised TF-IDF).
    idf : numpy.ndarray
        IDF of each column.
    totals : numpy.ndarray
        Count of each column's term in the whole article.
    sublinear_tf : bool
    """

    n_terms: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    counts: np.ndarray
    weights: np.ndarray
    idf: np.ndarray
    totals: np.ndarray
    sublinear_tf: bool

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.n_terms), len(self.idf)

    def dense(self, values: np.ndarray | None = None) -> np.ndarray:
        """An ``(n_sentences, n_terms)`` array of the entries' ``values`` (default: ``weights``)."""
        out = np.zeros(self.shape)
        out[self.rows, self.cols] = self.weights if values is None else values
        return out

    def similarity(self) -> np.ndarray:
        """``S``: the ``(n, n)`` cosine similarities ``W W^T`` of the L2-normalised rows."""
        weights = self.sparse()
        return np.asarray((weights @ weights.T).todense())

    def centroid(self) -> np.ndarray:
        """``centroid(i)``: cosine of each row with the TF-IDF vector ``d`` of the whole article."""
        n = self.shape[0]
        tf = sublinear_tf_of(self.totals) if self.sublinear_tf else self.totals.astype(np.float64)
        doc = tf * self.idf
        norm = float(np.sqrt(doc @ doc)) if doc.size else 0.0
        if norm == 0:
            return np.zeros(n)
        return np.bincount(self.rows, weights=self.weights * (doc / norm)[self.cols], minlength=n)

    def sparse(self) -> csr_matrix:
        """The ``(n_sentences, n_terms)`` matrix of weights, sparse (scipy)."""
        from scipy.sparse import csr_matrix

        return csr_matrix((self.weights, (self.rows, self.cols)), shape=self.shape)


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
        Terms of each sentence (output of :class:`summarize.text.analyzer.Analyzer`).
    idf_lookup : dict, optional
        Fitted IDF per term; terms missing from it get ``default_idf``.  When
        omitted, IDF is computed from the sentences themselves.
    default_idf : float
        IDF of terms unseen in the fitted collection.
    sublinear_tf : bool
        Use ``1 + ln(count)`` instead of raw counts.
    """
    return matrix_from_columns(*term_columns(term_lists), idf_lookup=idf_lookup, default_idf=default_idf,
                               sublinear_tf=sublinear_tf)


def _column_idf(vocabulary: Sequence[str], idf_lookup: dict[str, float], default_idf: float) -> np.ndarray:
    return np.fromiter((idf_lookup.get(t, default_idf) for t in vocabulary), dtype=np.float64, count=len(vocabulary))


def matrix_from_columns(
    n_terms: np.ndarray,
    cols: np.ndarray,
    vocabulary: Sequence[str],
    *,
    idf_lookup: dict[str, float] | None = None,
    default_idf: float = 1.0,
    sublinear_tf: bool = True,
) -> SentenceMatrix:
    """:func:`build_sentence_matrix` from term columns (``n_terms``, the column of each term, terms by column)."""
    n_rows, n_cols = len(n_terms), len(vocabulary)
    occurrence_rows = np.repeat(np.arange(n_rows, dtype=np.int64), n_terms)
    cells, counts = np.unique(occurrence_rows * max(n_cols, 1) + cols, return_counts=True)  # sorted by (row, col)
    rows, entry_cols = np.divmod(cells, max(n_cols, 1))
    if idf_lookup is None:
        idf = idf_by_df(n_rows)[np.bincount(entry_cols, minlength=n_cols)]
    else:
        idf = _column_idf(vocabulary, idf_lookup, default_idf)
    tf = sublinear_tf_of(counts) if sublinear_tf else counts.astype(np.float64)
    x = tf * idf[entry_cols]
    norms = np.sqrt(np.bincount(rows, weights=x * x, minlength=n_rows))
    norms[norms == 0] = 1.0
    return SentenceMatrix(n_terms=n_terms, rows=rows, cols=entry_cols, counts=counts, weights=x / norms[rows],
                          idf=idf, totals=np.bincount(cols, minlength=n_cols), sublinear_tf=sublinear_tf)


def similarity_and_centroid(
    n_terms: np.ndarray,
    cols: np.ndarray,
    vocabulary: Sequence[str],
    *,
    idf_lookup: dict[str, float] | None = None,
    default_idf: float = 1.0,
    sublinear_tf: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """``(S, centroid)`` of the matrix :func:`matrix_from_columns` builds (by the compiled kernel when it runs)."""
    kernels = BACKEND.kernels(KERNELS)
    if kernels is None:
        matrix = matrix_from_columns(n_terms, cols, vocabulary, idf_lookup=idf_lookup, default_idf=default_idf,
                                     sublinear_tf=sublinear_tf)
        return matrix.similarity(), matrix.centroid()
    n = len(n_terms)
    if idf_lookup is None:
        idf, by_df = idf_by_df(n), True
    else:
        idf, by_df = _column_idf(vocabulary, idf_lookup, default_idf), False
    table = tf_table(len(cols)) if sublinear_tf else None  # no count exceeds the number of terms
    similarity, centroid = kernels.tfidf(n_terms, cols, len(vocabulary), idf, by_df, table)
    return np.frombuffer(similarity).reshape(n, n), np.frombuffer(centroid)
