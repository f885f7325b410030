"""Word analysis: sentences to content terms (the input of the TF-IDF matrix).

Words follow rouge-score's tokenizer (lower-case, runs of ``[a-z0-9]``) so the
summarizer optimises the same units that ROUGE counts; stop words and the
stemmer come from the :class:`~summarize.text.profile.LanguageProfile`
(English: scikit-learn's stop-word list and nltk's Porter stemmer, both
shipped as code and data, no downloaded corpora).

Text in other scripts, which rouge-score's tokenizer drops, still gets terms:
each Chinese/Japanese character is a term, and a run of letters and digits of
another script (Cyrillic, Greek, Arabic, Hebrew, Devanagari, Hangul ...; with its
combining marks) is a term, unstemmed.  Latin-script letters outside ASCII (the
``é`` of ``café``) separate words as in rouge-score, so that ASCII and
Latin-script text give exactly the terms they always gave.
:func:`eval.rouge.words.unicode_words` is the tokenizer of ROUGE's ``unicode`` profile.

The TF-IDF matrix built from these terms is :mod:`summarize.models.matrix`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from eval.rouge.stemming import WordMemo
from eval.rouge.words import CJK, TOKEN, mark_class
from summarize.text.profile import ENGLISH, LanguageProfile

__all__ = ["Analysis", "Analyzer", "document_frequencies", "first_use_ids", "term_columns"]

# Analyzer.analyze joins sentences with a break mark: a word of its own, never a term or a word of the text.
_BREAK = "\x01"
_JOIN = f" {_BREAK} "

# Latin script and symbol blocks whose letters and digits rouge-score's tokenizer
# drops (accented Latin, IPA, ligatures, super/subscripts, number forms, circled
# digits, full-width ASCII): the analyser keeps dropping them (see the module doc).
_LATIN_AND_SYMBOLS = (
    "\x00-\u036f\u1d00-\u1eff\u2000-\u2bff\u2c60-\u2c7f\ua720-\ua7ff\uab30-\uab6f"
    "\ufb00-\ufb06\uff00-\uffef"
)


@dataclass(frozen=True)
class Analysis:
    """The words and content terms of one article's sentences, as integer ids (what the scoring needs).

    Attributes
    ----------
    n_terms : numpy.ndarray
        Content terms per sentence (with repeats).
    cols : numpy.ndarray
        The column of each term, sentence after sentence; columns number the
        distinct terms ``0, 1, ...`` in order of first use.
    vocabulary : list of str
        The terms by column.
    n_words : numpy.ndarray
        White-space words per sentence.
    word_ids : numpy.ndarray
        The id of each lower-cased white-space word, sentence after sentence
        (first-use numbering; n-gram blocking compares them).
    """

    n_terms: np.ndarray
    cols: np.ndarray
    vocabulary: list[str]
    n_words: np.ndarray
    word_ids: np.ndarray


@dataclass(frozen=True)
class Analyzer:
    """Turn a sentence into content terms: words, minus stop words, stemmed.

    Parameters
    ----------
    stem : bool
        Stem words by the profile's rule (English: Porter, words longer than three characters).
    stop_words : bool
        Drop the profile's stop words (applied before stemming).
    profile : LanguageProfile
        The language's stop words and stemmer (default English).
    """

    stem: bool = True
    stop_words: bool = True
    profile: LanguageProfile = ENGLISH
    _cache: WordMemo = field(init=False, repr=False, compare=False)
    # lower-cased white-space words and their terms as ids (analyze's memo, in front of _cache)
    _words: _WordTable = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.__setstate__({"stem": self.stem, "stop_words": self.stop_words, "profile": self.profile.code})

    def __call__(self, sentence: str) -> list[str]:
        lowered = sentence.lower()
        words = TOKEN.findall(lowered) if lowered.isascii() else _analyzer_words().findall(lowered)
        # The memo maps a word to its term, or to "" for a dropped word; its
        # __missing__ computes new words, so the loop runs in C (map/filter).
        return list(filter(None, map(self._cache.__getitem__, words)))

    def analyze(self, sentences: Sequence[str]) -> Analysis:
        """Terms and words of every sentence of an article, numbered (see :class:`Analysis`).

        The sentences are joined by a break mark, lower-cased and split on
        white space once.  Each distinct white-space word is analysed once per
        analyser (:class:`_WordTable`: its id and the ids of its terms; no word
        pattern spans white space, so a sentence's terms are its words' terms,
        exactly what :meth:`__call__` gives); per article everything else is
        numpy on those ids.  Sentences that hold the break mark themselves go
        one by one.
        """
        n = len(sentences)
        text = _JOIN.join(sentences)
        if text.count(_BREAK) != max(n - 1, 0):
            terms = [self(x) for x in sentences]
            split = [x.lower().split() for x in sentences]
            n_terms, cols, vocabulary = term_columns(terms)
            return Analysis(n_terms, cols, vocabulary, np.fromiter(map(len, split), dtype=np.int64, count=n),
                            first_use_ids(split)[0])
        table = self._words
        words = text.lower().split()  # the words of every sentence, a _BREAK between two sentences
        ids = np.fromiter(map(table.ids.__getitem__, words), dtype=np.int64, count=len(words))
        starts, counts, flat, single = table.arrays()
        is_word = ids != 0  # _BREAK is word 0 and has no terms
        breaks = np.flatnonzero(~is_word)  # n - 1 of them
        per_word = counts[ids]
        ends = np.cumsum(per_word)  # terms up to each word
        # Sentence k runs from break k - 1 to break k (the ends: -1 and len(words)).
        bounds = np.empty(n + 1, dtype=np.int64)
        bounds[0], bounds[n], bounds[1:n] = -1, len(ids), breaks
        n_words = bounds[1:] - bounds[:-1] - 1
        bounds[0], bounds[n], bounds[1:n] = 0, ends[-1] if len(ends) else 0, ends[breaks]
        n_terms = bounds[1:] - bounds[:-1]
        term_ids = single[ids]  # the term of a one-term word, -1 for none, -2 for several
        if (term_ids < -1).any():
            # The term ids of every word in order: word k's terms are flat[starts[k] : starts[k] + counts[k]].
            total = int(bounds[n])
            term_ids = flat[np.repeat(starts[ids] - (ends - per_word), per_word) + np.arange(total)]
        else:
            term_ids = term_ids[term_ids >= 0]
        cols, used = _first_use(term_ids, len(table.terms))
        return Analysis(n_terms, cols, table.vocabulary(used), n_words, _first_use(ids[is_word], len(table.ids))[0])

    def _terms_of_word(self, word: str) -> tuple[str, ...]:
        """The content terms of one lower-cased white-space word."""
        tokens = TOKEN.findall(word) if word.isascii() else _analyzer_words().findall(word)
        return tuple(filter(None, map(self._cache.__getitem__, tokens)))

    def _term(self, word: str) -> str:
        """The term of a word: ``""`` for a stop word, else its stem (or the word)."""
        if self.stop_words and word in self.profile.stop_words:
            return ""
        return self.profile.stem(word) if self.stem else word

    def __getstate__(self) -> dict[str, object]:
        # The memo is a cache: rebuild it rather than pickle it.
        return {"stem": self.stem, "stop_words": self.stop_words, "profile": self.profile.code}

    def __setstate__(self, state: dict[str, object]) -> None:
        from summarize.text.profile import get_profile

        object.__setattr__(self, "stem", state["stem"])
        object.__setattr__(self, "stop_words", state["stop_words"])
        object.__setattr__(self, "profile", get_profile(str(state.get("profile", "en"))))
        object.__setattr__(self, "_cache", WordMemo(self._term))
        object.__setattr__(self, "_words", _WordTable(self._terms_of_word))


class _WordIds(dict[str, int]):
    """word -> id memo whose ``__missing__`` registers a new word in its table."""

    __slots__ = ("_add",)

    def __init__(self, add: Callable[[str], int]) -> None:
        super().__init__()
        self._add = add

    def __missing__(self, word: str) -> int:
        return self._add(word)


class _WordTable:
    """Ids of the distinct white-space words an analyser has seen, and the ids of their terms.

    Word 0 is the sentence break.  ``flat[starts[w] : starts[w] + counts[w]]``
    are the term ids of word ``w``; ``terms[t]`` is term ``t``.  The table
    only grows, like the analyser's other memos; its arrays double when full
    (arrays handed out earlier stay valid: growing makes new ones).
    """

    def __init__(self, terms_of: Callable[[str], tuple[str, ...]]) -> None:
        self._terms_of = terms_of
        self.ids = _WordIds(self._add)
        self.terms: list[str] = []
        self._term_ids: dict[str, int] = {}
        self._starts = np.zeros(1024, dtype=np.int64)
        self._counts = np.zeros(1024, dtype=np.int64)
        self._flat = np.zeros(1024, dtype=np.int64)
        self._single = np.full(1024, -1, dtype=np.int64)  # the term of one-term words, -1 none, -2 several
        self._terms = np.zeros(1024, dtype=object)  # terms by id, for fancy indexing
        self._n_words = 1  # word 0, the break, has no terms
        self._n_flat = 0
        self.ids[_BREAK] = 0

    def _add(self, word: str) -> int:
        term_ids = [self._term_id(term) for term in self._terms_of(word)]
        start, ident = self._n_flat, self._n_words
        if start + len(term_ids) > len(self._flat):
            self._flat = np.concatenate((self._flat, np.zeros(len(self._flat) + len(term_ids), dtype=np.int64)))
        if ident == len(self._counts):
            self._starts = np.concatenate((self._starts, np.zeros_like(self._starts)))
            self._counts = np.concatenate((self._counts, np.zeros_like(self._counts)))
            self._single = np.concatenate((self._single, np.full_like(self._single, -1)))
        self._flat[start:start + len(term_ids)] = term_ids
        self._starts[ident], self._counts[ident] = start, len(term_ids)
        self._single[ident] = term_ids[0] if len(term_ids) == 1 else -1 if not term_ids else -2
        self._n_flat += len(term_ids)
        self._n_words += 1
        self.ids[word] = ident
        return ident

    def _term_id(self, term: str) -> int:
        ident = self._term_ids.get(term)
        if ident is None:
            ident = self._term_ids[term] = len(self.terms)
            self.terms.append(term)
            if ident == len(self._terms):
                self._terms = np.concatenate((self._terms, np.zeros_like(self._terms)))
            self._terms[ident] = term
        return ident

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(starts, counts, flat, single)`` (the current arrays; ``single[w]``: the term of a
        one-term word ``w``, ``-1`` for a word without terms, ``-2`` for one with several)."""
        return self._starts, self._counts, self._flat, self._single

    def vocabulary(self, term_ids: np.ndarray) -> list[str]:
        """The terms of ``term_ids``."""
        return self._terms[term_ids].tolist()


