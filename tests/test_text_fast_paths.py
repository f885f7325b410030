"""The fast paths of the text layer give exactly what the code before them gave.

The sentence splitter is compared with its previous implementation
(``tests/text_reference.py``, unchanged code); the analyser with its
sentence-by-sentence path (``Analyzer.__call__`` per sentence, the
specification of :meth:`Analyzer.analyze`); the surface flags with their
regexes.  Inputs: generated awkward text and the shared corpora.  The
character facts the fast paths rely on are checked for every code point.
"""

from __future__ import annotations

import gzip
import json
import random
import re

import numpy as np
import pytest
import text_reference as reference

from summarize.models.learned import (
    _NOT_ALNUM,
    _QUOTE,
    _SAID,
    _SAY_ODD,
    SURFACE_WORD_VALUES,
    _bmp_alnum,
    surface_flags,
    surface_flags_from_words,
)
from summarize.text.analyzer import Analyzer, first_use_ids, term_columns
from summarize.text.parse import build_article
from summarize.text.sentences import _uncased, sentence_spans, split_sentences, squeeze

ALL_CHARACTERS = [chr(c) for c in range(0x110000)]

_SPLIT_PIECES = [
    "Mr.", "U.S.", "u.s.", "Jan.", "No.", "V.", "v.", "$2.6", "(CNN)", "( cnn )", "Rome (CNN) --", "--", "...",
    "\u2026", "!!!'", "''", "``", ".", "?", "!", "\u201d", ")", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "\u2028",
    "word", "Word", "the", "The", "a", "I", "é", "É", "İ", "ß", "'", "’", "-", "_", "e.g.", "a.m.", "10", "。", "！",
    "」", "?'", ".\"", "x" * 45, "y." * 30, "Inc.", "inc.", "St.", "\x01", "\x1c", "ſ", "9.", "5", "(", "[", "“",
    "‘", "``He", "'s", "\ud800", "𝐀", "؟", "।",
]


def _awkward_texts(seed: int, count: int):
    rng = random.Random(seed)
    for _ in range(count):
        yield rng.choice(["", " "]).join(rng.choice(_SPLIT_PIECES) for _ in range(rng.randint(0, 25)))


def _corpus_texts(shared_data, cnn_lines: int = 1000):
    """Article texts of every shared corpus (the first ``cnn_lines`` of the big CNN/DailyMail file)."""
    for path in sorted(shared_data.glob("*/*.jsonl.gz")):
        if "pairs" in path.name:
            continue
        limit = cnn_lines if "see2017" in path.name else None
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for k, line in enumerate(handle):
                if limit is not None and k >= limit:
                    break
                record = json.loads(line)
                if isinstance(record.get("article"), str):
                    yield record["article"]


def _same_split(text: str) -> None:
    assert split_sentences(text) == reference.split_sentences(text), text
    assert sentence_spans(text) == reference.sentence_spans(text), text


def test_split_equals_the_previous_splitter_on_awkward_text():
    for text in _awkward_texts(0, 20000):
        _same_split(text)


def test_split_long_words_and_runs():
    for text in ["x" * 39 + ". Next.", "x" * 40 + ". Next.", "x" * 41 + ". Next.", "a" + ".b" * 50 + ". The end.",
                 "Mr" + "." * 5000 + " Next.", ". " * 2000, "'' " * 1000 + "end.", "word. '' " * 300]:
        _same_split(text)


def test_uncased_is_lower_case_equality():
    rng = random.Random(4)
    pieces = ["a", "A", "é", "É", "ǅ", "İ", "ß", "𐐀", "𐐨", "\ud800", "1", " ", "Ⅳ", "ⅳ", "ſ", "K"]
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert _uncased(text) == (text == text.lower()), repr(text)


