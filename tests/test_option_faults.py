"""Options and option files that cannot work: a usage error (exit 2) or a clear error (exit 1), never a traceback.

Closed stdin, a scheduler address that is no address, a bootstrap of a billion
resamples, search spaces whose steps or logarithms cannot work, config files
that are a JSON list or nested beyond any parser's depth.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.cli import main

REPO = Path(__file__).resolve().parents[1]
OK = "Cats sit on mats all day. Dogs run far in the park. Birds fly high above trees."


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(OK + "\n", encoding="utf-8")
    return path


def usage_error(argv: list[str], capsys) -> str:
    """Run ``main(argv)``; it must end with exit code 2; return stderr."""
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return err


@pytest.mark.skipif(not hasattr(os, "fork"), reason="closes stdin in the child process")
@pytest.mark.parametrize("command", ["run", "eval"])
def test_closed_stdin_is_a_clear_error(command):
    done = subprocess.run([sys.executable, "-m", "summarize", command, "-"], cwd=REPO, capture_output=True,
                          text=True, timeout=60, stdin=None, preexec_fn=lambda: os.close(0))  # noqa: PLW1509
    assert done.returncode == 1, done.stderr
    assert done.stderr == (f"summarize: error: stdin is closed, so '-' has nothing to read: pipe or redirect the "
                           f"input (... | summarize {command} - or < FILE), or give the file's name\n")


def test_an_open_stdin_still_reads(article):
    done = subprocess.run([sys.executable, "-m", "summarize", "run", "-"], cwd=REPO, capture_output=True, text=True,
                          timeout=60, input=OK)
    assert done.returncode == 0 and done.stdout.splitlines() == [s + "." for s in OK.rstrip(".").split(". ")]


@pytest.mark.parametrize("address", ["notaurl::", "tcp://host:port", "foo://host:8786", "tcp://127.0.0.1"])
def test_a_scheduler_that_is_no_address_is_a_usage_error(address, article, tmp_path, capsys):
    pytest.importorskip("distributed")
    rows = tmp_path / "c.jsonl"
    rows.write_text("".join(json.dumps({"id": f"r{k}", "article": OK}) + "\n" for k in range(200)))
    err = usage_error(["run", str(rows), "--engine", "dask", "--scheduler", address], capsys)
    assert f"summarize run: error: --scheduler {address!r} is not a Dask scheduler address (" in err
    assert "give tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786, or 'local'" in err


def test_a_billion_bootstrap_resamples_are_refused_before_scoring(article, capsys, monkeypatch):
    from eval.stats.bootstrap import MAX_SAMPLES, BootstrapConfig
    from summarize.cli.options import MAX_BOOTSTRAP

    assert MAX_BOOTSTRAP == MAX_SAMPLES == 100_000
    monkeypatch.setattr("summarize.models.base.BaseModel.summarize",
                        lambda *a, **k: pytest.fail("scored before refusing"))
    for command in ("eval", "compare", "score", "meta"):
        err = usage_error([command, str(article), "--bootstrap", "1000000000"], capsys)
        assert "argument --bootstrap: expected an integer from 1 to 100000, got 1000000000" in err
    with pytest.raises(ValueError, match="bootstrap n_samples must be an integer from 1 to 100000, got 1000000000"):
        BootstrapConfig(n_samples=1_000_000_000)
    monkeypatch.undo()
    assert main(["eval", str(article), "--bootstrap", "100000", "--no-progress"]) == 1  # allowed (no reference: 1)
    assert "no reference" in capsys.readouterr().err


SPACES = {
    "step = 0": ("redundancy = { low = 0.0, high = 1.0, step = 0 }", "'step' must be > 0, got 0"),
    "int step = 0": ("min_sentence_words = { low = 0, high = 15, step = 0 }", "'step' must be > 0, got 0"),
    "negative step": ("redundancy = { low = 0.0, high = 1.0, step = -0.1 }", "'step' must be > 0, got -0.1"),
    "log from 0": ("position_weight = { low = 0.0, high = 1.0, log = true }",
                   "'log = true' needs 'low' > 0 (the logarithm of 0.0 is undefined)"),
    "log and step": ("redundancy = { low = 0.1, high = 1.0, log = true, step = 0.1 }",
                     "'log' and 'step' cannot be combined"),
    "log not a bool": ("redundancy = { low = 0.1, high = 1.0, log = 1 }", "'log' must be true or false, got 1"),
    "1e308 steps": ("redundancy = { low = 0.0, high = 1e308, step = 1.0 }",
                    "a step of 1.0 from 0.0 to 1e+308 gives 1e+308 values; at most 1,000,000 are allowed"),
    "infinite range": ("redundancy = { low = -1e308, high = 1e308 }", "needs 'low' < 'high' (or 'choices'), both"),
    "inf bound": ("redundancy = { low = 0.0, high = inf }", "'high' must be a finite number, got inf"),
    "string bound": ('redundancy = { low = "a", high = 1.0 }', "'low' must be a finite number, got 'a'"),
    "boolean bound": ("redundancy = { low = false, high = 1.0 }", "'low' must be a finite number, got False"),
    "table choice": ("scoring = { choices = [{ a = 1 }] }", "choices must be strings, numbers or booleans"),
    "params not a table": ("", "[params] must be a table of parameters, got 3"),
    "method not a name": ("", "'method' must be a method name such as \"tfidf\", got [1]"),
    "grid too large": ("redundancy = { low = 0.0, high = 1.0, step = 0.001 }\n"
                       "position_weight = { low = 0.0, high = 1.0, step = 0.001 }",
                       "the grid has 1,002,001 combinations; at most 1,000,000 are allowed"),
    "nested too deeply": ("x = " + "[" * 50_000 + "]" * 50_000, "nested too deeply to be a search space"),
}


@pytest.mark.parametrize("case", sorted(SPACES))
def test_search_spaces_that_cannot_work_are_usage_errors(case, article, tmp_path, capsys, monkeypatch):
    pytest.importorskip("optuna")
    params, message = SPACES[case]
    head = 'method = "tfidf"\n'
    if case == "params not a table":
        text = head + "params = 3\n"
    elif case == "method not a name":
        text = "method = [1]\n[params]\nredundancy = { low = 0.0, high = 1.0 }\n"
    else:
        text = head + "[params]\n" + params + "\n"
    space = tmp_path / "space.toml"
    space.write_text(text, encoding="utf-8")
    def unread(args):  # refused before the articles are read
        yield pytest.fail("read before refusing")

    monkeypatch.setattr("summarize.cli.tune.read_items", unread)
    err = usage_error(["tune", str(article), "--space", str(space), "--sampler", "grid" if "grid" in case else "tpe",
                       "--storage", f"sqlite:///{tmp_path / 'db.sqlite'}", "--out", str(tmp_path / "t")], capsys)
    assert message in err, err
    assert not (tmp_path / "t").exists()


@pytest.mark.parametrize("name,text,message", ids=lambda value: value if isinstance(value, str) and len(value) < 20
                         and value.endswith(("json", "toml")) else "", argvalues=[
    ("list.json", "[1, 2]", "expected a [summarizer] table with 'method' and parameters, not a JSON list"),
    ("string.json", '"tfidf"', "not a JSON str"),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("deep.toml", "a = " + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ("deep_table.toml", "[summarizer]\nx = " + "{a=" * 5000 + "1" + "}" * 5000, "nested too deeply"),
    ("method.toml", "[summarizer]\nmethod = 3\n", "method must be a string, one of"),
    ("latin1.toml", b"[summarizer]\n# caf\xe9\n", "is not UTF-8 text"),
])
def test_config_files_that_cannot_work_are_usage_errors(name, text, message, article, tmp_path, capsys):
    config = tmp_path / name
    if isinstance(text, bytes):
        config.write_bytes(text)
    else:
        config.write_text(text, encoding="utf-8")
    err = usage_error(["run", str(article), "--config", str(config)], capsys)
    assert f"summarize run: error: {config}: " in err or f"summarize run: error: config {config} " in err, err
    assert message in err, err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("option", ["--config", "--space"])
def test_a_fifo_as_config_or_space_is_refused_not_read_forever(option, article, tmp_path):
    # A FIFO nobody writes to (a device such as /dev/zero is refused the same way): reading it blocks forever.
    fifo = tmp_path / "settings.toml"
    os.mkfifo(fifo)
    argv = ["run", str(article), "--config", str(fifo)] if option == "--config" else \
        ["tune", str(article), "--space", str(fifo), "--storage", f"sqlite:///{tmp_path / 'db.sqlite'}"]
    if option == "--space":
        pytest.importorskip("optuna")
    done = subprocess.run([sys.executable, "-m", "summarize", *argv], cwd=REPO, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2, done.stderr
    if option == "--config":
        assert f"config {fifo} is not a regular file (a device, FIFO or socket)" in done.stderr
    else:
        assert f"{fifo}: not a regular file (a search space is a TOML file)" in done.stderr
