"""Tables and files for an :class:`~eval.results.EvaluationReport` (the only pandas user).

Files written by :func:`write_report` into the output directory:

``per_article.csv``  one row per input record (scored or skipped);
``aggregate.csv``    one row per ROUGE type: means and 95% intervals;
``aggregate.json``   the ``--format json`` object;
``report.md``        a Markdown table with the signature;
``signature.txt``    the signature alone.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from eval.report.markdown import markdown_table

if TYPE_CHECKING:
    import pandas as pd

    from eval.results import ArticleResult, EvaluationReport

__all__ = [
    "REPORT_FILES",
    "PARTIAL_ROWS",
    "PerArticleWriter",
    "aggregate_frame",
    "per_article_columns",
    "per_article_frame",
    "per_article_row",
    "read_rows",
    "render_markdown",
    "render_text",
    "shared_mode",
    "write_report",
]

REPORT_FILES = ("per_article.csv", "aggregate.csv", "aggregate.json", "report.md", "signature.txt")
_FIELDS = ("precision", "recall", "fmeasure")


def per_article_columns(types: Sequence[str]) -> list[str]:
    """Column names of ``per_article.csv`` for these ROUGE types."""
    return ["index", "id", "reference", "skipped", "selected", "summary"] + [f"{t}_{f}" for t in types for f in _FIELDS]


def per_article_row(result: ArticleResult, types: Sequence[str]) -> list[object]:
    """One record's row of ``per_article.csv``; a skipped record has empty score cells."""
    row: list[object] = [
        result.index,
        result.id,
        "+".join(result.reference_kinds),
        result.skipped or "",
        " ".join(map(str, result.selected)),
        "\n".join(result.summary),
    ]
    scores = result.scores
    row.extend(getattr(scores[t], f) if scores is not None else "" for t in types for f in _FIELDS)
    return row


def per_article_frame(report: EvaluationReport) -> pd.DataFrame:
    """One row per result held in the report: id, reference kinds, summary, scores or skip reason."""
    import pandas as pd

    types = list(report.aggregate)
    frame = pd.DataFrame([per_article_row(r, types) for r in report.results], columns=per_article_columns(types))
    score_columns = per_article_columns(types)[6:]
    frame[score_columns] = frame[score_columns].replace("", float("nan")).astype("float64")
    return frame


PARTIAL_ROWS = ".per_article.partial.jsonl"