def test_squeeze_equals_split_and_join():
    rng = random.Random(1)
    pieces = ["a", " ", "  ", "\t", "\n", "\xa0", "\u3000", "\x85", "é", "\x01", "", "b c", "\u2028"]
    for _ in range(50000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert squeeze(text) == " ".join(text.split()), repr(text)


def _reference_analysis(analyzer: Analyzer, sentences):
    terms = [analyzer(x) for x in sentences]
    words = [x.lower().split() for x in sentences]
    n_terms, cols, vocabulary = term_columns(terms)
    return n_terms, cols, vocabulary, [len(w) for w in words], first_use_ids(words)[0]


def _equal_where_equal(ids, reference_ids) -> bool:
    """Whether ``ids[i] == ids[j]`` exactly when ``reference_ids[i] == reference_ids[j]``."""
    pairs = set(zip(np.asarray(ids).tolist(), np.asarray(reference_ids).tolist()))
    return len(pairs) == len({a for a, _ in pairs}) == len({b for _, b in pairs})


def _same_analysis(analyzer: Analyzer, sentences) -> None:
    n_terms, cols, vocabulary, n_words, word_ids = _reference_analysis(analyzer, sentences)
    for values in (None, SURFACE_WORD_VALUES):
        got = analyzer.analyze(sentences, values)
        assert got.n_terms.tolist() == n_terms.tolist() and got.n_terms.dtype == np.int64, sentences
        assert got.cols.tolist() == cols.tolist() and got.cols.dtype == np.int64, sentences
        assert got.vocabulary == vocabulary, sentences
        assert got.n_words.tolist() == n_words and got.n_words.dtype == np.int64, sentences
        # Word ids: equal exactly when the words are (n-gram blocking compares nothing else).
        assert len(got.word_ids) == len(word_ids) and _equal_where_equal(got.word_ids, word_ids), sentences
        if values is not None and got.value_sums is not None:
            _same_flags(sentences, surface_flags_from_words(sentences, got.value_sums))


_WORD_PIECES = ["said", "Said", "U.S.", "don't", "café", "naïve", "說話", "日本語", "привет", "x\x01y", "\x01", "", " ",
                "  ", "\t", "a", "the", "running", "İstanbul", "ſ", "K", "ǅ", "1,000", "e-mail", "foo_bar", "'", "''",
                "٣", "ab\u0301c", "ﬁne", "Ⅳ", "u.s.", "9/11", "n't",
                # words with many terms (more than a row of the analyser's word table holds)
                *(".".join(f"w{k}" for k in range(count)) for count in (8, 9, 10, 12, 13, 14, 40))]


@pytest.mark.parametrize(("stem", "stop_words"), [(True, True), (False, True), (True, False), (False, False)])
def test_analyze_equals_sentence_by_sentence(stem, stop_words):
    rng = random.Random(2)
    analyzer = Analyzer(stem=stem, stop_words=stop_words)
    _same_analysis(analyzer, [])
    _same_analysis(analyzer, [""])
    _same_analysis(analyzer, ["", "", "a"])
    for _ in range(5000):
        sentences = [" ".join(rng.choice(_WORD_PIECES) for _ in range(rng.randint(0, 8)))
                     for _ in range(rng.randint(0, 6))]
        _same_analysis(analyzer, sentences)


def _regex_flags(sentences):
    return (np.array([1.0 if _QUOTE.search(s) else 0.0 for s in sentences]),
            np.array([1.0 if _SAID.search(s) else 0.0 for s in sentences]),
            np.array([len(_NOT_ALNUM.sub("", s)) / max(len(s), 1) for s in sentences]))


def _same_flags(sentences, flags=None) -> None:
    flags = surface_flags(sentences) if flags is None else flags
    quote, said, alnum = _regex_flags(sentences)
    assert np.array_equal(flags.has_quote, quote) and flags.has_quote.dtype == np.float64, sentences
    assert np.array_equal(flags.has_said, said) and flags.has_said.dtype == np.float64, sentences
    assert np.array_equal(flags.alnum_ratio, alnum) and flags.alnum_ratio.dtype == np.float64, sentences


_FLAG_PIECES = ["said", "SAID", "Says", "told", "toldx", "_said", "said_", "xsaid", "'", "''", "``", '"', "“", "”",
                "' ", " ", "\n", "\t", "\x1c", ".", ",", "a", "Z", "9", "é", "ſaid", "saıd", "İ", "Kelvin\u212a",
                "說", "—", "_", "𝐀", "\ud800", "٣", "s", "ai", "d", "to", "ld", "ys", "Sa", "TOLD", "sayS", "\u0301",
                "ǅ", "ß", "said\u0301", "Ⅳsaid", "\x01"]


def test_surface_flags_equal_the_regexes_on_awkward_sentences():
    rng = random.Random(3)
    for sentences in ([], [""], ["", ""], ["'"], ["", "'"], ["a", ""], ["'a", "b '", "c' d"]):
        _same_flags(sentences)
    analyzer = Analyzer()
    for _ in range(20000):
        sentences = ["".join(rng.choice(_FLAG_PIECES) for _ in range(rng.randint(0, 10)))
                     for _ in range(rng.randint(0, 8))]
        _same_flags(sentences)
        sums = analyzer.analyze(sentences, SURFACE_WORD_VALUES).value_sums
        if sums is not None:  # None: the sentences hold İ or the analyser's break mark
            _same_flags(sentences, surface_flags_from_words(sentences, sums))


@pytest.mark.shared
def test_text_fast_paths_equal_the_references_on_the_shared_corpora(shared_data):
    analyzer = Analyzer()
    for text in _corpus_texts(shared_data):
        for paragraph in {text, *text.split("\n\n")}:
            _same_split(paragraph)
        sentences = build_article(text, id="x", summary=None).sentences
        _same_analysis(analyzer, sentences)
        _same_flags(sentences)


# Facts about characters that the fast paths rely on, for every code point.

def test_word_pattern_is_isalnum_or_underscore():
    word = re.compile(r"\w")
    assert [c for c in ALL_CHARACTERS if bool(word.match(c)) != (c.isalnum() or c == "_")] == []
    assert np.array_equal(_bmp_alnum(), np.array([c.isalnum() for c in ALL_CHARACTERS[:0x10000]], dtype=np.uint8))


def test_printable_text_has_no_white_space_but_the_space():
    assert [c for c in ALL_CHARACTERS if c.isspace() and c.isprintable() and c != " "] == []


def test_lower_casing_facts():
    # _uncased: a character that lower-casing changes is upper or title case (str.islower sees it).
    assert [c for c in ALL_CHARACTERS if c.lower() != c and not (c.isupper() or c.istitle())] == []
    # Only İ lower-cases to more than one character, and lower-casing never makes or removes white space.
    assert [c for c in ALL_CHARACTERS if len(c.lower()) != 1] == ["\u0130"]
    assert [c for c in ALL_CHARACTERS if any(x.isspace() for x in c.lower()) != c.isspace()] == []


def test_said_letters_lower_case_to_themselves_but_the_odd_ones():
    odd = set()
    for letter in set("saidsaystold"):
        pattern = re.compile(letter, re.IGNORECASE)
        odd.update(c for c in ALL_CHARACTERS if pattern.fullmatch(c) and c.lower() != letter)
    assert odd == set(_SAY_ODD)
