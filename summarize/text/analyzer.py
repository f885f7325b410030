"""Word analysis: sentences to content terms (the input of the TF-IDF matrix).

Tokens follow rouge-score's tokenizer (lower-case, runs of ``[a-z0-9]``) so the
summarizer optimises the same units that ROUGE counts; stop words come from
scikit-learn's built-in English list and stems from nltk's Porter stemmer,
both shipped with ``pip install`` (no downloaded corpora).

Text in other scripts, which rouge-score's tokenizer drops, still gets terms:
each Chinese/Japanese character is a term, and a run of letters and digits of
another script (Cyrillic, Greek, Arabic, Hebrew, Devanagari, Hangul ...; with its
combining marks) is a term, unstemmed.  Latin-script letters outside ASCII (the
``é`` of ``café``) separate words as in rouge-score, so that ASCII and
Latin-script text give exactly the terms they always gave.
:func:`eval.rouge.words.unicode_words` is the tokenizer of ROUGE's ``unicode`` profile
(:mod:`eval.fast_rouge`).

The TF-IDF matrix built from these terms is :mod:`summarize.tfidf_matrix`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from eval.backend import load
from eval.rouge.stemming import WordMemo, ascii_stemmer
from eval.rouge.words import CJK, TOKEN, mark_class

__all__ = ["Analyzer", "document_frequencies", "first_use_ids", "term_columns"]

# The compiled analyser for ASCII sentences (summarize/_ctext.c), or None.
_ctext = load("summarize._ctext")
# Latin script and symbol blocks whose letters and digits rouge-score's tokenizer
# drops (accented Latin, IPA, ligatures, super/subscripts, number forms, circled
# digits, full-width ASCII): the analyser keeps dropping them (see the module doc).
_LATIN_AND_SYMBOLS = (
    "\x00-\u036f\u1d00-\u1eff\u2000-\u2bff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f"
    "\ufb00-\ufb06\uff00-\uffef"
)
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
    _cache: WordMemo = field(init=False, repr=False, compare=False)
    # The compiled kernel's word -> term cache in front of _cache (a capsule), made on first use.
    _compiled_cache: object = field(init=False, repr=False, compare=False, default=None)
    # word -> term for words not in the memo, made on first use (imports the stemmer and stop words).
    _compute: Callable[[str], str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_cache", WordMemo(self._term))

    def __call__(self, sentence: str) -> list[str]:
        lowered = sentence.lower()
        words = TOKEN.findall(lowered) if lowered.isascii() else _analyzer_words().findall(lowered)
        # The memo maps a word to its term, or to "" for a dropped word; its
        # __missing__ computes new words, so the loop runs in C (map/filter).
        return list(filter(None, map(self._cache.__getitem__, words)))

    def analyze_compiled(self, sentences: Sequence[str], fallback: Callable[[str], tuple],
                         said: Callable[[str], bool]) -> tuple | None:
        """The compiled kernel's analysis of ``sentences``, or ``None`` when it was not built.

        Returns ``(n_terms, cols, vocabulary, n_words, word_ids, n_ids,
        has_quote, has_said, alnum_counts)`` with the arrays as bytes (int64 /
        float64): the terms of each sentence as :func:`_term_columns` numbers
        them, exactly the terms :meth:`__call__` gives (from this analyser's memo).
        ``fallback(sentence)`` gives ``(terms, has_quote, has_said,
        alnum_count)`` of sentences with words in other scripts, ``said(sentence)``
        the ``has_said`` flag of other non-ASCII sentences.
        """
        if _ctext is None:
            return None
        if self._compiled_cache is None:
            # The kernel computes new ASCII words itself by _term_function's rule (tested equal).
            stop = _stop_words() if self.stop_words else None
            object.__setattr__(self, "_compiled_cache", _ctext.new_cache(stop, self.stem))
        return _ctext.analyze(sentences, self._compiled_cache, self._cache, fallback, said)

    def _term(self, word: str) -> str:
        """The term of a word: ``""`` for a stop word, else its Porter stem (ASCII, 4+ characters) or itself."""
        compute = self._compute
        if compute is None:
            compute = _term_function(self.stem, self.stop_words)
            object.__setattr__(self, "_compute", compute)
        return compute(word)

    def __getstate__(self) -> dict[str, object]:
        # The memo is a cache: rebuild it rather than pickle it.
        return {"stem": self.stem, "stop_words": self.stop_words}

    def __setstate__(self, state: dict[str, object]) -> None:
        object.__setattr__(self, "stem", state["stem"])
        object.__setattr__(self, "stop_words", state["stop_words"])
        object.__setattr__(self, "_cache", WordMemo(self._term))
        object.__setattr__(self, "_compiled_cache", None)
        object.__setattr__(self, "_compute", None)


@lru_cache(maxsize=1)
def _analyzer_words() -> re.Pattern[str]:
    """The analyser's word pattern for non-ASCII text (ASCII text uses rouge-score's ``TOKEN``)."""
    other = f"[^\\W_{_LATIN_AND_SYMBOLS}{CJK}]"
    return re.compile(f"[a-z0-9]+|[{CJK}]|{other}(?:{other}|[{mark_class()}])*")


_STOP: frozenset[str] | None = None


def _stop_words() -> frozenset[str]:
    global _STOP
    if _STOP is None:
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        _STOP = frozenset(ENGLISH_STOP_WORDS)
    return _STOP


def _term_function(stem: bool, stop_words: bool) -> Callable[[str], str]:
    """word -> term: ``""`` for a stop word, the Porter stem of an ASCII word of 4+ characters, else the word."""
    stop = _stop_words() if stop_words else frozenset()
    porter = ascii_stemmer()  # the compiled Porter stemmer when built, nltk's otherwise

    def term(word: str) -> str:
        if word in stop:
            return ""
        if stem and len(word) >= _MIN_STEM_LEN and word.isascii():
            return porter(word)
        return word

    return term


def term_columns(term_lists: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(n_terms, cols, vocabulary)``: terms per sentence, each term's column, terms by column.

    Columns number the distinct terms in order of first occurrence (the order
    fixes the float summation order downstream), as the compiled analyser
    (:meth:`Analyzer.analyze_compiled`) numbers them.
    """
    cols, vocabulary = first_use_ids(term_lists)
    return np.fromiter(map(len, term_lists), dtype=np.int64, count=len(term_lists)), cols, vocabulary


def first_use_ids(groups: Iterable[Iterable[Hashable]]) -> tuple[np.ndarray, list]:
    """Ids of the items of all groups, numbering distinct items ``0, 1, ...`` in order of first use.

    Returns ``(ids, distinct)``: one int64 id per item, and the distinct items by id.
    """
    flat = list(itertools.chain.from_iterable(groups))
    ids = {item: k for k, item in enumerate(dict.fromkeys(flat))}
    return np.fromiter(map(ids.__getitem__, flat), dtype=np.int64, count=len(flat)), list(ids)


def document_frequencies(term_lists_per_doc: Iterable[Iterable[str]]) -> tuple[dict[str, int], int]:
    """Count in how many documents each term occurs; return ``(df, n_docs)``."""
    df: dict[str, int] = {}
    n_docs = 0
    for terms in term_lists_per_doc:
        n_docs += 1
        for term in set(terms):
            df[term] = df.get(term, 0) + 1
    return df, n_docs
