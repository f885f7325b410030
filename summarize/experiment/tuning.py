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
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from eval.extras import require
from eval.rouge.score import OBJECTIVES
from summarize.models.config import SummarizerConfig, method_parameters
from summarize.text.article import Article

__all__ = [
    "MAX_GRID_POINTS",
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

    def count(self) -> int | None:
        """How many values the parameter can take (``None``: a continuous range)."""
        if self.choices is not None:
            return len(self.choices)
        step = self.step if self.step is not None else (1 if self.integer else None)
        if step is None or self.log and not self.integer:
            return None
        low, high = self._bound(self.low), self._bound(self.high)
        return int(math.floor((high - low) / float(step) + 1e-9)) + 1

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

    def size(self) -> int | None:
        """The number of distinct settings (``None`` when a parameter is continuous)."""
        total = 1
        for param in self.params:
            count = param.count()
            if count is None:
                return None
            total *= count
        return total

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


# Most values one range may take on its grid ((high - low) / step + 1): far beyond any useful study, and a
# grid sampler lists every combination, so a mistyped step (or a range of 1e308) must be refused up front.
MAX_GRID_POINTS = 1_000_000


def _number(name: str, key: str, value: Any) -> float:
    """``value`` as a finite number (TOML integers and floats; not booleans, strings or tables)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"parameter {name!r}: {key!r} must be a finite number, got {value!r}")
    return float(value)


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
        choices = spec["choices"]
        if not isinstance(choices, list) or not choices:
            raise ValueError(f"parameter {name!r}: 'choices' must be a non-empty list")
        odd = [c for c in choices if not isinstance(c, (str, int, float, bool))]
        if odd:  # Optuna stores choices as plain values: no tables, lists or dates
            raise ValueError(f"parameter {name!r}: choices must be strings, numbers or booleans, got {odd[0]!r}")
        return ParamSpec(name, choices=tuple(choices))
    if "low" not in spec or "high" not in spec:
        raise ValueError(f"parameter {name!r}: needs 'low' < 'high' (or 'choices')")
    low, high = _number(name, "low", spec["low"]), _number(name, "high", spec["high"])
    if not low < high or not math.isfinite(high - low):
        raise ValueError(f"parameter {name!r}: needs 'low' < 'high' (or 'choices'), both finite")
    log = spec.get("log", False)
    if not isinstance(log, bool):
        raise ValueError(f"parameter {name!r}: 'log' must be true or false, got {log!r}")
    step = spec.get("step")
    if step is not None:
        step = _number(name, "step", step)
        if step <= 0:
            raise ValueError(f"parameter {name!r}: 'step' must be > 0, got {spec['step']!r}")
        points = (high - low) / step + 1
        if points > MAX_GRID_POINTS:
            raise ValueError(f"parameter {name!r}: a step of {spec['step']!r} from {spec['low']!r} to "
                             f"{spec['high']!r} gives {points:.3g} values; at most {MAX_GRID_POINTS:,} are "
                             "allowed (raise 'step' or narrow the range)")
        step = spec["step"]
    if log and low <= 0:
        raise ValueError(f"parameter {name!r}: 'log = true' needs 'low' > 0 (the logarithm of {spec['low']!r} "
                         "is undefined)")
    if log and step is not None:
        raise ValueError(f"parameter {name!r}: 'log' and 'step' cannot be combined (Optuna samples a log range "
                         "continuously); drop one of them")
    # The estimator's default decides int vs float, so { low = 0, high = 1 } for a float
    # parameter is the range [0, 1], not the two integers 0 and 1.
    bounds_are_ints = all(isinstance(spec[k], int) and not isinstance(spec[k], bool) for k in ("low", "high"))
    integer = not isinstance(default, float) and bounds_are_ints and float(spec.get("step", 1)).is_integer()
    return ParamSpec(name, spec["low"], spec["high"], step, log, integer=integer)


def load_space(path: str | Path) -> SearchSpace:
    """Read a search-space TOML file (see the module docstring).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        For invalid TOML, unknown methods or parameters, or malformed ranges (a
        ``step`` <= 0, ``log`` with ``low`` <= 0, more than :data:`MAX_GRID_POINTS` values).
    """
    path = Path(path)
    if path.exists() and not path.is_file() and not path.is_dir():  # a FIFO or /dev/zero would never end
        raise ValueError(f"{path}: not a regular file (a search space is a TOML file)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise ValueError(f"{path}: not a UTF-8 text file (a TOML search space is)") from None
    except RecursionError:
        raise ValueError(f"{path}: nested too deeply to be a search space") from None
    try:
        method = data.get("method", "tfidf")
        if not isinstance(method, str):
            raise ValueError(f"'method' must be a method name such as \"tfidf\", got {method!r}")
        for table in ("params", "fixed"):
            if not isinstance(data.get(table, {}), dict):
                raise ValueError(f"[{table}] must be a table of parameters, got {data[table]!r}")
        defaults = _defaults(method)
        params = tuple(_param_spec(name, spec, defaults.get(name)) for name, spec in data.get("params", {}).items())
        fixed = {k: (None if v == "none" else v) for k, v in data.get("fixed", {}).items()}
        space = SearchSpace(method, params, fixed)
        # Fail now, not in every trial: fixed values and each range's first value must be valid together.
        space.settings({p.name: p.first() for p in params}).build()
        return space
    except (TypeError, ValueError) as exc:  # TypeError: e.g. a table where a number is expected
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
        grid = {p.name: p.grid() for p in space.params}
        if math.prod(len(values) for values in grid.values()) > MAX_GRID_POINTS:  # the sampler lists them all
            raise ValueError(f"the grid has {math.prod(len(v) for v in grid.values()):,} combinations; at most "
                             f"{MAX_GRID_POINTS:,} are allowed: raise some 'step', or use --sampler tpe or random")
        return optuna.samplers.GridSampler(grid, seed=seed)
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
    trial_context: Callable[[], AbstractContextManager[Any]] = nullcontext,
) -> int:
    """Run trials until the study holds ``n_trials`` completed ones (across all processes).

    Re-running with the same storage and study name therefore resumes a
    study, and processes sharing one storage tune in parallel.  A sampler's
    proposal equal to a completed trial's settings is not evaluated again:
    the trial is pruned (it does not count), so the study never holds two
    identical completed trials; in a discrete space with fewer distinct
    settings than ``n_trials`` the study stops when every setting has run,
    and after :data:`MAX_REPEATS` repeated proposals in a row.
    ``trial_context`` wraps the work of each trial (the CLI lets Ctrl-C and
    ``SIGTERM`` land only there, not in Optuna's own bookkeeping).

    Returns
    -------
    int
        Number of trials this call completed.
    """
    require("optuna", "tune", "Tuning")
    import optuna
    from optuna.trial import TrialState

    types = OBJECTIVES[objective]
    size = space.size()
    target = n_trials if size is None else min(n_trials, size)
    done = len(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)))
    if done >= target:
        return 0
    seen = {_settings_key(t.params): t.number for t in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))}
    repeats = [0]

    def run_trial(trial: Any) -> float:  # an optuna.Trial
        values = {p.name: p.suggest(trial) for p in space.params}
        key = _settings_key(values)
        # Trials of other processes sharing the storage: completed, or running these very settings now.
        for other in study.get_trials(deepcopy=False, states=(TrialState.COMPLETE, TrialState.RUNNING)):
            if other.number != trial.number and other.number not in seen.values() and other.params:
                seen.setdefault(_settings_key(other.params), other.number)
        if key in seen:
            repeats[0] += 1
            unseen = _first_unseen(space, seen) if size is not None and size <= _ENUMERABLE else None
            if unseen is not None:  # a small discrete space: the next trial takes a setting not run yet
                study.enqueue_trial(unseen, skip_if_exists=True)
            raise optuna.TrialPruned(f"the same settings as trial {seen[key]}")
        repeats[0] = 0
        summarizer = space.settings(values).build()
        with trial_context():
            value = float(corpus.evaluate(summarizer, types).mean())
        seen[key] = trial.number
        return value

    def enough(study: Any, trial: Any) -> None:
        if trial.state == TrialState.FAIL:  # a space whose every setting fails must end too
            repeats[0] += 1
        complete = len(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,)))
        if complete >= target or repeats[0] >= MAX_REPEATS:
            study.stop()

    # A combination the estimator rejects fails that trial only (Optuna records it as FAIL).
    # Pruned repeats do not count, so the loop is bounded by the callback, not by n_trials.
    study.optimize(run_trial, n_trials=None, callbacks=[enough, *callbacks], gc_after_trial=False,
                   catch=(ValueError,))
    return len(study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))) - done


#: Proposals in a row that repeat completed settings (or fail) before a study gives up looking for new ones.
MAX_REPEATS = 200


#: Discrete spaces up to this many settings are enumerated to find one not run yet after a repeat.
_ENUMERABLE = 100_000


def _first_unseen(space: SearchSpace, seen: Mapping[tuple[tuple[str, Any], ...], int]) -> dict[str, Any] | None:
    """The first setting of a discrete ``space`` (in grid order) that no completed or running trial has."""
    import itertools

    grids = [_param_values(p) for p in space.params]
    for combination in itertools.product(*grids):
        values = {p.name: v for p, v in zip(space.params, combination)}
        if _settings_key(values) not in seen:
            return values
    return None


def _param_values(param: ParamSpec) -> list[Any]:
    """Every value of a discrete parameter (an int range without ``step`` counts by 1)."""
    if param.choices is None and param.step is None and param.integer:
        low, high = int(param.low or 0), int(param.high or 0)
        return list(range(low, high + 1))
    return param.grid()


def _settings_key(values: Mapping[str, Any]) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(values.items()))


def best_config(study: Any, space: SearchSpace) -> SummarizerConfig:
    """The settings of the study's best trial."""
    return space.settings(study.best_trial.params)