@lru_cache(maxsize=1)
def _analyzer_words() -> re.Pattern[str]:
    """The analyser's word pattern for non-ASCII text (ASCII text uses rouge-score's ``TOKEN``)."""
    return re.compile(_analyzer_word_pattern())


def _analyzer_word_pattern() -> str:
    other = f"[^\\W_{_LATIN_AND_SYMBOLS}{CJK}]"
    return f"[a-z0-9]+|[{CJK}]|{other}(?:{other}|[{mark_class()}])*"


def _first_use(values: np.ndarray, bound: int) -> tuple[np.ndarray, np.ndarray]:
    """``(ids, distinct)``: values numbered ``0, 1, ...`` in order of first use, and the distinct values in that order.

    ``values`` are integers in ``[0, bound)``.  The first position of each value comes
    from ``np.minimum.at`` over a scratch array of ``bound`` entries (no sort; entries
    that no value indexes are never read).
    """
    size = len(values)
    position = np.arange(size)
    first = np.empty(bound, dtype=np.int64)
    first[values] = size
    np.minimum.at(first, values, position)
    first_of = first[values]  # the first position of each item's value
    is_first = first_of == position
    return (np.cumsum(is_first) - 1)[first_of], values[is_first]


def term_columns(term_lists: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """``(n_terms, cols, vocabulary)``: terms per sentence, each term's column, terms by column.

    Columns number the distinct terms in order of first occurrence.
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
