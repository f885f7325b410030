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
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval import backend as native
from summarize.text import sentences
from summarize.text.analyzer import Analyzer
from summarize.models.learned import has_said, sentence_flags, surface_flags
from summarize.models.tfidf import TfidfSummarizer, _word_ids

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

    n_terms, cols, vocab, n_words, ids, n_ids, quote, said, alnum = analyzer.analyze_compiled(sents, fallback, has_said)
    p_terms, p_words, p_ids, p_flags = _python_prepared(analyzer, sents)
    # The terms, as columns numbered in order of first use.
    cols = np.frombuffer(cols, dtype=np.int64).tolist()
    assert np.frombuffer(n_terms, dtype=np.int64).tolist() == [len(t) for t in p_terms], sents
    assert [vocab[c] for c in cols] == [t for ts in p_terms for t in ts], sents
    assert vocab == list(dict.fromkeys(t for ts in p_terms for t in ts)), sents
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


@pytest.mark.parametrize("params", [{}, {"scoring": "centrality"}, {"scoring": "centroid", "sublinear_tf": False}])
def test_summaries_equal_with_and_without_the_kernels(shared_data, monkeypatch, params):
    # End to end: the same sentences, indices and scores (every bit) from both code paths.
    from summarize.text import analyzer as features
    from summarize.models import learned
    from summarize.models import tfidf
    from summarize.models import matrix as tfidf_matrix

    texts = _corpus_texts(shared_data)[::40]
    compiled = [TfidfSummarizer(**params).summarize(t) for t in texts]
    monkeypatch.setattr(sentences, "_native", None)
    monkeypatch.setattr(features, "_ctext", None)
    for module in (tfidf, tfidf_matrix, learned):
        monkeypatch.setattr(module, "_cscore", None)
    monkeypatch.setattr(tfidf, "_ctext", None)
    for text, summary in zip(texts, compiled):
        python = TfidfSummarizer(**params).summarize(text)
        assert python.indices == summary.indices and python.scores == summary.scores


@pytest.mark.parametrize("stem", [True, False])
@pytest.mark.parametrize("stop_words", [True, False])
def test_cache_rule_equals_the_memo_function(shared_data, stem, stop_words):
    # A cache made with (stop_words, stem) computes new words itself; it must give
    # exactly the analyser's term function, and use the memo only for words over 24 characters.
    from summarize.text.analyzer import _stop_words, _term_function
    from eval.rouge.stemming import WordMemo

    words: set[str] = set(_stop_words()) | {"a" * 24 + "tional", "x" * 24, "relational" * 3, "sky", "skies"}
    for text in _corpus_texts(shared_data)[::5]:
        words.update(re.findall(r"[a-z0-9]+", text.lower()))
    ordered = sorted(words)
    function = _term_function(stem, stop_words)
    memo = WordMemo(function)
    cache = _ctext.new_cache(_stop_words() if stop_words else None, stem)
    for _ in range(2):  # cold, then from the cache
        tokens = _ctext.rouge_tokens([" ".join(ordered)], cache, memo, False)
        assert tokens == [t for t in map(function, ordered) if t]
    assert sorted(memo) == [w for w in ordered if len(w) > 24]
    with pytest.raises(TypeError, match="stop_words must be a set"):
        _ctext.new_cache(["the"], True)


def test_kernel_rejects_bad_arguments():
    analyzer = Analyzer()
    with pytest.raises(TypeError, match="must be str"):
        analyzer.analyze_compiled([b"bytes"], lambda s: None, has_said)
    with pytest.raises(TypeError, match="fallback must return"):
        analyzer.analyze_compiled(["Путин"], lambda s: None, has_said)
    with pytest.raises(ZeroDivisionError):
        analyzer.analyze_compiled(["Путин"], lambda s: 1 / 0, has_said)  # the fallback's own error
    with pytest.raises(TypeError, match="a sequence"):
        analyzer.analyze_compiled(["Путин"], lambda s: (5, False, False, 0), has_said)
    with pytest.raises(ValueError, match="start is outside"):
        _ctext.split("abc", 9, True, frozenset(), frozenset(), frozenset(), True)


def test_squeeze_equals_join_split():
    rng = random.Random(13)
    texts = [_generated(rng) for _ in range(5000)] + ["", " ", "a", " a", "a ", "a  b", "a\tb", "a b", "\u3000x\u3000"]
    for text in texts:
        assert sentences.squeeze(text) == " ".join(text.split()), repr(text)
    already = "already squeezed text"
    assert sentences.squeeze(already) is already  # no copy
    with pytest.raises(TypeError, match="takes a str"):
        _ctext.squeeze(b"x")


def test_columns_equal_python():
    from summarize.text import analyzer as features

    rng = random.Random(17)
    for _ in range(2000):
        term_lists = [[rng.choice(("a", "b", "cc", "é", "d" * 30, "1")) for _ in range(rng.randint(0, 8))]
                      for _ in range(rng.randint(0, 6))]
        n_terms, cols, vocab = features.term_columns(term_lists)
        flat = [t for ts in term_lists for t in ts]
        expected_vocab = list(dict.fromkeys(flat))
        assert vocab == expected_vocab
        assert cols.tolist() == [expected_vocab.index(t) for t in flat]
        assert n_terms.tolist() == [len(ts) for ts in term_lists]


def _python_select(summarizer, article):
    """TfidfSummarizer's selection through the Python loop (greedy_select + _NgramBlocker)."""
    from summarize.models import tfidf

    with pytest.MonkeyPatch.context() as m:
        m.setattr(tfidf, "_ctext", None)
        return summarizer.summarize(article)


