"""The compiled splitter and analyser (summarize._ctext) equal the Python code.

The Python code is the specification: each test runs both on the same input
and compares exactly -- on every text of the shared corpora and on generated
text built from the characters each rule looks at.
"""

from __future__ import annotations

import gzip
import json
import os
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import native, sentences
from summarize.features import Analyzer
from summarize.learned import has_said, sentence_flags, surface_flags
from summarize.tfidf import TfidfSummarizer, _word_ids

_ctext = native.load("summarize._ctext")


@pytest.fixture(autouse=True)
def compiled():
    if _ctext is None:
        if os.environ.get("CI"):
            pytest.fail("summarize._ctext was not built: pip install needs a C compiler (gcc) in CI")
        pytest.skip("summarize._ctext not built here (no C compiler at install time)")


def _python_split(text: str, monkeypatch) -> tuple[list, list]:
    with monkeypatch.context() as m:
        m.setattr(sentences, "_native", None)
        return sentences.sentence_spans(text), sentences.split_sentences(text)


def _assert_split_equal(text: str, monkeypatch) -> None:
    spans, split = _python_split(text, monkeypatch)
    assert sentences.sentence_spans(text) == spans, text
    assert sentences.split_sentences(text) == split, text


# Every character class the rules look at: stops (Latin, Arabic, Urdu, Devanagari,
# CJK), closers, openers, abbreviations, titles, openers, initials, digits, cased
# and uncased letters, many kinds of white space, PTB quotes, datelines, and
# characters whose lower case is longer or ASCII (İ, the Kelvin sign).
_PIECES = (
    ".", ".", ".", "!", "?", "…", "؟", "۔", "।", "॥", "。", "！", "？", "｡", "'", '"', "’", "”", ")", "]", "»",
    "」", "』", "）", "】", "〕", "〉", "》", "〗", "〙", "〛", "‘", "“", "(", "`", "[", "_", "-", " ", " ", " ", "  ",
    "\n", "\t", "\u00a0", "\u2028", "\x1c", "\u3000", " '' ", "Mr", "mr", "U.S", "u.s.", "Jan", "No", "no", "He",
    "he", "The", "the", "V", "J", "İnc", "\u212ao", "K", "inc", "Dr", "St", "5", "10", "a", "B", "é", "ß", "東京",
    "Путин", "(CNN) -- ", "Rome (AP) ", "police", "word", "Word", "x" * 120,
)


def _generated(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))


def test_split_equals_python_on_generated_text(monkeypatch):
    rng = random.Random(7)
    for _ in range(20000):
        _assert_split_equal(_generated(rng), monkeypatch)
    for text in ("", " ", ".", "a.", ". a", "Mr. X. Y.", "''", "\x00.", "a" * 5000 + "." * 3000 + " b"):
        _assert_split_equal(text, monkeypatch)


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_split_equals_python_on_any_text(text):
    with pytest.MonkeyPatch.context() as m:
        _assert_split_equal(text, m)


def _corpus_texts(shared_data) -> list[str]:
    texts = []
    with gzip.open(shared_data / "summeval" / "summeval_docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            texts += [doc["article"], *doc["references"], *(s["decoded"] for s in doc["systems"])]
    stories = sorted((shared_data / "cnn_dailymail").rglob("*.story"))
    texts += [path.read_text(encoding="utf-8", errors="replace") for path in stories]
    return texts


def test_split_equals_python_on_the_corpora(shared_data, monkeypatch):
    texts = _corpus_texts(shared_data)
    assert len(texts) > 2000
    for text in texts:
        _assert_split_equal(text, monkeypatch)
        for paragraph in text.split("\n\n"):
            _assert_split_equal(paragraph, monkeypatch)


def _python_prepared(analyzer: Analyzer, sents: list[str]):
    words = [s.lower().split() for s in sents]
    return [analyzer(s) for s in sents], [len(w) for w in words], _word_ids(words).tolist(), surface_flags(sents)


def _assert_analysis_equal(analyzer: Analyzer, sents: list[str]) -> None:
    fallback_calls = []

    def fallback(s):
        fallback_calls.append(s)
        return (analyzer(s), *sentence_flags(s))

    terms, n_words, ids, n_ids, quote, said, alnum = analyzer.analyze_compiled(sents, fallback, has_said)
    p_terms, p_words, p_ids, p_flags = _python_prepared(analyzer, sents)
    assert list(terms) == p_terms, sents
    assert np.frombuffer(n_words, dtype=np.int64).tolist() == p_words, sents
    assert np.frombuffer(ids, dtype=np.int64).tolist() == p_ids, sents
    assert n_ids == len(set(p_ids))
    assert np.array_equal(np.frombuffer(quote), p_flags.has_quote), sents
    assert np.array_equal(np.frombuffer(said), p_flags.has_said), sents
    lengths = np.array([max(len(s), 1) for s in sents])
    assert np.array_equal(np.frombuffer(alnum, dtype=np.int64) / lengths, p_flags.alnum_ratio), sents
    assert all(not s.isascii() for s in fallback_calls)


@pytest.mark.parametrize("stem,stop_words", [(True, True), (False, False)])
def test_analysis_equals_python_on_generated_sentences(stem, stop_words):
    rng = random.Random(11 + stem)
    pieces = _PIECES + ("said", "SAYS", "told", "ſaid", "_said", "Told", "“", "”", "``", "£", "—", "ﬁne", "Ⅻ", "①",
                        "ｱ", "ａ", "\u0301", "ελλάδα", "\ud800", "running", "stations", "1,000")
    analyzer = Analyzer(stem=stem, stop_words=stop_words)
    for _ in range(3000):
        sents = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 15))) for _ in range(rng.randint(0, 6))]
        _assert_analysis_equal(analyzer, sents)


def test_analysis_equals_python_on_the_corpora(shared_data):
    analyzer = Analyzer()
    texts = _corpus_texts(shared_data)
    for text in texts[::3]:
        _assert_analysis_equal(analyzer, sentences.split_sentences(text))


def test_summaries_equal_with_and_without_the_kernels(shared_data, monkeypatch):
    # End to end: the same sentences, indices and scores from both code paths.
    from summarize import features

    texts = _corpus_texts(shared_data)[::40]
    compiled = [TfidfSummarizer().summarize(t) for t in texts]
    monkeypatch.setattr(sentences, "_native", None)
    monkeypatch.setattr(features, "_ctext", None)
    for text, summary in zip(texts, compiled):
        python = TfidfSummarizer().summarize(text)
        assert python.indices == summary.indices and python.scores == summary.scores


def test_kernel_rejects_bad_arguments():
    analyzer = Analyzer()
    with pytest.raises(TypeError, match="must be str"):
        analyzer.analyze_compiled([b"bytes"], lambda s: None, has_said)
    with pytest.raises(TypeError, match="fallback must return"):
        analyzer.analyze_compiled(["Путин"], lambda s: None, has_said)
    with pytest.raises(ValueError, match="start is outside"):
        _ctext.split("abc", 9, True, frozenset(), frozenset(), frozenset(), True)
