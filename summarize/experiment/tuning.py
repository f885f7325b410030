"""Reproducible tuning of summarizer settings with Optuna.

A study maximises a ROUGE objective on the *dev* part of a collection (see
:mod:`summarize.io.splits`).  Each article is analysed once (sentence splitting,
term extraction for every :meth:`~summarize.models.base.BaseSummarizer.analysis_key`
met, ROUGE tokenisation of sentences and references) and reused by every
trial, so a trial costs only scoring, selection and n-gram counting.

Search-space files are TOML::

    method = "tfidf"
    [fixed]                       # parameters every trial uses
    n_sentences = 3
    [params]                      # parameters to tune
    position_weight = { low = 0.0, high = 1.0 }            # float
    redundancy = { low = 0.0, high = 1.0, step = 0.1 }     # float on a grid
    min_sentence_words = { low = 0, high = 15 }            # int
    scoring = { choices = ["centroid", "centrality"] }     # categorical

The grid sampler needs every parameter to be categorical or to have a ``step``.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from eval.extras import require
from eval.rouge.score import OBJECTIVES
from summarize.models.config import SummarizerConfig, method_parameters
from summarize.text.article import Article

__all__ = [
    "OBJECTIVES",
    "SAMPLERS",
    "ParamSpec",
    "PreparedCorpus",
    "SearchSpace",
    "load_space",
    "make_sampler",
    "optimize",
]

SAMPLERS = ("tpe", "grid", "random")


@dataclass(frozen=True)
class ParamSpec:
    """One tunable parameter: a float or int range, or categorical choices."""

    name: str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    log: bool = False
    choices: tuple[Any, ...] | None = None
    integer: bool = False

    @property
    def kind(self) -> str:
        if self.choices is not None:
            return "categorical"
        return "int" if self.integer else "float"

    def first(self) -> Any:
        """A valid value (the first choice or the low end), to check settings before a study starts."""
        if self.choices is not None:
            return self.choices[0]
        low = self._bound(self.low)
        return int(low) if self.integer else low

    def suggest(self, trial: Any) -> Any:
        """Draw a value from an Optuna trial."""
        if self.kind == "categorical":
            return trial.suggest_categorical(self.name, list(self.choices or ()))
        low, high = self._bound(self.low), self._bound(self.high)
        if self.kind == "int":
            return trial.suggest_int(self.name, int(low), int(high), step=int(self.step or 1), log=self.log)
        return trial.suggest_float(self.name, low, high, step=self.step, log=self.log)

    def _bound(self, value: float | None) -> float:
        if value is None:  # a range without low or high is refused when the space is read
            raise ValueError(f"parameter {self.name!r} needs 'low' and 'high' (or 'choices')")
        return float(value)

    def grid(self) -> list[Any]:
        """All values for the grid sampler.

        Raises
        ------
        ValueError
            If the parameter is a continuous range without ``step``.
        """
        if self.choices is not None:
            return list(self.choices)
        if self.step is None:
            raise ValueError(f"the grid sampler needs 'step' or 'choices' for parameter {self.name!r}")
        low, high = self._bound(self.low), self._bound(self.high)
        count = int(math.floor((high - low) / float(self.step) + 1e-9)) + 1
        values = [low + k * float(self.step) for k in range(count)]
        return [int(round(v)) for v in values] if self.kind == "int" else [round(v, 12) for v in values]


@dataclass(frozen=True)
class SearchSpace:
    """What a study tunes: a method, fixed parameters and tunable ones."""

    method: str
    params: tuple[ParamSpec, ...]
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        valid = method_parameters(self.method)
        names = [p.name for p in self.params] + list(self.fixed)
        unknown = sorted(set(names) - set(valid))
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {', '.join(unknown)} for method {self.method!r}; valid: {', '.join(valid)}"
            )
        if not self.params:
            raise ValueError("the search space has no [params] to tune")

    def describe(self) -> str:
        """A canonical text of the space, stored with a study to refuse resuming with another space."""
        import json

        return json.dumps({"method": self.method, "fixed": dict(sorted(self.fixed.items())),
                           "params": [vars(p) | {"choices": list(p.choices) if p.choices else None}
                                      for p in self.params]}, sort_keys=True, default=str)

    def settings(self, values: Mapping[str, Any]) -> SummarizerConfig:
        """The full configuration for a trial's ``values`` (the choice ``"none"`` means ``None``)."""
        # Stepped floats come back as e.g. 0.8500000000000001: round them for readable configs.
        drawn = {name: None if value == "none" else round(value, 10) if isinstance(value, float) else value
                 for name, value in values.items()}
        return SummarizerConfig(self.method, {**self.fixed, **drawn})


