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

from eval.backend import BACKEND
from eval.rouge.stemming import WordMemo
from eval.rouge.word_ids import KERNELS, WordIds
from eval.rouge.words import CJK, TOKEN, mark_class, segment_word_parts
from summarize.text.profile import ENGLISH, LanguageProfile

__all__ = ["Analysis", "Analyzer", "WordValues", "document_frequencies", "first_use_ids", "term_columns"]

# Analyzer.analyze joins sentences with a break mark: a word of its own, never a term or a word of the text.
_BREAK = "\x01"
_JOIN = f" {_BREAK} "
_FIRST = f"{_BREAK} "

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
        The id of each lower-cased white-space word, sentence after sentence:
        equal words have equal ids, other words other ids (n-gram blocking
        compares them and nothing else; first-use numbering for sentences that
        hold the analyser's break mark, the analyser's word table's ids otherwise).
    value_sums : numpy.ndarray or None
        ``(width, n)``: row ``j`` holds, per sentence, the sum of value ``j``
        of the :class:`WordValues` of its words, when :meth:`Analyzer.analyze`
        was asked for them and could give them (else ``None``).
    """

    n_terms: np.ndarray
    cols: np.ndarray
    vocabulary: list[str]
    n_words: np.ndarray
    word_ids: np.ndarray
    value_sums: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class WordValues:
    """Integers computed once per distinct white-space word, summed per sentence by :meth:`Analyzer.analyze`.

    Attributes
    ----------
    of : callable
        ``word -> tuple of width ints`` for a lower-cased white-space word.
        It must give the same values for every original-case form of the word
        (the analyser sees only the lower-cased one) unless the text holds one
        of the characters ``unless``.
    width : int
        Number of values per word.
    unless : str
        Characters whose presence in the sentences makes :meth:`Analyzer.analyze`
        give no sums (``value_sums`` is ``None``).
    """

    of: Callable[[str], tuple[int, ...]]
    width: int
    unless: str = ""


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
        self._new_caches()

    def __call__(self, sentence: str) -> list[str]:
        if self.profile.segmenter is not None:
            return [term for word in self._segmented((sentence,))[0].lower().split()
                    for term in self._terms_of_word(word)]
        lowered = sentence.lower()
        words = TOKEN.findall(lowered) if lowered.isascii() else _analyzer_words().findall(lowered)
        # The memo maps a word to its term, or to "" for a dropped word; its
        # __missing__ computes new words, so the loop runs in C (map/filter).
        return list(filter(None, map(self._cache.__getitem__, words)))

    def analyze(self, sentences: Sequence[str], values: WordValues | None = None) -> Analysis:
        """Terms and words of every sentence of an article, numbered (see :class:`Analysis`).

        The sentences are joined by a break mark (one before each), lower-cased
        and split on white space once.  Each distinct white-space word is
        analysed once per analyser (:class:`_WordTable`: its id, its terms' ids,
        its counts; no word pattern spans white space, so a sentence's terms
        are its words' terms, exactly what :meth:`__call__` gives); per article
        everything else is a few numpy calls on those ids: per-sentence counts
        are sums from one break to the next (``np.add.reduceat``).  Sentences that hold the break mark
        themselves go one by one.  ``values``: also sum these word values per
        sentence (:attr:`Analysis.value_sums`; memoised per word like the terms).
        """
        n = len(sentences)
        if self.profile.segmenter is not None:
            sentences = self._segmented(sentences)
        text = _FIRST + _JOIN.join(sentences)
        if text.count(_BREAK) != n:
            terms = [self(x) for x in sentences]
            split = [x.lower().split() for x in sentences]
            n_terms, cols, vocabulary = term_columns(terms)
            return Analysis(n_terms, cols, vocabulary, np.fromiter(map(len, split), dtype=np.int64, count=n),
                            first_use_ids(split)[0])
        table = self._words
        lowered = text.lower()
        raw = table.word_ids.text_ids(lowered)  # compiled: split and look up in C
        if raw is None:
            words = lowered.split()  # a _BREAK, then the words of a sentence, for each sentence
            ids = np.fromiter(map(table.ids.__getitem__, words), dtype=np.int64, count=len(words))
        else:
            ids = np.frombuffer(raw, dtype=np.int64)
        if values is not None and any(c in text for c in values.unless):
            values = None
        width = 3 + (values.width if values is not None else 0)
        is_word = ids != 0  # _BREAK is word 0: no counts, no values
        kernels, gathered = BACKEND.kernels(KERNELS), None
        if kernels is not None:
            word_rows = table.rows(values)
            gathered = kernels.gather(ids, word_rows, word_rows.shape[1], width, table.first_scratch())
        if gathered is not None:  # the same sums and numbering in one compiled loop
            raw_sums, raw_cols, raw_used = gathered
            sums = np.frombuffer(raw_sums, dtype=np.int64).reshape(width, n)
            return Analysis(sums[1], np.frombuffer(raw_cols, dtype=np.int64),
                            table.vocabulary(np.frombuffer(raw_used, dtype=np.int64)), sums[0], ids[is_word],
                            None if values is None else sums[3:])
        # Per word: 1 (a word), terms, more terms than the row holds, values, term ids (then -1s).
        rows = np.take(table.rows(values), ids, axis=0)
        # Per sentence (from its break to the next), each row contiguous.
        sums = np.add.reduceat(rows[:, :width], np.flatnonzero(~is_word), axis=0, dtype=np.int64).T.copy()
        if sums[2].any():  # a word with more terms than its row holds (rare)
            term_ids = np.fromiter(itertools.chain.from_iterable(map(table.word_terms.__getitem__, ids.tolist())),
                                   dtype=np.int64, count=int(sums[1].sum()))
        else:
            held = np.ascontiguousarray(rows[:, width:width + rows[:, 1].max()]).ravel()
            term_ids = held[held >= 0]
        cols, used = _first_use(term_ids, len(table.terms))
        # Word ids: the table's (equal words, equal ids, and nothing else compares them).
        return Analysis(sums[1], cols, table.vocabulary(used), sums[0], ids[is_word],
                        None if values is None else sums[3:])

    def _segmented(self, sentences: Sequence[str]) -> list[str]:
        """Sentences with the segmenter's words separated by spaces (Chinese, Japanese)."""
        from eval.languages.segment import segmenter

        split = segmenter(str(self.profile.segmenter))
        return [" ".join(split(sentence)) for sentence in sentences]

    def _terms_of_word(self, word: str) -> tuple[str, ...]:
        """The content terms of one lower-cased white-space word."""
        if word.isascii():
            tokens = TOKEN.findall(word)
        elif self.profile.segmenter is not None:  # a segmenter's word: Chinese/Japanese runs stay whole
            tokens = segment_word_parts().findall(word)
        else:
            tokens = _analyzer_words().findall(word)
        return tuple(filter(None, map(self._cache.__getitem__, tokens)))

    def _term(self, word: str) -> str:
        """The term of a word: ``""`` for a stop word, else its stem (or the word)."""
        if self.stop_words and word in self.profile.stop_words:
            return ""
        return self.profile.stem(word) if self.stem else word

    def __getstate__(self) -> dict[str, object]:
        # The memos are caches: rebuild them rather than pickle them.
        return {"stem": self.stem, "stop_words": self.stop_words, "profile": self.profile}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name in ("stem", "stop_words", "profile"):
            object.__setattr__(self, name, state[name])
        self._new_caches()

    def _new_caches(self) -> None:
        object.__setattr__(self, "_cache", WordMemo(self._term))
        object.__setattr__(self, "_words", _WordTable(self._terms_of_word, self._cache, self._term))


class _TermIds(dict[str, int]):
    """term -> id memo whose ``__missing__`` registers a new one in its table."""

    __slots__ = ("_add",)

    def __init__(self, add: Callable[[str], int]) -> None:
        super().__init__()
        self._add = add

    def __missing__(self, term: str) -> int:
        return self._add(term)


class _WordTable:
    """Ids of the distinct white-space words an analyser has seen, their terms' ids and counts.

    Word 0 is the sentence break.  ``word_terms[w]`` are the ``n`` term ids of
    word ``w``; ``terms[t]`` is term ``t``.  ``rows(values)[w]``
    is ``(1, n, more, *values.of(word), *term ids, -1, ...)`` (zeros for the break;
    ``more``: 1 when the row cannot hold all ``n`` term ids), 64 bytes long:
    what the analyser reads of a word, in one cache line.  The table only grows,
    like the analyser's other memos; its arrays double when full (arrays handed
    out earlier stay valid for the words they hold: growing makes new ones).
    Words get their ids from :class:`eval.rouge.word_ids.WordIds` (split and
    looked up in C with the compiled kernels), new ones in batches; a word's
    terms are known once it has an id, the arrays catch up when read.
    """

    def __init__(self, terms_of: Callable[[str], tuple[str, ...]], memo: dict[str, str],
                 term_of: Callable[[str], str]) -> None:
        self._terms_of = terms_of  # a lower-cased white-space word's terms
        self._memo = memo  # token -> term ("" for a dropped one), the analyser's memo of term_of
        self._term_of = term_of
        self.terms: list[str] = []
        self._term_ids = _TermIds(self._add_term)  # term -> id
        self._terms = np.zeros(1024, dtype=object)  # terms by id, for fancy indexing
        self.word_terms: list[tuple[int, ...]] = []  # the term ids of each word
        self.word_ids = WordIds(self._new_words)
        self.ids = self.word_ids.ids
        self.words = self.word_ids.words  # by id
        self.word_ids.register([_BREAK])
        # rows(values): the array and how many words it holds
        self._rows: dict[WordValues | None, tuple[np.ndarray, int]] = {}
        self._first = np.full(0, -1, dtype=np.int32)

    def _new_words(self, words: list[str]) -> None:
        term_id, terms_of = self._term_ids.__getitem__, self._terms_of
        memo, known, term_of = self._memo, self._memo.get, self._term_of
        rows: list[tuple[int, ...]] = []
        for word in words:
            if word.isalnum() and word.isascii():  # lower-cased: one [a-z0-9]+ token, the word itself
                term = known(word)
                if term is None:  # (the memo's own __missing__, one call less)
                    term = memo[word] = term_of(word)
                rows.append((term_id(term),) if term else ())
            else:
                rows.append(tuple(map(term_id, terms_of(word))))
        self.word_terms.extend(rows)

    def first_scratch(self) -> np.ndarray:
        """``int32`` ``-1`` for every term id so far (the compiled gather's scratch; it leaves it so)."""
        if len(self._first) < len(self.terms):
            self._first = np.full(max(2 * len(self.terms), 1024), -1, dtype=np.int32)
        return self._first

    def _add_term(self, term: str) -> int:
        ident = len(self.terms)
        if ident == len(self._terms):
            self._terms = np.concatenate((self._terms, np.zeros_like(self._terms)))
        self._terms[ident] = term
        self.terms.append(term)
        self._term_ids[term] = ident
        return ident

    def rows(self, values: WordValues | None) -> np.ndarray:
        """``int32`` array, row ``w`` for word ``w`` (see the class), for every word so far."""
        table, done = self._rows.get(values, (None, 1))
        total = len(self.words)
        if table is None or done < total:
            width = 3 + (values.width if values is not None else 0)
            if table is None or len(table) < total:  # double
                grown = _aligned_rows(max(2 * total, 1024), -(-(width + 4) // 16) * 16)
                grown[:, width:] = -1
                if table is not None:
                    grown[:done] = table[:done]
                table = grown
            held = table.shape[1] - width
            word_terms = self.word_terms[done:total]
            rows = table[done:total]
            rows[:, 0] = 1
            rows[:, 1] = counts = np.fromiter(map(len, word_terms), dtype=np.int64, count=len(word_terms))
            rows[:, 2] = counts > held
            new = total - done
            if values is not None:
                rows[:, 3:width] = np.fromiter(
                    itertools.chain.from_iterable(map(values.of, self.words[done:total])), dtype=np.int64,
                    count=new * values.width).reshape(new, values.width)
            pad = (-1,) * held
            rows[:, width:] = np.fromiter(
                itertools.chain.from_iterable(term_ids + pad[len(term_ids):] if len(term_ids) <= held else pad
                                              for term_ids in word_terms),
                dtype=np.int32, count=new * held).reshape(new, held)
            self._rows[values] = table, total
        return table

    def vocabulary(self, term_ids: np.ndarray) -> list[str]:
        """The terms of ``term_ids``."""
        return np.take(self._terms, term_ids).tolist()


def _aligned_rows(n: int, width: int) -> np.ndarray:
    """Zeroed ``(n, width)`` ``int32`` array whose rows start at multiples of 64 bytes."""
    buffer = np.zeros(n * width + 16, dtype=np.int32)
    skip = (-buffer.ctypes.data % 64) // 4
    return buffer[skip:skip + n * width].reshape(n, width)


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