@pytest.mark.parametrize("params", [
    {}, {"redundancy": 0.0}, {"block_ngrams": 0}, {"block_ngrams": 1}, {"block_ngrams": 2, "redundancy": 3.0},
    {"n_sentences": None, "max_words": 40}, {"n_sentences": None, "max_words": 7}, {"n_sentences": None, "ratio": 0.5},
    {"n_sentences": 10, "min_sentence_words": 12, "max_sentence_words": 20}, {"scoring": "centrality"},
    {"scoring": "centroid", "position_weight": 0.5},
])
def test_mmr_equals_greedy_select(params):
    rng = random.Random(19)
    vocab = ("the", "cat", "sat", "on", "a", "mat", "dog", "ran", "fast", "home", "rain", "fell", "river", "rose")
    summarizer = TfidfSummarizer(**params)
    for _ in range(300):
        text = " ".join(
            " ".join(rng.choice(vocab) for _ in range(rng.randint(1, 14))).capitalize() + "."
            for _ in range(rng.randint(1, 12)))
        compiled = summarizer.summarize(text)
        python = _python_select(summarizer, text)
        assert compiled.indices == python.indices and compiled.scores == python.scores, (params, text)


def test_mmr_rejects_bad_arrays():
    scores = np.zeros(2)
    with pytest.raises(ValueError, match="similarity must be"):
        _ctext.mmr(scores, np.zeros(3), np.zeros(2, dtype=np.int64), np.ones(2, dtype=bool), 1, -1, 0.5,
                   np.zeros(0, dtype=np.int64), 3)
    with pytest.raises(ValueError, match="word_ids must hold"):
        _ctext.mmr(scores, np.zeros(4), np.ones(2, dtype=np.int64), np.ones(2, dtype=bool), 1, -1, 0.5,
                   np.zeros(5, dtype=np.int64), 3)
    # NaN scores are picked as numpy's argmax picks them (first NaN).
    picked = _ctext.mmr(np.array([0.5, np.nan, 0.9]), np.eye(3), np.ones(3, dtype=np.int64),
                        np.ones(3, dtype=bool), 1, -1, 0.0, np.arange(3, dtype=np.int64), 0)
    assert picked == [1]


def test_porter_stem_is_nltk(shared_data):
    # Every word of the shared corpora plus generated words built from Porter's
    # suffixes (so that every rule, and pairs of rules, fire).
    from nltk.stem.porter import PorterStemmer

    words: set[str] = set()
    for text in _corpus_texts(shared_data):
        words.update(re.findall(r"[A-Za-z0-9]+", text))
    rng = random.Random(90)
    letters = "aeiouyybcdlmnrstszgpw"
    suffixes = ("ational tional enci anci izer bli alli entli eli ousli ization ation ator alism iveness fulness "
                "ousness aliti iviti biliti fulli logi icate ative alize iciti ical ful ness al ance ence er ic able "
                "ible ant ement ment ent ion sion tion ou ism ate iti ous ive ize ies ied eed ed ing s sses ss y e ll "
                "yy ying ally").split()
    for _ in range(40000):
        stem = "".join(rng.choice(letters) for _ in range(rng.randint(0, 6)))
        words.add(stem + rng.choice(suffixes) + (rng.choice(suffixes) if rng.random() < 0.3 else ""))
    words.update(["sky", "skies", "dying", "tying", "news", "innings", "howe", "succeed", "y" * 300, "a" * 100_000])
    nltk_stemmer = PorterStemmer()
    wrong = [w for w in words if _ctext.porter_stem(w) != nltk_stemmer.stem(w)]
    assert len(words) > 40_000
    assert wrong == []
    with pytest.raises(ValueError, match="ASCII"):
        _ctext.porter_stem("café")
    with pytest.raises(TypeError, match="str"):
        _ctext.porter_stem(b"cats")


def test_stemming_module_without_the_kernel(monkeypatch):
    # The pure-Python fallback is nltk itself; non-ASCII words always go to nltk.
    from eval.rouge import stemming

    assert stemming.porter_stem("café") == "café"
    monkeypatch.setattr(stemming, "_ctext", None)
    assert stemming.porter_stem("running") == "run"
    assert stemming.ascii_stemmer()("generously") == "gener"


def test_analysis_is_thread_safe_with_python_callbacks():
    # Non-Latin sentences call back into Python (the fallback), where another thread may run and use
    # the same shared cache: each call must still get exactly its own columns.
    import sys
    import threading

    rng = random.Random(29)
    words = ("рука", "вода", "дом", "river", "rose", "fast", "flood", "北京", "город", "roads", "closed", "mist")
    articles = [[" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) + "." for _ in range(rng.randint(1, 9))]
                for _ in range(300)]
    expected = [Analyzer().analyze_compiled(a, lambda s: (Analyzer()(s), *sentence_flags(s)), has_said)
                for a in articles]
    shared = Analyzer()
    fallback = lambda s: (shared(s), *sentence_flags(s))  # noqa: E731
    results: dict[int, list] = {}
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        def work(offset: int) -> None:
            results[offset] = [shared.analyze_compiled(a, fallback, has_said) for a in articles[offset::2]]

        threads = [threading.Thread(target=work, args=(k,)) for k in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    for offset in (0, 1):
        for got, want in zip(results[offset], expected[offset::2], strict=True):
            assert got[0] == want[0] and got[1] == want[1] and got[2] == want[2]  # n_terms, cols, vocabulary
