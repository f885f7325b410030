"""Quality measures: hand-computed values on texts written for these tests."""

from __future__ import annotations

import math

import pytest

from eval.measures import (
    MEASURE_NAMES,
    aggregate_measures,
    align_sentences,
    extractive_fragments,
    flesch_reading_ease,
    relative_positions,
    summary_measures,
    word_tokens,
)
from eval.stats.bootstrap import BootstrapConfig

ARTICLE = ["The cat sat on the mat.", "Dogs bark loudly at night.", "Birds sing."]


def test_word_tokens_are_lower_cased_unicode_words():
    assert word_tokens("Don't PANIC: Москва, 2024!") == ["don't", "panic", "москва", "2024"]


def test_fragments_follow_grusky_algorithm_1():
    # "the cat sat on" is copied (4 tokens), "a" is new, "mat" is copied (1).
    assert extractive_fragments("the cat sat on a mat".split(), "the cat sat on the mat".split()) == [4, 1]
    # The article scan resumes after a match, as in the paper: at "a a b" vs "a a a b" the first
    # match "a a" (2) wins over "a" at position 2; the run starting inside the first match is not tried.
    assert extractive_fragments("a a b".split(), "a a a b".split()) == [2, 1]
    assert extractive_fragments([], ["x"]) == [] and extractive_fragments(["x"], []) == []


def test_summary_measures_hand_computed():
    m = summary_measures(ARTICLE, ["The cat sat on a mat."])
    assert m.words == 6
    assert m.compression == pytest.approx(13 / 6)  # article words: 6 + 5 + 2
    assert m.coverage == pytest.approx(5 / 6)
    assert m.density == pytest.approx((4 * 4 + 1 * 1) / 6)
    assert m.novel_1 == pytest.approx(1 / 6)  # "a"
    assert m.novel_2 == pytest.approx(2 / 5)  # "on a", "a mat"
    assert m.novel_3 == pytest.approx(2 / 4)  # "sat on a", "on a mat"
    assert m.redundancy == 0.0  # one sentence: nothing repeated across sentences
    assert m.position == 0.0  # aligned with the first article sentence


def test_compression_counts_article_words():
    m = summary_measures(ARTICLE, ["Birds sing."])
    assert m.compression == pytest.approx(13 / 2)
    assert m.position == pytest.approx(1.0)


def test_redundancy_counts_trigrams_repeated_across_sentences():
    m = summary_measures(["x"], ["The cat sat down.", "Then the cat sat up."])
    # Trigrams: {the cat sat, cat sat down} + {then the cat, the cat sat, cat sat up}: 2 of 5 repeat.
    assert m.redundancy == pytest.approx(2 / 5)


def test_flesch_reading_ease_hand_computed():
    # W = 3, T = 1, Y = 3: 206.835 - 1.015 * 3 - 84.6 * 1
    assert flesch_reading_ease(["The cat sat."]) == pytest.approx(206.835 - 3.045 - 84.6)
    # beau-ti-ful (3) day (1) it (1) rains (1): W = 4, T = 2, Y = 6
    assert flesch_reading_ease(["Beautiful day.", "It rains."]) == pytest.approx(206.835 - 1.015 * 2 - 84.6 * 1.5)
    assert math.isnan(flesch_reading_ease(["...", ""]))


def test_positions_from_given_indices_and_from_alignment():
    assert relative_positions([0, 2], 5) == [0.0, 0.5]
    assert relative_positions([0], 1) == [0.0]
    five = [f"Sentence number {w} is here." for w in ("one", "two", "three", "four", "five")]
    assert summary_measures(five, ["x"], selected=[0, 2]).position == pytest.approx(0.25)
    # Exact copies align to their sentence; a paraphrase to the best unigram-F1 match; no overlap: left out.
    assert align_sentences(five, ["Sentence number four is here.", "number three", "zebra"]) == (3, 2)


def test_empty_summary_gives_nan_except_length():
    m = summary_measures(ARTICLE, [])
    assert m.words == 0
    assert all(math.isnan(v) for k, v in m.as_dict().items() if k != "words")
    assert list(m.as_dict()) == list(MEASURE_NAMES)


def test_aggregate_leaves_out_undefined_values():
    rows = [{"coverage": 1.0}, {"coverage": float("nan")}, {"coverage": 0.0}]
    agg = aggregate_measures(rows, ["coverage"], BootstrapConfig(n_samples=200, seed=1))
    assert agg["coverage"].mean == pytest.approx(0.5)
    assert agg["coverage"].low == pytest.approx(0.0) and agg["coverage"].high == pytest.approx(1.0)
