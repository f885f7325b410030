"""Tests for the ``summarize`` command line (in process via ``main``, plus two subprocesses).

Inputs other than the seed article are written inside ``tmp_path``.
"""

from __future__ import annotations

import io
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.cli import main

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_eee3009524595d1e.txt"
SEED_ID = "000_eee3009524595d1e"
ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
REPORT_FILES = ("per_article.csv", "aggregate.csv", "aggregate.json", "report.md", "signature.txt")

ART = (
    "The town council met on Monday evening to vote on the new budget. "
    "Members argued for several hours about the cost of repairing the roads. "
    "The mayor said that the plan would be paid for without raising taxes. "
    "The budget finally passed by a single vote shortly after midnight."
)
OTHER = (
    "A small bakery on the main street has won a regional prize for its bread. "
    "The owner started baking at home before opening the shop ten years ago. "
    "Customers queue outside every morning before the doors open at seven."
)


@pytest.fixture(scope="module")
def seed_article():  # noqa: ANN201 - an Article
    from summarize.text.parse import parse_text

    return parse_text(SEED.read_text(encoding="utf-8"), id=SEED_ID)


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``main(argv)``; argparse's SystemExit counts as a return."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def body_lines(out: str) -> list[str]:
    return out.splitlines()


# --------------------------------------------------------------------------- run


