"""Meta-evaluation: how well metrics agree with human judgments (correlations with intervals).

Modules: :mod:`~eval.meta.records` (judgment matrices, result records),
:mod:`~eval.meta.correlate` (correlations and their resampled intervals),
:mod:`~eval.meta.data` (judgment files, scoring records with metrics).
"""

from eval.meta.correlate import (
    CORRELATIONS,
    LEVELS,
    RESAMPLING,
    Correlations,
    Judgments,
    LevelEstimate,
    MetaReport,
    MetaResult,
    bootstrap_ci,
    correlate,
    meta_evaluate,
    meta_signature,
    summary_level,
    system_level,
)

__all__ = ["CORRELATIONS", "LEVELS", "RESAMPLING", "Correlations", "Judgments", "LevelEstimate", "MetaReport",
           "MetaResult", "bootstrap_ci", "correlate", "meta_evaluate", "meta_signature", "summary_level",
           "system_level"]
