"""The exit codes of each ``summarize`` command, as its ``--help`` epilog states them."""

from __future__ import annotations

__all__ = ["EXIT_CODES", "exit_codes"]

# What exit code 1 means, per command, besides a file problem.
_FAILED = {
    "run": "some records failed (each is reported on stderr, and as an error line with --format jsonl)",
    "score": "some pairs could not be scored (each is reported on stderr, and as an error line with "
             "--format jsonl)",
    "eval": "some records could not be scored (each is reported on stderr and listed as skipped in the "
            "report and the --out files)",
    "compare": "some articles could not be compared (each is reported on stderr and listed as skipped in "
               "the report)",
    "report": "some articles could not be compared (each is reported on stderr and listed as skipped in "
              "the report)",
    "meta": "some judgment records could not be read (each is reported on stderr with its file and line)",
    "tune": "no usable dev article, or no trial completed",
}


def exit_codes(command: str) -> str:
    """The ``exit codes:`` epilog of ``command``."""
    return f"""
exit codes:
  0  success
  1  {_FAILED[command]},
     or a file problem (missing input, output exists without --force, another run writing the same output)
  2  usage error (invalid options, option files that cannot be used)
  128+N  stopped by signal N (130 Ctrl-C, 143 SIGTERM, 129 SIGHUP) after closing the outputs
"""


#: ``summarize run``'s epilog (kept under its old name).
EXIT_CODES = exit_codes("run")
