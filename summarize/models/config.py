"""Summarizer settings as TOML files: ``--config FILE`` and ``summarize tune`` exports.

A config file names a method and its parameters::

    # written by summarize tune
    [summarizer]
    method = "tfidf"
    n_sentences = 3
    position_weight = 0.55
    scoring = "centrality"

TOML has no null, so ``None`` is written as the string ``"none"``.  Only
TOML and JSON are read: a config never executes code.
"""

from __future__ import annotations

import inspect
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.json_records import parse_record
from summarize.models.base import BaseModel
from summarize.models.files import read_option_file
from summarize.models.methods import METHODS, make_model, make_summarizer

__all__ = ["SummarizerConfig", "load_config", "dump_config", "method_parameters"]

_NONE = "none"


def method_parameters(method: str) -> tuple[str, ...]:
    """Parameter names accepted by ``method``'s estimator.

    Raises
    ------
    ValueError
        If ``method`` is unknown.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    params = inspect.signature(METHODS[method].__init__).parameters
    return tuple(name for name in params if name != "self")


@dataclass(frozen=True)
class SummarizerConfig:
    """A method and its parameters (anything not given keeps the estimator's default)."""

    method: str = "tfidf"
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        valid = method_parameters(self.method)
        unknown = sorted(set(self.params) - set(valid))
        if unknown:
            raise ValueError(
                f"unknown parameter(s) {', '.join(unknown)} for method {self.method!r}; "
                f"valid: {', '.join(valid)}"
            )

    def build(self, **overrides: Any) -> BaseModel:
        """The validated model (a plain class: no scikit-learn import), parameters updated by ``overrides``.

        Raises
        ------
        ValueError
            For an invalid parameter value (naming it and its valid range).
        """
        return make_model(self.method, **{**self.params, **overrides}).validate()

    def build_estimator(self, **overrides: Any) -> Any:
        """Like :meth:`build`, but the scikit-learn estimator (e.g. ``TfidfSummarizer``)."""
        return make_summarizer(self.method, **{**self.params, **overrides}).validate()


def _from_toml_value(value: Any) -> Any:
    return None if value == _NONE else value


def load_config(path: str | Path) -> SummarizerConfig:
    """Read a ``.toml`` (or ``.json``) config with a ``[summarizer]`` table.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not valid TOML/JSON, has no ``summarizer`` table, or
        names an unknown method or parameter.
    """
    path = Path(path)
    text = read_option_file(path, "config")
    try:
        if path.suffix.lower() == ".json":
            data, _ = parse_record(text)  # deep nesting and huge numbers are errors, not crashes
        else:
            data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, ValueError) as exc:
        raise ValueError(f"{path}: not a valid config file ({exc})") from None
    except RecursionError:  # tomllib recurses into nested arrays and inline tables
        raise ValueError(f"{path}: not a valid config file (nested too deeply)") from None
    table = data.get("summarizer") if isinstance(data, dict) else None
    if not isinstance(table, dict):
        raise ValueError(f"{path}: expected a [summarizer] table with 'method' and parameters")
    params = {key: _from_toml_value(value) for key, value in table.items() if key != "method"}
    method = table.get("method", "tfidf")
    if not isinstance(method, str):
        raise ValueError(f"{path}: method must be a string, one of {', '.join(METHODS)}")
    try:
        return SummarizerConfig(method=method, params=params)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def _toml_value(value: Any) -> str:
    if value is None:
        return json.dumps(_NONE)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a JSON string is a valid TOML basic string
    raise TypeError(f"cannot write {type(value).__name__} to a config file")


def dump_config(config: SummarizerConfig, *, comment: str = "") -> str:
    """TOML text of ``config`` (``comment`` lines are prefixed with ``#``)."""
    lines = [f"# {line}" for line in comment.splitlines()]
    lines += ["[summarizer]", f"method = {_toml_value(config.method)}"]
    lines += [f"{key} = {_toml_value(value)}" for key, value in sorted(config.params.items())]
    return "\n".join(lines) + "\n"