def test_run_seed_prints_three_body_sentences(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    code, out, err = run_cli(["run", SEED], capsys)
    assert code == 0
    assert err == ""  # no progress bar or warnings when stderr is not a terminal
    lines = body_lines(out)
    assert len(lines) == 3
    own_summary = {s for ref in seed_article.references for s in ref}
    assert seed_article.reference_kinds == ("lead+closing",)
    for line in lines:
        assert line in seed_article.sentences
        assert line not in own_summary
        assert not line.startswith("In summary")
    # Document order, no duplicates.
    positions = [seed_article.sentences.index(line) for line in lines]
    assert positions == sorted(set(positions))


def test_run_jsonl_format(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    code, out, err = run_cli(["run", SEED, "--format", "jsonl"], capsys)
    assert code == 0 and err == ""
    (line,) = out.splitlines()
    record = json.loads(line)
    assert record["id"] == SEED_ID
    assert isinstance(record["summary"], list) and len(record["summary"]) == 3
    selected = record["selected"]
    assert all(isinstance(i, int) for i in selected)
    assert selected == sorted(selected) and len(set(selected)) == 3
    assert record["summary"] == [seed_article.sentences[i] for i in selected]
    # The text format prints the same sentences.
    _, text_out, _ = run_cli(["run", SEED], capsys)
    assert text_out.splitlines() == record["summary"]


def test_run_sentences_budget(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    code, out, _ = run_cli(["run", SEED, "--sentences", "2"], capsys)
    assert code == 0
    lines = body_lines(out)
    assert len(lines) == 2
    assert all(line in seed_article.sentences for line in lines)


def test_run_words_budget(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    code, out, _ = run_cli(["run", SEED, "--words", "40"], capsys)
    assert code == 0
    lines = body_lines(out)
    assert 1 <= len(lines) <= 3
    assert all(line in seed_article.sentences for line in lines)
    total = sum(len(line.split()) for line in lines)
    # The budget holds, except that the best sentence is kept even when it alone is longer.
    assert total <= 40 or len(lines) == 1
    _, default_out, _ = run_cli(["run", SEED], capsys)
    assert total < sum(len(line.split()) for line in body_lines(default_out))


def test_run_ratio_budget(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    code, out, _ = run_cli(["run", SEED, "--ratio", "0.1", "--format", "jsonl"], capsys)
    assert code == 0
    n = len(seed_article.sentences)
    assert len(json.loads(out)["summary"]) == math.ceil(0.1 * n)


def test_run_lead_method(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    code, out, _ = run_cli(["run", SEED, "--method", "lead"], capsys)
    assert code == 0
    assert body_lines(out) == list(seed_article.sentences[:3])


def test_run_random_method_is_seeded(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    code1, out1, _ = run_cli(["run", SEED, "--method", "random", "--seed", "7", "--format", "jsonl"], capsys)
    code2, out2, _ = run_cli(["run", SEED, "--method", "random", "--seed", "7", "--format", "jsonl"], capsys)
    assert code1 == code2 == 0
    assert out1 == out2
    record = json.loads(out1)
    assert len(record["summary"]) == 3
    assert record["summary"] == [seed_article.sentences[i] for i in record["selected"]]


def test_run_oracle_method(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    code, out, _ = run_cli(["run", SEED, "--method", "oracle", "--format", "jsonl"], capsys)
    assert code == 0
    record = json.loads(out)
    assert 1 <= len(record["summary"]) <= 3
    assert record["summary"] == [seed_article.sentences[i] for i in record["selected"]]


def test_run_oracle_without_reference_reports_the_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(ART, encoding="utf-8")
    code, out, err = run_cli(["run", path, "--method", "oracle"], capsys)
    assert code == 1
    assert out == ""
    assert re.search(r"plain.*has no reference; the oracle needs one", err)


def test_run_many_records_get_id_headers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(json.dumps({"id": "a", "article": ART}) + "\n" + json.dumps({"id": "b", "article": OTHER}) + "\n")
    code, out, err = run_cli(["run", path, "--method", "lead", "--sentences", "1"], capsys)
    assert code == 0 and err == "summarize: 2 records: 2 summarized, 0 failed\n"  # the batch's summary line
    assert out == "# a\n" + ART.split(". ")[0] + ".\n\n# b\n" + OTHER.split(". ")[0] + ".\n"


def test_run_stdin_text(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], seed_article) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    code, out, _ = run_cli(["run", "-", "--method", "lead", "--sentences", "1"], capsys)
    assert code == 0
    assert out == seed_article.sentences[0] + "\n"  # one article: no "# id" header


def test_run_stdin_jsonl(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.dumps({"id": "a", "article": ART}) + "\n" + json.dumps({"id": "b", "article": OTHER}) + "\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    code, out, _ = run_cli(["run", "-", "--method", "lead", "--sentences", "1"], capsys)
    assert code == 0
    # Detected as JSONL: two records, so each gets its header.
    assert out == "# a\n" + ART.split(". ")[0] + ".\n\n# b\n" + OTHER.split(". ")[0] + ".\n"


# --------------------------------------------------------------------------- eval


def test_eval_text_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(["eval", SEED], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    for name in ROUGE_TYPES:
        assert any(re.match(rf"{name}\s+\d+\.\d\d\s+\d+\.\d\d\s+\d+\.\d\d\s+\[\d+\.\d\d, \d+\.\d\d\]$", line)
                   for line in lines), name
    assert re.search(r"^signature: rouge:1\+2\+L\+Lsum\|.*\|ref:auto\|.*\|seed:12345\|", out, re.M)
    assert "1 scored, 0 skipped" in lines[0]


def test_eval_json_report(capsys: pytest.CaptureFixture[str], seed_article) -> None:
    from rouge_score import rouge_scorer

    code, out, err = run_cli(["eval", SEED, "--format", "json"], capsys)
    assert code == 0 and err == ""
    report = json.loads(out)
    assert {"n", "skipped", "signature", *ROUGE_TYPES} <= set(report)
    assert report["n"] == 1
    assert report["skipped"] == []
    assert report["signature"].startswith("rouge:1+2+L+Lsum|")
    for name in ROUGE_TYPES:
        entry = report[name]
        for field in ("precision", "recall", "fmeasure"):
            assert 0.0 <= entry[field] <= 1.0
        low, high = entry["fmeasure_ci"]
        assert low <= entry["fmeasure"] <= high

    _, run_out, _ = run_cli(["run", SEED, "--format", "jsonl"], capsys)
    summary = json.loads(run_out)["summary"]
    (reference,) = seed_article.references
    expected = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True).score("\n".join(reference), "\n".join(summary))
    assert report["rouge1"]["fmeasure"] == pytest.approx(expected["rouge1"].fmeasure, abs=1e-12)
    assert report["rouge1"]["precision"] == pytest.approx(expected["rouge1"].precision, abs=1e-12)
    assert report["rouge1"]["recall"] == pytest.approx(expected["rouge1"].recall, abs=1e-12)


def test_eval_markdown_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(["eval", SEED, "--format", "markdown", "--rouge-types", "rouge1,rougeL"], capsys)
    assert code == 0
    assert re.search(r"^\| rouge1 \|", out, re.M) and re.search(r"^\| rougeL \|", out, re.M)
    assert not re.search(r"^\| rouge2 \|", out, re.M)
    assert re.search(r"^Signature: `rouge:1\+L\|", out, re.M)


def test_eval_signature_names_the_reference_choice_canonically(capsys: pytest.CaptureFixture[str]) -> None:
    _, out1, _ = run_cli(["eval", SEED, "--format", "json", "--reference", "closing, LEAD"], capsys)
    _, out2, _ = run_cli(["eval", SEED, "--format", "json", "--reference", "lead,closing"], capsys)
    sig1, sig2 = json.loads(out1)["signature"], json.loads(out2)["signature"]
    assert "|ref:lead,closing|" in sig1
    assert sig1 == sig2


def test_eval_out_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_dir = tmp_path / "report"
    code, out, err = run_cli(["eval", SEED, "--out", out_dir, "--format", "json"], capsys)
    assert code == 0 and err == ""
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(REPORT_FILES)
    signature = json.loads(out)["signature"]
    assert json.loads((out_dir / "aggregate.json").read_text())["signature"] == signature
    assert signature in (out_dir / "report.md").read_text()
    assert (out_dir / "signature.txt").read_text() == signature + "\n"
    per_article = (out_dir / "per_article.csv").read_text().splitlines()
    assert per_article[0].startswith("index,id,reference,skipped,selected,summary,rouge1_precision")
    assert SEED_ID in per_article[1]
    aggregate = (out_dir / "aggregate.csv").read_text().splitlines()
    assert [row.split(",")[0] for row in aggregate[1:]] == list(ROUGE_TYPES)

    before = {name: (out_dir / name).read_text() for name in REPORT_FILES}
    code, out, err = run_cli(["eval", SEED, "--out", out_dir, "--method", "lead"], capsys)
    assert code == 1
    assert "--force" in err
    assert str(out_dir) in err
    assert out == ""  # refused before evaluating, so no report is printed either
    assert {name: (out_dir / name).read_text() for name in REPORT_FILES} == before

    code, out, err = run_cli(["eval", SEED, "--out", out_dir, "--method", "lead", "--force"], capsys)
    assert code == 0 and err == ""
    assert "lead" in (out_dir / "report.md").read_text()
    assert (out_dir / "report.md").read_text() != before["report.md"]


def test_eval_out_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "taken"
    target.write_text("x")
    code, out, err = run_cli(["eval", SEED, "--out", target], capsys)
    assert code == 1
    assert re.search(r"taken exists and is not a directory", err)


# --------------------------------------------------------------------------- no own summary


def test_article_without_own_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(ART + "\n\n" + OTHER + "\n", encoding="utf-8")

    code, out, err = run_cli(["run", path], capsys)
    assert code == 0 and err == ""
    assert len(body_lines(out)) == 3

    code, out, err = run_cli(["eval", path, "--format", "json"], capsys)
    assert code == 1
    report = json.loads(out)
    assert report["n"] == 0
    assert len(report["skipped"]) == 1
    assert report["skipped"][0]["id"] == "plain"
    assert re.match(r"no reference", report["skipped"][0]["reason"])
    assert re.search(r"nothing could be scored.*plain: no reference", err)


def test_eval_mixed_batch_scores_what_it_can(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_text(
        json.dumps({"id": "with", "article": ART, "summary": "The budget passed by one vote."}) + "\n"
        + json.dumps({"id": "without", "article": OTHER}) + "\n"
        + "{broken\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(["eval", path, "--format", "json"], capsys)
    assert code == 1  # some records could not be scored
    # Unreadable records are warned about with file and line; the summary line counts every record.
    assert err == (f"summarize: warning: {path}:3: " + re.search(r"malformed JSON[^\n]*", err).group(0) + "\n"
                   + "summarize: 3 records: 1 scored, 2 failed\n")
    report = json.loads(out)
    assert report["n"] == 1
    reasons = {s["id"]: s["reason"] for s in report["skipped"]}
    assert set(reasons) == {"without", f"{path}:3"}
    assert reasons["without"].startswith("no reference")
    assert reasons[f"{path}:3"].startswith("malformed JSON")


# --------------------------------------------------------------------------- bad input


def test_nonexistent_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "no_such_article.txt"
    for command in ("run", "eval"):
        code, out, err = run_cli([command, missing], capsys)
        assert code == 1
        assert out == ""
        assert str(missing) in err
        assert err.startswith("summarize: error:")


@pytest.mark.parametrize(
    ("argv", "pattern"),
    [
        (["run", SEED, "--method", "bogus"], r"invalid choice: 'bogus'.*tfidf.*lead.*random.*oracle"),
        (["eval", SEED, "--method", "bogus"], r"invalid choice: 'bogus'.*tfidf.*lead.*random.*oracle"),
        (["run", SEED, "--reference", "bogus"],
         r"--reference: invalid reference choice 'bogus'.*auto.*none.*lead, closing, highlights, summary, references"),
        (["eval", SEED, "--reference", "lead,bogus"],
         r"--reference: invalid reference choice.*auto.*none.*lead, closing"),
        (["run", SEED, "--sentences", "0"], r"--sentences: expected a positive integer, got 0"),
        (["run", SEED, "--sentences", "three"], r"--sentences: expected a positive integer, got 'three'"),
        (["run", SEED, "--words", "-5"], r"--words: expected a positive integer"),
        (["run", SEED, "--ratio", "2"], r"--ratio: expected a number in \(0, 1\], got 2"),
        (["run", SEED, "--ratio", "0"], r"--ratio: expected a number in \(0, 1\]"),
        (["eval", SEED, "--rouge-types", "rougeX"],
         r"invalid ROUGE type 'rougeX': use rouge1\.\.rouge9, rougeL or rougeLsum"),
        (["eval", SEED, "--rouge-types", "rouge1,rouge0"], r"invalid ROUGE type 'rouge0'"),
        (["eval", SEED, "--confidence", "1.5"], r"confidence must be in \(0, 1\)"),
        (["run", SEED, "--format", "csv"], r"invalid choice: 'csv'.*text.*jsonl"),
        (["run", SEED, "--input-format", "xml"], r"invalid choice: 'xml'"),
        (["frobnicate", SEED], r"invalid choice: 'frobnicate'.*run.*eval"),
    ],
)
def test_invalid_options_exit_2(argv: list[str], pattern: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(argv, capsys)
    assert code == 2
    assert out == ""
    assert re.search(pattern, err), err


def test_jsonl_batch_with_one_bad_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "good1", "article": ART}) + "\n"
        + json.dumps({"id": "bad", "text": ART}) + "\n"
        + json.dumps({"id": "good2", "article": OTHER}) + "\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(["run", path, "--format", "jsonl"], capsys)
    assert code == 1  # one record failed
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 3
    assert [r["id"] for r in records] == ["good1", "bad", "good2"]
    assert [r["index"] for r in records] == [0, 1, 2]
    assert "error" not in records[0] and "error" not in records[2]
    assert len(records[0]["summary"]) == 3 and len(records[2]["summary"]) == 3
    assert re.match(r"missing field 'article'.*--article-field", records[1]["error"])
    assert "summary" not in records[1]
    assert re.search(rf"warning: {re.escape(str(path))}:2: missing field 'article'", err)
    assert err.endswith("summarize: 3 records: 2 summarized, 1 failed\n")

    # The text format summarizes the same good records.
    code, out, err = run_cli(["run", path], capsys)
    assert code == 1
    assert re.findall(r"^# (\S+)$", out, re.M) == ["good1", "good2"]
    assert f"{path}:2" in err


def test_all_records_bad(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"oops\n[1, 2]\n' + json.dumps({"id": "n", "article": 5}) + "\n", encoding="utf-8")
    code, out, err = run_cli(["run", path, "--format", "jsonl"], capsys)
    assert code == 1
    # Records whose id cannot be read are identified by their 1-based input line.
    assert [json.loads(line) for line in out.splitlines()] == [
        {"line": 1, "index": 0, "error": json.loads(out.splitlines()[0])["error"]},
        {"line": 2, "index": 1, "error": "expected an object with an 'article' field, got list"},
        {"id": "n", "index": 2, "error": "field 'article' must be a string, got int"},
    ]
    assert "summarize: 3 records: 0 summarized, 3 failed" in err

    code, out, err = run_cli(["eval", path], capsys)
    assert code == 1
    assert "nothing could be scored" in err


@pytest.mark.parametrize(
    ("name", "content", "pattern"),
    [
        ("empty.txt", b"", r"empty article"),
        ("blank.txt", b"  \n\n\t\n", r"empty article"),
        ("binary.txt", b"GIF89a\x00\x01\x02\x00", r"binary data, not text"),
        ("cut.txt.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", r"cannot read file"),
        ("empty.jsonl", b"", r"no records"),
    ],
)
def test_unreadable_single_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, pattern: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for command in ("run", "eval"):
        code, _, err = run_cli([command, path], capsys)
        assert code == 1
        assert re.search(pattern, err), err
        assert name in err


def test_non_utf8_file_is_read_with_a_warning_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 society met again. The band played late into the night.".encode("latin-1"))
    code, out, err = run_cli(["run", path, "--sentences", "1", "--method", "lead"], capsys)
    assert code == 0 and "Caf\u00e9 society met again." in out
    assert err == (f"summarize: warning: {path}: not valid UTF-8 (byte 0xe9 at offset 3); "
                   "read as cp1252 (check accented characters)\n")


def test_empty_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty_dir"
    empty.mkdir()
    code, out, err = run_cli(["run", empty], capsys)
    assert code == 1
    assert re.search(r"empty_dir: directory holds no", err)


# --------------------------------------------------------------------------- process level


def test_help_in_a_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "summarize", "--help"], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0
    assert "run" in result.stdout and "eval" in result.stdout
    assert re.search(r"^usage: summarize", result.stdout)
    assert result.stderr == ""


def test_cli_import_is_light() -> None:
    code = (
        "import sys\n"
        "import summarize.cli\n"
        "summarize.cli.build_parser()\n"
        "heavy = ('sklearn', 'pandas', 'nltk', 'rouge_score', 'numpy', 'pyarrow', 'tqdm')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_module_entry_point_exit_codes(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = subprocess.run(
        [sys.executable, "-m", "summarize", "run", str(missing)], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert str(missing) in result.stderr
    assert "Traceback" not in result.stderr


def test_article_shorter_than_the_budget_is_summarized_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "short.txt"
    path.write_text("The ferry left at noon. It returned at six.\n", encoding="utf-8")
    code, out, err = run_cli(["run", str(path), "--sentences", "3"], capsys)
    assert code == 0
    assert out.splitlines() == ["The ferry left at noon.", "It returned at six."]
    assert re.search(r"short: only 2 body sentence\(s\), fewer than --sentences 3", err)
    code, out, err = run_cli(["run", str(path), "--sentences", "2"], capsys)
    assert code == 0 and err == ""


def test_too_small_word_budget_gives_an_empty_summary_and_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "w", "article": "The ferry left the harbour at noon today.",
                                "summary": "The ferry left."}) + "\n", encoding="utf-8")
    code, out, err = run_cli(["run", str(path), "--words", "3", "--format", "jsonl"], capsys)
    assert code == 0
    assert json.loads(out)["summary"] == []
    assert "w: no sentence fits in --words 3; the summary is empty" in err
    code, out, err = run_cli(["eval", str(path), "--words", "3", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["rouge1"]["fmeasure"] == 0.0
    assert "no sentence fits in --words 3" in err


def test_eval_out_streams_per_article_rows_like_the_python_report(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from eval.report import write_report
    from summarize import TfidfSummarizer, evaluate, read_articles

    records = tmp_path / "records.jsonl"
    records.write_text(
        json.dumps({"id": "x", "article": "The dam burst at dawn. Farms were flooded. Roads closed.",
                    "summary": "The dam burst."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "y", "article": "Rain fell all week. The river rose."}) + "\n",
        encoding="utf-8")
    code, _, _ = run_cli(["eval", str(records), "--out", str(tmp_path / "cli"), "--jobs", "1"], capsys)
    assert code == 1  # two records could not be scored; the report is written all the same
    report = evaluate(read_articles([str(records)]), TfidfSummarizer())
    write_report(report, tmp_path / "api")
    cli_rows = (tmp_path / "cli" / "per_article.csv").read_text(encoding="utf-8")
    assert cli_rows == (tmp_path / "api" / "per_article.csv").read_text(encoding="utf-8")
    import csv

    rows = list(csv.DictReader(io.StringIO(cli_rows)))
    assert [(row["index"], row["skipped"][:9]) for row in rows] == [("0", ""), ("1", "malformed"), ("2", "no refere")]
    assert not [p.name for p in (tmp_path / "cli").iterdir() if p.name.startswith(".")]  # no temporary left


def test_run_text_output_has_no_leading_blank_line_when_the_first_record_fails(tmp_path, capsys):
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"id": "x", "article": ""}) + "\n" + json.dumps({"id": "y", "article": ART}) + "\n")
    code, out, _ = run_cli(["run", path, "--method", "lead", "--sentences", "1"], capsys)
    assert code == 1 and out.startswith("# y\n")
