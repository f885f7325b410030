"""The ``summarize`` command: the top-level parser and :func:`main`.

Each command is one module of this package with ``register(subparsers)``
(its parser, options, help and examples) and ``run(args) -> int`` (parse the
options into configuration objects, call the library, render); adding a
command means adding a module and its name to :data:`COMMANDS`.  Heavy
libraries are imported inside ``run``, so ``summarize --help`` answers at once.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import re
import sys
import warnings
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

from eval.extras import MissingExtraError
from summarize.cli.common import UsageError
from summarize.cli.interrupts import exit_status, interrupt_on_signals, signal_name
from summarize.cli.options import PROG

__all__ = ["COMMANDS", "build_parser", "main"]

#: Command name -> its module in this package, in the order ``--help`` lists them.
COMMANDS = {"run": "run", "eval": "evaluate", "tune": "tune", "score": "score", "meta": "meta",
            "compare": "compare", "report": "report"}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors suggest the closest valid name ("did you mean ...?").

    The command parsers are made by the top-level one, so they are of this class too.
    """

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}{_suggestion(message, self)}\n")


_INVALID_CHOICE = re.compile(r"invalid choice: '(?P<given>[^']*)' \(choose from (?P<choices>.*)\)")


def _suggestion(message: str, parser: argparse.ArgumentParser) -> str:
    """``"; did you mean 'run'?"`` for a mistyped choice or option in ``message``, else ``""``."""
    match = _INVALID_CHOICE.search(message)
    if match:
        choices = re.findall(r"'([^']*)'", match.group("choices"))
        close = difflib.get_close_matches(match.group("given"), choices, n=1, cutoff=0.5)
        return f"; did you mean {close[0]!r}?" if close else ""
    if message.startswith("unrecognized arguments: "):
        options = [name for name in parser._option_string_actions if name.startswith("--")]
        hints = []
        for given in message.removeprefix("unrecognized arguments: ").split():
            if given.startswith("-"):
                close = difflib.get_close_matches(given.split("=", 1)[0], options, n=1, cutoff=0.6)
                if close:
                    hints.append(f"{close[0]} for {given.split('=', 1)[0]}")
        return f"; did you mean {', '.join(hints)}?" if hints else ""
    return ""


def _command_parser(parser: argparse.ArgumentParser, command: str) -> argparse.ArgumentParser:
    """The parser of ``command`` (a sub-parser of ``parser``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action.choices[command]  # type: ignore[no-any-return]
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``summarize`` command."""
    from summarize import __version__

    parser = _Parser(
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
    args, unknown = parser.parse_known_args(argv)
    if unknown:  # reported by the command's own parser: its usage, and the closest option names
        _command_parser(parser, args.command).error(f"unrecognized arguments: {' '.join(unknown)}")
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


_SHOW_WARNING = warnings.showwarning


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> Any:
    if category.__module__.startswith("summarize."):
        print(f"{PROG}: warning: {message}", file=sys.stderr)
        return None
    return _SHOW_WARNING(message, category, filename, lineno, file, line)


if __name__ == "__main__":
    sys.exit(main())
