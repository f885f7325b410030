"""TF-IDF similarities, centroid, features and decision: the formulas, and compiled kernels against numpy.

Plain Python float loops (the formulas of ``summarize.models.matrix`` and
``summarize.models.learned``), the numpy code and the compiled kernels
(``summarize.models._kernels``) must agree within 1e-12.
"""

from __future__ import annotations

import gzip
import json
import math
import random

import numpy as np
import pytest
from conftest import compiled_kernels

from eval.backend import BACKEND
from summarize.models.learned import FEATURES, SurfaceFlags, centrality_of, load_model, log1p_table, sentence_features
from summarize.models.matrix import (
    build_sentence_matrix,
    idf_by_df,
    matrix_from_columns,
    similarity_and_centroid,
    tf_table,
)
from summarize.models.tfidf import TfidfModel as TfidfSummarizer
from summarize.text.analyzer import term_columns
from summarize.text.parse import parse_text

KERNELS = "summarize.models._kernels"


def _compiled():
    return compiled_kernels(KERNELS)


def _numpy(function, *args, **kwargs):
    """``function`` on the numpy code (python backend)."""
    with BACKEND.use("python"):
        return function(*args, **kwargs)


def _close(a, b) -> bool:
    return np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=1e-12, atol=1e-12,
                       equal_nan=True)


def test_two_sentences_by_hand():
    # "a b" and "a c": df(a) = 2 of N = 2 sentences, df(b) = df(c) = 1.
    matrix = build_sentence_matrix([["a", "b"], ["a", "c"]])
    q = float(idf_by_df(2)[1])
    assert q == pytest.approx(math.log(3 / 2) + 1)
    assert idf_by_df(2)[2] == 1.0  # ln(3 / 3) + 1
    norm = math.sqrt(1.0 + q * q)  # row (1, q, 0): tf = 1 for single counts
    wa, wb = 1.0 / norm, q / norm
    similarity = matrix.similarity()
    assert _close(similarity, [[wa * wa + wb * wb, wa * wa], [wa * wa, wa * wa + wb * wb]])
    assert similarity[0, 1] == pytest.approx(1 / (1 + q * q))
    # Centroid: totals a = 2, b = c = 1, so d = (1 + ln 2, q, q).
    d = [float(tf_table(2)[2]) * 1.0, 1.0 * q, 1.0 * q]
    d_norm = math.sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2])
    assert _close(matrix.centroid(), [wa * (d[0] / d_norm) + wb * (d[1] / d_norm),
                                      wa * (d[0] / d_norm) + wb * (d[2] / d_norm)])


def _reference(term_lists, idf_lookup=None, default_idf=1.0, sublinear=True):
    """The module's formulas as plain Python float loops (dicts, no numpy arithmetic)."""
    vocab = list(dict.fromkeys(t for ts in term_lists for t in ts))
    n = len(term_lists)
    counts = [{t: ts.count(t) for t in vocab if t in ts} for ts in term_lists]
    tf = tf_table(sum(map(len, term_lists))).tolist()
    if idf_lookup is None:
        table = idf_by_df(n).tolist()
        idf = {t: table[sum(t in c for c in counts)] for t in vocab}
    else:
        idf = {t: idf_lookup.get(t, default_idf) for t in vocab}
    rows = []
    for c in counts:
        x = {t: (tf[c[t]] if sublinear else float(c[t])) * idf[t] for t in vocab if t in c}
        acc = 0.0
        for t in vocab:  # column order
            if t in x:
                acc += x[t] * x[t]
        norm = math.sqrt(acc) or 1.0
        rows.append({t: v / norm for t, v in x.items()})
    similarity = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(n):
            acc = 0.0
            for t in vocab:
                if t in rows[i] and t in rows[j]:
                    acc += rows[i][t] * rows[j][t]
            similarity[i][j] = acc
    totals = {t: sum(c.get(t, 0) for c in counts) for t in vocab}
    d = {t: (tf[totals[t]] if sublinear else float(totals[t])) * idf[t] for t in vocab}
    acc = 0.0
    for t in vocab:
        acc += d[t] * d[t]
    d_norm = math.sqrt(acc)
    centroid = []
    for row in rows:
        acc = 0.0
        for t in vocab:
            if t in row and d_norm:
                acc += row[t] * (d[t] / d_norm)
        centroid.append(acc)
    return similarity, centroid


