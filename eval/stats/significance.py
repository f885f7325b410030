"""Paired significance tests of system A against system B from per-item scores.

Both tests take the per-item scores ``a`` and ``b`` of two systems on the
*same* items (e.g. per-article ROUGE-1 F1) and work on the paired differences

.. math::

    d_i = a_i - b_i, \\qquad \\delta = \\frac{1}{n} \\sum_{i=1}^{n} d_i ,

so a positive ``delta`` favours A.

* :func:`paired_bootstrap` -- paired bootstrap resampling (Koehn, 2004):
  resample items with replacement, recompute the mean difference, and count
  the resamples in which A does not come out ahead.
* :func:`permutation_test` -- approximate randomization (Noreen, 1989;
  Riezler & Maxwell, 2005): under the null hypothesis that A and B are
  exchangeable, swapping the two scores of any item is equally likely, which
  flips the sign of ``d_i``.

Like :mod:`eval.stats.bootstrap`, every call builds its own generator with
``numpy.random.default_rng(seed)``; numpy's global random state is never read
or changed, so the same inputs and seed always give the same result.
Resamples are drawn in blocks, so memory stays at about ``block * n`` numbers
whatever ``n_samples`` is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from eval.stats.bootstrap import RESAMPLE_BLOCK

__all__ = ["PairedBootstrapResult", "PermutationResult", "paired_bootstrap", "permutation_test"]


@dataclass(frozen=True)
class PairedBootstrapResult:
    """Outcome of :func:`paired_bootstrap`.

    Attributes
    ----------
    mean_difference : float
        Observed ``delta = mean(a - b)``; positive favours A.
    low, high : float
        Percentile bootstrap interval of ``delta`` at ``confidence``.
    p_one_sided : float
        ``#{k : delta*_k <= 0} / B``: the fraction of resamples whose mean
        difference does not favour A (Koehn 2004).  ``0.0`` means
        ``p < 1 / B``.
    p_two_sided : float
        ``min(1, 2 * min(#{delta*_k <= 0}, #{delta*_k >= 0}) / B)``.
    n_items : int
        Number of paired items ``n``.
    n_samples : int
        Number of resamples ``B``.
    confidence : float
        Coverage of ``[low, high]``.
    """

    mean_difference: float
    low: float
    high: float
    p_one_sided: float
    p_two_sided: float
    n_items: int
    n_samples: int
    confidence: float


@dataclass(frozen=True)
class PermutationResult:
    """Outcome of :func:`permutation_test`.

    Attributes
    ----------
    mean_difference : float
        Observed ``delta = mean(a - b)``; positive favours A.
    p_value : float
        Two-sided ``(#{k : |delta^(k)| >= |delta|} + 1) / (R + 1)``; never 0.
    n_items : int
        Number of paired items ``n``.
    n_samples : int
        Number of random relabellings ``R``.
    """

    mean_difference: float
    p_value: float
    n_items: int
    n_samples: int


def _differences(a: npt.ArrayLike, b: npt.ArrayLike) -> np.ndarray:
    """Validate the paired scores and return ``a - b`` as float64."""
    arrays = []
    for name, values in (("a", a), ("b", b)):
        try:
            arr = np.asarray(values, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"{name} must be a 1-D array of numbers (per-item scores): {exc}") from None
        if arr.ndim != 1:
            raise ValueError(
                f"{name} must be a 1-D array of per-item scores, got shape {arr.shape}; "
                "pass one score per item (e.g. per-article ROUGE-1 F1)"
            )
        arrays.append(arr)
    x, y = arrays
    if x.shape[0] != y.shape[0]:
        raise ValueError(
            f"a and b must have the same length (one score per item for each system), got {x.shape[0]} and "
            f"{y.shape[0]}; score both systems on the same items, in the same order"
        )
    if x.shape[0] == 0:
        raise ValueError("a and b are empty: at least one paired item is needed")
    for name, arr in (("a", x), ("b", y)):
        bad = np.flatnonzero(~np.isfinite(arr))
        if bad.size:
            raise ValueError(
                f"{name} contains NaN or infinite scores at {bad.size} position(s) (first: index {int(bad[0])}); "
                "drop those items from both a and b, or score them"
            )
    return x - y


def _check_settings(n_samples: int, seed: int) -> None:
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise ValueError(f"n_samples must be a positive integer, got {n_samples!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")


def paired_bootstrap(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    *,
    n_samples: int = 1000,
    seed: int = 12345,
    confidence: float = 0.95,
) -> PairedBootstrapResult:
    """Paired bootstrap test of system A against system B (Koehn, 2004).

    With ``d_i = a_i - b_i`` (``i = 1..n``) and observed ``delta = mean(d)``,
    draw ``B = n_samples`` resamples of ``n`` item indices with replacement
    (the same indices for both systems, so the pairing is kept) and compute
    each resample's mean difference ``delta*_k``.  Then

    * ``p_one_sided = #{k : delta*_k <= 0} / B`` -- the fraction of resamples
      in which the difference does *not* favour A (ties count against A), the
      evidence for "A is better than B" in Koehn's sense (A wins in
      ``1 - p_one_sided`` of the resamples);
    * ``p_two_sided = min(1, 2 * min(#{delta*_k <= 0}, #{delta*_k >= 0}) / B)``
      -- the same in whichever direction the resamples lean, doubled;
    * ``[low, high]`` are the ``(1 - c) / 2`` and ``(1 + c) / 2`` quantiles
      (numpy's linear interpolation) of the ``delta*_k``, ``c = confidence``.

    A p-value of ``0.0`` means fewer than one resample in ``B`` went the other
    way: report it as ``p < 1/B``.  Identical systems give ``delta = 0`` and
    both p-values 1.  The resampling scheme (and so the interval) is the same
    as :func:`eval.stats.bootstrap.bootstrap_means` applied to ``d`` with the same
    seed.

    Parameters
    ----------
    a, b : array_like of float, shape (n,)
        Per-item scores of systems A and B on the same items, same order.
    n_samples : int, default=1000
        Number of resamples ``B``.
    seed : int, default=12345
        Seed of ``numpy.random.default_rng``.
    confidence : float, default=0.95
        Coverage of the interval, in (0, 1).

    Returns
    -------
    PairedBootstrapResult

    Raises
    ------
    ValueError
        If ``a`` and ``b`` are not 1-D, differ in length, are empty or contain
        NaN/inf, or a setting is out of range.
    """
    d = _differences(a, b)
    _check_settings(n_samples, seed)
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), e.g. 0.95; got {confidence!r}")
    n = d.shape[0]
    rng = np.random.default_rng(seed)
    means = np.empty(n_samples)
    for start in range(0, n_samples, RESAMPLE_BLOCK):
        stop = min(start + RESAMPLE_BLOCK, n_samples)
        rows = stop - start
        idx = rng.integers(0, n, size=(rows, n))
        # Draw counts per item and resample, then one matrix product (as in eval.stats.bootstrap).
        offsets = (idx + (np.arange(rows) * n)[:, None]).ravel()
        counts = np.bincount(offsets, minlength=rows * n).reshape(rows, n)
        means[start:stop] = counts @ d / n
    # A resample of identical differences must compare exactly with 0: snap
    # matrix-product rounding (|error| <= n * eps * max|d|) to zero.
    tol = n * np.finfo(np.float64).eps * float(np.max(np.abs(d)))
    means[np.abs(means) <= tol] = 0.0
    not_a = int(np.count_nonzero(means <= 0.0))
    not_b = int(np.count_nonzero(means >= 0.0))
    alpha = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [alpha, 1.0 - alpha])
    return PairedBootstrapResult(
        mean_difference=float(d.mean()),
        low=float(low),
        high=float(high),
        p_one_sided=not_a / n_samples,
        p_two_sided=min(1.0, 2.0 * min(not_a, not_b) / n_samples),
        n_items=n,
        n_samples=n_samples,
        confidence=confidence,
    )


def permutation_test(
    a: npt.ArrayLike,
    b: npt.ArrayLike,
    *,
    n_samples: int = 10000,
    seed: int = 12345,
) -> PermutationResult:
    """Two-sided paired approximate randomization test of A against B.

    Under the null hypothesis the labels "A" and "B" of each item's pair of
    scores are exchangeable.  Each of ``R = n_samples`` rounds swaps every
    pair independently with probability 1/2, i.e. draws signs
    ``s_i in {-1, +1}`` and computes ``delta^(k) = mean(s_i * d_i)`` with
    ``d_i = a_i - b_i``.  With ``delta = mean(d)``,

    .. math::

        p = \\frac{\\#\\{k : |\\delta^{(k)}| \\ge |\\delta|\\} + 1}{R + 1},

    the add-one form that counts the observed labelling as one of the
    randomizations, so ``p`` is never 0 and ``p >= 1 / (R + 1)``.
    Comparisons allow for floating-point rounding (``|delta^(k)|`` within
    ``n * eps * max|d|`` of ``|delta|`` counts as at least as extreme), so
    identical systems give ``p = 1`` exactly.

    Parameters
    ----------
    a, b : array_like of float, shape (n,)
        Per-item scores of systems A and B on the same items, same order.
    n_samples : int, default=10000
        Number of random relabellings ``R``.
    seed : int, default=12345
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    PermutationResult

    Raises
    ------
    ValueError
        If ``a`` and ``b`` are not 1-D, differ in length, are empty or contain
        NaN/inf, or a setting is out of range.
    """
    d = _differences(a, b)
    _check_settings(n_samples, seed)
    n = d.shape[0]
    observed = float(d.mean())
    tol = n * np.finfo(np.float64).eps * float(np.max(np.abs(d)))
    threshold = abs(observed) - tol
    rng = np.random.default_rng(seed)
    extreme = 0
    for start in range(0, n_samples, RESAMPLE_BLOCK):
        rows = min(RESAMPLE_BLOCK, n_samples - start)
        signs = 1.0 - 2.0 * rng.integers(0, 2, size=(rows, n))
        extreme += int(np.count_nonzero(np.abs(signs @ d / n) >= threshold))
    return PermutationResult(
        mean_difference=observed,
        p_value=(extreme + 1) / (n_samples + 1),
        n_items=n,
        n_samples=n_samples,
    )
