"""Output files, --resume after kill -9, --fail-fast, and byte-identical output across runs and --jobs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarize.cli import main

REPO = Path(__file__).resolve().parents[1]
WORDS = "council harbour bridge budget vote minister police court storm river school hospital city club".split()


def _corpus(path: Path, n: int, bad_at: tuple[int, ...] = ()) -> Path:
    lines = []
    for k in range(n):
        if k in bad_at:
            lines.append("{not json")
            continue
        sentences = [" ".join(WORDS[(k + i + j) % len(WORDS)] for j in range(6 + i % 5)).capitalize() + "."
                     for i in range(8)]
        lines.append(json.dumps({"id": f"r{k}", "article": " ".join(sentences), "summary": sentences[0]}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_output_file_is_complete_or_absent_and_never_overwritten(tmp_path, capsys):
    corpus = _corpus(tmp_path / "c.jsonl", 5)
    out = tmp_path / "out" / "summaries.jsonl"
    assert main(["run", str(corpus), "--format", "jsonl", "-o", str(out), "--no-progress"]) == 0
    assert capsys.readouterr().out == ""
    assert len(out.read_text().splitlines()) == 5
    assert sorted(p.name for p in out.parent.iterdir()) == ["summaries.jsonl"]  # no .partial or sidecar left
    before = out.read_bytes()
    assert main(["run", str(corpus), "--format", "jsonl", "-o", str(out)]) == 1
    assert "exists; use --force" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["run", str(corpus), "--format", "jsonl", "-o", str(out), "--force", "--method", "lead"]) == 0
    assert out.read_bytes() != before


def test_resume_after_kill_9_loses_and_repeats_nothing(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 2000, bad_at=(7, 1500))
    reference = tmp_path / "reference.jsonl"
    # LEAD keeps the test fast; resuming does not depend on the method.
    assert main(["run", str(corpus), "--format", "jsonl", "-o", str(reference), "--jobs", "1", "--no-progress",
                 "--method", "lead"]) == 1
    out = tmp_path / "out.jsonl"
    partial = tmp_path / "out.jsonl.partial"
    argv = [sys.executable, "-m", "summarize", "run", str(corpus), "--format", "jsonl", "-o", str(out),
            "--jobs", "1", "--no-progress", "--method", "lead"]
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if partial.exists() and partial.stat().st_size > 20_000:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not out.exists()
    written = partial.read_bytes()
    assert 0 < written.count(b"\n") < 2000  # killed mid-run
    # A torn last line, as a kill during a write leaves it, is cut off on resume.
    partial.write_bytes(written + b'{"id": "r9999", "ind')
    result = subprocess.run(argv + ["--resume"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stderr  # the two bad records
    assert "2000 records: 1998 summarized, 2 failed" in result.stderr
    assert out.read_bytes() == reference.read_bytes()
    assert not partial.exists()


def test_resume_refuses_other_settings_and_needs_an_output_file(tmp_path, capsys):
    corpus = _corpus(tmp_path / "c.jsonl", 3)
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_text("")
    (tmp_path / ".out.jsonl.partial.json").write_text('{"digest": "something else"}')
    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(corpus), "--format", "jsonl", "-o", str(out), "--resume"])
    assert exit_info.value.code == 2
    assert "written with other settings" in capsys.readouterr().err
    assert main(["run", str(corpus), "--format", "jsonl", "-o", str(out)]) == 1
    assert "use --resume to continue it or --force" in capsys.readouterr().err
    for extra, message in ((["--resume"], "--resume needs --output FILE"),
                           (["--resume", "-o", str(out)], "--resume needs --format jsonl")):
        with pytest.raises(SystemExit):
            main(["run", str(corpus), *extra])
        assert message in capsys.readouterr().err


def test_fail_fast_stops_at_the_first_failed_record(tmp_path, capsys):
    corpus = _corpus(tmp_path / "c.jsonl", 6, bad_at=(2,))
    assert main(["run", str(corpus), "--format", "jsonl", "--fail-fast", "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert [sorted(json.loads(line)) for line in captured.out.splitlines()][-1] == ["error", "index", "line"]
    assert len(captured.out.splitlines()) == 3
    assert "stopped at the first failed record (--fail-fast)" in captured.err
    assert main(["eval", str(corpus), "--fail-fast", "--jobs", "1"]) == 1
    assert "stopped at the first failed record" in capsys.readouterr().err


def test_output_is_byte_identical_across_runs_and_jobs(tmp_path, capsys):
    corpus = _corpus(tmp_path / "c.jsonl", 300, bad_at=(150,))
    files = []
    for k, jobs in enumerate(("1", "2", "2")):
        path = tmp_path / f"run{k}.jsonl"
        assert main(["run", str(corpus), "--format", "jsonl", "-o", str(path), "--jobs", jobs, "--no-progress"]) == 1
        files.append(path.read_bytes())
        report = tmp_path / f"report{k}"
        assert main(["eval", str(corpus), "--out", str(report), "--jobs", jobs, "--no-progress"]) == 1
        files.append(b"".join((report / name).read_bytes() for name in sorted(os.listdir(report))))
    capsys.readouterr()
    assert files[0] == files[2] == files[4]
    assert files[1] == files[3] == files[5]


def test_eval_resume_after_kill_9_gives_the_same_report(tmp_path, capsys):
    corpus = _corpus(tmp_path / "c.jsonl", 1500, bad_at=(3, 1200))
    reference = tmp_path / "reference"
    options = ["--method", "lead", "--jobs", "1", "--no-progress", "--bootstrap", "100"]
    assert main(["eval", str(corpus), "--out", str(reference), *options]) == 1  # two bad records
    capsys.readouterr()
    out = tmp_path / "report"
    rows = out / ".per_article.partial.jsonl"
    argv = [sys.executable, "-m", "summarize", "eval", str(corpus), "--out", str(out), *options]
    proc = subprocess.Popen(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (rows.exists() and rows.stat().st_size > 20_000):
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    written = rows.read_bytes()
    assert 0 < written.count(b"\n") < 1500 and not (out / "per_article.csv").exists()
    rows.write_bytes(written + b'[17, "r17", "summ')  # a torn last row
    assert main(["eval", str(corpus), "--out", str(out)] + options) == 1
    assert "use --resume to continue it or --force" in capsys.readouterr().err
    assert main(["eval", str(corpus), "--out", str(out), "--resume", *options]) == 1
    assert "1500 records: 1498 scored, 2 failed" in capsys.readouterr().err
    for name in ("per_article.csv", "aggregate.csv", "aggregate.json", "report.md", "signature.txt"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in reference.iterdir())


def test_resume_refuses_stdin_and_notices_edited_files_in_a_directory(tmp_path, capsys, monkeypatch):
    import io

    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.txt").write_text("The dam burst at dawn. Farms were flooded. Roads closed.\n")
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_text("")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x")))
    with pytest.raises(SystemExit):
        main(["run", "-", "--format", "jsonl", "-o", str(out), "--resume"])
    assert "cannot check that stdin is the same input" in capsys.readouterr().err
    from summarize.cli import build_parser
    from summarize.experiment.resume import settings_digest

    args = build_parser().parse_args(["run", str(folder), "--format", "jsonl", "-o", str(out)])
    before = settings_digest(args)["digest"]
    (folder / "b.txt").write_text("The dam held. Nothing happened at all.\n")
    assert settings_digest(args)["digest"] != before


def test_resume_notices_an_edited_config_file_and_ignores_its_own_files_in_an_input_dir(tmp_path, capsys):
    folder = tmp_path / "arts"
    folder.mkdir()
    _corpus(folder / "c.jsonl", 6, bad_at=(2,))
    config = tmp_path / "cfg.toml"
    config.write_text('[summarizer]\nmethod = "tfidf"\nn_sentences = 3\n')
    out = folder / "out.jsonl"
    argv = ["run", str(folder), "--format", "jsonl", "-o", str(out), "--config", str(config), "--jobs", "1"]
    assert main(argv + ["--fail-fast"]) == 1  # stops at record 2 and keeps out.jsonl.partial
    capsys.readouterr()
    assert main(argv + ["--resume"]) == 1  # same settings: resumed (the bad record still fails) ...
    err = capsys.readouterr().err
    assert "6 records: 5 summarized, 1 failed" in err and "partial" not in err  # ... and no sidecar read as input
    out.unlink()
    assert main(argv + ["--fail-fast"]) == 1
    config.write_text('[summarizer]\nmethod = "lead"\nn_sentences = 1\n')
    with pytest.raises(SystemExit) as exit_info:
        main(argv + ["--resume"])
    assert exit_info.value.code == 2 and "other settings" in capsys.readouterr().err


def test_a_corrupt_settings_file_refuses_the_resume_clearly(tmp_path, capsys):
    corpus = _corpus(tmp_path / "c.jsonl", 3)
    out = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.partial").write_text("")
    (tmp_path / ".out.jsonl.partial.json").write_text("{not json")
    with pytest.raises(SystemExit) as exit_info:
        main(["run", str(corpus), "--format", "jsonl", "-o", str(out), "--resume"])
    assert exit_info.value.code == 2
    assert "written with other settings" in capsys.readouterr().err