def _random_term_lists(rng):
    vocab = [f"t{k}" for k in range(rng.randint(1, 12))]
    return [[rng.choice(vocab) for _ in range(rng.choice((0, 1, 3, 8, 25)))] for _ in range(rng.randint(1, 9))]


@pytest.mark.parametrize("sublinear", [True, False])
@pytest.mark.parametrize("fitted", [False, True])
def test_numpy_and_compiled_equal_plain_loops(sublinear, fitted):
    rng = random.Random(31 + 2 * sublinear + fitted)
    for _ in range(300):
        term_lists = _random_term_lists(rng)
        lookup = {f"t{k}": rng.uniform(1.0, 9.0) for k in range(0, 12, 2)} if fitted else None
        options = {"idf_lookup": lookup, "default_idf": 4.5, "sublinear_tf": sublinear}
        similarity, centroid = _reference(term_lists, lookup, 4.5, sublinear)
        matrix = build_sentence_matrix(term_lists, **options)
        assert _close(matrix.similarity(), similarity), term_lists
        assert _close(matrix.centroid(), centroid), term_lists
        for result in (similarity_and_centroid(*term_columns(term_lists), **options),
                       _numpy(similarity_and_centroid, *term_columns(term_lists), **options)):
            assert _close(result[0], similarity) and _close(result[1], centroid), term_lists


