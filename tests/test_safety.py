"""Nothing runs or loads untrusted code, and no output is overwritten without --force."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarize.cli import main

REPO = Path(__file__).resolve().parents[1]
ARTICLE = {"id": "a", "article": "The dam burst at dawn. Farms were flooded. Roads closed for a week.",
           "summary": "The dam burst."}


def test_package_code_never_unpickles_evaluates_or_executes():
    # Configs are TOML, models JSON; pickle/eval/exec on user data would run code.
    pattern = re.compile(r"(?<![\w.])(eval|exec|compile)\s*\(|\b(c?pickle|cloudpickle|marshal|dill)\.loads?\s*\("
                         r"|\byaml\.(unsafe_)?load\s*\(")
    offenders = []
    for package in ("summarize", "eval"):
        for path in (REPO / package).rglob("*.py"):
            for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                code = line.split("#", 1)[0]
                if pattern.search(code) and not code.lstrip().startswith(('"', "'")):
                    offenders.append(f"{path.relative_to(REPO)}:{lineno}: {line.strip()}")
    assert offenders == []


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
