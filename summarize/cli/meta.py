"""``summarize meta``: how well ROUGE agrees with human judgments (system and summary level)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from summarize.cli.common import UsageError, rouge_configs, warn
from summarize.cli.exit_codes import exit_codes
from summarize.cli.options import add_rouge155_option, add_rouge_options

__all__ = ["RESAMPLING", "cmd_meta", "register", "run"]

RESAMPLING = ("systems", "documents", "both")  # eval.meta.RESAMPLING, without importing numpy
# Per-record problems printed on stderr before the rest are only counted.
_MAX_RECORD_WARNINGS = 20

_EXAMPLES = """examples:
  summarize meta ../shared/data/summeval/summeval_docs.jsonl.gz              # SummEval, detected
  summarize meta summeval_docs.jsonl.gz --metrics rouge1_f,rouge2_f,rougeL_f --format json
  summarize meta judgments.jsonl --scores-field human --dimensions overall   # one line per summary
  summarize meta summeval_docs.jsonl.gz --resample systems --bootstrap 2000 --multi-ref mean
  summarize meta summeval_docs.jsonl.gz --rouge155 "-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m"
                                              # ROUGE-1.5.5's measures (ROUGE-1_f ...) beside rouge-score's

input: one JSON object per line (.gz ok), either one document with a list of per-system
entries (SummEval: id, references, systems: [{model_id, decoded, expert_mean: {...}}]) or
one (document, system) pair per line (doc_id, system, summary, references, scores: {...}).
"""


def register(commands: Any) -> None:
    """Add the ``meta`` parser to ``commands`` (the top-level sub-parsers)."""
    meta = commands.add_parser(
        "meta", help="correlate ROUGE with human judgments (Kendall, Spearman, Pearson)",
        description="Meta-evaluate ROUGE against human scores of many systems' summaries of the same "
                    "documents: system-level and summary-level Kendall tau-b, Spearman and Pearson "
                    "correlations with bootstrap confidence intervals (Deutsch, Dror & Roth, 2021).",
        epilog=_EXAMPLES + exit_codes("meta"), formatter_class=argparse.RawDescriptionHelpFormatter)
    meta.add_argument("paths", nargs="+", metavar="PATH", help="judgment files (.jsonl, .jsonl.gz)")
    group = meta.add_argument_group("input (each field option takes a comma list of fall-backs)")
    group.add_argument("--layout", choices=("auto", "nested", "flat"), default="auto",
                       help="nested: one document per line with a systems list; flat: one summary per line "
                            "(default: per line, nested when it has the systems list)")
    for option, default, what in (
        ("system", "system,model_id", "system id"),
        ("doc", "doc_id,id", "document id"),
        ("summary", "summary,decoded", "summary: a string or a list of sentences"),
        ("references", "references", "list of references (strings or sentence lists)"),
        ("scores", "scores,expert_mean", "object of human score name -> number"),
    ):
        group.add_argument(f"--{option}-field", default=default, metavar="NAMES",
                           help=f"record field of the {what} (default: {default})")
    group.add_argument("--systems-field", default="systems", metavar="NAME",
                       help="nested layout: the list of per-system entries (default: systems)")
    group.add_argument("--dimensions", metavar="NAMES",
                       help="comma list of human scores to correlate with (default: all in the first record)")
    ev = meta.add_argument_group("meta-evaluation")
    ev.add_argument("--metrics", metavar="NAMES",
                    help="comma list such as rouge1_f,rouge2_r,rougeLsum_p (_p/_r/_f: precision, recall, F1; "
                         "a bare type such as rougeL means all three), and/or reference-free measures of the "
                         "summary beside its article: words, compression, coverage, density, novel_1, novel_2, "
                         "novel_3, redundancy, flesch, position (default: every --rouge-types type x _p,_r,_f)")
    ev.add_argument("--resample", choices=RESAMPLING, default="both",
                    help="what each bootstrap resample draws with replacement (default: both, independently)")
    ev.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="report format")
    ev.add_argument("--seed", type=int, help="bootstrap seed (default 12345)")
    add_rouge_options(ev)
    add_rouge155_option(ev)
    meta.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``summarize meta``; returns the exit code."""
    rouge, bootstrap = rouge_configs(args)
    try:
        return cmd_meta(args, sys.stdout, rouge=rouge, bootstrap=bootstrap, warn=warn)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _comma(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = tuple(n.strip() for n in text.split(",") if n.strip())
    if not names:
        raise ValueError("--dimensions: give at least one human score name")
    return names


def cmd_meta(args: argparse.Namespace, out: TextIO, *, rouge: Any, bootstrap: Any,
             warn: Callable[[str], None]) -> int:
    """Run ``summarize meta``; returns the exit code.

    Bad option values raise ``ValueError`` (usage errors, exit 2) before any
    file is read; unusable records are reported on stderr one by one; exit
    code 1 when nothing usable is left.
    """
    from dataclasses import replace

    from eval.meta.correlate import meta_evaluate, meta_signature
    from eval.meta.data import (
        FieldNames,
        UnknownDimensionError,
        collect_judgments,
        is_rouge_metric,
        parse_metrics,
        rouge155_metrics,
        rouge_types_of,
    )
    from eval.rouge.score import RougeConfig
    from summarize.text.sentences import split_sentences

    # Options first: every ValueError up to here is a usage error.
    metrics = parse_metrics(args.metrics, rouge.types)
    config155 = None
    if getattr(args, "rouge155", None) is not None:
        from summarize.cli.rouge155 import rouge155_config

        config155 = rouge155_config(args, exclusive=False)
        metrics += rouge155_metrics(config155)
    dimensions = _comma(args.dimensions)
    fields = FieldNames(system=args.system_field, document=args.doc_field, summary=args.summary_field,
                        references=args.references_field, scores=args.scores_field, systems=args.systems_field)
    types = rouge_types_of(metrics)  # --metrics decides which ROUGE types are computed
    rouge = replace(rouge, types=types) if types else None

    shown = 0

    def on_error(error: Any) -> None:
        nonlocal shown
        shown += 1
        if shown <= _MAX_RECORD_WARNINGS:
            warn(f"skipped {error}")

    try:
        collection = collect_judgments(_records(args.paths, fields, args.layout, warn), metrics=metrics,
                                       rouge=rouge or RougeConfig(), dimensions=dimensions, on_error=on_error,
                                       split=split_sentences, rouge155=config155)
    except UnknownDimensionError as exc:  # a mistyped name: one usage error, not one warning per record
        print(f"summarize: error: {exc}", file=sys.stderr)
        return 2
    if collection.errors:
        more = f"; the first {_MAX_RECORD_WARNINGS} are shown above" if shown > _MAX_RECORD_WARNINGS else " (see above)"
        warn(f"{collection.errors} record(s) skipped, {collection.used} used{more}")
    if collection.incomplete:
        listed = ", ".join(collection.incomplete[:5]) + (" ..." if len(collection.incomplete) > 5 else "")
        warn(f"{len(collection.incomplete)} document(s) left out: not judged for every system ({listed})")
    if collection.judgments is None:
        print(f"summarize: error: nothing to meta-evaluate: {collection.reason}", file=sys.stderr)
        return 1
    report = meta_evaluate(collection.judgments, resample=args.resample, bootstrap=bootstrap)
    measures = [m for m in metrics if not is_rouge_metric(m) and not m.startswith("ROUGE-")]
    signature = meta_signature(_metric_signature(rouge, measures, bootstrap), args.resample)
    if config155 is not None:
        signature += f"|rouge155:{config155.flags}"
    skipped = max((r.skipped for r in report.summary_level), default=0)
    if skipped:
        warn(f"summary level: up to {skipped} document(s) per metric and dimension have constant scores "
             "across systems (correlation undefined) and are left out of the average")
    if args.format == "json":
        out.write(json.dumps({**report.to_dict(), "signature": signature}, indent=2) + "\n")
    else:
        out.write(_render(report, signature, markdown=args.format == "markdown"))
    return 1 if collection.errors else 0  # as every command: 1 when some records failed


def _metric_signature(rouge: Any, measures: list[str], bootstrap: Any) -> str:
    """The ROUGE signature (when ROUGE is used) plus the measures used, e.g. ``...|measures:words,flesch``."""
    from eval.signature import Signature, package_versions
    from summarize.text.sentences import SPLITTER_NAME

    if rouge is not None:
        base = str(Signature.create(rouge, bootstrap, splitter=SPLITTER_NAME, reference="given"))
    else:
        base = (f"split:{SPLITTER_NAME}|boot:{bootstrap.n_samples}|ci:{bootstrap.confidence * 100:g}"
                f"|seed:{bootstrap.seed}|v:{package_versions()}")
    return base + (f"|measures:{','.join(measures)}" if measures else "")


def _records(paths: Iterable[str], fields: Any, layout: str, warn: Callable[[str], None]) -> Iterator[Any]:
    from eval.meta.data import read_judgments

    for path in paths:
        yield from read_judgments(path, fields=fields, layout=layout, warn=warn)


def _num(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:+.4f}"


def _ci(low: float, high: float) -> str:
    return f"[{_num(low)}, {_num(high)}]"


def _render(report: Any, signature: str, *, markdown: bool) -> str:
    """Text or Markdown tables, one per level."""
    from eval.report.markdown import markdown_table

    b = report.bootstrap
    how = {"both": "systems and documents", "systems": "systems", "documents": "documents"}[report.resample]
    ci = f"{b.confidence * 100:g}% CI"
    intro = {
        "system": f"System level: correlation across {report.n_systems} systems of their mean scores over "
                  f"{report.n_documents} documents",
        "summary": f"Summary level: per-document correlation across the {report.n_systems} systems' summaries, "
                   f"averaged over documents",
    }
    header = ["metric", "dimension", "Kendall tau-b", ci, "Spearman", ci, "Pearson", ci]
    lines: list[str] = []
    for level in ("system", "summary"):
        results = report.results(level)
        extra = ["docs"] if level == "summary" else []
        rows = [[r.metric, r.dimension,
                 _num(r.estimate.kendall), _ci(r.low.kendall, r.high.kendall),
                 _num(r.estimate.spearman), _ci(r.low.spearman, r.high.spearman),
                 _num(r.estimate.pearson), _ci(r.low.pearson, r.high.pearson)]
                + ([f"{r.n}" + (f" ({r.skipped} skipped)" if r.skipped else "")] if level == "summary" else [])
                for r in results]
        cols = header + extra
        if markdown:
            lines += [f"## {intro[level]}", "", *markdown_table(cols, rows, left_columns=2)]
        else:
            widths = [max(len(str(x)) for x in col) for col in zip(cols, *rows)]
            lines += [intro[level], "  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                                              for i, (c, w) in enumerate(zip(cols, widths)))]
            lines += ["  ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
                      for row in rows]
        lines.append("")
    note = (f"{ci}: percentile bootstrap, {b.n_samples} resamples of {how} (seed {b.seed}); "
            "Kendall tau-b, Spearman rho and Pearson r as scipy.stats computes them.")
    if markdown:
        lines += [note, "", f"Signature: `{signature}`", ""]
    else:
        lines += [note, f"signature: {signature}", ""]
    return "\n".join(lines)
