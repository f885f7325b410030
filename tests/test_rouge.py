"""ROUGE scores: hand-computable values and equality with rouge-score."""

from __future__ import annotations

import random

import pytest
from rouge_score import rouge_scorer

from eval.rouge import DEFAULT_TYPES, RougeConfig, Score, score_summary, validate_types


def test_hand_computed_unigram_and_bigram():
    # candidate "the cat sat" vs reference "the cat ran": 2 of 3 unigrams, 1 of 2 bigrams match.
    scores = score_summary(["the cat sat"], [["the cat ran"]], RougeConfig(types=("rouge1", "rouge2")))
    assert scores["rouge1"] == Score(2 / 3, 2 / 3, pytest.approx(2 / 3))
    assert scores["rouge2"].precision == pytest.approx(1 / 2)
    assert scores["rouge2"].recall == pytest.approx(1 / 2)


def test_lsum_uses_sentence_boundaries():
    # Sentence order differs: ROUGE-L (one LCS over the whole text) is lower than Lsum (union LCS per sentence).
    summary = ["b c d", "a b"]
    reference = ["a b", "b c d"]
    scores = score_summary(summary, [reference], RougeConfig(types=("rougeL", "rougeLsum"), use_stemmer=False))
    assert scores["rougeLsum"].fmeasure == pytest.approx(1.0)
    assert scores["rougeL"].fmeasure == pytest.approx(3 / 5)


def _random_sentence(rng: random.Random) -> str:
    words = ["running", "cats", "the", "a", "dog", "ran", "happily", "U.S.", "2.6", "million", "is", "was",
             "police", "said", "Monday", "—", "(CNN)", "it's", "houses", "studies"]
    return " ".join(rng.choice(words) for _ in range(rng.randint(0, 14))) + rng.choice([".", "!", "", "?"])


@pytest.mark.parametrize("stem", [True, False])
def test_equals_rouge_score_on_generated_pairs(stem):
    rng = random.Random(7)
    scorer = rouge_scorer.RougeScorer(list(DEFAULT_TYPES), use_stemmer=stem)
    config = RougeConfig(use_stemmer=stem)
    for _ in range(300):
        summary = [_random_sentence(rng) for _ in range(rng.randint(1, 4))]
        reference = [_random_sentence(rng) for _ in range(rng.randint(1, 4))]
        ours = score_summary(summary, [reference], config)
        theirs = scorer.score("\n".join(reference), "\n".join(summary))
        for t in DEFAULT_TYPES:
            assert (ours[t].precision, ours[t].recall, ours[t].fmeasure) == tuple(theirs[t])


def test_best_of_multiple_references_matches_score_multi():
    rng = random.Random(3)
    scorer = rouge_scorer.RougeScorer(list(DEFAULT_TYPES), use_stemmer=True)
    for _ in range(100):
        summary = [_random_sentence(rng) for _ in range(3)]
        refs = [[_random_sentence(rng) for _ in range(2)] for _ in range(rng.randint(1, 4))]
        ours = score_summary(summary, refs)
        theirs = scorer.score_multi(["\n".join(r) for r in refs], "\n".join(summary))
        for t in DEFAULT_TYPES:
            assert (ours[t].precision, ours[t].recall, ours[t].fmeasure) == tuple(theirs[t])


def test_mean_of_multiple_references():
    refs = [["the cat sat"], ["a dog ran"]]
    scores = score_summary(["the cat sat"], refs, RougeConfig(types=("rouge1",), multi_ref="mean"))
    # Against the first reference F = 1, against the second F = 0.
    assert scores["rouge1"].fmeasure == pytest.approx(0.5)
    best = score_summary(["the cat sat"], refs, RougeConfig(types=("rouge1",), multi_ref="best"))
    assert best["rouge1"].fmeasure == pytest.approx(1.0)


def test_empty_summary_scores_zero():
    scores = score_summary([], [["the cat sat"]])
    assert all(s == Score(0.0, 0.0, 0.0) for s in scores.values())


def test_errors_name_the_valid_options():
    with pytest.raises(ValueError, match="rouge1..rouge9, rougeL or rougeLsum"):
        validate_types(["rougeX"])
    with pytest.raises(ValueError, match="multi_ref must be one of best, mean"):
        RougeConfig(multi_ref="max")
    with pytest.raises(ValueError, match="no reference"):
        score_summary(["a"], [])