def test_similarity_is_the_cosine_matrix():
    rng = random.Random(37)
    for _ in range(200):
        term_lists = _random_term_lists(rng)
        matrix = build_sentence_matrix(term_lists)
        weights = matrix.dense()
        similarity = matrix.similarity()
        np.testing.assert_allclose(similarity, similarity.T, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(similarity, weights @ weights.T, rtol=1e-12, atol=1e-15)
        has_terms = np.array([bool(ts) for ts in term_lists])
        np.testing.assert_allclose(similarity.diagonal()[has_terms], 1.0, rtol=1e-12)
        assert not similarity[~has_terms].any()


def test_counts_above_the_tf_table_grow_it():
    matrix = build_sentence_matrix([["a"] * 5000, ["a", "b"]])
    assert matrix.counts.tolist() == [5000, 1, 1]
    assert matrix.similarity().shape == (2, 2)
    assert len(tf_table(0)) > 5000


def _corpus_articles(shared_data):
    from summarize.text.parse import build_article

    paths = [shared_data / "summeval" / "summeval_docs.jsonl.gz",
             shared_data / "cnn_dailymail" / "test_see2017_tokenized_lowercased.jsonl.gz"]
    articles = []
    for path, step in zip(paths, (1, 97)):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for k, line in enumerate(handle):
                if k % step == 0:
                    articles.append(build_article(json.loads(line)["article"], id=str(k), summary=None))
    return [a for a in articles if a.sentences]


@pytest.mark.shared
def test_compiled_scoring_equals_numpy_on_the_corpora(shared_data):
    _compiled()
    model = load_model()
    for sublinear in (True, False):
        summarizer = TfidfSummarizer(sublinear_tf=sublinear)
        for article in _corpus_articles(shared_data):
            prepared = summarizer.prepare(article)
            similarity, centroid = summarizer._similarity(prepared)
            expected = _numpy(summarizer._similarity, prepared)
            assert _close(similarity, expected[0]) and _close(centroid, expected[1])
            features = summarizer._features(similarity, centroid, prepared)
            expected = sentence_features(similarity, centroid, prepared.n_words, prepared.columns[0], prepared.flags)
            assert _close(features, expected)
            assert _close(model.decision(features), _numpy(model.decision, features))


def test_features_by_hand():
    similarity = np.array([[1.0, 0.5, 0.25], [0.5, 1.0, 0.75], [0.25, 0.75, 1.0]])
    centroid = np.array([0.5, 0.25, 0.0])
    flags = SurfaceFlags(np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0, 0.0]), np.array([0.5, 0.25, 1.0]))
    words, terms = np.array([3, 9, 50]), np.array([2, 5, 0])
    expected = sentence_features(similarity, centroid, words, terms, flags)
    column = {name: expected[:, k].tolist() for k, name in enumerate(FEATURES)}
    assert column["centrality"] == [0.375, 0.625, 0.5]  # (0.5 + 0.25) / 2, ...
    assert column["centrality_norm"] == [0.375 / 0.625, 1.0, 0.5 / 0.625]
    assert column["centroid_norm"] == [1.0, 0.5, 0.0]
    assert column["sim_earlier"] == [0.0, 0.5, 0.75] and column["sim_later"] == [0.5, 0.75, 0.0]
    assert column["sim_lead3"] == [0.5, 0.75, 0.75]
    assert column["is_short"] == [1.0, 0.0, 0.0] and column["is_long"] == [0.0, 0.0, 1.0]
    assert column["log_words"] == [math.log1p(3), math.log1p(9), math.log1p(50)]
    assert column["log_sentences"] == [math.log(3)] * 3
    assert column["rel_position"] == [0.0, 1 / 3, 2 / 3]
    assert column["has_said"] == [0.0, 1.0, 0.0]
    assert centrality_of(similarity).tolist() == column["centrality"]
    if BACKEND.kernels(KERNELS) is not None:
        n = 3
        compiled = np.frombuffer(BACKEND.kernels(KERNELS).features(similarity, centroid, words, terms,
                                                                   *vars(flags).values(), log1p_table(50),
                                                                   float(np.log(n)))).reshape(n, -1)
        assert _close(compiled, expected)


def test_decision_is_the_standardised_linear_score():
    model = load_model()
    rng = np.random.default_rng(41)
    features = rng.normal(size=(500, len(FEATURES))) * rng.choice([1e-8, 1.0, 1e8], size=(500, len(FEATURES)))
    expected = []
    for row in features.tolist():
        z = [((f - m) / s) * c for f, m, s, c in zip(row, model.mean.tolist(), model.scale.tolist(),
                                                     model.coef.tolist())]
        acc = z[0]
        for value in z[1:]:
            acc += value
        expected.append(acc + model.intercept)
    scale = np.abs(features / model.scale * model.coef).sum(axis=1) + 1.0  # rounding grows with the terms
    assert np.all(np.abs(model.decision(features) - expected) <= 1e-12 * scale)
    assert np.all(np.abs(_numpy(model.decision, features) - expected) <= 1e-12 * scale)
    assert model.decision(np.zeros((0, len(FEATURES)))).shape == (0,)


