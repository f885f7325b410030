"""Meta-evaluation: how well a metric agrees with human judgments of summaries.

Notation: ``n`` systems summarize the same ``m`` documents; ``X`` is the
``(n, m)`` matrix of a metric's scores (``X[i, j]`` for system ``i`` on
document ``j``) and ``Z`` the matrix of one human score (e.g. relevance).

System level
    ``r_sys = corr(x, z)`` with ``x_i = (1/m) sum_j X[i, j]`` and
    ``z_i = (1/m) sum_j Z[i, j]``: do the metric and the humans rank the
    systems alike?
Summary level
    ``r_sum = (1/|J|) sum_{j in J} corr(X[:, j], Z[:, j])``: for each document,
    the correlation across that document's summaries, averaged over the set
    ``J`` of documents where it is defined (documents where either column is
    constant are skipped and counted).

``corr`` is each of Kendall's tau-b, Spearman's rho and Pearson's r, exactly as
``scipy.stats.kendalltau(variant="b")``, ``spearmanr`` and ``pearsonr`` compute
them (the tests compare); here they are vectorised over many rows at once so
that a bootstrap of thousands of resamples takes seconds.

Confidence intervals follow Deutsch, Dror & Roth (2021), "A Statistical
Analysis of Summarization Evaluation Metrics using Resampling Methods"
(TACL 9): each of ``B`` resamples draws systems (rows), documents (columns),
or both independently, with replacement; the statistic is recomputed on the
resampled matrices ``X[I, J]`` and ``Z[I, J]`` and the interval is the
``(1 - c) / 2`` and ``(1 + c) / 2`` percentiles of the ``B`` values
(undefined resamples are left out).  Draws come from
``numpy.random.default_rng(seed)``, never from numpy's global state, and are
shared by every metric, human score and level, so all intervals are paired.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from eval.stats.bootstrap import BootstrapConfig

__all__ = [
    "CORRELATIONS",
    "LEVELS",
    "RESAMPLING",
    "Correlations",
    "Judgments",
    "LevelEstimate",
    "MetaReport",
    "MetaResult",
    "bootstrap_ci",
    "correlate",
    "meta_evaluate",
    "meta_signature",
    "summary_level",
    "system_level",
]

from eval.meta.records import (
    CORRELATIONS,
    LEVELS,
    RESAMPLING,
    UNDEFINED_CORRELATIONS,
    Correlations,
    Judgments,
    Level,
    LevelEstimate,
    MetaReport,
    MetaResult,
    Resample,
    _read_only,
)

# Rows are processed in chunks of at most this many row x pair cells (Kendall's
# pair signs are the largest array: rows * n(n-1)/2 int8 plus a float64
# temporary), so memory stays bounded for any number of systems or resamples.
_MAX_CELLS = 1 << 21


# --------------------------------------------------------------------------- #
# Vectorised coefficients over rows


class _Features:
    """What the three coefficients need of one variable, per row of ``data``.

    For a row ``v`` of length ``k``: the signs ``sgn(v_a - v_b)`` of all pairs
    ``a < b`` (Kendall), centred average ranks and their sum of squares (Spearman),
    centred values and their sum of squares (Pearson), and whether the row is
    constant.

    The average rank of ``v_a`` is ``1 + #{b: v_b < v_a} + #{b != a: v_b = v_a}/2``,
    so its distance to the mean rank ``(k + 1)/2`` is
    ``(1/2) sum_{b != a} sgn(v_a - v_b)``: the centred ranks come exactly
    (sums of halves) from the same pair signs, with no sort.
    """

    __slots__ = ("signs", "untied", "constant", "ranks", "rank_squares", "values", "value_squares")

    def __init__(self, data: np.ndarray) -> None:
        rows, k = data.shape
        self.signs = np.empty((rows, k * (k - 1) // 2), dtype=np.int8)
        self.ranks = np.zeros((rows, k))
        start = 0
        for a in range(k - 1):  # pairs (a, a+1..k-1): column slices, no fancy-index temporaries
            sign = np.sign(data[:, a, None] - data[:, a + 1:])
            self.signs[:, start:start + k - 1 - a] = sign
            self.ranks[:, a] += 0.5 * sign.sum(axis=1)
            self.ranks[:, a + 1:] -= 0.5 * sign
            start += k - 1 - a
        self.untied = np.count_nonzero(self.signs, axis=-1)  # n0 - n1: pairs not tied
        # Exact test, as scipy's: a constant row has no untied pair (and so has one of length < 2).
        self.constant = self.untied == 0
        self.rank_squares = np.einsum("rk,rk->r", self.ranks, self.ranks)
        self.values = data - data.mean(axis=-1, keepdims=True)
        self.value_squares = np.einsum("rk,rk->r", self.values, self.values)


def _coefficients(a: _Features, b: _Features) -> np.ndarray:
    """``(3, rows)``: tau-b, rho and r of each row pair; ``nan`` where a row is constant.

    ``tau_b = sum_{a<b} sgn(x_a - x_b) sgn(y_a - y_b) / sqrt((n0 - n1)(n0 - n2))``
    where ``n0 - n1`` and ``n0 - n2`` count the pairs not tied in ``x`` and
    in ``y``; ``rho`` is Pearson's r of the average ranks;
    ``r = sum (x - mean x)(y - mean y) / (||x - mean x|| ||y - mean y||)``.
    """
    out = np.empty((3, a.signs.shape[0]))
    undefined = a.constant | b.constant
    with np.errstate(divide="ignore", invalid="ignore"):
        concordance = np.einsum("rp,rp->r", a.signs, b.signs, dtype=np.int64)
        out[0] = concordance / np.sqrt(a.untied.astype(np.float64) * b.untied)
        # One square root of the product: exact for ranks (sums of halves), so rho = 1 exactly on agreement.
        out[1] = np.einsum("rk,rk->r", a.ranks, b.ranks) / np.sqrt(a.rank_squares * b.rank_squares)
        out[2] = np.einsum("rk,rk->r", a.values, b.values) / np.sqrt(a.value_squares * b.value_squares)
    np.clip(out, -1.0, 1.0, out=out)
    out[:, undefined] = np.nan
    return out


def _as_vector(values: Sequence[float] | np.ndarray, name: str) -> np.ndarray:
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers")
    return array


def correlate(x: Sequence[float] | np.ndarray, y: Sequence[float] | np.ndarray) -> Correlations:
    """Kendall's tau-b, Spearman's rho and Pearson's r of two paired samples.

    Parameters
    ----------
    x, y : sequence of float
        Paired, finite values of equal length.

    Returns
    -------
    Correlations
        All three are ``nan`` when either sample is constant or has fewer than
        two values (where scipy also returns ``nan``).

    Raises
    ------
    ValueError
        Different lengths, not one-dimensional, or a non-finite value.
    """
    xs, ys = _as_vector(x, "x"), _as_vector(y, "y")
    if xs.shape != ys.shape:
        raise ValueError(f"x and y must have the same length, got {xs.size} and {ys.size}")
    if xs.size < 2:
        return UNDEFINED_CORRELATIONS
    return Correlations(*(float(v) for v in _coefficients(_Features(xs[None]), _Features(ys[None]))[:, 0]))


def _pair(metric: Sequence[Sequence[float]] | np.ndarray, human: Sequence[Sequence[float]] | np.ndarray
          ) -> tuple[np.ndarray, np.ndarray]:
    x = _read_only(metric, "metric", None)
    return x, _read_only(human, "human", x.shape)


def system_level(metric: Sequence[Sequence[float]] | np.ndarray,
                 human: Sequence[Sequence[float]] | np.ndarray) -> LevelEstimate:
    """System-level correlation: ``corr(mean_j X[:, j], mean_j Z[:, j])``.

    Parameters
    ----------
    metric, human : array-like of shape (n_systems, n_documents)

    Returns
    -------
    LevelEstimate
        ``n`` is the number of systems.
    """
    x, z = _pair(metric, human)
    return LevelEstimate(correlate(x.mean(axis=1), z.mean(axis=1)), x.shape[0])


def _summary_rows(x: np.ndarray, z: np.ndarray) -> np.ndarray:
    """``(3, rows)`` coefficients of each row pair, in chunks; rows are samples of systems."""
    out = np.empty((3, x.shape[0]))
    for rows in _chunks(x.shape[0], x.shape[1]):
        out[:, rows] = _coefficients(_Features(x[rows]), _Features(z[rows]))
    return out


def _chunks(n_rows: int, width: int) -> Iterator[slice]:
    step = max(1, _MAX_CELLS // max(1, width * (width - 1) // 2, width))
    for start in range(0, n_rows, step):
        yield slice(start, min(start + step, n_rows))


def _weighted_mean(per_document: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Mean over the last axis of the defined (non-nan) values, with ``weights``."""
    defined = ~np.isnan(per_document)
    w = np.where(defined, weights, 0.0)
    total = (np.where(defined, per_document, 0.0) * w).sum(axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return total / w.sum(axis=-1)  # 0/0 = nan: no defined document


def summary_level(metric: Sequence[Sequence[float]] | np.ndarray,
                  human: Sequence[Sequence[float]] | np.ndarray) -> LevelEstimate:
    """Summary-level correlation: the mean over documents of ``corr(X[:, j], Z[:, j])``.

    Documents where the correlation is undefined (either column constant) are
    skipped: ``r_sum = (1/|J|) sum_{j in J} corr(X[:, j], Z[:, j])``.

    Parameters
    ----------
    metric, human : array-like of shape (n_systems, n_documents)

    Returns
    -------
    LevelEstimate
        ``n`` documents averaged and ``skipped`` documents left out; all
        ``nan`` when no document has a defined correlation.
    """
    x, z = _pair(metric, human)
    per_document = _summary_rows(x.T, z.T)
    skipped = int(np.isnan(per_document[0]).sum())
    value = _weighted_mean(per_document, np.ones(per_document.shape[1]))
    return LevelEstimate(Correlations(*(float(v) for v in value)), x.shape[1] - skipped, skipped)


# --------------------------------------------------------------------------- #
# Bootstrap


@dataclass(frozen=True)
class _Draws:
    """Resample ``b`` uses systems ``systems[b]`` (row indices, or all when None)
    and documents with multiplicities ``documents[b]`` (or each once when None)."""

    systems: np.ndarray | None
    documents: np.ndarray | None
    n_samples: int


def _draw(n_systems: int, n_documents: int, resample: str, config: BootstrapConfig) -> _Draws:
    if resample not in RESAMPLING:
        raise ValueError(f"resample must be one of {', '.join(RESAMPLING)}; got {resample!r}")
    rng = np.random.default_rng(config.seed)
    b = config.n_samples
    systems = rng.integers(0, n_systems, size=(b, n_systems)) if resample in ("systems", "both") else None
    documents = None
    if resample in ("documents", "both"):
        idx = rng.integers(0, n_documents, size=(b, n_documents))
        offsets = (idx + (np.arange(b) * n_documents)[:, None]).ravel()
        documents = np.bincount(offsets, minlength=b * n_documents).reshape(b, n_documents).astype(np.float64)
    return _Draws(systems, documents, b)


def _system_samples(values: np.ndarray, draws: _Draws) -> np.ndarray:
    """``(B, n)`` resampled system means of one ``(n, m)`` matrix."""
    if draws.documents is None:
        means = np.broadcast_to(values.mean(axis=1), (draws.n_samples, values.shape[0]))
    else:
        means = draws.documents @ values.T / values.shape[1]
    return means if draws.systems is None else np.take_along_axis(means, draws.systems, axis=1)


def _bootstrap(metrics: Mapping[str, np.ndarray], human: Mapping[str, np.ndarray], level: Level,
               draws: _Draws) -> dict[tuple[str, str], np.ndarray]:
    """``(metric, dimension) -> (3, B)`` resampled statistics (``nan`` where undefined)."""
    b = draws.n_samples
    out = {(m, d): np.empty((3, b)) for m in metrics for d in human}
    if level == "system":
        n = len(next(iter(metrics.values())))
        for rows in _chunks(b, n):
            dims = {d: _Features(_system_samples(z, draws)[rows]) for d, z in human.items()}
            for m, x in metrics.items():
                fx = _Features(_system_samples(x, draws)[rows])
                for d, fz in dims.items():
                    out[m, d][:, rows] = _coefficients(fx, fz)
        return out
    n, m_docs = next(iter(metrics.values())).shape
    weights = draws.documents if draws.documents is not None else np.ones((b, m_docs))
    if draws.systems is None:
        # Resampling documents only: each document's correlation is fixed, only its weight changes.
        for (m, d), stats in out.items():
            per_document = _summary_rows(metrics[m].T, human[d].T)
            stats[:] = _weighted_mean(per_document[:, None, :], weights[None])
        return out
    # Per resample, every document's correlation across the drawn systems; rows are (resample, document).
    systems = draws.systems
    width = max(1, n * (n - 1) // 2)
    step = max(1, _MAX_CELLS // (width * m_docs))
    for start in range(0, b, step):
        rows = slice(start, min(start + step, b))
        k = rows.stop - rows.start

        def sample(values: np.ndarray, rows: slice = rows, k: int = k) -> np.ndarray:
            # values.T[:, systems] is (m, k, n): document j's scores of the drawn systems.
            return np.take(values.T, systems[rows], axis=1).transpose(1, 0, 2).reshape(k * m_docs, n)

        dims = {d: _Features(sample(z)) for d, z in human.items()}
        for m, x in metrics.items():
            fx = _Features(sample(x))
            for d, fz in dims.items():
                per_document = _coefficients(fx, fz).reshape(3, k, m_docs)
                out[m, d][:, rows] = _weighted_mean(per_document, weights[rows][None])
    return out


def _interval(stats: np.ndarray, confidence: float) -> tuple[Correlations, Correlations, int]:
    undefined = int(np.isnan(stats[0]).sum())
    if undefined == stats.shape[1]:
        return UNDEFINED_CORRELATIONS, UNDEFINED_CORRELATIONS, undefined
    alpha = (1.0 - confidence) / 2.0
    low, high = np.nanquantile(stats, [alpha, 1.0 - alpha], axis=1)
    return Correlations(*map(float, low)), Correlations(*map(float, high)), undefined


def bootstrap_ci(metric: Sequence[Sequence[float]] | np.ndarray, human: Sequence[Sequence[float]] | np.ndarray, *,
                 level: Level = "system", resample: Resample = "both",
                 config: BootstrapConfig = BootstrapConfig()) -> tuple[Correlations, Correlations]:
    """Percentile bootstrap interval of a system- or summary-level correlation.

    Resample ``b`` draws system indices ``I_b`` (``n`` with replacement) and/or
    document indices ``J_b`` (``m`` with replacement), recomputes the
    statistic on ``X[I_b, J_b]`` and ``Z[I_b, J_b]``, and the bounds are the
    ``(1 - c)/2`` and ``(1 + c)/2`` quantiles (numpy's linear interpolation)
    of the defined values.  A system drawn twice forms a pair tied in both
    variables, which tau-b leaves out of both of its denominators.  The
    generator ``numpy.random.default_rng(config.seed)`` first draws the
    ``(B, n)`` system indices (``systems``, ``both``), then the ``(B, m)``
    document indices (``documents``, ``both``), each with ``integers``.

    Parameters
    ----------
    metric, human : array-like of shape (n_systems, n_documents)
    level : {"system", "summary"}
    resample : {"systems", "documents", "both"}
        ``both`` draws systems and documents independently (Deutsch et al. 2021).
    config : BootstrapConfig
        ``B``, confidence ``c`` and the seed of ``numpy.random.default_rng``.

    Returns
    -------
    (Correlations, Correlations)
        Lower and upper bounds; ``nan`` when every resample is undefined.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    x, z = _pair(metric, human)
    n_systems, n_documents = x.shape
    stats = _bootstrap({"metric": x}, {"human": z}, level, _draw(n_systems, n_documents, resample, config))
    low, high, _ = _interval(stats["metric", "human"], config.confidence)
    return low, high


def meta_evaluate(judgments: Judgments, *, resample: Resample = "both",
                  bootstrap: BootstrapConfig = BootstrapConfig()) -> MetaReport:
    """Every metric against every human score, at both levels, with intervals.

    One set of ``B`` draws (systems and/or documents) serves every metric,
    dimension and level, so the same seed gives the same report and any two
    intervals come from the same resamples.

    Parameters
    ----------
    judgments : Judgments
    resample : {"systems", "documents", "both"}
    bootstrap : BootstrapConfig

    Returns
    -------
    MetaReport
    """
    draws = _draw(len(judgments.systems), len(judgments.documents), resample, bootstrap)
    levels: dict[str, list[MetaResult]] = {}
    for level, estimator in (("system", system_level), ("summary", summary_level)):
        stats = _bootstrap(judgments.metrics, judgments.human, level, draws)  # type: ignore[arg-type]
        results = []
        for m, x in judgments.metrics.items():
            for d, z in judgments.human.items():
                point = estimator(x, z)
                low, high, undefined = _interval(stats[m, d], bootstrap.confidence)
                results.append(MetaResult(m, d, point.value, low, high, point.n, point.skipped, undefined))
        levels[level] = results
    return MetaReport(tuple(levels["system"]), tuple(levels["summary"]), len(judgments.systems),
                      len(judgments.documents), resample, bootstrap)


def meta_signature(metric_signature: str, resample: str) -> str:
    """``metric_signature`` followed by the correlation settings.

    e.g. ``rouge:1+2+L+Lsum|...|v:...|corr:kendall-b,spearman,pearson|resample:both|interval:percentile``.
    """
    if resample not in RESAMPLING:
        raise ValueError(f"resample must be one of {', '.join(RESAMPLING)}; got {resample!r}")
    return f"{metric_signature}|corr:kendall-b,spearman,pearson|resample:{resample}|interval:percentile"