class PerArticleWriter:
    """Stream per-article rows to ``out_dir/.per_article.partial.jsonl``, one JSON line per record.

    One physical line per record (summaries hold newlines, so CSV rows would
    not be) makes an interrupted evaluation resumable: the file keeps every
    complete row, :func:`summarize.experiment.resume.complete_lines` cuts a torn last
    one, and :func:`read_rows` gives the finished results back.  At the end,
    :meth:`to_csv` writes ``per_article.csv`` from it line by line (flat
    memory) for :func:`write_report` to move into place.

    Parameters
    ----------
    out_dir : path
    types : sequence of str
        ROUGE types (the score columns).
    append : bool
        Continue an existing file (``--resume``) instead of starting a new one.
    """

    def __init__(self, out_dir: str | os.PathLike[str], types: Sequence[str], *, append: bool = False) -> None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.types = tuple(types)
        self.path = out / PARTIAL_ROWS
        self._handle = self.path.open("a" if append else "w", encoding="utf-8", newline="\n")

    def write(self, result: ArticleResult) -> None:
        """Append one record's row (flushed: a crash loses at most this line)."""
        self._handle.write(json.dumps(per_article_row(result, self.types), ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        """Close the file; it stays for :meth:`to_csv` or ``--resume``."""
        self._handle.close()

    def to_csv(self) -> Path:
        """Write the rows as a hidden CSV file beside them and return its path (then remove the JSONL file)."""
        self.close()
        fd, name = tempfile.mkstemp(dir=self.path.parent, prefix=".per_article.csv.")
        os.fchmod(fd, shared_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle, self.path.open(encoding="utf-8") as rows:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(per_article_columns(self.types))
            writer.writerows(json.loads(line) for line in rows)
        self.path.unlink()
        return Path(name)

    def __enter__(self) -> PerArticleWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if not self._handle.closed:
            self.close()


def read_rows(path: str | os.PathLike[str], types: Sequence[str]) -> Iterator[ArticleResult]:
    """The :class:`~eval.results.ArticleResult` of each row of a per-article JSONL file, in order."""
    from eval.results import ArticleResult
    from eval.rouge.score import Score

    with open(path, encoding="utf-8") as rows:
        for line in rows:
            index, ident, reference, skipped, selected, summary, *numbers = json.loads(line)
            scores = None
            if not skipped:
                scores = {t: Score(*numbers[3 * k : 3 * k + 3]) for k, t in enumerate(types)}
            yield ArticleResult(index, ident, tuple(summary.split("\n")) if summary else (),
                                tuple(int(i) for i in selected.split()), scores,
                                tuple(reference.split("+")) if reference else (), skipped or None)


def aggregate_frame(report: EvaluationReport) -> pd.DataFrame:
    """One row per ROUGE type: mean precision, recall, F1 and their interval bounds."""
    import pandas as pd

    rows = []
    for t, agg in report.aggregate.items():
        row: dict[str, object] = {"type": t, "n": report.count}
        for f in _FIELDS:
            interval = getattr(agg, f)
            row[f] = interval.mean
            row[f"{f}_ci_low"] = interval.low
            row[f"{f}_ci_high"] = interval.high
        rows.append(row)
    return pd.DataFrame(rows)


def _table_rows(report: EvaluationReport) -> list[list[str]]:
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


def _headline(report: EvaluationReport) -> str:
    counts = f"{report.count} scored, {len(report.skipped)} skipped (scores x100)"
    if "candidates" in report.system:  # summarize score: given summaries against given references
        return f"ROUGE of {report.system['candidates']} against {report.system['references']}: {counts}"
    return f"ROUGE of {report.system.get('method', '?')} summaries against the articles' own summaries: {counts}"


def render_text(report: EvaluationReport) -> str:
    """A fixed-width table for the terminal, followed by skip reasons and the signature."""
    rows = _table_rows(report)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [_headline(report)]
    for row in rows:
        lines.append("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                               for i, (cell, w) in enumerate(zip(row, widths))))
    if not report.count:
        lines.append("no article could be scored (see the reasons below)")
    for r in report.skipped:
        lines.append(f"skipped {r.id}: {r.skipped}")
    lines.append(f"signature: {report.signature}")
    return "\n".join(lines)


def render_markdown(report: EvaluationReport) -> str:
    """A Markdown table with the headline and the signature."""
    rows = _table_rows(report)
    lines = [f"**{_headline(report)}**", ""]
    lines.extend(markdown_table(rows[0], rows[1:]))
    lines += ["", f"Signature: `{report.signature}`", ""]
    return "\n".join(lines)


def shared_mode() -> int:
    """The mode of a file created the usual way (``0o666`` less the umask, e.g. 0644).

    ``tempfile.mkstemp`` creates files 0600; the reports written through it are meant to be read
    by others, like every other output.
    """
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file (mode as :func:`shared_mode`)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        os.fchmod(fd, shared_mode())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _per_article_csv(report: EvaluationReport) -> str:
    import io

    types = list(report.aggregate)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(per_article_columns(types))
    writer.writerows(per_article_row(r, types) for r in report.results)
    return buffer.getvalue()


def write_report(report: EvaluationReport, out_dir: str | os.PathLike[str], *, force: bool = False,
                 per_article: Path | None = None) -> list[Path]:
    """Write the report files (see module docstring) into ``out_dir``.

    ``per_article`` is a CSV file already written by
    :meth:`PerArticleWriter.to_csv`; it is renamed to ``per_article.csv``.  Without it the rows come from
    ``report.results``.

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
    special = [name for name in existing if not (out / name).is_file()]
    if special:  # renaming a new file onto it would replace a device node, FIFO or socket: never, even with force
        raise FileExistsError(f"{out} holds {', '.join(special)}, not a regular file: pick another --out")
    if existing and not force:
        raise FileExistsError(f"{out} already holds {', '.join(existing)}; "
                              "use --force to overwrite or pick another --out")
    out.mkdir(parents=True, exist_ok=True)
    contents = {
        "aggregate.csv": aggregate_frame(report).to_csv(index=False),
        "aggregate.json": json.dumps(report.to_dict(), indent=2, sort_keys=False) + "\n",
        "report.md": render_markdown(report),
        "signature.txt": f"{report.signature}\n",
    }
    if per_article is not None:
        os.replace(per_article, out / "per_article.csv")
    else:
        _atomic_write(out / "per_article.csv", _per_article_csv(report))
    written = [out / "per_article.csv"]
    for name, text in contents.items():
        _atomic_write(out / name, text)
        written.append(out / name)
    return written
