"""Output files get the usual mode (0666 less the umask), like any file a program creates."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from summarize.cli.main import main

SEED = str(next(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt")))


def test_eval_out_files_are_0644_under_umask_022(tmp_path, capsys):
    old = os.umask(0o022)
    try:
        assert main(["eval", SEED, "--out", str(tmp_path / "out"), "--no-progress", "--bootstrap", "10"]) == 0
    finally:
        os.umask(old)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()}
    assert set(modes) >= {"per_article.csv", "aggregate.csv", "aggregate.json", "report.md", "signature.txt"}
    assert set(modes.values()) == {0o644}, modes


def test_the_mode_follows_the_umask(tmp_path, capsys):
    old = os.umask(0o077)
    try:
        assert main(["eval", SEED, "--out", str(tmp_path / "out"), "--no-progress", "--bootstrap", "10"]) == 0
    finally:
        os.umask(old)
    assert {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "out").iterdir()} == {0o600}
