"""compare(): several systems on the same articles, paired tests; the ``summarize compare`` CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from eval import BootstrapConfig, RougeConfig, score_summary
from eval.compare import metric_names
from eval.measures import summary_measures
from summarize import Article, LeadSummarizer, RecordError, compare
from summarize.cli import main
from summarize.experiment.batch import BatchConfig

A = Article(id="a", body=("The dam burst at dawn. Farms were flooded. Roads closed.",),
            references=(("The dam burst.",),))
B = Article(id="b", body=("Rain fell all week. The river rose fast.",), references=(("The river rose.",),))
NO_REF = Article(id="c", body=("Nothing to compare with.",))
BAD = RecordError("d", "file.jsonl:4", "malformed JSON")
EXTERNAL = {"a": ["Farms were flooded."], "b": ["The river rose fast."]}
CONFIG = RougeConfig(types=("rouge1", "rouge2"))
BOOT = BootstrapConfig(n_samples=200, seed=7)


def _run(items, systems, **kw):
    return compare(items, systems, rouge=CONFIG, bootstrap=BOOT, n_permutations=200, **kw)


def test_values_are_rouge_and_measures_of_each_system():
    result = _run([A, B], {"lead": LeadSummarizer(n_sentences=1), "ext": EXTERNAL})
    assert result.metrics == metric_names(("rouge1", "rouge2")) and result.metrics[:2] == ("rouge1_f", "rouge2_f")
    assert result.n_compared == 2 and result.baseline == "lead"
    lead_a = score_summary(["The dam burst at dawn."], A.references, CONFIG)["rouge1"].fmeasure
    ext_b = score_summary(["The river rose fast."], B.references, CONFIG)["rouge1"].fmeasure
    assert result.values["lead"][0, 0] == lead_a
    assert result.values["ext"][1, 0] == ext_b
    quality = summary_measures(B.sentences, ["The river rose fast."], [1]).as_dict()
    assert result.values["ext"][1, 2:].tolist() == pytest.approx(list(quality.values()), nan_ok=True)
    assert result.aggregate["ext"]["rouge1_f"].mean == pytest.approx(result.values["ext"][:, 0].mean())
    # External sentences are aligned to the article: "Farms were flooded." is sentence 1 of 3.
    assert result.positions["ext"] == (0.5, 1.0)


def test_paired_tests_against_the_baseline():
    same = _run([A, B], {"x": EXTERNAL, "y": dict(EXTERNAL)})
    (r1, *_rest) = same.tests
    assert (r1.system, r1.baseline, r1.metric, r1.n) == ("y", "x", "rouge1_f", 2)
    assert r1.mean_difference == 0.0 and r1.p_permutation == 1.0
    named = _run([A, B], {"x": EXTERNAL, "y": LeadSummarizer(n_sentences=1)}, baseline="y")
    assert {t.system for t in named.tests} == {"x"} and named.baseline == "y"


def test_records_without_reference_or_summary_are_skipped_with_reasons():
    result = _run([A, NO_REF, BAD, B], {"lead": LeadSummarizer(n_sentences=1), "ext": {"a": ["Farms were flooded."]}})
    assert result.n_compared == 1
    assert result.skipped == (
        (1, "c", "no reference (no own summary found; see --reference)"),
        (2, "d", "malformed JSON"),
        (3, "b", "system 'ext' has no summary with id 'b'"),
    )


def test_results_do_not_depend_on_the_batch_engine():
    systems = {"lead": LeadSummarizer(n_sentences=1), "ext": EXTERNAL}
    one = _run([A, B, NO_REF] * 3, systems).to_dict()
    two = _run([A, B, NO_REF] * 3, systems, batch=BatchConfig(jobs=2, chunk_size=1)).to_dict()
    assert one == two


@pytest.mark.parametrize("kwargs, message", [
    ({"baseline": "zzz"}, "baseline 'zzz' is not one of the systems: lead"),
    ({"measures": ["coverage", "beauty"]}, "unknown measure.*beauty.*choose from words"),
])
def test_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        _run([A], {"lead": LeadSummarizer()}, **kwargs)
    with pytest.raises(ValueError, match="at least one system"):
        _run([A], {})


def test_nothing_compared_gives_nan_not_an_error():
    result = _run([NO_REF], {"lead": LeadSummarizer()})
    assert result.n_compared == 0 and math.isnan(result.aggregate["lead"]["rouge1_f"].mean)
    assert json.loads(json.dumps(result.to_dict(), allow_nan=False))["aggregate"]["lead"]["rouge1_f"]["mean"] is None


def _articles(tmp_path: Path) -> Path:
    path = tmp_path / "articles.jsonl"
    rows = [{"id": r.id, "article": " ".join(r.body), "summary": " ".join(r.references[0])} for r in (A, B)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_cli_text_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ext = tmp_path / "ext.jsonl"
    ext.write_text("".join(json.dumps({"id": k, "summary": v}) + "\n" for k, v in EXTERNAL.items()), encoding="utf-8")
    argv = ["compare", str(_articles(tmp_path)), "--sentences", "1", "--summaries", f"ext={ext}", "--jobs", "1",
            "--bootstrap", "100", "--permutations", "100"]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1].split() == ["metric", "tfidf", "lead", "ext"]
    assert "paired tests against tfidf" in out and "|baseline:tfidf" in out
    assert main(argv + ["--format", "json", "--baseline", "ext"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n"] == 2 and data["baseline"] == "ext"
    assert {t["system"] for t in data["tests"]} == {"tfidf", "lead"}
    assert set(data["aggregate"]["lead"]["rouge1_f"]) == {"mean", "ci"}


def test_cli_markdown_escapes_pipes_in_system_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ext = tmp_path / "ext.jsonl"
    ext.write_text("".join(json.dumps({"id": k, "summary": v}) + "\n" for k, v in EXTERNAL.items()), encoding="utf-8")
    argv = ["compare", str(_articles(tmp_path)), "--sentences", "1", "--summaries", f"a|b={ext}", "--jobs", "1",
            "--bootstrap", "50", "--permutations", "50", "--format", "markdown"]
    assert main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    start = lines.index("| metric | tfidf | lead | a\\|b |")
    table = lines[start:lines.index("", start)]
    # An unescaped "|" would split a row into more cells than the header has.
    assert len(table) > 3 and {len(line.replace("\\|", "").split("|")) for line in table} == {6}


def test_cli_counts_external_summaries_that_match_no_article(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    ext = tmp_path / "ext.jsonl"
    rows = {**EXTERNAL, "typo-1": "Unmatched.", "typo-2": "Also unmatched."}
    ext.write_text("".join(json.dumps({"id": k, "summary": v}) + "\n" for k, v in rows.items()), encoding="utf-8")
    argv = ["compare", str(_articles(tmp_path)), "--sentences", "1", "--summaries", f"ext={ext}", "--jobs", "1",
            "--bootstrap", "50", "--permutations", "50"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert f"--summaries ext: 2 of {len(rows)} summaries match no article id ('typo-1', 'typo-2')" in err


@pytest.mark.parametrize("extra, message", [
    (["--summaries", "nofile"], "expected NAME=FILE"),
    (["--systems", "tfidf,bert"], "unknown method 'bert'"),
    (["--summaries", "lead=x.jsonl"], "already used"),
    (["--measures", "beauty"], "unknown measure"),
])
def test_cli_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], extra, message) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", str(_articles(tmp_path)), *extra])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_cli_measure_names_match_the_library():
    from eval.measures import MEASURE_NAMES
    from summarize.cli import compare as compare_cli

    assert compare_cli.MEASURE_NAMES == MEASURE_NAMES


def test_cli_exits_1_and_counts_when_records_are_skipped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _articles(tmp_path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "noref", "article": "Nothing to compare with. At all."}) + "\n")
    assert main(["compare", str(path), "--jobs", "1", "--bootstrap", "50", "--permutations", "50"]) == 1
    err = capsys.readouterr().err
    assert err.endswith("summarize: 3 records: 2 compared, 1 failed\n")


@pytest.mark.parametrize(("command", "failed"), [
    ("run", "some records failed (each is reported on stderr, and as an error line with --format jsonl)"),
    ("score", "some pairs could not be scored (each is reported on stderr, and as an error line with"),
    ("eval", "some records could not be scored (each is reported on stderr and listed as skipped"),
    ("compare", "some articles could not be compared"), ("report", "some articles could not be compared"),
    ("meta", "some judgment records could not be read"), ("tune", "no usable dev article, or no trial completed")])
def test_every_command_documents_its_own_exit_codes(command, failed, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"exit codes: 0 success 1 {failed}" in text and "128+N stopped by signal N" in text
    # only run and score write JSONL error lines
    assert ("error line" in text) == (command in ("run", "score"))


def test_a_zero_bootstrap_p_value_is_shown_as_below_one_over_b():
    from eval.report.compare import _p

    assert (_p(0.0, 1000), _p(0.0, 0), _p(0.25, 1000), _p(float("nan"), 1000)) == ("<0.001", "0.0000", "0.2500", "-")


def test_cli_warns_about_reading_repairs_and_names_a_missing_summaries_file(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_bytes("Caf\u00e9 owners met on Monday. They agreed on new hours. In summary, cafés open later."
                     .encode("cp1252"))
    main(["compare", str(path), "--jobs", "1", "--bootstrap", "20", "--permutations", "20"])
    assert "read as cp1252" in capsys.readouterr().err
    assert main(["compare", str(path), "--summaries", f"e={tmp_path / 'nope.jsonl'}"]) == 1
    assert "--summaries e=" in capsys.readouterr().err
