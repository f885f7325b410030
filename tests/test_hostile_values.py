"""Hostile values in records, each as a user meets it: run in a subprocess, exit code, stdout bytes, stderr.

Each case failed on 0.2.0 and 0.3.0 (a traceback, exit 2 "invalid options", a lost batch or output that
is not UTF-8) and is now one record error naming file and line, or a repaired value with a warning.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OK = "Cats sit on mats all day. Dogs run far in the park. Birds fly high above trees."
HUGE = "9" * 5000
DEEP = "[" * 100_000 + "]" * 100_000


def summarize(*argv: str, stdin: bytes | None = None, cwd: Path | None = None) -> tuple[int, bytes, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "summarize", *argv], input=stdin, capture_output=True, env=env,
                          cwd=cwd, timeout=300, check=False)
    err = done.stderr.decode("utf-8")  # strict: stderr is UTF-8 too
    assert "Traceback" not in err, err
    return done.returncode, done.stdout, err


def write_lines(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def good(ident: str) -> str:
    return json.dumps({"id": ident, "article": OK})


def test_lone_surrogates_in_article_title_and_id_are_repaired_with_a_warning(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "s.jsonl", [
        good("a"),
        '{"id": "b\\ud800", "title": "T\\udfff", "article": "Cats sit \\ud800 on mats all day. Dogs run far in '
        'the park. Birds fly high above trees."}',
        good("c"),
    ])
    out_file = tmp_path / "out.jsonl"
    code, _, err = summarize("run", path, "--format", "jsonl", "-o", str(out_file))
    assert code == 0, err
    rows = [json.loads(line) for line in out_file.read_bytes().decode("utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b\ufffd", "c"]
    assert "\ufffd" in " ".join(rows[1]["summary"])
    assert f"{path}:2: 3 lone surrogate escape(s) such as \\ud800" in err
    assert not (tmp_path / "out.jsonl.partial").exists()
    for argv in (["run", path], ["run", path, "--format", "jsonl"], ["eval", path, "--format", "json"]):
        code, out, err = summarize(*argv, "--bootstrap", "10") if argv[0] == "eval" else summarize(*argv)
        assert code in (0, 1), err  # eval: no reference in these records is a per-record failure
        out.decode("utf-8")  # strict


def test_a_number_of_5000_digits_is_one_record_error_and_the_rest_are_summarized(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "n.jsonl", [good("a"), f'{{"id": {HUGE}, "article": "x."}}', good("c")])
    code, out, err = summarize("run", path, "--format", "jsonl")
    rows = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert code == 1
    assert [r.get("id", r.get("line")) for r in rows] == ["a", 2, "c"]
    assert "unreadable JSON number" in rows[1]["error"] and "4300 digits" in rows[1]["error"]
    assert "3 records: 2 summarized, 1 failed" in err
    # Mid-batch with -o: the run completes (no .partial left to resume forever).
    out_file = tmp_path / "o.jsonl"
    code, _, err = summarize("run", path, "--format", "jsonl", "-o", str(out_file))
    assert code == 1 and len(out_file.read_text(encoding="utf-8").splitlines()) == 3


@pytest.mark.parametrize("bad", [f'{{"id": "b", "summary": {HUGE}}}', f'{{"id": "b", "summary": {DEEP}}}',
                                 '{"id": "b", "summary": ' + "[" * 70 + '"x"' + "]" * 70 + "}"],
                         ids=["huge-number", "100k-brackets", "70-levels"])
def test_score_names_file_and_line_and_exits_1(tmp_path: Path, bad: str) -> None:
    cands = write_lines(tmp_path / "c.jsonl", [json.dumps({"id": "a", "summary": OK}), bad,
                                                json.dumps({"id": "c", "summary": OK})])
    refs = write_lines(tmp_path / "r.jsonl", [json.dumps({"id": k, "summary": OK}) for k in "abc"])
    code, out, err = summarize("score", cands, refs, "--format", "jsonl")
    assert code == 1, err  # some records failed: not 2 ("invalid options")
    rows = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert [r.get("id") for r in rows[:2]] == ["a", "c"]
    assert f"{cands}:2: " in err


@pytest.mark.parametrize("bad", [f'{{"doc_id": {HUGE}}}', DEEP, '{"doc_id": "d9", "systems": "\\ud800"}'],
                         ids=["huge-number", "100k-brackets", "surrogate"])
def test_meta_names_file_and_line_and_exits_1(tmp_path: Path, bad: str) -> None:
    lines = [json.dumps({"doc_id": d, "system": s, "summary": OK, "references": [OK], "scores": {"h": h}})
             for d, hs in (("d1", (1, 2, 3)), ("d2", (3, 1, 2)), ("d3", (2, 3, 1))) for s, h in zip("ABC", hs)]
    path = write_lines(tmp_path / "j.jsonl", [*lines[:4], bad, *lines[4:]])
    code, out, err = summarize("meta", path, "--bootstrap", "10", "--metrics", "rouge1_f")
    assert code == 1, err
    assert f"{path}:5: " in err
    assert "System level" in out.decode("utf-8")


@pytest.mark.parametrize("bad", [f'{{"id": "b", "summary": {HUGE}}}', DEEP], ids=["huge-number", "100k-brackets"])
def test_compare_summaries_file_names_file_and_line(tmp_path: Path, bad: str) -> None:
    articles = write_lines(tmp_path / "a.jsonl", [json.dumps({"id": k, "article": OK, "summary": OK}) for k in "ac"])
    mine = write_lines(tmp_path / "mine.jsonl", [json.dumps({"id": "a", "summary": OK}), bad,
                                                  json.dumps({"id": "c", "summary": OK})])
    code, out, err = summarize("compare", articles, "--systems", "lead", "--summaries", f"mine={mine}",
                               "--bootstrap", "10", "--permutations", "10")
    assert code == 1, err  # a record of the summaries file failed: as every command, exit 1
    assert f"{mine}:2: " in err
    assert "mine" in out.decode("utf-8")


def test_ids_cannot_forge_headers_in_text_output(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "i.jsonl", [
        good("a"), json.dumps({"id": "b\n# forged\nFake sentence.\x1b[2J", "article": OK}), good("c")])
    code, out, err = summarize("run", path)
    text = out.decode("utf-8")
    assert code == 0, err
    assert [line for line in text.splitlines() if line.startswith("# ")] == [
        "# a", "# b\\n# forged\\nFake sentence.\\x1b[2J", "# c"]
    assert "Fake sentence." not in text.replace("\\nFake sentence.", "")
    assert "\x1b" not in text and "\x1b" not in err


def test_a_file_name_that_is_not_utf8_gives_a_utf8_id(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(OK, encoding="utf-8")
    code, out, err = summarize("run", str(tmp_path), "--format", "jsonl")
    assert code == 0, err
    assert json.loads(out.decode("utf-8"))["id"] == "caf\ufffd"
