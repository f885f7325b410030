"""The README's Python example runs as written (from the repository root) and does what it says.

tests/test_docs_examples.py also checks what it prints, like every other block of the README and the docs.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_readme_python_example_runs(monkeypatch, capsys):
    text = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    monkeypatch.chdir(REPO)
    namespace: dict[str, object] = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    report = namespace["report"]
    assert report.to_dict()["n"] == 12  # news.jsonl: twelve records, each with its own summary
    assert set(namespace["result"].aggregate) == {"tfidf", "lead"}
    assert "fmeasure" in capsys.readouterr().out


def test_readme_names_the_two_setup_commands_and_ci_uses_the_second():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert "pip install . && summarize run seeds/000_eee3009524595d1e.txt" in text
    assert "\nsh tools/test.sh\n" in text
    assert "\nsh tools/test.sh\n" in (REPO / ".ci" / "run").read_text()
    script = (REPO / "tools" / "test.sh").read_text()
    for step in ('pip install -e ".[all,test]"', "lint-imports", "ruff check .", "mypy", "python -m pytest",
                 "SUMMARIZE_PURE_PYTHON=1 python -m pytest"):
        assert f"\n{step}" in script, step
