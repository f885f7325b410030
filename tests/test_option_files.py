"""Config and model files given as options: any content or any path is a usage error (exit 2), never a
traceback, a hang or silent garbage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize.cli import main
from summarize.models.learned import load_model

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "summarize" / "models" / "lr-cnndm-dev-v2.json"
ART = ("The town council met on Monday evening to vote on the new budget. "
       "Members argued for several hours about the cost of repairing the roads. "
       "The mayor said that the plan would be paid for without raising taxes. "
       "The budget finally passed by a single vote shortly after midnight.")


def usage_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2, err
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("key", ["coef", "mean", "scale"])
def test_a_model_with_numbers_near_1e308_is_rejected(tmp_path: Path, key: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data[key] = [1e308 if key != "scale" else 1e-308] * len(data[key])
    model = tmp_path / "m.json"
    model.write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    err = usage_error(["run", str(tmp_path / "a.txt"), "--model", str(model)], capsys)
    assert f"{key!r} holds a number beyond +-1e+12" in err or "scales must be non-zero, at least 1e-12" in err


def test_the_shipped_model_is_within_the_bounds() -> None:
    load_model.cache_clear()
    assert load_model(str(SHIPPED)).coef.shape == (31,)


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
@pytest.mark.parametrize("option", ["--model", "--config"])
def test_a_device_as_model_or_config_is_a_usage_error(tmp_path: Path, device: str, option: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    err = usage_error(["run", str(tmp_path / "a.txt"), option, device], capsys)
    assert f"{device} is not a regular file (a device, FIFO or socket)" in err


@pytest.mark.parametrize(("name", "content", "message"), [
    ("list.json", "[1, 2]", "expected a [summarizer] table"),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "not a valid config file (malformed JSON (nested too deeply))"),
    ("huge.json", '{"summarizer": {"n_sentences": ' + "9" * 5000 + "}}", "unreadable JSON number"),
    ("deep.toml", "[summarizer]\nx = " + "[" * 5000 + "]" * 5000 + "\n", "not a valid config file (nested too deeply)"),
    ("method.toml", "[summarizer]\nmethod = [1]\n", "method must be a string, one of"),
    ("binary.toml", "\udcff", "is not UTF-8 text"),
])
def test_config_files_holding_anything_are_usage_errors(tmp_path: Path, name: str, content: str, message: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    (tmp_path / name).write_bytes(content.encode("utf-8", "surrogateescape"))
    err = usage_error(["run", str(tmp_path / "a.txt"), "--config", str(tmp_path / name)], capsys)
    assert message in err


def test_a_model_file_holding_anything_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_text(ART, encoding="utf-8")
    for k, content in enumerate(["[1]", "[" * 100_000, '{"features": ' + "9" * 5000 + "}", "null"]):
        model = tmp_path / f"m{k}.json"
        model.write_text(content, encoding="utf-8")
        err = usage_error(["run", str(tmp_path / "a.txt"), "--model", str(model)], capsys)
        assert "is not a valid model file" in err
