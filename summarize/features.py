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
:func:`unicode_words` is the tokenizer of ROUGE's ``unicode`` profile
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

from .native import load
from .stemming import WordMemo, ascii_stemmer

__all__ = ["Analyzer", "document_frequencies", "first_use_ids", "unicode_word_spans", "unicode_words"]

# The compiled analyser for ASCII sentences (summarize/_ctext.c), or None.
_ctext = load("summarize._ctext")
_TOKEN = re.compile(r"[a-z0-9]+")
# Scripts written without spaces between words: Han ideographs (with the iteration
# marks), hiragana, katakana (with half-width forms).  One token per character.
_CJK = (
    "\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)
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
        words = _TOKEN.findall(lowered) if lowered.isascii() else _analyzer_words().findall(lowered)
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
def _marks() -> str:
    """Character-class ranges of every combining mark (Unicode categories Mn, Mc, Me).

    Marks are not ``\\w`` in Python's ``re``, so without them a Devanagari vowel
    sign or an Arabic diacritic would cut a word in pieces.  The ranges come from
    :data:`summarize.unicode_marks.MARK_RANGES` for the running Unicode version,
    else from a scan of :mod:`unicodedata` (about 0.1 s; no mark lies in planes 2 to 13).
    """
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in _mark_ranges())


def _mark_ranges() -> list[tuple[int, int]]:
    from .unicode_marks import MARK_RANGES

    written = MARK_RANGES.get(unicodedata.unidata_version)
    if written is not None:
        pairs = [item.split("-") for item in written.split()]
        return [(int(p[0], 16), int(p[-1], 16)) for p in pairs]
    return _scan_mark_ranges()


def _scan_mark_ranges() -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in (*range(0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return ranges


@lru_cache(maxsize=1)
def _analyzer_words() -> re.Pattern[str]:
    """The analyser's word pattern for non-ASCII text (ASCII text uses ``_TOKEN``)."""
    other = f"[^\\W_{_LATIN_AND_SYMBOLS}{_CJK}]"
    return re.compile(f"[a-z0-9]+|[{_CJK}]|{other}(?:{other}|[{_marks()}])*")


@lru_cache(maxsize=1)
def _unicode_words() -> re.Pattern[str]:
    word = f"[^\\W_{_CJK}]"
    return re.compile(f"[{_CJK}]|{word}(?:{word}|[{_marks()}])*")


def unicode_words(text: str) -> list[str]:
    """Words of ``text`` in any script: the ``unicode`` ROUGE tokenizer before stemming.

    NFKC-normalise and lower-case; each Chinese/Japanese character (Han, kana) is
    a token; every other run of Unicode letters and digits (``[^\\W_]+``, with the
    combining marks inside it) is a token; everything else separates tokens.  On
    ASCII text this is rouge-score's ``[a-z0-9]+`` split.

    Examples
    --------
    >>> unicode_words("Путин сказал: 北京 café, hello!")
    ['путин', 'сказал', '北', '京', 'café', 'hello']
    """
    if text.isascii():
        return _TOKEN.findall(text.lower())
    return _unicode_words().findall(unicodedata.normalize("NFKC", text).lower())


def unicode_word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the words of ``text`` as :func:`unicode_words` finds them.

    The spans index ``text`` itself (no normalisation first, so they stay valid
    for marking it); each word is NFKC-normalised and lower-cased afterwards.
    On ASCII text the words are those of :func:`unicode_words`.

    Examples
    --------
    >>> unicode_word_spans("Путин, 北京!")
    [(0, 5, 'путин'), (7, 8, '北'), (8, 9, '京')]
    """
    if text.isascii():  # lower() keeps the length of ASCII text, so the spans hold for text
        return [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text.lower())]
    return [(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()).lower())
            for m in _unicode_words().finditer(text)]


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


def _term_columns(term_lists: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, list[str]]:
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
