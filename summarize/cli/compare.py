"""``summarize compare``: several systems on the same articles, with CIs and paired significance tests."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from eval.extras import require
from summarize.cli.common import (
    UsageError,
    announce,
    batch_config,
    check_html_path,
    finish,
    progress,
    read_items,
    reference_spec,
    rouge_configs,
    summarizer_from,
    warn,
)
from summarize.cli.exit_codes import exit_codes
from summarize.cli.options import (
    METHOD_NAMES,
    PROG,
    add_batch_options,
    add_input_options,
    add_method_options,
    add_rouge155_option,
    add_rouge_options,
)
from summarize.experiment.batch import WorkerDied

__all__ = ["MEASURE_NAMES", "REPORT_EXAMPLES", "add_parser", "cmd_compare", "register", "run"]

# eval.measures.MEASURE_NAMES, without importing numpy for --help (a test checks they agree).
MEASURE_NAMES = ("words", "compression", "coverage", "density", "novel_1", "novel_2", "novel_3", "redundancy",
                 "flesch", "position")

_EXAMPLES = """examples:
  summarize compare articles.jsonl                              # tfidf vs lead (the baseline is the first)
  summarize compare articles.jsonl --systems lead,tfidf,random --format markdown
  summarize compare articles.jsonl --summaries bart=bart.jsonl --html report.html
  summarize compare docs.jsonl --systems lead --summaries mine=out.jsonl --measures coverage,density,novel_2
  summarize compare docs.jsonl --rouge155 "-c 95 -r 1000 -n 2 -a -m"   # also ROUGE-1.5.5's numbers and tests
"""


REPORT_EXAMPLES = """examples:
  summarize report articles.jsonl                                  # tfidf and lead -> report.html
  summarize report articles.jsonl --summaries bart=bart.jsonl --html bart.html --force
