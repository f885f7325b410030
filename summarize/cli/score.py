"""``summarize score``: exact ROUGE of summaries that already exist (like files2rouge, but exact)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any, TextIO

from summarize.cli.common import UsageError, check_out_dir, render_report, rouge_configs, warn
from summarize.cli.exit_codes import exit_codes
from summarize.cli.options import add_rouge155_option, add_rouge_options

__all__ = ["cmd_score", "register", "run"]

_EXAMPLES = """examples:
  summarize score system.jsonl references.jsonl                 # matched by "id"; "summary": str or list
  summarize score system.jsonl references.jsonl --format jsonl  # one line per pair
  summarize score system.txt reference.txt --sentence-sep "<q>" # line-aligned, PreSumm-style
  summarize score system.jsonl references.jsonl --rouge155 "-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m"
                                                   # ROUGE-1.5.5's numbers, flags as the Perl script takes them
"""


def register(commands: Any) -> None:
    """Add the ``score`` parser to ``commands`` (the top-level sub-parsers)."""
    score = commands.add_parser(
        "score", help="ROUGE of existing summaries against references",
        description="Score existing summaries (any system's) against references with exact rouge-score "
                    "numbers: JSONL files matched by id, or line-aligned text files.",
        epilog=_EXAMPLES + exit_codes("score"), formatter_class=argparse.RawDescriptionHelpFormatter)
    score.add_argument("candidates", metavar="CANDIDATES", help="system summaries (.jsonl[.gz] or text lines)")
    score.add_argument("references", metavar="REFERENCES", help="references, same layout")
    group = score.add_argument_group("input")
    group.add_argument("--layout", choices=("auto", "jsonl", "lines"), default="auto",
                       help="jsonl (by id) or lines (line-aligned); default: by the CANDIDATES suffix")
    group.add_argument("--id-field", default="id", metavar="NAME", help="JSONL id field (default: id)")
    group.add_argument("--summary-field", default="summary", metavar="NAME",
                       help="JSONL summary field: a string or a list of sentences (default: summary)")
    group.add_argument("--references-field", default="references", metavar="NAME",
                       help="optional list of alternative references in a reference record (default: references)")
    group.add_argument("--sentence-sep", metavar="SEP",
                       help="sentence separator inside a line or string summary, e.g. '<q>' "
                            "(default: the toolkit's sentence splitter)")
    group.add_argument("--system-field", metavar="NAME",
                       help="with --rouge155: the JSONL candidates hold several systems' summaries, each naming "
                            "its system in this field; each system is scored and averaged on its own, as the "
                            "script's -a does")
    group.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    ev = score.add_argument_group("evaluation")
    ev.add_argument("--format", choices=("text", "json", "jsonl", "markdown"), default="text",
                    help="text/json/markdown aggregate, "
                         "or jsonl: {id, rouge1: {precision, recall, fmeasure}, ...} per pair")
    ev.add_argument("--out", metavar="DIR", help="also write the report files (as eval --out)")
    ev.add_argument("--force", action="store_true", help="overwrite report files in --out")
    ev.add_argument("--seed", type=int, help="bootstrap seed (default 12345)")
    add_rouge_options(ev)
    add_rouge155_option(ev)
    score.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``summarize score``; returns the exit code."""
    if args.rouge155 is not None:
        from summarize.cli.rouge155 import cmd_score_rouge155

        return cmd_score_rouge155(args, sys.stdout)
    if args.system_field is not None:
        raise UsageError("--system-field needs --rouge155 (several systems in one file, scored as the "
                         "ROUGE-1.5.5 script's -a does)")
    rouge, bootstrap = rouge_configs(args)
    if args.out:
        check_out_dir(args.out, args.force)
    try:
        return cmd_score(args, sys.stdout, rouge=rouge, bootstrap=bootstrap, warn=warn,
                         render=lambda report: render_report(report, args, sys.stdout))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_score(args: argparse.Namespace, out: TextIO, *, rouge: Any, bootstrap: Any,
              warn: Callable[[str], None], render: Callable[[Any], int]) -> int:
    """Run ``summarize score``; returns the exit code."""
    from eval.signature import Signature
    from summarize.experiment.score import score_report
    from summarize.io.pairs import pair_files
    from summarize.text.sentences import SPLITTER_NAME

    pairs, issues = pair_files(args.candidates, args.references, layout=args.layout, id_field=args.id_field,
                               summary_field=args.summary_field, references_field=args.references_field,
                               sentence_sep=args.sentence_sep, warn=warn)
    for issue in issues:
        warn(issue.message)
    splitter = f"sep:{args.sentence_sep}" if args.sentence_sep else SPLITTER_NAME
    signature = Signature.create(rouge, bootstrap, splitter=splitter, reference="given")
    jsonl = args.format == "jsonl"
    # Failed records get a JSONL line too, after the scored ones. Per-pair results are kept for --out's
    # files only, and the aggregate is computed only where it is shown (not for JSONL alone).
    report = score_report(pairs, issues, rouge, bootstrap, signature,
                          system={"method": "given summaries", "candidates": args.candidates,
                                  "references": args.references},
                          rows=out.write if jsonl else None, keep_results=bool(args.out),
                          aggregate=not jsonl or bool(args.out), warn=warn)
    if jsonl:
        print(f"signature: {report.signature}", file=sys.stderr)  # stdout holds only the JSONL rows
    return render(report)
