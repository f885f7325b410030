"""summarize tune: study, resume, parallel processes on SQLite, grid sampler, config export; splits."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import optuna
import pytest

from summarize.cli import main
from summarize.cli.tune import OBJECTIVE_NAMES, SAMPLER_NAMES
from summarize.experiment.tuning import SAMPLERS, load_space
from summarize.io.splits import IdPrefixSplit, load_ids, parse_prefixes
from summarize.models.config import load_config

TOPICS = ["harbour", "orchard", "railway", "library", "glacier", "festival", "vaccine", "election", "bridge", "museum"]


def _record(k: int) -> dict:
    topic, other = TOPICS[k % len(TOPICS)], TOPICS[(k * 7 + 3) % len(TOPICS)]
    lead = f"Officials opened the new {topic} project on day {k} after years of planning."
    filler = " ".join(f"The {other} committee met again and voted on the {other} budget for week {j}."
                      for j in range(4))
    return {"id": hashlib.sha1(str(k).encode(), usedforsecurity=False).hexdigest(), "article": f"{lead} {filler}",
            "summary": [lead]}


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(_record(k)) + "\n" for k in range(80)), encoding="utf-8")
    return path


@pytest.fixture()
def space(tmp_path: Path) -> Path:
    path = tmp_path / "space.toml"
    path.write_text(
        'method = "tfidf"\n[fixed]\nn_sentences = 1\nmin_sentence_words = 0\n'
        "[params]\nposition_weight = { low = 0.0, high = 1.0, step = 0.5 }\n"
        'scoring = { choices = ["centroid", "centrality"] }\n',
        encoding="utf-8",
    )
    return path


def _tune(data: Path, space: Path, tmp_path: Path, *extra: str) -> list[str]:
    return ["tune", str(data), "--space", str(space), "--storage", f"sqlite:///{tmp_path / 'runs.db'}",
            "--study", "t1", "--out", str(tmp_path / "out"), "--no-progress", *extra]


def _n_complete(tmp_path: Path, study: str = "t1") -> int:
    loaded = optuna.load_study(study_name=study, storage=f"sqlite:///{tmp_path / 'runs.db'}")
    return sum(t.state == optuna.trial.TrialState.COMPLETE for t in loaded.trials)


def test_tune_end_to_end_and_resume(data, space, tmp_path, capsys):
    assert main(_tune(data, space, tmp_path, "--trials", "4")) == 0
    out = capsys.readouterr().out
    assert "study 't1': 4 trials (4 in this run)" in out
    assert "held-out report part, best:" in out and "held-out report part, lead:" in out
    files = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"best.toml", "trials.csv", "optimization_history.png", "param_importances.png",
            "heldout.json", "heldout.md"} <= files
    best = load_config(tmp_path / "out" / "best.toml")
    assert best.method == "tfidf" and best.params["n_sentences"] == 1
    # The reference is each article's first sentence: only the full position prior reaches F1 = 1.
    assert best.params["position_weight"] == 1.0
    markdown = (tmp_path / "out" / "heldout.md").read_text(encoding="utf-8")
    assert markdown.startswith("# summarize tune: study t1\n\n## Held-out report part: best\n")
    assert "## Held-out report part: lead" in markdown and "\n| rouge1 |" in markdown  # Markdown tables
    heldout = json.loads((tmp_path / "out" / "heldout.json").read_text())
    assert heldout["best"]["rouge1"]["fmeasure"] == pytest.approx(1.0)
    # Same command, more trials: the study resumes and runs only the missing ones.
    assert main(_tune(data, space, tmp_path, "--trials", "6")) == 0
    assert "6 trials (2 in this run)" in capsys.readouterr().out
    assert _n_complete(tmp_path) == 6
    # The exported config drives run/eval.
    assert main(["run", str(data), "--config", str(tmp_path / "out" / "best.toml"), "--format", "jsonl"]) == 0
    first = json.loads(capsys.readouterr().out.splitlines()[0])
    assert first["selected"] == [0]


def test_grid_sampler_covers_the_grid(data, space, tmp_path, capsys):
    assert main(_tune(data, space, tmp_path, "--trials", "6", "--sampler", "grid")) == 0
    loaded = optuna.load_study(study_name="t1", storage=f"sqlite:///{tmp_path / 'runs.db'}")
    seen = {(t.params["position_weight"], t.params["scoring"]) for t in loaded.trials}
    assert seen == {(w, s) for w in (0.0, 0.5, 1.0) for s in ("centroid", "centrality")}


def test_parallel_processes_share_one_sqlite_study(data, space, tmp_path):
    argv = [sys.executable, "-m", "summarize", *_tune(data, space, tmp_path, "--trials", "8")]
    # Create the study once so both workers load it (concurrent creation is racy in any storage).
    optuna.create_study(study_name="t1", storage=f"sqlite:///{tmp_path / 'runs.db'}", direction="maximize")
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    workers = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) for _ in range(2)]
    outputs = [w.communicate(timeout=300) for w in workers]
    assert [w.returncode for w in workers] == [0, 0], [o[1].decode()[-500:] for o in outputs]
    # The space holds 6 settings: the workers stop when each has run once (a race may repeat one).
    loaded = optuna.load_study(study_name="t1", storage=f"sqlite:///{tmp_path / 'runs.db'}")
    complete = [t for t in loaded.trials if t.state == optuna.trial.TrialState.COMPLETE]
    assert len({tuple(sorted(t.params.items())) for t in complete}) == 6 and 6 <= len(complete) <= 7


def test_tpe_never_completes_the_same_settings_twice(data, space, tmp_path, capsys):
    assert main(_tune(data, space, tmp_path, "--trials", "50")) == 0
    assert "study 't1': 6 trials (6 in this run)" in capsys.readouterr().out  # 6 distinct settings in the space
    loaded = optuna.load_study(study_name="t1", storage=f"sqlite:///{tmp_path / 'runs.db'}")
    complete = [t for t in loaded.trials if t.state == optuna.trial.TrialState.COMPLETE]
    assert len(complete) == len({tuple(sorted(t.params.items())) for t in complete}) == 6
    assert all(t.state == optuna.trial.TrialState.PRUNED for t in loaded.trials if t not in complete)


def test_errors_say_what_to_fix(data, tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[params]\nposition_weight = { low = 0.0, high = 1.0 }\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(_tune(data, bad, tmp_path, "--trials", "2", "--sampler", "grid"))
    assert exc.value.code == 2
    assert "grid sampler needs 'step' or 'choices' for parameter 'position_weight'" in capsys.readouterr().err
    bad.write_text("[params]\npositon_weight = { low = 0.0, high = 1.0 }\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown parameter.*positon_weight"):
        load_space(bad)
    space = tmp_path / "s.toml"
    space.write_text("[params]\nposition_weight = { low = 0.0, high = 1.0 }\n", encoding="utf-8")
    assert main(_tune(data, space, tmp_path, "--trials", "2", "--dev-prefixes", "z")) == 1
    assert "no dev articles" in capsys.readouterr().err


def test_split_is_a_function_of_the_id(tmp_path):
    split = IdPrefixSplit(parse_prefixes("0, 1,2"), frozenset({"0abc"}))
    assert [split.part(i) for i in ("0abc", "0abd", "1F", "2x", "3x", "fff")] == [
        "report", "dev", "dev", "dev", "report", "report"]
    ids = tmp_path / "ids.jsonl"
    ids.write_text('{"cnndm_id": "0abc"}\n{"cnndm_id": "1def"}\n', encoding="utf-8")
    assert load_ids(ids, field_name="cnndm_id") == frozenset({"0abc", "1def"})
    with pytest.raises(ValueError, match="expected a JSON object with field 'id'"):
        load_ids(ids)
    with pytest.raises(ValueError, match="comma-separated list of id prefixes"):
        parse_prefixes(" , ")


def test_cli_names_match_the_library():
    assert SAMPLER_NAMES == SAMPLERS
    from eval.rouge import OBJECTIVES

    assert OBJECTIVE_NAMES == tuple(OBJECTIVES)


def test_space_types_follow_the_estimator_and_bad_settings_fail_early(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[params]\nposition_weight = { low = 0, high = 1 }\nmin_sentence_words = { low = 0, high = 9 }\n",
                    encoding="utf-8")
    kinds = {p.name: p.kind for p in load_space(path).params}
    assert kinds == {"position_weight": "float", "min_sentence_words": "int"}
    path.write_text('[fixed]\nscoring = "bogus"\n[params]\nredundancy = { low = 0.0, high = 1.0 }\n', encoding="utf-8")
    with pytest.raises(ValueError, match="scoring must be one of learned, centrality, centroid"):
        load_space(path)


def test_resuming_with_another_space_is_refused(data, space, tmp_path, capsys):
    assert main(_tune(data, space, tmp_path, "--trials", "2")) == 0
    other = tmp_path / "other.toml"
    other.write_text("[params]\nredundancy = { low = 0.0, high = 1.0 }\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main(_tune(data, other, tmp_path, "--trials", "3", "--force"))
    assert exc.value.code == 2
    assert "was created with another space" in capsys.readouterr().err


def test_sample_draws_a_seeded_subset_in_input_order(data, space, tmp_path, capsys):
    from summarize.cli.tune import sample_in_order

    items = list(range(100))
    picked = sample_in_order(items, 10, 7)
    assert picked == sorted(picked) and len(set(picked)) == 10 and picked == sample_in_order(items, 10, 7)
    assert picked != sample_in_order(items, 10, 8) and max(picked) > 50  # spread over the whole input
    assert main(_tune(data, space, tmp_path, "--trials", "2", "--sample", "40", "--seed", "3")) == 0
    err = capsys.readouterr().err
    assert "--sample 40: 40 of 80 articles with a reference, seed 3" in err