def _param_spec(name: str, spec: Any, default: Any = None) -> ParamSpec:
    if isinstance(spec, list):
        spec = {"choices": spec}
    if not isinstance(spec, dict):
        raise ValueError(f"parameter {name!r}: expected a table such as {{ low = 0.0, high = 1.0 }} "
                         "or { choices = [...] }")
    unknown = sorted(set(spec) - {"low", "high", "step", "log", "choices"})
    if unknown:
        raise ValueError(f"parameter {name!r}: unknown key(s) {', '.join(unknown)}; "
                         "use low, high, step, log or choices")
    if "choices" in spec:
        if not isinstance(spec["choices"], list) or not spec["choices"]:
            raise ValueError(f"parameter {name!r}: 'choices' must be a non-empty list")
        return ParamSpec(name, choices=tuple(spec["choices"]))
    if "low" not in spec or "high" not in spec or not spec["low"] < spec["high"]:
        raise ValueError(f"parameter {name!r}: needs 'low' < 'high' (or 'choices')")
    # The estimator's default decides int vs float, so { low = 0, high = 1 } for a float
    # parameter is the range [0, 1], not the two integers 0 and 1.
    bounds_are_ints = all(isinstance(spec[k], int) and not isinstance(spec[k], bool) for k in ("low", "high"))
    integer = not isinstance(default, float) and bounds_are_ints and float(spec.get("step", 1)).is_integer()
    return ParamSpec(name, spec["low"], spec["high"], spec.get("step"), bool(spec.get("log", False)), integer=integer)


