"""Output of ROUGE-1.5.5 results: the script's average lines, JSON objects and Markdown.

``--format jsonl`` rows (:func:`jsonl_row`): ``{"id", "<measure>": {"recall",
"precision", "fmeasure"}, ...}``, the measures named as the script names them.
``--format json`` (:func:`to_dict`): ``n``, ``signature`` and per measure the
script's averages with ``recall_ci``, ``precision_ci`` and ``fmeasure_ci``.
The text format (:func:`render_text`) prints what the script prints for a
system (without its ``-d`` lines)::

    ---------------------------------------------
    A ROUGE-1 Average_R: 0.41234 (95%-conf.int. 0.40111 - 0.42376)
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import metadata

from eval.rouge155.bootstrap import Average
from eval.rouge155.flags import Rouge155Config
from eval.rouge155.measures import Rouge155Score

__all__ = ["jsonl_row", "render_markdown", "render_text", "signature", "to_dict"]

_RULE = "-" * 45


def signature(config: Rouge155Config, splitter: str | None = None) -> str:
    """``rouge155|flags:<flags>|split:<splitter>|v:summarize-toolkit-<version>``: what made the numbers."""
    try:
        version = metadata.version("summarize-toolkit")
    except metadata.PackageNotFoundError:
        version = "unknown"
    parts = ["rouge155", f"flags:{config.flags}"]
    if splitter:
        parts.append(f"split:{splitter}")
    parts.append(f"v:summarize-toolkit-{version}")
    return "|".join(parts)


def jsonl_row(ident: str, scores: Mapping[str, Rouge155Score], system: str | None = None) -> str:
    """One summary's line: its id (and system) and each measure's recall, precision and F (as the script's
    ``-d`` prints them)."""
    row: dict[str, object] = {"id": ident}
    if system is not None:
        row["system"] = system
    for name, s in scores.items():
        row[name] = {"recall": s.recall, "precision": s.precision, "fmeasure": s.fmeasure}
    return json.dumps(row) + "\n"


def to_dict(averages: Mapping[str, Average], n: int, sig: str) -> dict[str, object]:
    """The ``--format json`` object."""
    out: dict[str, object] = {"n": n, "signature": sig}
    for name, a in averages.items():
        out[name] = {"recall": a.recall, "precision": a.precision, "fmeasure": a.fmeasure,
                     "recall_ci": list(a.recall_ci), "precision_ci": list(a.precision_ci),
                     "fmeasure_ci": list(a.fmeasure_ci)}
    return out


def _confidence(config: Rouge155Config) -> str:
    c = config.confidence
    return str(int(c)) if c == int(c) else str(c)


def render_text(averages: Mapping[str, Average], config: Rouge155Config, system: str = "A") -> str:
    """The script's average lines for ``system``, a rule before each measure."""
    lines = []
    cf = _confidence(config)
    for name, a in averages.items():
        lines.append(_RULE)
        for letter, value, (low, high) in (("R", a.recall, a.recall_ci), ("P", a.precision, a.precision_ci),
                                           ("F", a.fmeasure, a.fmeasure_ci)):
            lines.append(f"{system} {name} Average_{letter}: {value:7.5f} ({cf}%-conf.int. {low:7.5f} - {high:7.5f})")
    return "\n".join(lines) + "\n"


def render_markdown(averages: Mapping[str, Average], config: Rouge155Config, n: int, sig: str) -> str:
    """A Markdown table: per measure, R, P and F with their intervals."""
    cf = _confidence(config)
    lines = [f"ROUGE-1.5.5 averages of {n} summaries ({cf}% intervals, {config.resamples} resamples)", "",
             "| measure | recall | precision | F |", "|---|---|---|---|"]
    for name, a in averages.items():
        cells = [f"{v:.5f} [{lo:.5f}, {hi:.5f}]" for v, (lo, hi) in
                 ((a.recall, a.recall_ci), (a.precision, a.precision_ci), (a.fmeasure, a.fmeasure_ci))]
        lines.append(f"| {name} | {' | '.join(cells)} |")
    lines += ["", f"`{sig}`", ""]
    return "\n".join(lines)
