"""``summarize eval --out DIR``: streamed per-article rows and ``--resume``.

Rows go to ``DIR/.per_article.partial.jsonl`` as results come (one line per
record, flushed), with the settings in ``DIR/.per_article.partial.json``.
Only when the run completes are the report files written and the partial
files removed; ``--resume`` after a crash or ``kill -9`` reads the complete
rows back (a torn last line is cut off), skips that many input records and
goes on, so the report equals that of an uninterrupted run.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.experiment.resume import check_resumable, check_same_settings, complete_lines, save_settings, settings_digest

__all__ = ["EvalRows", "open_rows"]

_SETTINGS = ".per_article.partial.json"


@dataclass
class EvalRows:
    """The row writer of an ``eval --out`` run (``None`` without ``--out``) and what a resume brings back."""

    writer: Any = None
    prior: Iterable[Any] = ()
    done: int = 0
    settings: Path | None = None

    def finish(self) -> Path | None:
        """Turn the rows into a CSV file for :func:`eval.report.write_report`; forget the settings file."""
        if self.writer is None:
            return None
        path = self.writer.to_csv()
        if self.settings is not None:
            self.settings.unlink(missing_ok=True)
        return path


def open_rows(args: argparse.Namespace, types: Sequence[str], resolved: Any = None) -> EvalRows:
    """Start (or with ``--resume`` continue) the per-article rows of ``args.out``.

    Raises
    ------
    ValueError
        ``--resume`` without ``--out``, or with other settings than the interrupted run.
    FileExistsError
        Rows of an interrupted run exist and neither ``--resume`` nor ``--force`` is given.
    """
    from eval.report.tables import PARTIAL_ROWS, PerArticleWriter, read_rows

    check_resumable(args)
    if not args.out:
        if args.resume:
            raise ValueError("--resume needs --out DIR: only a report directory keeps the rows of an interrupted run")
        return EvalRows()
    out = Path(args.out)
    partial, settings_path = out / PARTIAL_ROWS, out / _SETTINGS
    settings = settings_digest(args, resolved)
    if partial.exists() and args.resume:
        check_same_settings(settings_path, settings, str(out))
        done, _ = complete_lines(partial)
        return EvalRows(PerArticleWriter(out, types, append=True), read_rows(partial, types), done, settings_path)
    if partial.exists() and not args.force:
        raise FileExistsError(f"{out} holds the rows of an interrupted evaluation: use --resume to continue it "
                              "or --force to start over")
    out.mkdir(parents=True, exist_ok=True)
    save_settings(settings_path, settings)
    return EvalRows(PerArticleWriter(out, types), (), 0, settings_path)
