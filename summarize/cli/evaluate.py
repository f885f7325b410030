"""``summarize eval``: summarize articles and score them against their own summaries.

With ``--out DIR``, per-article rows go to ``DIR/.per_article.partial.jsonl`` as results come (one line per
record, flushed), with the settings in ``DIR/.per_article.partial.json``.
Only when the run completes are the report files written and the partial
files removed; ``--resume`` after a crash or ``kill -9`` reads the complete
rows back (a torn last line is cut off), skips that many input records and
goes on, so the report equals that of an uninterrupted run.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarize.cli.common import (
    FailFast,
    UsageError,
    announce,
    batch_config,
    check_out_dir,
    progress,
    read_items,
    reference_spec,
    render_report,
    rouge_configs,
    summarizer_from,
    warn_if_empty,
)
from summarize.cli.exit_codes import exit_codes
from summarize.cli.options import (
    PROG,
    add_batch_options,
    add_input_options,
    add_method_options,
    add_rouge155_option,
    add_rouge_options,
)
from summarize.experiment.batch import WorkerDied
from summarize.experiment.resume import (
    PartialLock,
    check_resumable,
    claim_partial,
    complete_lines,
    lock_partial,
    save_settings,
    settings_digest,
)

__all__ = ["EvalRows", "open_rows", "register", "run"]

_EXAMPLES = """examples:
  summarize eval seeds/000_eee3009524595d1e.txt
  summarize eval data/examples/news.jsonl --method lead --sentences 3 --out report/
  summarize eval data/examples/news.jsonl --format json --multi-ref mean --reference references
  summarize eval seeds/ --reference closing      # only "In summary" paragraphs count
  summarize eval data/examples/news.jsonl --rouge155 "-c 95 -r 1000 -n 2 -a -m"   # ROUGE-1.5.5's numbers
"""


def register(commands: Any) -> None:
    """Add the ``eval`` parser to ``commands`` (the top-level sub-parsers)."""
    parser = commands.add_parser("eval", help="ROUGE report against the articles' own summaries",
                                 description="Summarize articles and score the summaries with ROUGE against "
                                             "the articles' own summary paragraphs.",
                                 epilog=_EXAMPLES + exit_codes("eval"),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_options(parser)
    add_batch_options(parser)
    add_method_options(parser)
    group = parser.add_argument_group("evaluation")
    group.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="report format")
    group.add_argument("--out", metavar="DIR",
                       help="also write per_article.csv, aggregate.csv, aggregate.json, report.md, signature.txt")
    group.add_argument("--force", action="store_true", help="overwrite report files in --out")
    group.add_argument("--fail-fast", action="store_true", help="stop at the first record that cannot be scored")
    group.add_argument("--resume", action="store_true",
                       help="continue an interrupted --out DIR evaluation: no record lost or repeated")
    add_rouge_options(group)
    add_rouge155_option(group)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``summarize eval``; returns the exit code."""
    from summarize.experiment.evaluate import evaluate

    if args.rouge155 is not None:
        from summarize.cli.rouge155 import cmd_eval_rouge155

        return cmd_eval_rouge155(args, sys.stdout)
    rouge, bootstrap = rouge_configs(args)
    summarizer = summarizer_from(args)
    if args.out:
        check_out_dir(args.out, args.force)
    # The canonical spec, so that "closing,lead" and "lead, closing" sign alike.
    reference = str(reference_spec(args))
    try:
        # per-article rows stream to disk: memory stays flat
        rows = open_rows(args, rouge.types, summarizer.get_params())
    except ValueError as exc:
        raise UsageError(str(exc)) from None

    counts = [0, 0]  # records scored and skipped by this run, for the note of an interrupted run

    def check(result: Any) -> None:
        counts[result.scores is None] += 1
        if result.scores is not None:
            warn_if_empty(result.id, result.summary, args)
        elif args.fail_fast:
            raise FailFast(f"{result.id}: {result.skipped}")
        if rows.writer is not None:
            rows.writer.write(result)

    try:
        with contextlib.ExitStack() as stack:
            stack.callback(rows.release)  # last: after the writer is closed and the report written
            if rows.writer is not None:
                stack.enter_context(rows.writer)  # closed (and kept for --resume) on any exit
            items = announce(itertools.islice(read_items(args), rows.done, None), summarizer)  # done: read, not redone
            report = evaluate(progress(items, args, "evaluating"), summarizer, rouge=rouge, bootstrap=bootstrap,
                              reference=reference, on_result=check, batch=batch_config(args), keep_results=False,
                              prior=rows.prior)
            return render_report(report, args, sys.stdout, per_article=rows.finish())
    except FailFast as exc:
        print(f"{PROG}: error: {exc}; stopped at the first failed record (--fail-fast)", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP: the rows so far stay for --resume
        print(f"{PROG}: {_stopped_note(args, rows, counts, 'the interruption')}", file=sys.stderr)
        raise
    except WorkerDied as exc:
        print(f"{PROG}: error: {exc.describe(rows.done)}; {_stopped_note(args, rows, counts, 'the failure')}",
              file=sys.stderr)
        return 1


def _stopped_note(args: argparse.Namespace, rows: EvalRows, counts: list[int], event: str) -> str:
    """How far a stopped evaluation got, and whether ``--resume`` can continue it."""
    from eval.report.tables import PARTIAL_ROWS

    total = rows.done + counts[0] + counts[1]
    done = f"{total} record{'s' if total != 1 else ''} evaluated before {event}"
    if rows.writer is None:
        return f"{done} (without --out DIR nothing is kept to resume)"
    return (f"{done}; their rows are kept in {Path(args.out) / PARTIAL_ROWS}: run the same command with --resume "
            "to continue")

_SETTINGS = ".per_article.partial.json"


@dataclass
class EvalRows:
    """The row writer of an ``eval --out`` run (``None`` without ``--out``) and what a resume brings back."""

    writer: Any = None
    prior: Iterable[Any] = ()
    done: int = 0
    settings: Path | None = None
    lock: PartialLock | None = None  # held on the rows file while they are written: one writer per --out

    def release(self) -> None:
        """Let another run write these rows (called when this one ends, however it ends)."""
        if self.lock is not None:
            self.lock.release()

    def finish(self) -> Path | None:
        """Turn the rows into a CSV file for :func:`eval.report.tables.write_report`; forget the settings file."""
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
    BlockingIOError
        Another evaluation is still writing these rows (one writer per ``--out``).
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
    what = f"--out {out}"
    lock = claim_partial(partial, what, settings_path, settings, resume=args.resume, force=args.force,
                         label=str(out), interrupted=f"{out} holds the rows of an interrupted evaluation: use "
                                                     "--resume to continue it or --force to start over")
    if lock is not None and args.resume:
        done, _ = complete_lines(partial)
        return EvalRows(PerArticleWriter(out, types, append=True), read_rows(partial, types), done,
                        settings_path, lock)
    if lock is None:
        out.mkdir(parents=True, exist_ok=True)
        lock = lock_partial(partial, what)
    save_settings(settings_path, settings)
    # The writer truncates the rows file: only now that the lock is ours.
    return EvalRows(PerArticleWriter(out, types), (), 0, settings_path, lock)
