"""What the commands share at run time: configuration from options, reading, progress, warnings, exit codes.

Errors in option values raise :class:`UsageError` (exit code 2, reported by
:func:`summarize.cli.main.main`).  Heavy libraries are imported inside the
functions that use them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from summarize.cli.options import DEFAULT_SEED, PROG

if TYPE_CHECKING:
    from summarize.io.readers import Item
    from summarize.text.article import ReferenceSpec

__all__ = ["FailFast", "UsageError", "announce", "batch_config", "check_html_path", "check_out_dir",
           "check_writable_path", "finish",
           "progress", "read_items", "reference_spec", "render_report", "rouge_configs", "seed_of", "summarizer_from",
           "warn", "warn_if_empty"]


class UsageError(Exception):
    """Bad option values: reported as ``summarize: error: ...`` with exit code 2."""


def rouge_configs(args: argparse.Namespace) -> tuple[Any, Any]:
    """``(RougeConfig, BootstrapConfig)`` from the shared options; bad values are usage errors."""
    from eval.rouge.score import RougeConfig
    from eval.stats.bootstrap import BootstrapConfig

    try:
        rouge = RougeConfig(types=tuple(t.strip() for t in args.rouge_types.split(",") if t.strip()),
                            use_stemmer=not args.no_stem, multi_ref=args.multi_ref,
                            tokenizer=getattr(args, "tokenizer", "auto"), language=getattr(args, "language", "auto"))
        return rouge, BootstrapConfig(n_samples=args.bootstrap, confidence=args.confidence, seed=seed_of(args))
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def seed_of(args: argparse.Namespace) -> int:
    return DEFAULT_SEED if args.seed is None else args.seed


def summarizer_from(args: argparse.Namespace, method: str | None = None) -> Any:
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
            overrides["random_state"] = seed_of(args)
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


def reference_spec(args: argparse.Namespace) -> ReferenceSpec:
    from summarize.text.article import parse_reference_spec

    try:
        spec = parse_reference_spec(args.reference)
    except ValueError as exc:
        raise UsageError(f"--reference: {exc}") from None
    from dataclasses import replace

    return replace(spec, language=getattr(args, "language", "auto"))


def read_items(args: argparse.Namespace) -> Iterator[Item]:
    from summarize.io.readers import FieldNames, read_articles

    spec = reference_spec(args)
    fields = FieldNames(args.article_field, args.summary_field, args.references_field, args.title_field, args.id_field)
    items = read_articles(args.paths, input_format=args.input_format, fields=fields, reference=spec,
                          max_article_chars=getattr(args, "max_article_chars", None) or None)
    tokenizer = getattr(args, "tokenizer", None)  # None: a command that does not score with ROUGE
    if tokenizer == "rouge-score" or (tokenizer == "auto" and args.language == "en"):
        # rouge-score's tokenizer (asked for, or English's): letters outside ASCII are dropped
        from summarize.experiment.evaluate import warn_non_ascii_articles

        return warn_non_ascii_articles(items)
    return items


def progress(items: Iterable[Any] | None, args: argparse.Namespace, desc: str, *,
              total: int | None = None, unit: str = " articles") -> Any:
    from tqdm import tqdm

    # No monitor thread: batch workers are forked, and forking a threaded process can deadlock.
    tqdm.monitor_interval = 0
    # disable=None: shown only when stderr is a terminal, so logs and pipes stay clean.
    return tqdm(items, desc=desc, unit=unit, total=total, file=sys.stderr, leave=False,
                disable=True if args.no_progress else None)


def warn(message: str) -> None:
    """``summarize: warning: MESSAGE`` on stderr, one line: control characters (from ids, file names) escaped."""
    from summarize.io.record_ids import shown_id

    print(f"{PROG}: warning: {shown_id(message)}", file=sys.stderr)


def finish(n_ok: int, n_bad: int, done: str) -> int:
    """The run's summary line on stderr (for batches and failures) and the exit code: 0, or 1 if any record failed."""
    total = n_ok + n_bad
    if total == 0:
        print(f"{PROG}: error: no input records", file=sys.stderr)
        return 1
    if total > 1 or n_bad:
        print(f"{PROG}: {total} record{'s' if total != 1 else ''}: {n_ok} {done}, {n_bad} failed", file=sys.stderr)
    return 1 if n_bad else 0


