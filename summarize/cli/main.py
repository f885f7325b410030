"""The ``summarize`` command: the top-level parser and :func:`main`.

Each command is one module of this package with ``register(subparsers)``
(its parser, options, help and examples) and ``run(args) -> int`` (parse the
options into configuration objects, call the library, render); adding a
command means adding a module and its name to :data:`COMMANDS`.  Heavy
libraries are imported inside ``run``, so ``summarize --help`` answers at once.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import warnings
from collections.abc import Sequence
from typing import Any, TextIO

from eval.extras import MissingExtraError
from summarize.cli.common import UsageError
from summarize.cli.interrupts import exit_status, interrupt_on_signals, signal_name
from summarize.cli.options import PROG

__all__ = ["COMMANDS", "build_parser", "main"]

#: Command name -> its module in this package, in the order ``--help`` lists them.
COMMANDS = {"run": "run", "eval": "evaluate", "tune": "tune", "score": "score", "meta": "meta",
            "compare": "compare", "report": "report"}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``summarize`` command."""
    from summarize import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Extractive TF-IDF summaries of news articles, and ROUGE reports against "
                    "the articles' own summary paragraphs (lead summary, 'In summary' paragraph, highlights).",
        epilog="Run 'summarize run --help' or 'summarize eval --help' for the options and examples.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in COMMANDS.values():
        importlib.import_module(f"summarize.cli.{module}").register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with ``argv`` (default ``sys.argv[1:]``); return the exit code.

    Exit codes: 0 success; 1 nothing could be processed or a file problem;
    2 invalid options; ``128 + N`` stopped by signal N (Ctrl-C 130,
    ``SIGTERM`` 143, ``SIGHUP`` 129), after closing the outputs as Ctrl-C does.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if "-" in (getattr(args, "paths", None) or ()) and _stdin_closed():
        print(f"{PROG}: error: stdin is closed, so '-' has nothing to read: pipe or redirect the input "
              f"(... | {PROG} {args.command} - or < FILE), or give the file's name", file=sys.stderr)
        return 1
    try:
        with interrupt_on_signals(), warnings.catch_warnings():
            # The library's own warnings (e.g. a FIFO skipped in an input directory) read like the CLI's.
            warnings.filterwarnings("always", category=UserWarning, module=r"summarize\.")
            warnings.showwarning = _show_warning
            return int(args.run(args))
    except UsageError as exc:
        parser.exit(2, f"{PROG} {args.command}: error: {exc}\n")
    except MissingExtraError as exc:  # before OSError's ImportError cousins: an install problem, exit 2
        print(f"{PROG} {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `summarize run ... | head` closed the pipe: not an error for the user.
        return 0
    except OSError as exc:
        # Missing, unreadable or existing files: the message names the path.
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:  # Ctrl-C, SIGTERM, SIGHUP (see summarize.cli.interrupts)
        print(f"{PROG}: interrupted ({signal_name(exc)})", file=sys.stderr)
        return exit_status(exc)
    return 0


def _stdin_closed() -> bool:
    """True when the process has no standard input (``<&-``: Python then sets ``sys.stdin`` to ``None``)."""
    import io
    import os

    if sys.stdin is None:
        return True
    try:
        os.fstat(sys.stdin.fileno())
    except io.UnsupportedOperation:  # an in-memory stream standing in for stdin (tests, embedding)
        return False
    except (OSError, ValueError):  # a closed descriptor or a closed file object
        return True
    except AttributeError:  # no fileno at all: not ours to judge
        return False
    return False


_SHOW_WARNING = warnings.showwarning


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> Any:
    if category.__module__.startswith("summarize."):
        print(f"{PROG}: warning: {message}", file=sys.stderr)
        return None
    return _SHOW_WARNING(message, category, filename, lineno, file, line)


if __name__ == "__main__":
    sys.exit(main())
