"""Paired significance tests: hand-checkable cases, symmetry, determinism, input errors."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest

from eval.stats.bootstrap import BootstrapConfig, bootstrap_means
from eval.stats.significance import PairedBootstrapResult, PermutationResult, paired_bootstrap, permutation_test


@pytest.fixture
def scores() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(7)
    b = rng.random(300)
    a = np.clip(b + rng.normal(0.01, 0.1, 300), 0.0, 1.0)
    return a, b


# --- hand-checkable cases ---------------------------------------------------------------


def test_identical_systems_have_no_difference_and_p_one(scores):
    a, _ = scores
    boot = paired_bootstrap(a, a.copy())
    assert (boot.mean_difference, boot.low, boot.high) == (0.0, 0.0, 0.0)
    assert boot.p_one_sided == 1.0 and boot.p_two_sided == 1.0
    perm = permutation_test(a, a.copy())
    assert perm.mean_difference == 0.0 and perm.p_value == 1.0


def test_a_better_by_a_constant_gives_the_smallest_p(scores):
    _, b = scores
    a = b + 0.05
    boot = paired_bootstrap(a, b, n_samples=1000)
    assert boot.mean_difference == pytest.approx(0.05)
    assert boot.low == pytest.approx(0.05) and boot.high == pytest.approx(0.05)
    assert boot.p_one_sided == 0.0 and boot.p_two_sided == 0.0  # i.e. p < 1/1000
    perm = permutation_test(a, b, n_samples=999)
    # Only the all-same-sign relabellings (probability 2 / 2**300) reach |0.05|.
    assert perm.p_value == pytest.approx(1 / 1000)


def test_a_worse_by_a_constant_is_not_better_one_sided_but_significant_two_sided(scores):
    _, b = scores
    boot = paired_bootstrap(b - 0.05, b)
    assert boot.mean_difference == pytest.approx(-0.05)
    assert boot.p_one_sided == 1.0 and boot.p_two_sided == 0.0


def test_single_item_can_never_be_significant_by_permutation():
    # Swapping the only pair gives -d, whose absolute value equals |d|: every relabelling counts.
    assert permutation_test([0.9], [0.1], n_samples=50).p_value == 1.0


def test_bootstrap_p_matches_the_hand_computed_probability():
    # d = [1, 0]: a resample's mean difference is <= 0 only when both draws pick item 2 (prob 1/4).
    result = paired_bootstrap([1.0, 0.0], [0.0, 0.0], n_samples=20000, seed=3)
    assert result.mean_difference == 0.5
    assert result.p_one_sided == pytest.approx(0.25, abs=0.015)
    assert result.p_two_sided == pytest.approx(0.5, abs=0.03)  # every resample has delta* >= 0
    assert (result.low, result.high) == (0.0, 1.0)


def test_permutation_p_matches_exact_enumeration():
    rng = np.random.default_rng(11)
    a, b = rng.random(10), rng.random(10)
    d = a - b
    signs = np.array(list(itertools.product((-1.0, 1.0), repeat=10)))
    exact = np.mean(np.abs(signs @ d / 10) >= abs(d.mean()) - 1e-12)
    got = permutation_test(a, b, n_samples=20000, seed=5).p_value
    assert got == pytest.approx(exact, abs=0.015)


def test_bootstrap_interval_is_bootstrap_means_of_the_differences(scores):
    a, b = scores
    result = paired_bootstrap(a, b, n_samples=700, seed=9, confidence=0.9)
    (expected,) = bootstrap_means(a - b, BootstrapConfig(n_samples=700, confidence=0.9, seed=9))
    assert result.mean_difference == pytest.approx(expected.mean)
    assert (result.low, result.high) == pytest.approx((expected.low, expected.high))
    assert result.low <= result.mean_difference <= result.high
    assert (result.n_items, result.n_samples, result.confidence) == (300, 700, 0.9)


# --- symmetry -----------------------------------------------------------------------------


def test_swapping_systems_mirrors_the_results(scores):
    a, b = scores
    ab, ba = paired_bootstrap(a, b), paired_bootstrap(b, a)
    assert ba.mean_difference == pytest.approx(-ab.mean_difference)
    assert (ba.low, ba.high) == pytest.approx((-ab.high, -ab.low))
    assert ba.p_two_sided == ab.p_two_sided
    assert ab.p_one_sided + ba.p_one_sided == pytest.approx(1.0)  # continuous scores: no ties at 0
    assert permutation_test(a, b).p_value == permutation_test(b, a).p_value


def test_a_clear_improvement_is_detected_and_noise_is_not(scores):
    a, b = scores
    assert permutation_test(a + 0.05, b).p_value < 0.001
    assert paired_bootstrap(a + 0.05, b).p_two_sided < 0.001
    rng = np.random.default_rng(2)
    x = rng.random(200)
    y = x[rng.permutation(200)]  # same distribution, unrelated pairing
    assert permutation_test(x, y).p_value > 0.05
    assert paired_bootstrap(x, y).p_two_sided > 0.05


# --- determinism and global state -----------------------------------------------------


def test_same_seed_same_result_and_different_seed_differs(scores):
    a, b = scores
    assert paired_bootstrap(a, b, seed=1) == paired_bootstrap(a, b, seed=1)
    assert permutation_test(a, b, seed=1) == permutation_test(a, b, seed=1)
    assert paired_bootstrap(a, b, seed=1) != paired_bootstrap(a, b, seed=2)
    assert permutation_test(a, b, seed=1) != permutation_test(a, b, seed=2)


def test_global_numpy_state_is_neither_read_nor_changed(scores):
    a, b = scores
    first = (paired_bootstrap(a, b), permutation_test(a, b))
    np.random.seed(999)
    np.random.random(10)
    state = np.random.get_state()
    second = (paired_bootstrap(a, b), permutation_test(a, b))
    assert second == first
    after = np.random.get_state()
    assert after[0] == state[0] and np.array_equal(after[1], state[1]) and after[2:] == state[2:]


def test_many_blocks_and_a_single_resample_work(scores):
    a, b = scores
    # 1000 relabellings span several blocks of 256; p stays a proper add-one fraction.
    big = permutation_test(a, b, n_samples=1000, seed=4)
    assert 1 / 1001 <= big.p_value <= 1.0 and big.p_value * 1001 == pytest.approx(round(big.p_value * 1001))
    one = paired_bootstrap(a, b, n_samples=1, seed=4)
    assert one.n_samples == 1 and one.p_one_sided in (0.0, 1.0) and one.low == one.high


def test_lists_are_accepted_and_results_are_frozen():
    result = paired_bootstrap([0.5, 0.75, 1.0], [0.25, 0.5, 0.75], n_samples=10)
    assert isinstance(result, PairedBootstrapResult) and result.mean_difference == pytest.approx(0.25)
    perm = permutation_test([0.5, 0.75, 1.0], [0.25, 0.5, 0.75], n_samples=10)
    assert isinstance(perm, PermutationResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.p_one_sided = 0.5  # type: ignore[misc]


# --- input errors --------------------------------------------------------------------------


@pytest.mark.parametrize("test", [paired_bootstrap, permutation_test])
@pytest.mark.parametrize(
    "a, b, message",
    [
        ([0.1, 0.2, 0.3], [0.1, 0.2], r"same length .* got 3 and 2"),
        ([], [], "empty"),
        ([0.1, float("nan")], [0.1, 0.2], r"a contains NaN .* index 1"),
        ([0.1, 0.2], [float("inf"), 0.2], r"b contains NaN or infinite .* index 0"),
        ([[0.1, 0.2]], [[0.1, 0.2]], "1-D"),
        (["x", "y"], [0.1, 0.2], "numbers"),
    ],
)
def test_invalid_scores(test, a, b, message):
    with pytest.raises(ValueError, match=message):
        test(a, b)


@pytest.mark.parametrize("test", [paired_bootstrap, permutation_test])
@pytest.mark.parametrize(
    "kwargs, message",
    [({"n_samples": 0}, "n_samples must be a positive integer"), ({"n_samples": 2.5}, "positive integer"),
     ({"seed": -1}, "seed must be a non-negative integer")],
)
def test_invalid_settings(test, kwargs, message):
    with pytest.raises(ValueError, match=message):
        test([0.1, 0.2], [0.2, 0.1], **kwargs)


def test_invalid_confidence():
    with pytest.raises(ValueError, match=r"confidence must be in \(0, 1\)"):
        paired_bootstrap([0.1, 0.2], [0.2, 0.1], confidence=1.0)
