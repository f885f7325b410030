"""``summarize run``: print a summary of each article (text or JSONL; ``-o FILE`` with ``--resume``)."""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from typing import Any

from summarize.cli.common import (
    UsageError,
    announce,
    batch_config,
    finish,
    progress,
    read_items,
    summarizer_from,
    warn,
    warn_if_empty,
)
from summarize.cli.exit_codes import exit_codes
from summarize.cli.options import PROG, add_batch_options, add_input_options, add_method_options

__all__ = ["register", "run"]

_EXAMPLES = """examples:
  summarize run seeds/000_eee3009524595d1e.txt
  summarize run articles/ --sentences 2 --format jsonl > summaries.jsonl
  cat article.txt | summarize run - --words 60
  summarize run data.csv --article-field text --method lead
"""


def register(commands: Any) -> None:
    """Add the ``run`` parser to ``commands`` (the top-level sub-parsers)."""
    parser = commands.add_parser("run", help="print a summary of each article",
                                 description="Summarize articles; prints one sentence per line.",
                                 epilog=_EXAMPLES + exit_codes("run"),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_options(parser)
    add_batch_options(parser)
    add_method_options(parser)
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=("text", "jsonl"), default="text",
                     help="text: sentences one per line; jsonl: {id, index, summary, selected} per article, "
                          "{id or line, index, error} per failed record")
    out.add_argument("-o", "--output", metavar="FILE",
                     help="write to FILE (via FILE.partial, renamed when complete) instead of stdout")
    out.add_argument("--resume", action="store_true",
                     help="continue an interrupted --output FILE run (--format jsonl): no record lost or repeated")
    out.add_argument("--force", action="store_true", help="overwrite an existing --output FILE")
    out.add_argument("--fail-fast", action="store_true", help="stop at the first record that fails")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``summarize run``; returns the exit code."""
    from functools import partial

    from summarize.cli.output import interrupted_note, open_output, run_records
    from summarize.experiment.batch import WorkerDied, ordered_map
    from summarize.experiment.run import summarize_record

    summarizer = summarizer_from(args)
    try:
        output = open_output(args, sys.stdout, summarizer.get_params())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    # Records already in a resumed output are read again (to keep count) but not announced or summarized.
    records = enumerate(announce(itertools.islice(read_items(args), output.done, None), summarizer), start=output.done)
    results = ordered_map(partial(summarize_record, summarizer), records, batch_config(args))
    try:
        n_ok, n_bad, stopped = run_records(
            progress(results, args, "summarizing"), output, fmt=args.format, headers=_many_records(args),
            fail_fast=args.fail_fast, warn=warn,
            check=lambda result: warn_if_empty(result.id, result.sentences, args) if result.n_source else None)
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP
        output.close()  # the .partial file stays for --resume
        print(f"{PROG}: {interrupted_note(output, args.format == 'jsonl')}", file=sys.stderr)
        raise
    except WorkerDied as exc:
        output.close()
        print(f"{PROG}: error: {exc.describe(output.done)}; "
              f"{interrupted_note(output, args.format == 'jsonl', 'the failure')}",
              file=sys.stderr)
        return 1
    except BaseException:
        output.close()  # the .partial file stays for --resume
        raise
    if stopped:
        output.close()
        print(f"{PROG}: error: stopped at the first failed record (--fail-fast)", file=sys.stderr)
        return finish(n_ok + output.done - output.done_failed, n_bad + output.done_failed, "summarized")
    output.commit()
    return finish(n_ok + output.done - output.done_failed, n_bad + output.done_failed, "summarized")


def _many_records(args: argparse.Namespace) -> bool:
    """True unless the input is one plain-text or .story article (then no "# id" headers)."""
    from summarize.io.readers import detect_format, sniff_stdin_format

    if len(args.paths) != 1 or os.path.isdir(args.paths[0]):
        return True
    fmt = args.input_format
    if fmt == "auto":
        # Sniff stdin as the reader will: JSONL piped in holds many records.
        fmt = sniff_stdin_format() if args.paths[0] == "-" else detect_format(args.paths[0])
    return fmt not in ("text", "story")
