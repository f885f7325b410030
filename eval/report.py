"""Tables and files for an :class:`~eval.evaluate.EvaluationReport` (the only pandas user).

Files written by :func:`write_report` into the output directory:

``per_article.csv``  one row per input record (scored or skipped);
``aggregate.csv``    one row per ROUGE type: means and 95% intervals;
``aggregate.json``   the ``--format json`` object;
``report.md``        a Markdown table with the signature;
``signature.txt``    the signature alone.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from .evaluate import EvaluationReport

__all__ = ["REPORT_FILES", "aggregate_frame", "per_article_frame", "render_markdown", "render_text", "write_report"]

REPORT_FILES = ("per_article.csv", "aggregate.csv", "aggregate.json", "report.md", "signature.txt")
_FIELDS = ("precision", "recall", "fmeasure")


def per_article_frame(report: "EvaluationReport") -> "pd.DataFrame":
    """One row per input record: id, reference kinds, summary, scores or skip reason."""
    import pandas as pd

    types = list(report.aggregate)
    rows = []
    for r in report.results:
        row: dict[str, object] = {
            "index": r.index,
            "id": r.id,
            "reference": "+".join(r.reference_kinds),
            "skipped": r.skipped or "",
            "selected": " ".join(map(str, r.selected)),
            "summary": "\n".join(r.summary),
        }
        for t in types:
            for f in _FIELDS:
                row[f"{t}_{f}"] = getattr(r.scores[t], f) if r.scores is not None else float("nan")
        rows.append(row)
    columns = ["index", "id", "reference", "skipped", "selected", "summary"] + [
        f"{t}_{f}" for t in types for f in _FIELDS
    ]
    return pd.DataFrame(rows, columns=columns)


def aggregate_frame(report: "EvaluationReport") -> "pd.DataFrame":
    """One row per ROUGE type: mean precision, recall, F1 and their interval bounds."""
    import pandas as pd

    rows = []
    for t, agg in report.aggregate.items():
        row: dict[str, object] = {"type": t, "n": len(report.scored)}
        for f in _FIELDS:
            interval = getattr(agg, f)
            row[f] = interval.mean
            row[f"{f}_ci_low"] = interval.low
            row[f"{f}_ci_high"] = interval.high
        rows.append(row)
    return pd.DataFrame(rows)


def _table_rows(report: "EvaluationReport") -> list[list[str]]:
    ci = f"F {report.signature.bootstrap.confidence * 100:g}% CI"
    rows = [["type", "P", "R", "F", ci]]
    for t, agg in report.aggregate.items():
        f = agg.fmeasure
        rows.append([
            t,
            f"{agg.precision.mean * 100:.2f}",
            f"{agg.recall.mean * 100:.2f}",
            f"{f.mean * 100:.2f}",
            f"[{f.low * 100:.2f}, {f.high * 100:.2f}]",
        ])
    return rows


def _headline(report: "EvaluationReport") -> str:
    counts = f"{len(report.scored)} scored, {len(report.skipped)} skipped (scores x100)"
    if "candidates" in report.system:  # summarize score: given summaries against given references
        return f"ROUGE of {report.system['candidates']} against {report.system['references']}: {counts}"
    return f"ROUGE of {report.system.get('method', '?')} summaries against the articles' own summaries: {counts}"


def render_text(report: "EvaluationReport") -> str:
    """A fixed-width table for the terminal, followed by skip reasons and the signature."""
    rows = _table_rows(report)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [_headline(report)]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))))
    if not report.scored:
        lines.append("no article could be scored (see the reasons below)")
    for r in report.skipped:
        lines.append(f"skipped {r.id}: {r.skipped}")
    lines.append(f"signature: {report.signature}")
    return "\n".join(lines)


def render_markdown(report: "EvaluationReport") -> str:
    """A Markdown table with the headline and the signature."""
    rows = _table_rows(report)
    lines = [f"**{_headline(report)}**", ""]
    lines.append("| " + " | ".join(rows[0]) + " |")
    lines.append("|" + "|".join("---" for _ in rows[0]) + "|")
    lines.extend("| " + " | ".join(row) + " |" for row in rows[1:])
    lines += ["", f"Signature: `{report.signature}`", ""]
    return "\n".join(lines)


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_report(report: "EvaluationReport", out_dir: str | os.PathLike[str], *, force: bool = False) -> list[Path]:
    """Write the report files (see module docstring) into ``out_dir``.

    Raises
    ------
    FileExistsError
        If a report file already exists there and ``force`` is false.
    NotADirectoryError
        If ``out_dir`` exists and is not a directory.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"--out {out} exists and is not a directory")
    existing = [name for name in REPORT_FILES if (out / name).exists()]
    if existing and not force:
        raise FileExistsError(f"{out} already holds {', '.join(existing)}; use --force to overwrite or pick another --out")
    out.mkdir(parents=True, exist_ok=True)
    contents = {
        "per_article.csv": per_article_frame(report).to_csv(index=False),
        "aggregate.csv": aggregate_frame(report).to_csv(index=False),
        "aggregate.json": json.dumps(report.to_dict(), indent=2, sort_keys=False) + "\n",
        "report.md": render_markdown(report),
        "signature.txt": f"{report.signature}\n",
    }
    written = []
    for name, text in contents.items():
        _atomic_write(out / name, text)
        written.append(out / name)
    return written
