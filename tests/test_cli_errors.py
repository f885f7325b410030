"""Mistyped commands, options and choices: the command's own usage, and the closest valid name."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.cli.main import main

SEED = str(next(Path(__file__).resolve().parent.parent.joinpath("seeds").glob("*.txt")))


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    return capsys.readouterr().err


def test_a_mistyped_command_suggests_the_closest(capsys):
    err = _error(["rnu", SEED], capsys)
    assert "invalid choice: 'rnu'" in err and err.rstrip().endswith("did you mean 'run'?")


def test_a_mistyped_option_gets_the_commands_usage_and_a_suggestion(capsys):
    err = _error(["run", SEED, "--sentencs", "2"], capsys)
    assert err.startswith("usage: summarize run ")  # the command's usage, not the top-level one
    assert "summarize run: error: unrecognized arguments: --sentencs 2; did you mean --sentences for --sentencs?" \
        in err
    err = _error(["eval", SEED, "--bootstap=10"], capsys)
    assert err.startswith("usage: summarize eval ") and "did you mean --bootstrap for --bootstap?" in err
    err = _error(["score", SEED, SEED, "--zzzzzz"], capsys)
    assert "unrecognized arguments: --zzzzzz\n" in err  # nothing close: no suggestion


def test_a_mistyped_choice_suggests_the_closest(capsys):
    err = _error(["run", SEED, "--method", "tfdif"], capsys)
    assert "invalid choice: 'tfdif'" in err and "did you mean 'tfidf'?" in err


def test_chromium_is_installed_without_recommended_packages():
    script = (Path(__file__).resolve().parent.parent / "tools" / "install_browser.sh").read_text(encoding="utf-8")
    installs = [line for line in script.splitlines() if "apt-get install" in line]
    assert installs and all(line.count("apt-get install") == line.count("--no-install-recommends")
                            for line in installs)
