"""summarize score: existing summaries against references, exact rouge-score numbers."""

from __future__ import annotations

import json

import pytest
from rouge_score import rouge_scorer

from summarize.cli import main


def _write(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


@pytest.fixture()
def files(tmp_path):
    cands = _write(tmp_path / "sys.jsonl", [
        {"id": "a", "summary": ["The cat sat on the mat.", "It purred."]},
        {"id": "b", "summary": "A dog ran. It was fast."},
        {"id": "c", "summary": "An orphan summary."},
        {"id": "a", "summary": "A duplicate id."},
    ])
    refs = _write(tmp_path / "refs.jsonl", [
        {"id": "a", "summary": "The cat sat."},
        {"id": "b", "summary": ["A dog ran quickly."]},
        {"id": "b", "summary": ["The dog was fast."]},
        {"id": "d", "summary": "No candidate for this one."},
    ])
    return cands, refs


def test_jsonl_pairs_equal_rouge_score_and_take_the_best_reference(files, capsys):
    cands, refs = files
    assert main(["score", cands, refs, "--format", "jsonl", "--no-progress"]) == 1  # some records failed
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c", "a", "d"]  # scored pairs, then one error line per failure
    assert [sorted(r) for r in rows[2:]] == [["error", "id", "index"]] * 3
    rows = rows[:2]
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    a = scorer.score("The cat sat.", "The cat sat on the mat.\nIt purred.")
    b = scorer.score_multi(["A dog ran quickly.", "The dog was fast."], "A dog ran.\nIt was fast.")
    for row, theirs in zip(rows, (a, b)):
        for t in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
            assert (row[t]["precision"], row[t]["recall"], row[t]["fmeasure"]) == tuple(theirs[t])
    err = captured.err
    assert "no reference with id 'c'" in err and "reference id 'd' has no candidate" in err
    assert "candidate id 'a' appears more than once" in err
    assert "signature: rouge:1+2+L+Lsum|" in err and "ref:given" in err


def test_aggregate_json_accounts_for_every_record(files, capsys):
    cands, refs = files
    assert main(["score", cands, refs, "--format", "json", "--multi-ref", "mean", "--no-progress"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["n"] == 2
    assert sorted(s["id"] for s in report["skipped"]) == ["a", "c", "d"]
    assert "multi:mean" in report["signature"]
    low, high = report["rouge1"]["fmeasure_ci"]
    assert low <= report["rouge1"]["fmeasure"] <= high


def test_line_aligned_files_with_a_sentence_separator(tmp_path, capsys):
    (tmp_path / "c.txt").write_text("the cat sat<q>it purred\nx y\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("the cat<q>it purred loudly\nx z\n", encoding="utf-8")
    argv = ["score", str(tmp_path / "c.txt"), str(tmp_path / "r.txt"), "--sentence-sep", "<q>", "--format", "jsonl"]
    assert main(argv) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ["line 1", "line 2"]
    scorer = rouge_scorer.RougeScorer(["rougeLsum"], use_stemmer=True)
    theirs = scorer.score("the cat\nit purred loudly", "the cat sat\nit purred")["rougeLsum"]
    assert rows[0]["rougeLsum"]["fmeasure"] == theirs.fmeasure
    assert rows[1]["rouge1"]["fmeasure"] == pytest.approx(0.5)  # one of two words


def test_errors(tmp_path, capsys):
    (tmp_path / "c.txt").write_text("a\nb\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("a\n", encoding="utf-8")
    # A data problem (exit 1, as every file problem), not a usage error (exit 2).
    assert main(["score", str(tmp_path / "c.txt"), str(tmp_path / "r.txt")]) == 1
    assert "line-aligned files differ in length: " in capsys.readouterr().err
    assert main(["score", str(tmp_path / "missing.jsonl"), str(tmp_path / "r.txt")]) == 1
    assert "missing.jsonl" in capsys.readouterr().err
    bad = _write(tmp_path / "bad.jsonl", [{"id": "x", "summary": 5}])
    assert main(["score", bad, bad, "--format", "json"]) == 1
    err = capsys.readouterr().err
    assert "field 'summary' must be a string or a list of strings" in err and "Traceback" not in err


def test_jsonl_rows_and_report_files_together(files, tmp_path, capsys):
    cands, refs = files
    out = tmp_path / "report"
    assert main(["score", cands, refs, "--format", "jsonl", "--out", str(out)]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 2 + 3
    assert json.loads((out / "aggregate.json").read_text())["n"] == 2


def test_empty_lines_are_missing_summaries_not_zero_scores(tmp_path, capsys):
    (tmp_path / "c.txt").write_text("a b\n\nc d\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text("a b\nx\n\n", encoding="utf-8")
    assert main(["score", str(tmp_path / "c.txt"), str(tmp_path / "r.txt"), "--format", "json"]) == 1
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["n"] == 1 and report["rouge1"]["fmeasure"] == 1.0
    assert [s["reason"] for s in report["skipped"]] == ["line 2: empty candidate; not scored",
                                                        "line 3: empty reference; not scored"]


def test_unreadable_files_exit_1_and_name_the_place(tmp_path, capsys):
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"id": "a", "summary": "ok"}\n{"id": "b", "summary": "caf\xe9"}\n')
    assert main(["score", str(bad), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: not valid UTF-8" in err and "Traceback" not in err
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    assert main(["score", str(broken), str(broken)]) == 1
    assert "broken gzip file" in capsys.readouterr().err


def test_jsonl_error_line_names_the_input_line_when_no_id_can_be_read(tmp_path, capsys):
    cands = tmp_path / "c.jsonl"
    cands.write_text('{"id": "a", "summary": "The cat sat."}\n{broken\n', encoding="utf-8")
    refs = _write(tmp_path / "r.jsonl", [{"id": "a", "summary": "The cat sat."}])
    assert main(["score", str(cands), str(refs), "--format", "jsonl"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["id"] == "a" and rows[0]["rouge1"]["fmeasure"] == 1.0
    assert rows[1]["line"] == 2 and "malformed JSON" in rows[1]["error"] and "id" not in rows[1]
    assert rows[1]["file"] == str(cands)


def test_jsonl_error_line_keeps_ids_that_look_like_positions(tmp_path, capsys):
    cands = _write(tmp_path / "c.jsonl", [{"id": "cnn:42", "summary": "The cat sat."}])
    refs = _write(tmp_path / "r.jsonl", [{"id": "other", "summary": "The cat sat."}])
    assert main(["score", cands, refs, "--format", "jsonl"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["id"] == "cnn:42" and "line" not in rows[0]


def test_non_ascii_summaries_warn_and_the_unicode_tokenizer_scores_them(tmp_path, capsys):
    path = _write(tmp_path / "c.jsonl", [{"id": "a", "summary": "Москва большой город."}])
    assert main(["score", path, path, "--format", "json", "--language", "en"]) == 0
    captured = capsys.readouterr()
    assert "a: 100% of the letters" in captured.err and "use --tokenizer unicode" in captured.err
    assert json.loads(captured.out)["rouge1"]["fmeasure"] == 0.0  # rouge-score's tokenizer sees no word
    assert main(["score", path, path, "--format", "json"]) == 0  # --language auto: Russian words
    captured = capsys.readouterr()
    assert captured.err == "" and json.loads(captured.out)["rouge1"]["fmeasure"] == 1.0
    assert "|lang:auto(ru)|tok:unicode:ru|" in json.loads(captured.out)["signature"]
    assert main(["score", path, path, "--format", "json", "--tokenizer", "unicode", "--language", "en"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and json.loads(captured.out)["rouge1"]["fmeasure"] == 1.0
    assert "tok:unicode" in json.loads(captured.out)["signature"]


def test_as_sentences_normalises_white_space_and_names_a_bad_item():
    from summarize.text.parse import as_sentences

    class Text(str):
        pass

    assert as_sentences(["  a  b ", "", " \t\n", "c\u2028d", "x\u00a0y", Text("s  t")], "summary") == (
        "a b", "c d", "x y", "s t")
    assert as_sentences(("a  b", "  "), "summary") == ("a b",)  # any sequence, not only JSON's lists
    assert as_sentences([], "summary") == ()
    for bad, item in ((["ok", 5], "item 1 must be a string, got int"),
                      ([None], "item 0 must be a string, got NoneType")):
        with pytest.raises(TypeError, match=f"^field 'summary': {item}$"):
            as_sentences(bad, "summary")


@pytest.mark.parametrize("line", [
    '{"id": "a", "summary": ["x"]}', '  {"id": "a"}\t', '{"a": 1} x', '{"a": 1}{"b": 2}', '\ufeff{"a": 1}',
    '{"a": "\\ud800 z", "b": [1.5e3, -0, null, true]}', "[1, 2]", '"text"', "{broken", "{'a': 1}", '{"a": NaN}',
    '{"a": "tab\there"}', "1 2",
])
def test_jsonl_lines_are_read_as_json_loads_reads_them(line):
    """The fast scanner gives json.loads's values and errors; lone surrogates are repaired (U+FFFD) and counted."""
    from eval.json_records import BadJSON
    from summarize.io.pairs import _load

    try:
        expected = json.loads(line)
    except json.JSONDecodeError as exc:
        with pytest.raises(BadJSON) as got:
            _load(line)
        assert str(got.value) == f"malformed JSON ({exc.msg.removesuffix(' at')})"
    else:
        repaired = "\\ud800" in line
        if repaired:
            expected["a"] = "\ufffd z"
        assert repr(_load(line)) == repr((expected, int(repaired)))


def test_pair_files_reports_every_unreadable_line(tmp_path):
    from summarize.io.pairs import Pair, PairingIssue, pair_files

    cands = tmp_path / "c.jsonl"
    cands.write_text('  {"id": "a", "summary": ["The cat  sat.", " "]}  \n \t \n{"id": "b", "summary": "x"} x\n'
                     '[1]\n{"id": "c", "summary": ["ok", 3]}\n{"id": "d"}\n', encoding="utf-8")
    refs = _write(tmp_path / "r.jsonl", [{"id": "a", "summary": "The cat sat.", "references": [["Alt."]]},
                                         {"id": "a", "summary": ["Another."]}])
    pairs, issues = pair_files(str(cands), refs)
    assert pairs == [Pair(0, "a", ("The cat sat.",), (("The cat sat.",), ("Alt.",), ("Another.",)))]
    c = str(cands)
    assert issues == [
        PairingIssue(f"{c}:3", f"{c}:3: malformed JSON (Extra data)", c, 3),
        PairingIssue(f"{c}:4", f"{c}:4: needs an object with a non-empty 'id' field", c, 4),
        PairingIssue("c", f"{c}:5: field 'summary': item 1 must be a string, got int"),
        PairingIssue("d", f"{c}:6: no 'summary' field"),
    ]


def test_jsonl_scoring_loads_no_numpy_or_pandas(files):
    """Rows only: no aggregate, so none of the array libraries is imported (start-up time)."""
    import subprocess
    import sys
    from pathlib import Path

    cands, refs = files
    code = ("import sys\nfrom summarize.cli.main import main\n"
            f"code = main(['score', {cands!r}, {refs!r}, '--format', 'jsonl'])\n"
            "heavy = ('numpy', 'pandas', 'scipy', 'sklearn', 'rouge_score', 'nltk')\n"
            "print('HEAVY=' + ','.join(m for m in heavy if m in sys.modules), code, file=sys.stderr)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                            capture_output=True, text=True, timeout=60)
    assert result.stderr.splitlines()[-1] == "HEAVY= 1"  # 1: some records of the fixture fail
    assert len(result.stdout.splitlines()) == 5
