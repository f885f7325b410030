"""Fast paths of the summarizer give exactly what the straightforward code gives.

Each test keeps the plain reference implementation (the code the fast path
replaced) and compares on generated inputs, including the awkward ones.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from summarize.models.learned import _NOT_ALNUM, _QUOTE, _SAID, FEATURES, sentence_features, surface_flags
from summarize.models.matrix import build_sentence_matrix
from summarize.models.tfidf import _NgramBlocker
from summarize.text.analyzer import first_use_ids


def _blocker(words, n):
    return _NgramBlocker(first_use_ids([list(w) for w in words])[0], np.array([len(w) for w in words]), n)

_PIECES = ("said", "SAID", "Says", "told", "toldx", "_said", "said_", "xsaid", "'", "''", "``", '"', "“", "”",
           "' ", " ", "\n", "\t", "\x1c", ".", ",", "a", "Z", "9", "é", "ſaid", "Kelvin\u212a", "說", "—", "_")


def _sentence(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12)))


def test_surface_flags_equal_the_regexes():
    rng = random.Random(1)
    sentences = [_sentence(rng) for _ in range(5000)] + ["", "'quoted", "he said.", "SAYS", "ſaid it"]
    flags = surface_flags(sentences)
    for k, s in enumerate(sentences):
        assert flags.has_quote[k] == (1.0 if _QUOTE.search(s) else 0.0), s
        assert flags.has_said[k] == (1.0 if _SAID.search(s) else 0.0), s
        assert flags.alnum_ratio[k] == len(_NOT_ALNUM.sub("", s)) / max(len(s), 1), s


def _sets_blocked(words, n, selected):
    grams = [{w[k:k + n] for k in range(len(w) - n + 1)} for w in words]
    seen = set().union(*(grams[i] for i in selected))
    return [bool(g & seen) for g in grams]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_ngram_blocker_equals_tuple_sets(n):
    rng = random.Random(n)
    for _ in range(300):
        vocab = [f"w{k}" for k in range(rng.randint(1, 8))]
        words = tuple(tuple(rng.choice(vocab) for _ in range(rng.randint(0, 9))) for _ in range(rng.randint(1, 8)))
        selected = rng.sample(range(len(words)), rng.randint(1, len(words)))
        blocker = _blocker(words, n)
        assert blocker.grams is None  # the numpy path
        values = np.arange(len(words), dtype=float)
        expected = np.where(_sets_blocked(words, n, selected), -np.inf, values)
        assert np.array_equal(blocker.apply(values, selected), expected), (words, selected)


def test_ngram_blocker_falls_back_to_sets_for_huge_vocabularies():
    words = (tuple(f"a{k}" for k in range(300)), tuple(f"a{k}" for k in range(150, 160)), ("x",) * 9)
    blocker = _blocker(words, 9)  # 301 ** 9 > 2 ** 62
    assert blocker.grams is not None
    assert list(blocker.apply(np.zeros(3), [0])) == [-np.inf, -np.inf, 0.0]  # a150..a158 is in both
    assert list(blocker.apply(np.zeros(3), [2])) == [0.0, 0.0, -np.inf]
    assert list(_blocker(words, 0).apply(np.zeros(3), [0])) == [0.0, 0.0, 0.0]


def test_sentence_features_earlier_later_equal_loops():
    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 7, 20):
        x = rng.random((n, 5))
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        sim = x @ x.T
        from summarize.models.learned import SurfaceFlags

        flags = SurfaceFlags(np.zeros(n), np.zeros(n), np.zeros(n))
        features = sentence_features(sim, rng.random(n), np.arange(n) + 1, np.arange(n) + 1, flags)
        off = sim.copy()
        np.fill_diagonal(off, 0.0)
        earlier = [off[k, :k].max() if k else 0.0 for k in range(n)]
        later = [off[k, k + 1:].max() if k < n - 1 else 0.0 for k in range(n)]
        assert features[:, FEATURES.index("sim_earlier")].tolist() == earlier
        assert features[:, FEATURES.index("sim_later")].tolist() == later


def test_sentence_matrix_counts_equal_add_at():
    rng = random.Random(4)
    for _ in range(200):
        terms = [[rng.choice("abcdefg") for _ in range(rng.randint(0, 6))] for _ in range(rng.randint(1, 6))]
        matrix = build_sentence_matrix(terms)
        vocab: dict[str, int] = {}
        expected = np.zeros((len(terms), len({t for ts in terms for t in ts})))
        for row, ts in enumerate(terms):
            for t in ts:
                expected[row, vocab.setdefault(t, len(vocab))] += 1.0
        assert np.array_equal(matrix.dense(matrix.counts), expected)
        assert matrix.n_terms.tolist() == [len(ts) for ts in terms]
        assert matrix.totals.tolist() == expected.sum(axis=0).tolist()


def test_written_mark_ranges_equal_a_scan_of_unicodedata():
    import unicodedata

    from eval.rouge import words
    from eval.rouge.unicode_marks import MARK_RANGES

    assert unicodedata.unidata_version in MARK_RANGES  # else the scan runs (slower first use, same result)
    assert words._mark_ranges() == words._scan_mark_ranges()


def test_sublinear_tf_table_equals_the_formula():
    from summarize.models.matrix import sublinear_tf_of

    counts = np.array([[0, 1, 2, 3], [7, 0, 64, 1000]])  # 1000 grows the table
    present = counts > 0
    expected = np.where(present, 1.0 + np.log(np.where(present, counts, 1)), 0.0)
    assert np.array_equal(sublinear_tf_of(counts), expected)
    assert np.array_equal(sublinear_tf_of(np.array([3, 0])), expected[0, [3, 0]])
    assert sublinear_tf_of(np.zeros((0, 0), dtype=np.int64)).shape == (0, 0)