def batch_config(args: argparse.Namespace) -> Any:
    from summarize.experiment.batch import BatchConfig

    if args.scheduler is not None and args.engine != "dask":
        raise UsageError("--scheduler needs --engine dask (the local engine has no scheduler)")
    if args.engine == "dask":
        from eval.extras import require

        require("dask.distributed", "dask", "--engine dask")  # before the work, not after
    try:
        return BatchConfig(jobs=args.jobs, engine=args.engine, scheduler=args.scheduler)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def announce(items: Iterable[Item], summarizer: Any = None) -> Iterator[Item]:
    """Pass ``items`` through, warning on stderr about unreadable records, reading repairs and short articles.

    Warnings name the file and line (reports list skipped records by id only):
    record errors, then each of an article's :attr:`~summarize.text.article.Article.warnings`
    (encoding fall-backs, removed NUL bytes, repeated ids, text ROUGE cannot see).
    """
    from summarize.io.readers import RecordError

    wanted = summarizer.get_params()["n_sentences"] if summarizer is not None else None
    for item in items:
        if isinstance(item, RecordError):
            warn(str(item))
            yield item
            continue
        for message in item.warnings:
            warn(message)
        if wanted is not None and 0 < len(item.sentences) < wanted:
            warn(f"{item.id}: only {len(item.sentences)} body sentence(s), fewer than --sentences {wanted}; "
                  f"the summary has at most {len(item.sentences)} (lower --sentences or use --ratio)")
        yield item


def warn_if_empty(ident: str, summary: Sequence[str], args: argparse.Namespace) -> None:
    """An empty summary of a non-empty article can only come from a too small --words."""
    if not summary:
        warn(f"{ident}: no sentence fits in --words {args.words}; the summary is empty (raise --words)")


class FailFast(Exception):
    """Raised from a result callback to stop a batch at its first failed record (``--fail-fast``)."""


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
    return finish(report.count, len(report.skipped), "scored")


def _file_kind(mode: int) -> str | None:
    """``None`` for a regular file or a directory, else what the file is ("a FIFO", "a character device", ...)."""
    import stat

    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    for test, kind in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def check_writable_path(path: str, option: str, *, directory: bool = False, example: str = "out.jsonl") -> None:
    """Refuse, before any work, an output path that could only fail or do harm when the results are written.

    * a path under a regular file (``-o notes.txt/out.jsonl``): said plainly, not ``[Errno 17] File exists``;
    * a file path ending with ``/`` (``-o nodir/``): it names a directory, not a file to create;
    * an existing device, FIFO or socket: outputs are written to a temporary file and renamed, which
      would replace the device node (``-o /dev/full --force``), so they are never written there.

    ``directory``: the path is a directory to create (``eval --out``); ``example``: a file name for the message.
    Raises ``NotADirectoryError``, ``IsADirectoryError`` or ``FileExistsError`` (exit code 1).
    """
    import os

    if not directory and path.endswith(("/", os.sep)) and not os.path.isdir(path):
        raise IsADirectoryError(f"{option} {path} ends with '/', so it names a directory (and there is none): "
                                f"give a file name, e.g. {path}{example}")
    # The nearest existing ancestor, named as the user wrote it.
    parent = os.path.dirname(path.rstrip("/" + os.sep)) or os.curdir
    while not os.path.lexists(parent) and os.path.dirname(parent) not in ("", parent):
        parent = os.path.dirname(parent)
    if os.path.exists(parent) and not os.path.isdir(parent):
        raise NotADirectoryError(f"{option} {path}: {parent} is a file, not a directory")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # does not exist (yet): fine
    kind = _file_kind(mode)
    if kind is not None:
        raise FileExistsError(f"{option} {path} is {kind}, not a regular file: outputs are written to a new file "
                              "and renamed into place, which would replace it; give a file path")


def check_out_dir(out_dir: str, force: bool) -> None:
    """Fail before evaluating, not after, when ``--out`` cannot be written.

    :func:`eval.report.tables.write_report` checks again when writing; this early
    check saves a long run whose report would then be refused.
    """
    import os

    from eval.report.tables import REPORT_FILES

    check_writable_path(out_dir, "--out", directory=True)
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        raise NotADirectoryError(f"--out {out_dir} exists and is not a directory")
    for name in REPORT_FILES:
        check_writable_path(os.path.join(out_dir, name), "--out")
    existing = [name for name in REPORT_FILES if os.path.exists(os.path.join(out_dir, name))]
    if existing and not force:
        raise FileExistsError(
            f"{out_dir} already holds {', '.join(existing)}; use --force to overwrite or pick another --out"
        )


def check_html_path(path: str, force: bool) -> None:
    """Refuse, before the work, an existing ``--html`` file (unless ``--force``) or a path no file can take."""
    import os

    if os.path.isdir(path):
        raise IsADirectoryError(f"--html {path} is a directory; give a file name such as report.html")
    check_writable_path(path, "--html", example="report.html")
    if os.path.exists(path) and not force:
        raise FileExistsError(f"{path} exists; use --force to overwrite or pick another --html path")
