"""Command-line interface: ``main`` and the commands (the parser is :mod:`summarize.cli_parser`).

The CLI only parses options, builds configuration objects, calls the library
and renders.  Heavy libraries are imported inside the commands so that
``summarize --help`` answers at once.
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from summarize.text.article import ReferenceSpec
    from summarize.io.readers import Item

from summarize.cli.parser import DEFAULT_SEED, METHOD_NAMES, PROG, build_parser

__all__ = ["main", "build_parser"]


class UsageError(Exception):
    """Bad option values: reported as ``summarize: error: ...`` with exit code 2."""


def _rouge_configs(args: argparse.Namespace) -> tuple[Any, Any]:
    """``(RougeConfig, BootstrapConfig)`` from the shared options; bad values are usage errors."""
    from eval.stats.bootstrap import BootstrapConfig
    from eval.rouge.score import RougeConfig

    try:
        rouge = RougeConfig(types=tuple(t.strip() for t in args.rouge_types.split(",") if t.strip()),
                            use_stemmer=not args.no_stem, multi_ref=args.multi_ref,
                            tokenizer=getattr(args, "tokenizer", "rouge-score"))
        return rouge, BootstrapConfig(n_samples=args.bootstrap, confidence=args.confidence, seed=_seed(args))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _seed(args: argparse.Namespace) -> int:
    return DEFAULT_SEED if args.seed is None else args.seed


def _summarizer(args: argparse.Namespace, method: str | None = None) -> Any:
    """The validated summarizer: defaults < ``--config FILE`` < explicit command-line options.

    ``method`` overrides ``--method`` (``compare`` builds several systems from one set of options).
    """
    from summarize.models.config import SummarizerConfig, load_config, method_parameters

    try:
        config = load_config(args.config) if args.config else SummarizerConfig()
        overrides: dict[str, Any] = {}
        if args.sentences is not None or args.words is not None or args.ratio is not None:
            overrides.update(n_sentences=args.sentences, max_words=args.words, ratio=args.ratio)
        if args.seed is not None or "random_state" not in config.params:
            overrides["random_state"] = _seed(args)
        for name in ("scoring", "position_weight", "redundancy", "min_sentence_words", "max_sentence_words",
                     "block_ngrams", "model"):
            if getattr(args, name) is not None:
                overrides[name] = getattr(args, name)
        method = method or getattr(args, "method", None) or config.method
        # Another --method keeps the config's settings that it understands (e.g. the budget).
        accepted = method_parameters(method)
        params = {key: value for key, value in config.params.items() if key in accepted}
        return SummarizerConfig(method, params).build(**overrides)
    except (TypeError, ValueError) as exc:
        raise UsageError(str(exc)) from None


def _reference_spec(args: argparse.Namespace) -> "ReferenceSpec":
    from summarize.text.article import parse_reference_spec

    try:
        return parse_reference_spec(args.reference)
    except ValueError as exc:
        raise UsageError(f"--reference: {exc}") from None


def _items(args: argparse.Namespace) -> Iterator["Item"]:
    from summarize.io.readers import FieldNames, read_articles

    spec = _reference_spec(args)
    fields = FieldNames(args.article_field, args.summary_field, args.references_field, args.title_field, args.id_field)
    items = read_articles(args.paths, input_format=args.input_format, fields=fields, reference=spec,
                          max_article_chars=getattr(args, "max_article_chars", None) or None)
    if getattr(args, "tokenizer", None) == "rouge-score":  # commands that score with ROUGE
        from summarize.experiment.evaluate import warn_non_ascii_articles

        return warn_non_ascii_articles(items)
    return items


def _progress(items: Iterable[Any] | None, args: argparse.Namespace, desc: str, *,
              total: int | None = None, unit: str = " articles") -> Any:
    from tqdm import tqdm

    # No monitor thread: batch workers are forked, and forking a threaded process can deadlock.
    tqdm.monitor_interval = 0
    # disable=None: shown only when stderr is a terminal, so logs and pipes stay clean.
    return tqdm(items, desc=desc, unit=unit, total=total, file=sys.stderr, leave=False,
                disable=True if args.no_progress else None)


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _cmd_run(args: argparse.Namespace, out: TextIO) -> int:
    from functools import partial

    from summarize.experiment.batch import ordered_map
    from summarize.experiment.run import summarize_record
    from summarize.cli.run import open_output, run_records

    summarizer = _summarizer(args)
    try:
        output = open_output(args, out, summarizer.get_params())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    # Records already in a resumed output are read again (to keep count) but not announced or summarized.
    records = enumerate(_announce(itertools.islice(_items(args), output.done, None), summarizer), start=output.done)
    results = ordered_map(partial(summarize_record, summarizer), records, _batch_config(args))
    try:
        n_ok, n_bad, stopped = run_records(
            _progress(results, args, "summarizing"), output, fmt=args.format, headers=_many_records(args),
            fail_fast=args.fail_fast, warn=_warn,
            check=lambda result: _warn_if_empty(result.id, result.sentences, args) if result.n_source else None)
    except BaseException:
        output.close()  # the .partial file stays for --resume
        raise
    if stopped:
        output.close()
        print(f"{PROG}: error: stopped at the first failed record (--fail-fast)", file=sys.stderr)
        return _finish(n_ok + output.done - output.done_failed, n_bad + output.done_failed, "summarized")
    output.commit()
    return _finish(n_ok + output.done - output.done_failed, n_bad + output.done_failed, "summarized")


def _finish(n_ok: int, n_bad: int, done: str) -> int:
    """The run's summary line on stderr (for batches and failures) and the exit code: 0, or 1 if any record failed."""
    total = n_ok + n_bad
    if total == 0:
        print(f"{PROG}: error: no input records", file=sys.stderr)
        return 1
    if total > 1 or n_bad:
        print(f"{PROG}: {total} record{'s' if total != 1 else ''}: {n_ok} {done}, {n_bad} failed", file=sys.stderr)
    return 1 if n_bad else 0


