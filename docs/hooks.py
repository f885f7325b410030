"""MkDocs hook: the command-line reference, generated from the ``summarize`` argument parser at build time.

``docs/cli-reference.md`` holds the marker ``<!-- cli-reference -->``; :func:`on_page_markdown` replaces
it with :func:`cli_reference`, made from :func:`summarize.cli.main.build_parser`, so the page lists exactly
the commands, options, defaults and help texts of the code it is built from and cannot drift from them.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import sys
from pathlib import Path
from typing import Any

__all__ = ["MARKER", "cli_reference", "on_page_markdown"]

MARKER = "<!-- cli-reference -->"
_REPO = Path(__file__).resolve().parents[1]


def _parser() -> argparse.ArgumentParser:
    if str(_REPO) not in sys.path:  # build from this checkout's code, installed or not
        sys.path.insert(0, str(_REPO))
    from summarize.cli.main import build_parser

    os.environ["COLUMNS"] = "100"  # argparse wraps usage lines to the terminal width: the same on every build
    return build_parser()


def _escape(text: str) -> str:
    """Text for a Markdown table cell: HTML-escaped, no pipes, emphasis characters literal."""
    text = html.escape(" ".join(text.split()), quote=False)
    return re.sub(r"([|*_`\[\]\\])", r"\\\1", text)


def _invocation(action: argparse.Action, formatter: argparse.HelpFormatter) -> str:
    return formatter._format_action_invocation(action)  # "-o FILE, --output FILE", as --help shows it


def _help(action: argparse.Action, formatter: argparse.HelpFormatter) -> str:
    if not action.help or action.help == argparse.SUPPRESS:
        return ""
    return formatter._expand_help(action)  # %(default)s and friends filled in


def _commands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            return [(name, helps.get(name, ""), sub) for name, sub in action.choices.items()]
    return []


def _usage(parser: argparse.ArgumentParser) -> str:
    """The usage text without its ``usage:`` prefix, continuation lines shifted left to match."""
    lines = parser.format_usage().rstrip().split("\n")
    prefix = len("usage: ")
    return "\n".join([lines[0][prefix:], *(line[prefix:] if line[:prefix].isspace() else line for line in lines[1:])])


def _command_section(name: str, summary: str, parser: argparse.ArgumentParser) -> list[str]:
    formatter = parser._get_formatter()
    out = [f"## `summarize {name}` {{ #summarize-{name} }}", "", _escape(summary[:1].upper() + summary[1:]) + ".", ""]
    if parser.description:
        out += [_escape(parser.description), ""]
    out += ["```text", _usage(parser), "```", ""]
    for group in parser._action_groups:
        actions = [a for a in group._group_actions if a.help != argparse.SUPPRESS]
        if not actions:
            continue
        title = group.title or "options"
        out += [f"### {title[:1].upper() + title[1:]} {{ #{name}-{re.sub(r'[^a-z0-9]+', '-', title.lower())} }}",
                "", "| option | meaning |", "|---|---|"]
        for action in actions:
            out.append(f"| `{_invocation(action, formatter)}` | {_escape(_help(action, formatter))} |")
        out.append("")
    if parser.epilog:
        out += ["### Examples and exit codes, as `--help` prints them { #" + name + "-epilog }", "",
                "```text", parser.epilog.strip("\n"), "```", ""]
    return out


def cli_reference() -> str:
    """Markdown for every command of the ``summarize`` parser: usage, option tables, epilog."""
    parser = _parser()
    out = ["```text", _usage(parser), "```", ""]
    if parser.description:
        out += [_escape(parser.description), ""]
    out += ["| command | what it does |", "|---|---|"]
    commands = _commands(parser)
    out += [f"| [`{name}`](#summarize-{name}) | {_escape(summary)} |" for name, summary, _ in commands]
    out.append("")
    for name, summary, sub in commands:
        out += _command_section(name, summary, sub)
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace :data:`MARKER` with the generated reference (on the page that has it)."""
    if MARKER in markdown:
        return markdown.replace(MARKER, cli_reference())
    return markdown
