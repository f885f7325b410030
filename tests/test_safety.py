"""Nothing runs or loads untrusted code, and no output is overwritten without --force."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.cli import main

REPO = Path(__file__).resolve().parents[1]
ARTICLE = {"id": "a", "article": "The dam burst at dawn. Farms were flooded. Roads closed for a week.",
           "summary": "The dam burst."}


def test_ruff_security_rules_guard_the_package():
    # ruff's bandit rules (S: no eval/exec, pickle/marshal loads, unsafe yaml, shell=True ...) replace the
    # grep this test used to be; tools/test.sh runs the whole `ruff check .` too.
    import subprocess
    import sys
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "S" in config["tool"]["ruff"]["lint"]["select"]
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--select", "S", "summarize", "eval"], cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_config_holding_code_is_data_not_code(tmp_path, capsys):
    config = tmp_path / "evil.toml"
    marker = tmp_path / "pwned"
    config.write_text(f'[summarizer]\nmethod = "__import__(\'pathlib\').Path({str(marker)!r}).touch()"\n')
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps(ARTICLE) + "\n")
    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(articles), "--config", str(config)])
    assert exit_info.value.code == 2
    assert "unknown method" in capsys.readouterr().err
    assert not marker.exists()


@pytest.mark.parametrize("command, target", [
    (["run", "{articles}", "--format", "jsonl", "-o", "{out}/x.jsonl"], "x.jsonl"),
    (["eval", "{articles}", "--out", "{out}"], "per_article.csv"),
    (["compare", "{articles}", "--html", "{out}/r.html", "--bootstrap", "50", "--permutations", "50"], "r.html"),
])
def test_outputs_are_never_overwritten_without_force(tmp_path, capsys, command, target):
    articles = tmp_path / "a.jsonl"
    articles.write_text(json.dumps(ARTICLE) + "\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / target).write_text("precious")
    argv = [part.format(articles=articles, out=out) for part in command]
    assert main(argv) == 1
    assert "--force" in capsys.readouterr().err
    assert (out / target).read_text() == "precious"
    assert main(argv + ["--force"]) == 0
    assert (out / target).read_text() != "precious"
