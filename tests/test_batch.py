"""Parallel batches: identical output for any number of local workers and on a Dask cluster."""

from __future__ import annotations

import json

import pytest

from summarize.cli import main
from summarize.experiment.batch import BatchConfig, ordered_map

TOPICS = ["harbour", "orchard", "railway", "library", "glacier", "festival", "vaccine", "election"]


def _square(x: int) -> int:
    return x * x


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    path = tmp_path_factory.mktemp("batch") / "docs.jsonl"
    rows = []
    for k in range(300):
        t, o = TOPICS[k % 8], TOPICS[(k * 3 + 1) % 8]
        article = (f"Officials opened the {t} project on day {k}. The {o} committee met on day {k + 1}. "
                   f"Residents of the {t} district welcomed the plan. The {o} budget was cut by {k % 7} percent.")
        rows.append({"id": f"r{k}", "article": article, "summary": f"The {t} project opened on day {k}."})
    rows.insert(150, {"id": "bad", "summary": "no article field"})
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return str(path)


def test_ordered_map_keeps_order_and_streams():
    config = BatchConfig(jobs=2, chunk_size=7)
    assert list(ordered_map(_square, range(100), config)) == [x * x for x in range(100)]
    assert list(ordered_map(_square, [], config)) == []
    with pytest.raises(ValueError, match="engine must be one of local, dask"):
        BatchConfig(engine="spark")


def _out(capsys, argv):
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out


def test_run_and_eval_are_identical_for_any_number_of_jobs(corpus, capsys):
    base = ["run", corpus, "--format", "jsonl", "--no-progress"]
    code1, one = _out(capsys, base + ["--jobs", "1"])
    code2, two = _out(capsys, base + ["--jobs", "2"])
    assert code1 == code2 == 1 and one == two  # 1: the corpus holds a bad record
    lines = one.splitlines()
    assert len(lines) == 301 and json.loads(lines[150])["id"] == "bad" and "error" in json.loads(lines[150])
    assert [json.loads(line)["index"] for line in lines] == list(range(301))
    ev = ["eval", corpus, "--format", "json", "--no-progress"]
    assert _out(capsys, ev + ["--jobs", "1"]) == _out(capsys, ev + ["--jobs", "2"])


def test_dask_local_cluster_gives_the_same_results(corpus, capsys):
    base = ["run", corpus, "--format", "jsonl", "--no-progress"]
    _, local = _out(capsys, base + ["--jobs", "1"])
    code, dask = _out(capsys, base + ["--engine", "dask", "--scheduler", "local", "--jobs", "2"])
    assert code == 1 and dask == local


def test_scheduler_without_the_dask_engine_is_a_usage_error(corpus, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["run", corpus, "--scheduler", "local"])
    assert exit_info.value.code == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
