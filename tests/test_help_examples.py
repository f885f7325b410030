"""Every example line in the commands' ``--help`` runs as written, on files in the repository.

The examples are read from the parsers' epilogs (the same text ``--help`` and the docs' CLI reference show),
run in order with ``sh`` in a temporary folder that links ``data/`` and ``seeds/`` (an example may use the
file an earlier one wrote), and must exit 0.  ``tune``'s ``space.toml`` is written from its epilog.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.cli.main import COMMANDS, build_parser

REPO = Path(__file__).resolve().parents[1]


def _epilogs() -> dict[str, str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.choices and "run" in a.choices)  # the sub-parsers action
    return {name: sub.choices[name].epilog or "" for name in COMMANDS}


def _commands(epilog: str) -> list[str]:
    text = epilog.split("\n\n")[0]  # the "examples:" block
    text = re.sub(r"\\\n\s*", "", text)  # joined continuation lines
    lines = []
    for line in text.splitlines()[1:]:
        line = line.strip()
        if line.startswith(("summarize ", "cat ")):
            lines.append(re.sub(r"\s+#.*$", "", line))  # the comment after the command
    return lines


@pytest.mark.parametrize("command", list(COMMANDS))
def test_help_examples_run_as_written(command, tmp_path):
    epilog = _epilogs()[command]
    lines = _commands(epilog)
    assert lines, f"{command} --help shows no example"
    for folder in ("data", "seeds"):
        (tmp_path / folder).symlink_to(REPO / folder)
    if "space.toml:" in epilog:
        block = epilog.split("space.toml:\n", 1)[1].split("\n\n")[0]
        (tmp_path / "space.toml").write_text("\n".join(x[2:] for x in block.splitlines()) + "\n", encoding="utf-8")
    python = f"{shlex.quote(sys.executable)} -m summarize "
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONWARNINGS": "ignore"}
    for line in lines:
        shell = re.sub(r"(^|\| )summarize ", lambda m: m.group(1) + python, line)
        done = subprocess.run(["sh", "-c", shell], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=600)
        assert done.returncode == 0, f"{line}\n{done.stderr[-2000:]}"
        assert "Traceback" not in done.stderr, f"{line}\n{done.stderr[-2000:]}"
