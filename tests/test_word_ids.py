"""The white-space word table (eval.rouge.word_ids and its compiled kernels) and the paths built on it.

The Python code is the specification: ``str.split()`` and first-sight numbering
for word ids, numpy sums and first-use numbering for ``gather``, and
:func:`eval.rouge.fast.score_tokens` of :func:`eval.rouge.fast.tokenize_sentences`
for :func:`eval.rouge.fast.score_texts`.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import compiled_kernels

from eval.backend import BACKEND
from eval.rouge import fast
from eval.rouge.word_ids import WordIds
from summarize.models.learned import SURFACE_WORD_VALUES
from summarize.text.analyzer import Analyzer

# Every kind of str the kernel reads (ASCII, Latin-1, BMP, astral), every white space str.split() knows.
TEXTS = [
    "the cat sat on the mat",
    "  café\u00a0naïve\tcafé\n\x1cfin\x85 the ",
    "it’s “quoted” — dash ‘it’s’ 東京 東京",
    "emoji 😀 and 😀x and x😀 \u2028line\u3000ideographic\u2003em",
    "",
    "   ",
    "the mat",
]


def _python_ids(texts):
    ids: dict[str, int] = {}
    return [[ids.setdefault(w, len(ids)) for w in text.split()] for text in texts], list(ids)


def test_word_ids_number_words_by_first_sight_like_str_split():
    kernels = compiled_kernels("eval.rouge._kernels")
    table = kernels.words_new()
    want, words = _python_ids(TEXTS * 2)
    seen: list[str] = []
    for text, expected in zip(TEXTS * 2, want):
        raw, new = kernels.words_ids(table, text)
        seen += new
        assert np.frombuffer(raw, dtype=np.int64).tolist() == expected
    assert seen == words


def test_word_ids_keep_many_words_apart():
    # Enough words to grow the table several times; words that differ in one code unit or in length.
    kernels = compiled_kernels("eval.rouge._kernels")
    words = [f"w{k}" for k in range(20_000)] + [f"w{k}é" for k in range(0, 20_000, 7)] + ["w1" * 50]
    text = " ".join(words + words[::-1])
    raw, new = kernels.words_ids(kernels.words_new(), text)
    want, distinct = _python_ids([text])
    assert new == distinct
    assert np.frombuffer(raw, dtype=np.int64).tolist() == want[0]


def test_word_ids_helper_agrees_across_backends():
    batches: list[list[str]] = []
    ids = WordIds(batches.append)
    ids.register(["a", "b", "a"])
    assert batches == [["a", "b"]] and ids.words == ["a", "b"]
    with BACKEND.use("native"):
        raw = ids.text_ids("b c a d c")
    if raw is not None:  # compiled: the words registered in Python keep their ids
        assert np.frombuffer(raw, dtype=np.int64).tolist() == [1, 2, 0, 3, 2]
    else:
        assert [ids.ids[w] for w in "b c a d c".split()] == [1, 2, 0, 3, 2]
    assert ids.words == ["a", "b", "c", "d"] and batches[-1] == ["c", "d"]
    with BACKEND.use("python"):
        assert ids.text_ids("x") is None
    assert ids.ids["e"] == 4 and batches[-1] == ["e"]  # a look-up registers


def test_gather_sums_segments_and_numbers_items_by_first_use():
    kernels = compiled_kernels("eval.rouge._kernels")
    # Stride 8, width 4: (1, n items, more, a value, up to 4 item ids); word 0 is the break.
    rows = np.array([[0, 0, 0, 0, -1, -1, -1, -1],
                     [1, 2, 0, 7, 7, 3, -1, -1],
                     [1, 1, 0, 5, 3, -1, -1, -1],
                     [1, 0, 0, 2, -1, -1, -1, -1],
                     [1, 1, 1, 0, -1, -1, -1, -1]], dtype=np.int32)  # word 4: more items than the row holds
    first = np.full(10, -1, dtype=np.int32)
    ids = np.array([3, 0, 1, 2, 0, 0, 2, 3, 1], dtype=np.int64)  # words before the first break are skipped
    sums, cols, distinct = kernels.gather(ids, rows, 8, 4, first)
    assert np.frombuffer(sums, dtype=np.int64).reshape(4, 3).tolist() == [[2, 0, 3], [3, 0, 3], [0, 0, 0],
                                                                          [12, 0, 14]]
    assert np.frombuffer(cols, dtype=np.int64).tolist() == [0, 1, 1, 1, 0, 1]
    assert np.frombuffer(distinct, dtype=np.int64).tolist() == [7, 3]
    assert (first == -1).all()  # the scratch is left as it was given
    assert kernels.gather(np.array([0, 4], dtype=np.int64), rows, 8, 4, first) is None
    with pytest.raises(ValueError, match="has no row"):
        kernels.gather(np.array([0, 5], dtype=np.int64), rows, 8, 4, first)
    with pytest.raises(ValueError, match="out of range"):
        kernels.gather(np.array([0, 1], dtype=np.int64), rows, 8, 4, np.full(5, -1, dtype=np.int32))
    with pytest.raises(ValueError, match="width"):
        kernels.gather(ids, rows, 8, 9, first)


SENTENCES = [
    ["The cats sat.", "On the mat, said he."],
    ["It’s “quoted” — naïve café 東京.", "u.s. officials' statement", "Ünïcode İstanbul ΣΑΣ"],
    ["one", "", "two words\twith  spaces"],
    ["x" * 30 + "." + "y" * 30 + "-a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q", "ok"],  # a word with many terms
]


@pytest.mark.parametrize("values", [None, SURFACE_WORD_VALUES])
def test_analyzer_gives_the_same_analysis_on_both_backends(values):
    results = {}
    for backend in ("native", "python"):
        with BACKEND.use(backend):
            analyzer = Analyzer()
            results[backend] = [analyzer.analyze(s, values) for s in SENTENCES + SENTENCES[::-1]]
    for a, b in zip(results["native"], results["python"]):
        assert a.vocabulary == b.vocabulary
        for name in ("n_terms", "cols", "n_words", "word_ids"):
            assert np.array_equal(getattr(a, name), getattr(b, name)), name
        assert (a.value_sums is None) == (b.value_sums is None)
        if a.value_sums is not None:
            assert np.array_equal(a.value_sums, b.value_sums)


PAIRS = [
    (["the cat sat on the mat", "it was fine"], [["a cat sat on a mat"], ["the dog", "ran off"]]),
    ([], [["a b"]]),
    (["x y", ""], [[], ["x"]]),
    (["A\nB c", "d"], [["b\n\nc d"], ["zz"]]),
    (["u.s. don't", "U.S. DON'T"], [["U.S.A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P", "don't"]]),
    (["...", "running runners ran"], [["…", "ΣΑΣ σας run"]]),
]


@pytest.mark.parametrize("use_stemmer", [True, False])
def test_score_texts_equals_score_tokens(use_stemmer):
    compiled_kernels("eval.rouge._kernels")
    types = ("rouge1", "rouge2", "rouge3", "rougeL", "rougeLsum")
    for summary, references in PAIRS:
        want = [fast.score_tokens(fast.tokenize_sentences(summary, use_stemmer),
                                  fast.tokenize_sentences(ref, use_stemmer), types) for ref in references]
        with BACKEND.use("native"):
            got = fast.score_texts(summary, references, use_stemmer, types)
        long_word = any("U.S.A.B" in s for ref in references for s in ref)
        assert got is None if long_word else got == want  # more tokens than a row holds: the Python path
    with BACKEND.use("native"):
        assert fast.score_texts(["a \x01 b"], [["a"]], use_stemmer) is None  # the break mark itself
    with BACKEND.use("python"):
        assert fast.score_texts(["a"], [["a"]], use_stemmer) is None