def _batch_config(args: argparse.Namespace) -> Any:
    from summarize.experiment.batch import BatchConfig

    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask (the local engine has no scheduler)")
    try:
        return BatchConfig(jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _many_records(args: argparse.Namespace) -> bool:
    """True unless the input is one plain-text or .story article (then no "# id" headers)."""
    import os

    from summarize.io.readers import sniff_stdin_format, detect_format

    if len(args.paths) != 1 or os.path.isdir(args.paths[0]):
        return True
    fmt = args.input_format
    if fmt == "auto":
        # Sniff stdin as the reader will: JSONL piped in holds many records.
        fmt = sniff_stdin_format() if args.paths[0] == "-" else detect_format(args.paths[0])
    return fmt not in ("text", "story")


def _announce(items: Iterable["Item"], summarizer: Any = None) -> Iterator["Item"]:
    """Pass ``items`` through, warning on stderr about unreadable records, reading repairs and short articles.

    Warnings name the file and line (reports list skipped records by id only):
    record errors, then each of an article's :attr:`~summarize.article.Article.warnings`
    (encoding fall-backs, removed NUL bytes, repeated ids, text ROUGE cannot see).
    """
    from summarize.io.readers import RecordError

    wanted = summarizer.get_params()["n_sentences"] if summarizer is not None else None
    for item in items:
        if isinstance(item, RecordError):
            _warn(str(item))
            yield item
            continue
        for message in item.warnings:
            _warn(message)
        if wanted is not None and 0 < len(item.sentences) < wanted:
            _warn(f"{item.id}: only {len(item.sentences)} body sentence(s), fewer than --sentences {wanted}; "
                  f"the summary has at most {len(item.sentences)} (lower --sentences or use --ratio)")
        yield item


def _warn_if_empty(ident: str, summary: Sequence[str], args: argparse.Namespace) -> None:
    """An empty summary of a non-empty article can only come from a too small --words."""
    if not summary:
        _warn(f"{ident}: no sentence fits in --words {args.words}; the summary is empty (raise --words)")


class _FailFast(Exception):
    """Raised from a result callback to stop a batch at its first failed record (``--fail-fast``)."""


def _cmd_eval(args: argparse.Namespace, out: TextIO) -> int:
    from summarize.experiment.evaluate import evaluate

    from summarize.cli.evaluate import open_rows

    rouge, bootstrap = _rouge_configs(args)
    summarizer = _summarizer(args)
    if args.out:
        _check_out_dir(args.out, args.force)
    # The canonical spec, so that "closing,lead" and "lead, closing" sign alike.
    reference = str(_reference_spec(args))
    try:
        rows = open_rows(args, rouge.types, summarizer.get_params())  # per-article rows stream to disk: memory stays flat
    except ValueError as exc:
        raise UsageError(str(exc)) from None

    def check(result: Any) -> None:
        if result.scores is not None:
            _warn_if_empty(result.id, result.summary, args)
        elif args.fail_fast:
            raise _FailFast(f"{result.id}: {result.skipped}")
        if rows.writer is not None:
            rows.writer.write(result)

    try:
        with contextlib.ExitStack() as stack:
            if rows.writer is not None:
                stack.enter_context(rows.writer)  # closed (and kept for --resume) on any exit
            items = _announce(itertools.islice(_items(args), rows.done, None), summarizer)  # done: read, not redone
            report = evaluate(_progress(items, args, "evaluating"), summarizer, rouge=rouge, bootstrap=bootstrap,
                              reference=reference, on_result=check, batch=_batch_config(args), keep_results=False,
                              prior=rows.prior)
            return render_report(report, args, out, per_article=rows.finish())
    except _FailFast as exc:
        print(f"{PROG}: error: {exc}; stopped at the first failed record (--fail-fast)", file=sys.stderr)
        return 1


def render_report(report: Any, args: argparse.Namespace, out: TextIO, per_article: Any = None) -> int:
    """Print ``report`` in ``args.format``, write ``--out`` files; exit code 1 if any record failed.

    ``per_article``: a per-article CSV already streamed to disk (see
    :class:`eval.report.PerArticleWriter`), moved into ``--out``.
    """
    from eval.report.tables import render_markdown, render_text, write_report

    if args.format == "json":
        out.write(json.dumps(report.to_dict(), indent=2) + "\n")
    elif args.format == "markdown":
        out.write(render_markdown(report))
    elif args.format == "text":
        out.write(render_text(report) + "\n")
    if args.out:
        write_report(report, args.out, force=args.force, per_article=per_article)
    if not report.count:
        first = report.skipped[0] if report.skipped else None
        print(f"{PROG}: error: nothing could be scored; "
              f"{first.id if first else 'input'}: {first.skipped if first else 'no records'}", file=sys.stderr)
        return 1
    return _finish(report.count, len(report.skipped), "scored")


def _check_out_dir(out_dir: str, force: bool) -> None:
    """Fail before evaluating, not after, when ``--out`` cannot be written.

    :func:`eval.report.write_report` checks again when writing; this early
    check saves a long run whose report would then be refused.
    """
    import os

    from eval.report.tables import REPORT_FILES

    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise NotADirectoryError(f"--out {out_dir} exists and is not a directory")
    existing = [name for name in REPORT_FILES if os.path.exists(os.path.join(out_dir, name))]
    if existing and not force:
        raise FileExistsError(
            f"{out_dir} already holds {', '.join(existing)}; use --force to overwrite or pick another --out"
        )


def _cmd_score(args: argparse.Namespace, out: TextIO) -> int:
    from summarize.cli.score import cmd_score

    rouge, bootstrap = _rouge_configs(args)
    if args.out:
        _check_out_dir(args.out, args.force)
    try:
        return cmd_score(args, out, rouge=rouge, bootstrap=bootstrap, warn=_warn,
                         render=lambda report: render_report(report, args, out))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _cmd_compare(args: argparse.Namespace, out: TextIO) -> int:
    from summarize.cli.compare import cmd_compare

    rouge, bootstrap = _rouge_configs(args)
    if args.html:
        _check_html_path(args.html, args.force)
    systems = {}
    for name in [n.strip() for n in args.systems.split(",") if n.strip() and n.strip() != "none"]:
        if name not in METHOD_NAMES:
            raise UsageError(f"--systems: unknown method {name!r}; choose from {', '.join(METHOD_NAMES)}")
        systems[name] = _summarizer(args, name)
    try:
        # Reading warnings as in run/eval; the short-article warning follows the first of our systems.
        first = next(iter(systems.values()), None)
        return cmd_compare(args, out, systems=systems,
                           items=_progress(_announce(_items(args), first), args, "comparing"),
                           rouge=rouge, bootstrap=bootstrap, reference=str(_reference_spec(args)),
                           batch=_batch_config(args), warn=_warn, finish=_finish)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _check_html_path(path: str, force: bool) -> None:
    """Refuse an existing ``--html`` file before the work, not after (unless ``--force``)."""
    import os

    if os.path.isdir(path):
        raise IsADirectoryError(f"--html {path} is a directory; give a file name such as report.html")
    if os.path.exists(path) and not force:
        raise FileExistsError(f"{path} exists; use --force to overwrite or pick another --html path")


def _cmd_meta(args: argparse.Namespace, out: TextIO) -> int:
    from summarize.cli.meta import cmd_meta

    rouge, bootstrap = _rouge_configs(args)
    try:
        return cmd_meta(args, out, rouge=rouge, bootstrap=bootstrap, warn=_warn)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _cmd_tune(args: argparse.Namespace, out: TextIO) -> int:
    from summarize.cli.tune import cmd_tune

    def progress(items: Iterable[Any] | None, desc: str, total: int | None = None) -> Any:
        return _progress(items, args, desc, total=total, unit=" articles" if items is not None else " trials")

    try:
        return cmd_tune(args, out, items=_items(args), warn=_warn, progress=progress,
                        reference=str(_reference_spec(args)))
    except ValueError as exc:
        # Search space, split or study settings that cannot work: say what to fix.
        raise UsageError(str(exc)) from None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``); return the exit code.

    Exit codes: 0 success; 1 nothing could be processed or a file problem;
    2 invalid options.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    command = {"run": _cmd_run, "eval": _cmd_eval, "tune": _cmd_tune, "score": _cmd_score, "meta": _cmd_meta,
               "compare": _cmd_compare, "report": _cmd_compare}[args.command]
    try:
        return command(args, sys.stdout)
    except UsageError as exc:
        parser.exit(2, f"{PROG} {args.command}: error: {exc}\n")
    except BrokenPipeError:
        # `summarize run ... | head` closed the pipe: not an error for the user.
        return 0
    except OSError as exc:
        # Missing, unreadable or existing files: the message names the path.
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