def load_space(path: str | Path) -> SearchSpace:
    """Read a search-space TOML file (see the module docstring).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        For invalid TOML, unknown methods or parameters, or malformed ranges.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc})") from None
    try:
        method = data.get("method", "tfidf")
        defaults = _defaults(method)
        params = tuple(_param_spec(name, spec, defaults.get(name)) for name, spec in data.get("params", {}).items())
        fixed = {k: (None if v == "none" else v) for k, v in data.get("fixed", {}).items()}
        space = SearchSpace(method, params, fixed)
        # Fail now, not in every trial: fixed values and each range's first value must be valid together.
        space.settings({p.name: p.first() for p in params}).build()
        return space
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def _defaults(method: str) -> dict[str, Any]:
    import inspect

    from summarize.models.methods import METHODS

    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    params = inspect.signature(METHODS[method].__init__).parameters
    # A default of "auto" (the article language's value) says nothing of the type: a parameter annotated
    # float (e.g. position_weight: float | str) gets a float stand-in, so { low = 0, high = 1 } is a range.
    return {name: 0.0 if p.default == "auto" and "float" in str(p.annotation) else p.default
            for name, p in params.items() if name != "self"}


def make_sampler(name: str, space: SearchSpace, seed: int) -> Any:
    """An Optuna sampler: ``tpe`` (default), ``grid`` or ``random``, seeded.

    Raises
    ------
    ValueError
        For an unknown name, or a grid over a continuous range.
    """
    optuna = require("optuna", "tune", "Tuning")

    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    if name == "grid":
        return optuna.samplers.GridSampler({p.name: p.grid() for p in space.params}, seed=seed)
    raise ValueError(f"unknown sampler {name!r}; choose one of {', '.join(SAMPLERS)}")


class PreparedCorpus:
    """Articles analysed once for many trials.

    Sentences and references are ROUGE-tokenised once (:mod:`eval.rouge.fast`,
    rouge-score's exact tokens) and each summarizer analysis is cached per
    :meth:`~summarize.models.base.BaseSummarizer.analysis_key`, so evaluating a
    setting costs only scoring, selection and n-gram counting.

    Parameters
    ----------
    articles : sequence of Article
        Articles with at least one reference and one sentence.
    use_stemmer : bool
        ROUGE with Porter stemming.
    multi_ref : {"best", "mean"}
        How scores against several references are combined.
    """

    def __init__(self, articles: Sequence[Article], *, use_stemmer: bool = True, multi_ref: str = "best") -> None:
        from eval.rouge.fast import tokenize

        self.articles = list(articles)
        self._use_stemmer = use_stemmer
        self._multi_ref = multi_ref
        self._sentence_tokens = [[tokenize(s, use_stemmer) for s in a.sentences] for a in self.articles]
        self._reference_tokens = [[[tokenize(s, use_stemmer) for s in ref] for ref in a.references]
                                  for a in self.articles]
        self._analyses: dict[tuple[Any, ...], list[Any]] = {}

    def __len__(self) -> int:
        return len(self.articles)

    def _prepared(self, summarizer: Any) -> list[Any]:
        key = (type(summarizer).__name__, summarizer.analysis_key())
        if key not in self._analyses:
            self._analyses[key] = [summarizer.prepare(a) for a in self.articles]
        return self._analyses[key]

    def evaluate(self, summarizer: Any, types: Sequence[str]) -> np.ndarray:
        """Per-article mean F1 over ``types`` for ``summarizer``'s summaries."""
        from eval.rouge.fast import score_tokens
        from eval.rouge.score import RougeConfig, combine_references
        from summarize.experiment.batch import one_blas_thread

        config = RougeConfig(types=tuple(types), use_stemmer=self._use_stemmer,
                             multi_ref=self._multi_ref)  # type: ignore[arg-type]  # checked by RougeConfig
        values = np.empty(len(self.articles))
        with one_blas_thread():  # tiny per-article matrices: BLAS threads only add overhead
            prepared = self._prepared(summarizer)
            for k, article in enumerate(self.articles):
                summary = summarizer.summarize(article, prepared=prepared[k])
                candidate = [self._sentence_tokens[k][i] for i in summary.indices]
                per_ref = [score_tokens(candidate, ref, config.types) for ref in self._reference_tokens[k]]
                scores = combine_references(per_ref, config)
                values[k] = sum(scores[t].fmeasure for t in config.types) / len(config.types)
        return values


def optimize(
    study: Any,
    corpus: PreparedCorpus,
    space: SearchSpace,
    *,
    objective: str,
    n_trials: int,
    callbacks: Sequence[Callable[[Any, Any], None]] = (),
) -> int:
    """Run trials until the study holds ``n_trials`` finished ones (across all processes).

    Re-running with the same storage and study name therefore resumes a
    study, and processes sharing one storage tune in parallel.

    Returns
    -------
    int
        Number of trials this call ran.
    """
    require("optuna", "tune", "Tuning")
    from optuna.study import MaxTrialsCallback
    from optuna.trial import TrialState

    types = OBJECTIVES[objective]
    done = len(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.PRUNED)))
    remaining = max(0, n_trials - done)
    if remaining == 0:
        return 0

    def run_trial(trial: Any) -> float:  # an optuna.Trial
        values = {p.name: p.suggest(trial) for p in space.params}
        summarizer = space.settings(values).build()
        return float(corpus.evaluate(summarizer, types).mean())

    stop = MaxTrialsCallback(n_trials, states=(TrialState.COMPLETE, TrialState.PRUNED))
    before = len(study.trials)
    # A combination the estimator rejects fails that trial only (Optuna records it as FAIL).
    study.optimize(run_trial, n_trials=remaining, callbacks=[stop, *callbacks], gc_after_trial=False,
                   catch=(ValueError,))
    return len(study.trials) - before


def best_config(study: Any, space: SearchSpace) -> SummarizerConfig:
    """The settings of the study's best trial."""
    return space.settings(study.best_trial.params)
