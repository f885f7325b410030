"""``summarize report``: ``compare`` writing a self-contained HTML report (``--html``, default report.html)."""

from __future__ import annotations

from typing import Any

from summarize.cli.compare import add_parser, run

__all__ = ["register", "run"]


def register(commands: Any) -> None:
    """Add the ``report`` parser to ``commands`` (the top-level sub-parsers)."""
    add_parser(commands, "report").set_defaults(run=run)