"""


def register(commands: Any) -> None:
    """Add the ``compare`` parser to ``commands`` (the top-level sub-parsers)."""
    add_parser(commands, "compare").set_defaults(run=run)


def add_parser(commands: Any, name: str) -> argparse.ArgumentParser:
    """The parser of ``compare`` or ``report`` (``report`` = ``compare`` writing ``--html report.html``)."""
    report = name == "report"
    parser = commands.add_parser(
        name,
        help=("write a self-contained HTML evaluation report (compare with --html report.html)" if report else
              "compare systems: ROUGE and quality measures with CIs, paired tests, HTML report"),
        description=("Write a self-contained HTML report. " if report else "")
        + "Summarize the same articles with several systems (ours and/or external summaries) and "
          "compare them: a systems x measures table with bootstrap CIs, and paired bootstrap and "
          "permutation tests of each system against the baseline.",
        epilog=(REPORT_EXAMPLES if report else _EXAMPLES) + exit_codes("report" if report else "compare"),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_options(parser)
    add_batch_options(parser)
    add_method_options(parser, with_method=False)
    group = parser.add_argument_group("systems")
    group.add_argument("--systems", default="tfidf,lead", metavar="METHODS",
                       help="comma list of our methods (tfidf, lead, random, oracle) or none (default: %(default)s); "
                            "the summarizer options above apply to each")
    group.add_argument("--summaries", action="append", default=[], metavar="NAME=FILE",
                       help="an external system: JSONL with id and summary (string or list of sentences), "
                            "matched to the articles by id; repeatable")
    group.add_argument("--baseline", metavar="NAME", help="system the others are tested against (default: the first)")
    group.add_argument("--measures", default=",".join(MEASURE_NAMES), metavar="NAMES",
                       help="quality measures besides ROUGE, comma list or none (default: all: %(default)s)")
    group.add_argument("--permutations", type=int, default=10000, metavar="R",
                       help="rounds of the permutation test (default 10000)")
    out = parser.add_argument_group("output")
    out.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="table format")
    out.add_argument("--html", metavar="FILE", default="report.html" if report else None,
                     help="write a self-contained HTML report" + (" (default: %(default)s)" if report else ""))
    out.add_argument("--html-articles", type=int, default=200, metavar="N",
                     help="articles in the HTML report's per-article table and view (default 200; the aggregate "
                          "tables, tests and plots use every article)")
    out.add_argument("--force", action="store_true", help="overwrite an existing --html file")
    add_rouge_options(out)
    add_rouge155_option(out)
    return parser



def run(args: argparse.Namespace) -> int:
    """Run ``summarize compare`` (and ``summarize report``); returns the exit code."""
    rouge, bootstrap = rouge_configs(args)
    if args.html:
        check_html_path(args.html, args.force)
        require("matplotlib", "plots", "The HTML report")  # before the work, not after
    systems = {}
    for name in [n.strip() for n in args.systems.split(",") if n.strip() and n.strip() != "none"]:
        if name not in METHOD_NAMES:
            raise UsageError(f"--systems: unknown method {name!r}; choose from {', '.join(METHOD_NAMES)}")
        systems[name] = summarizer_from(args, name)
    try:
        # Reading warnings as in run/eval; the short-article warning follows the first of our systems.
        first = next(iter(systems.values()), None)
        return cmd_compare(args, sys.stdout, systems=systems,
                           items=progress(announce(read_items(args), first), args, "comparing"),
                           rouge=rouge, bootstrap=bootstrap, reference=str(reference_spec(args)),
                           batch=batch_config(args), warn=warn, finish=finish)
    except WorkerDied as exc:
        print(f"{PROG}: error: {exc}; nothing was written (compare keeps no partial results): run it again",
              file=sys.stderr)
        return 1
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_compare(args: argparse.Namespace, out: TextIO, *, systems: dict[str, Any], items: Iterable[Any],
                rouge: Any, bootstrap: Any, reference: str, batch: Any, warn: Callable[[str], None],
                finish: Callable[[int, int, str], int]) -> int:
    """Run ``summarize compare``; returns the exit code.  Bad settings raise ``ValueError``."""
    from eval.report.compare import render_compare_markdown, render_compare_text
    from summarize.experiment.compare import compare
    from summarize.io.pairs import read_summaries

    external: dict[str, dict[str, Any]] = {}
    unreadable = 0  # records of --summaries files that could not be read: a data error (exit 1) as elsewhere
    for spec in args.summaries:
        name, sep, path = spec.partition("=")
        if not sep or not name or not path:
            raise ValueError(f"--summaries {spec!r}: expected NAME=FILE, e.g. bart=bart.jsonl")
        if name in systems:
            raise ValueError(f"--summaries {spec!r}: the system name {name!r} is already used")
        try:
            summaries, issues = read_summaries(path, warn=warn)
        except FileNotFoundError:
            raise FileNotFoundError(f"--summaries {spec}: no such file {path}") from None
        for issue in issues:
            warn(issue.message)
        unreadable += len(issues)
        systems[name] = external[name] = summaries
    if args.permutations < 1:
        raise ValueError(f"--permutations must be a positive integer, got {args.permutations}")
    if args.html_articles < 0:
        raise ValueError(f"--html-articles must be >= 0, got {args.html_articles}")
    measures = [m.strip() for m in args.measures.split(",") if m.strip() and m.strip() != "none"]
    seen_ids: set[str] = set()
    if external:
        items = _noting_ids(items, seen_ids)
    collector = None
    if getattr(args, "rouge155", None) is not None:
        from summarize.cli.rouge155 import CompareCollector, rouge155_config

        collector = CompareCollector(rouge155_config(args, exclusive=False))
    result = compare(items, systems, rouge=rouge, bootstrap=bootstrap, measures=measures, baseline=args.baseline,
                     n_permutations=args.permutations, reference=reference, keep_articles=args.html_articles,
                     batch=batch, on_result=collector)
    extra = None
    if collector is not None and result.n_compared:
        from eval.rouge155.report import signature as rouge155_signature
        from summarize.text.sentences import SPLITTER_NAME

        extra = collector.report(result.baseline, bootstrap, args.permutations,
                                 rouge155_signature(collector.config, SPLITTER_NAME))
    for name, summaries in external.items():  # summaries no article asked for are otherwise invisible
        unmatched = [k for k in summaries if k not in seen_ids]
        if unmatched:
            listed = ", ".join(map(repr, unmatched[:3])) + (" ..." if len(unmatched) > 3 else "")
            warn(f"--summaries {name}: {len(unmatched)} of {len(summaries)} summaries match no article id "
                 f"({listed}); check that both files use the same ids")
    if args.format == "json":
        out.write(json.dumps({**result.to_dict(), **({"rouge155": extra} if extra else {})}, indent=2) + "\n")
    elif args.format == "markdown":
        out.write(render_compare_markdown(result))
    else:
        out.write(render_compare_text(result) + "\n")
    if extra and args.format != "json":
        from summarize.cli.rouge155 import render_compare_rouge155

        out.write("\n" + render_compare_rouge155(extra, collector.config if collector else None, args.format))
    if args.html:
        from eval.report.compare import comparison_report_data
        from eval.report.html import write_html

        write_html(comparison_report_data(result, title="summarize compare"), args.html, force=args.force)
    if not result.n_compared:
        first = result.skipped[0] if result.skipped else None
        print(f"summarize: error: no article could be compared; "
              f"{first[1] + ': ' + first[2] if first else 'no records'}", file=sys.stderr)
        return 1
    code = finish(result.n_compared, len(result.skipped), "compared")  # summary line; 1 if any record failed
    if unreadable:
        print(f"summarize: {unreadable} record(s) of the --summaries file(s) could not be read (see above)",
              file=sys.stderr)
        return 1
    return code


def _noting_ids(items: Iterable[Any], seen: set[str]) -> Iterator[Any]:
    """``items`` unchanged, adding the id of each article to ``seen`` as it passes."""
    for item in items:
        identifier = getattr(item, "id", None)
        if identifier is not None:
            seen.add(str(identifier))
        yield item
