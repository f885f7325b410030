"""Output of ``summarize run``: rendering, ``--output`` files, ``--resume`` and ``--fail-fast``.

Output files are written to ``FILE.partial`` beside ``FILE`` and renamed when
the run completes, so ``FILE`` only ever holds a complete run.  Every input
record gives exactly one JSONL line, in input order, flushed as it is written;
after a crash or ``kill -9``, ``--resume`` keeps the complete lines of
``FILE.partial`` (a torn last line is cut off), skips that many input records
and appends the rest.  A sidecar ``.FILE.partial.json`` records the settings and
inputs, so a resume with other settings is refused instead of mixing outputs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from summarize.cli.common import check_writable_path
from summarize.experiment.resume import (
    PartialLock,
    check_resumable,
    claim_partial,
    complete_lines,
    lock_partial,
    save_settings,
    settings_digest,
)
from summarize.io.record_ids import shown_id

__all__ = ["RunOutput", "emit_error", "emit_summary", "error_record", "interrupted_note", "open_output", "run_records"]

_LINE_SOURCE = re.compile(r":(\d+)$")


def error_record(index: int, ident: str, source: str | None, message: str) -> dict[str, Any]:
    """The JSONL object of a failed record: ``id``, or ``line`` when no id could be read, and ``error``.

    A record whose id could not be read carries its position (``file:line``)
    as id; then the 1-based input line number is given as ``line`` instead.
    """
    match = _LINE_SOURCE.search(source or "")
    if source is not None and ident == source and match:
        return {"line": int(match.group(1)), "index": index, "error": message}
    return {"id": ident, "index": index, "error": message}


def emit_summary(out: TextIO, fmt: str, result: Any, headers: bool, first: bool = False) -> None:
    """Write one summary: a JSONL object, or its sentences (after a ``# id`` header for many records)."""
    if fmt == "jsonl":
        record = {"id": result.id, "index": result.index, "summary": list(result.sentences),
                  "selected": list(result.indices), "language": result.language}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    if headers:
        # A blank line between summaries, none before the first one written (earlier records may have failed).
        # The id escaped: a newline in it must not start a forged "# id" header or sentence.
        out.write(("" if first else "\n") + f"# {shown_id(result.id)}\n")
    for sentence in result.sentences:
        out.write(sentence + "\n")


def emit_error(out: TextIO, fmt: str, result: Any) -> None:
    """Write a failed record's JSONL line (text output reports errors on stderr only)."""
    if fmt == "jsonl":
        out.write(json.dumps(error_record(result.index, result.id, result.source, result.error), ensure_ascii=False)
                  + "\n")


@dataclass
class RunOutput:
    """Where ``run`` writes: stdout, or ``FILE.partial`` renamed to ``FILE`` by :meth:`commit`."""

    stream: TextIO
    path: Path | None = None
    done: int = 0  # records already in the file (resume)
    done_failed: int = 0  # of which error lines
    n_ok: int = 0  # records written by this run, kept up to date by run_records (for an interruption's note)
    n_bad: int = 0
    lock: PartialLock | None = None  # held while FILE.partial is written: one writer per output

    def commit(self) -> None:
        """Close the file and give it its final name (nothing to do for stdout)."""
        if self.path is None:
            return
        self.stream.flush()
        # Renamed while still locked: a run waiting for the lock then finds FILE complete, not an empty .partial.
        os.replace(_partial(self.path), self.path)
        _sidecar(self.path).unlink(missing_ok=True)
        self.close()

    def close(self) -> None:
        """Close without renaming (the ``.partial`` file stays for ``--resume``) and release the lock."""
        if self.path is not None and not self.stream.closed:
            self.stream.close()
        if self.lock is not None:
            self.lock.release()


def _partial(path: Path) -> Path:
    return path.with_name(path.name + ".partial")


def _sidecar(path: Path) -> Path:
    # Hidden, so that an output written into an input directory is not read back as an article.
    return path.with_name("." + path.name + ".partial.json")


def open_output(args: argparse.Namespace, stdout: TextIO, resolved: Any = None) -> RunOutput:
    """The output of a run; raises ``ValueError`` (usage) or ``FileExistsError`` (would overwrite).

    Raises
    ------
    ValueError
        ``--resume`` without ``--output FILE`` and ``--format jsonl``, or with other settings.
    FileExistsError
        ``FILE`` exists (a complete run) and ``--force`` is not given, or a
        ``.partial`` file exists and neither ``--resume`` nor ``--force`` is given.
    BlockingIOError
        Another run is still writing ``FILE.partial`` (with or without ``--resume``
        or ``--force``): one writer per output.
    """
    check_resumable(args)
    if args.output is None:
        if args.resume:
            raise ValueError("--resume needs --output FILE (and --format jsonl): stdout cannot be resumed")
        return RunOutput(stdout)
    if args.resume and args.format != "jsonl":
        raise ValueError("--resume needs --format jsonl (one line per record)")
    path = Path(args.output)
    if path.is_dir():
        raise IsADirectoryError(f"--output {path} is a directory; give a file name")
    check_writable_path(args.output, "--output")  # under a file, "nodir/", a device: refused before any work
    check_writable_path(str(_partial(path)), "--output")
    if path.exists() and not args.force:
        hint = "the run is already complete; " if args.resume else ""
        raise FileExistsError(f"{path} exists; {hint}use --force to overwrite or pick another --output")
    partial, sidecar = _partial(path), _sidecar(path)
    settings = settings_digest(args, resolved)
    what = f"--output {path}"
    lock = claim_partial(partial, what, sidecar, settings, resume=args.resume, force=args.force,
                         label=str(partial), interrupted=f"{partial} exists (an interrupted run): "
                                                         "use --resume to continue it or --force to start over")
    if lock is not None and args.resume:
        done, failed = complete_lines(partial)
        return RunOutput(partial.open("a", encoding="utf-8", newline="\n"), path, done, failed, lock=lock)
    if lock is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = lock_partial(partial, what)
    save_settings(sidecar, settings)
    # Truncated only now that the lock is ours.
    return RunOutput(partial.open("w", encoding="utf-8", newline="\n"), path, 0, lock=lock)


def run_records(results: Iterable[Any], output: RunOutput, *, fmt: str, headers: bool, fail_fast: bool,
                warn: Callable[[str], None], check: Callable[[Any], None]) -> tuple[int, int, bool]:
    """Write every result in order; returns ``(n_ok, n_failed, stopped_early)``.

    ``output.n_ok`` and ``output.n_bad`` follow the counts as records are
    written, so that an interrupted run can say how far it got.
    """
    out = output.stream
    for result in results:
        if result.error is not None:
            output.n_bad += 1
            if not result.unreadable:
                warn(f"{result.id}: {result.error}")
            emit_error(out, fmt, result)
            out.flush()
            if fail_fast:
                return output.n_ok, output.n_bad, True
            continue
        check(result)
        emit_summary(out, fmt, result, headers, first=output.n_ok == 0)
        output.n_ok += 1
        if output.path is not None:
            out.flush()  # a kill -9 loses at most the line being written; --resume cuts it off
    return output.n_ok, output.n_bad, False



def interrupted_note(output: RunOutput, resumable: bool, event: str = "the interruption") -> str:
    """What an interrupted run wrote before ``event``, and how to continue it.

    ``resumable``: the output is JSONL (``--resume`` needs one line per record).
    """
    total, ok = output.done + output.n_ok + output.n_bad, output.done - output.done_failed + output.n_ok
    counts = f"{total} record{'s' if total != 1 else ''} written ({ok} summarized, {total - ok} failed)"
    if output.path is None:
        return f"{counts} before {event}"
    how = ("run the same command with --resume to continue" if resumable else
           "--resume needs --format jsonl, so start over with --force")
    return f"{counts} to {_partial(output.path)} before {event}; the file is kept: {how}"
