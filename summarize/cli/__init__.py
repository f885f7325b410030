"""The ``summarize`` command: one module per command (``register(subparsers)``, ``run(args) -> int``)."""

from summarize.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