def test_kernels_reject_bad_arguments():
    kernel = _compiled()
    one = np.ones(1, dtype=np.int64)
    idf, table = np.ones(3), tf_table(10)
    with pytest.raises(ValueError, match="add up to len"):
        kernel.tfidf(np.array([2], dtype=np.int64), np.zeros(1, dtype=np.int64), 1, idf, True, table)
    with pytest.raises(ValueError, match=r"lie in \[0, n_cols\)"):
        kernel.tfidf(one, np.array([5], dtype=np.int64), 1, idf, True, table)
    with pytest.raises(ValueError, match="idf needs n_cols"):
        kernel.tfidf(one, np.zeros(1, dtype=np.int64), 9, idf, False, table)
    with pytest.raises(ValueError, match="longer than len"):
        kernel.tfidf(one, np.zeros(1, dtype=np.int64), 1, idf, True, np.ones(1))
    with pytest.raises(ValueError, match="n_terms must be a C-contiguous array of format q"):
        kernel.tfidf(np.ones(1), np.zeros(1, dtype=np.int64), 1, idf, True, table)
    flags = (np.zeros(1), np.zeros(1), np.zeros(1))
    with pytest.raises(ValueError, match="similarity must be a C-contiguous array of 1 items"):
        kernel.features(np.ones(4), np.ones(1), one, one, *flags, log1p_table(1), 0.0)
    with pytest.raises(ValueError, match="shorter than log1p_table"):
        kernel.features(np.ones(1), np.ones(1), one * 10 ** 9, one, *flags, log1p_table(1), 0.0)
    with pytest.raises(ValueError, match="at least one sentence"):
        kernel.features(np.ones(0), np.ones(0), one[:0], one[:0], *(f[:0] for f in flags), log1p_table(1), 0.0)
    with pytest.raises(ValueError, match="one column per coefficient"):
        kernel.decision(np.ones(5), np.ones(2), np.ones(2), np.ones(2), 0.0)


def test_matrix_of_an_article_without_terms():
    matrix = matrix_from_columns(np.zeros(2, dtype=np.int64), np.zeros(0, dtype=np.int64), [])
    assert matrix.similarity().tolist() == [[0.0, 0.0], [0.0, 0.0]]
    assert matrix.centroid().tolist() == [0.0, 0.0]
    summary = TfidfSummarizer().summarize("A the of. And it is. Then.")  # stop words only: no terms
    assert summary.indices == (0, 1, 2) and all(np.isfinite(summary.scores))


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_non_finite_idf_and_nan_features_follow_numpy():
    # Only fitted IDF set by hand can be non-finite; the kernel must still follow the specification:
    # a term of one sentence adds nothing to its similarities, and maxima propagate NaN as numpy's do.
    term_lists = [["a"], ["b"], ["a", "b"]]
    for bad in (math.nan, math.inf, -math.inf):
        options = {"idf_lookup": {"a": bad, "b": 2.0}, "default_idf": 1.0, "sublinear_tf": True}
        expected = _numpy(similarity_and_centroid, *term_columns(term_lists), **options)
        got = similarity_and_centroid(*term_columns(term_lists), **options)
        assert np.array_equal(got[0], expected[0], equal_nan=True) and np.array_equal(got[1], expected[1],
                                                                                     equal_nan=True)
        assert got[0][1, 1] == expected[0][1, 1] == 1.0  # sentence "b" never meets "a"
    summarizer = TfidfSummarizer()
    prepared = summarizer.prepare(parse_text("Rain fell. The river rose fast. Roads shut."))
    similarity = np.array([[1.0, 0.5, np.nan], [0.5, 1.0, 0.25], [np.nan, 0.25, 1.0]])
    centroid = np.array([0.5, np.nan, 0.25])
    expected = sentence_features(similarity, centroid, prepared.n_words, prepared.columns[0], prepared.flags)
    assert np.array_equal(summarizer._features(similarity, centroid, prepared), expected, equal_nan=True)


def test_decision_shapes_and_writable_results():
    model = load_model()
    rows = np.random.default_rng(5).normal(size=(4, len(FEATURES)))
    both = (model.decision, lambda f: _numpy(model.decision, f))
    for decide in both:
        assert decide(rows[0]) == decide(rows[:1])[0]  # one row as 1-D
        with pytest.raises(ValueError, match="broadcast"):
            decide(rows.T)
        decide(rows)[0] = 0.0  # writable
    features = TfidfSummarizer().feature_matrix(parse_text("Rain fell. The river rose fast. Roads shut."))
    features[:, 0] = 1.0  # writable (the kernel returns a bytearray, not bytes)
    assert features.shape == (3, len(FEATURES))
