"""TOML config files: round trip, validation, and --config on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarize import TfidfModel, TfidfSummarizer
from summarize.cli import main
from summarize.models.config import SummarizerConfig, dump_config, load_config

SEED = str(Path(__file__).resolve().parents[1] / "seeds" / "000_eee3009524595d1e.txt")


def test_round_trip_keeps_types_and_none(tmp_path):
    config = SummarizerConfig("tfidf", {"n_sentences": None, "max_words": 40, "position_weight": 0.25,
                                        "scoring": "centroid", "stem": False})
    path = tmp_path / "best.toml"
    path.write_text(dump_config(config, comment="tuned on dev\nstudy x"), encoding="utf-8")
    text = path.read_text()
    assert text.startswith("# tuned on dev\n# study x\n[summarizer]\nmethod = \"tfidf\"\n")
    assert 'n_sentences = "none"' in text
    assert load_config(path) == config
    model = load_config(path).build()
    assert isinstance(model, TfidfModel) and model.n_sentences is None and model.max_words == 40
    est = load_config(path).build_estimator()
    assert isinstance(est, TfidfSummarizer) and est.get_params() == model.get_params()


def test_unknown_parameter_and_method_name_the_valid_ones(tmp_path):
    with pytest.raises(ValueError, match="unknown parameter.*positon_weight.*valid: n_sentences"):
        SummarizerConfig("tfidf", {"positon_weight": 0.1})
    path = tmp_path / "c.toml"
    path.write_text('[summarizer]\nmethod = "textrank"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown method 'textrank'; choose one of tfidf, lead"):
        load_config(path)


def test_bad_files(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[summarizer\nmethod=", encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid config file"):
        load_config(path)
    path.write_text("method = 'tfidf'\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"expected a \[summarizer\] table"):
        load_config(path)
    bad = SummarizerConfig("tfidf", {"position_weight": 2.0})
    with pytest.raises(ValueError, match=r"position_weight must be a number in \[0, 1\]"):
        bad.build()


def test_cli_config_and_overrides(tmp_path, capsys):
    path = tmp_path / "c.toml"
    path.write_text('[summarizer]\nmethod = "lead"\nn_sentences = 2\n', encoding="utf-8")
    assert main(["run", SEED, "--config", str(path), "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["selected"] == [0, 1]
    assert main(["run", SEED, "--config", str(path), "--sentences", "1", "--format", "jsonl"]) == 0
    assert json.loads(capsys.readouterr().out)["selected"] == [0]
    # Another method keeps the budget it understands.
    assert main(["run", SEED, "--config", str(path), "--method", "tfidf", "--format", "jsonl"]) == 0
    assert len(json.loads(capsys.readouterr().out)["selected"]) == 2
    path.write_text('[summarizer]\nmethod = "lead"\nsentences = 2\n', encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(["run", SEED, "--config", str(path)])
    assert exc.value.code == 2
    assert "unknown parameter(s) sentences for method 'lead'" in capsys.readouterr().err
