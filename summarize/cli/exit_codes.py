"""The exit codes every ``summarize`` command uses, as the ``--help`` epilog states them."""

from __future__ import annotations

__all__ = ["EXIT_CODES"]

EXIT_CODES = """
exit codes:
  0  every record was processed
  1  some records failed (each is reported on stderr, and as an error line with --format jsonl)
     or a file problem (missing input, output exists without --force)
  2  usage error (invalid options)
  130, 143, 129  stopped by Ctrl-C, SIGTERM or SIGHUP: a partial -o FILE or --out DIR is kept for --resume
"""
