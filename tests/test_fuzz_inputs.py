"""Any value in any field of any reader: one item per record, never a crash, output always UTF-8.

Hypothesis draws JSON values (null, booleans, integers, floats, strings with
lone surrogate escapes, lists and objects nested to any depth) and puts one in
every field of a record -- article, title, id, summary, references -- in every
format (JSON Lines, CSV, Parquet) and every reader of JSON lines (``score``'s
and ``compare --summaries``'s files, ``meta``'s judgments).  A good record
before and after the drawn one must come through as articles, and every
record must give exactly one item.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize.cli import main
from summarize.io.readers import RecordError, read_articles

OK = "Cats sit on mats all day. Dogs run far in the park. Birds fly high above trees."
FIELDS = ("article", "title", "id", "summary", "references")
# Tokens replaced in the JSON text after json.dumps, which cannot write them itself.
SURROGATE, HUGE, DEEP = "@@SURROGATE@@", "@@HUGE@@", "@@DEEP@@"
RAW = {f'"{SURROGATE}"': '"x\\ud800y"', f'"{HUGE}"': "9" * 5000, f'"{DEEP}"': "[" * 100_000 + "]" * 100_000}

scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(max_size=40) | st.sampled_from([SURROGATE, HUGE, DEEP, OK, "=1+1", "-", ""]))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                                          max_size=4), max_leaves=12)
records = st.fixed_dictionaries({}, optional={name: values for name in FIELDS})


def _json_line(record: dict) -> str:
    line = json.dumps(record, ensure_ascii=False, allow_nan=True)
    for token, raw in RAW.items():
        line = line.replace(token, raw)
    return line


def _lines(record: dict) -> list[str]:
    good = {"id": "good", "article": OK}
    return [json.dumps({**good, "id": "first"}), _json_line(record), json.dumps({**good, "id": "last"})]


def _check(items: list, n: int) -> None:
    assert len(items) == n
    assert [items[0].id, items[-1].id] == ["first", "last"]
    assert not isinstance(items[0], RecordError) and not isinstance(items[-1], RecordError)
    for item in items:
        # Every string an item carries can be written as UTF-8.
        json.dumps(item.__dict__ if isinstance(item, RecordError) else
                   {"id": item.id, "s": item.sentences, "r": item.references, "t": item.title,
                    "w": item.warnings}, ensure_ascii=False).encode("utf-8")


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(record=records)
def test_jsonl_reader_any_value_in_any_field(tmp_path: Path, record: dict) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(_lines(record)) + "\n", encoding="utf-8")
    _check(list(read_articles([str(path)])), 3)


def _cell(value: object) -> str:
    return value if isinstance(value, str) else _json_line(value)


@FUZZ
@given(record=records)
def test_csv_reader_any_value_in_any_field(tmp_path: Path, record: dict) -> None:
    import csv

    path = tmp_path / "in.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(FIELDS)
        writer.writerow([OK, "", "first", "", ""])
        writer.writerow([_cell(record[f]) if f in record else "" for f in FIELDS])
        writer.writerow([OK, "", "last", "", ""])
    _check(list(read_articles([str(path)])), 3)


@FUZZ
@given(record=records)
def test_cli_run_and_eval_any_value_in_any_field(tmp_path: Path, record: dict,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(_lines(record)) + "\n", encoding="utf-8")
    for argv in (["run", str(path), "--format", "jsonl"], ["run", str(path)],
                 ["eval", str(path), "--format", "json", "--bootstrap", "10"]):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code in (0, 1), err
        assert "Traceback" not in err
        out.encode("utf-8")
        if argv[-1] == "jsonl":
            rows = [json.loads(line) for line in out.splitlines()]
            assert len(rows) == 3 and rows[0]["id"] == "first" and rows[-1]["id"] == "last"


@FUZZ
@given(record=records)
def test_score_files_any_value_in_any_field(tmp_path: Path, record: dict, capsys: pytest.CaptureFixture[str]) -> None:
    cand, ref = tmp_path / "c.jsonl", tmp_path / "r.jsonl"
    renamed = {("summary" if k == "article" else k): v for k, v in record.items()}
    lines = [json.dumps({"id": "first", "summary": OK}), _json_line(renamed), json.dumps({"id": "last", "summary": OK})]
    cand.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ref.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["score", str(cand), str(ref), "--format", "jsonl", "--bootstrap", "10"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    out.encode("utf-8")
    rows = [json.loads(line) for line in out.splitlines()]
    assert {"first", "last"} <= {r.get("id") for r in rows}


@FUZZ
@given(record=records, systems=values)
def test_meta_any_value_in_any_field(tmp_path: Path, record: dict, systems: object,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "j.jsonl"
    good = [json.dumps({"doc_id": d, "system": s, "summary": OK, "references": [OK], "scores": {"h": h}})
            for d in ("d1", "d2", "d3") for s, h in (("A", 1.0 + len(d)), ("B", 2.0), ("C", 3.5))]
    fields = {"doc_id": record.get("id"), "system": record.get("title"), "summary": record.get("article"),
              "references": record.get("references"), "scores": record.get("summary"), "systems": systems}
    path.write_text("\n".join([*good, _json_line({k: v for k, v in fields.items() if v is not None})]) + "\n",
                    encoding="utf-8")
    code = main(["meta", str(path), "--bootstrap", "10", "--metrics", "rouge1_f"])
    out, err = capsys.readouterr()
    assert code in (0, 1), err
    assert "Traceback" not in err
    out.encode("utf-8")


@FUZZ
@given(record=records)
def test_parquet_reader_any_value_in_any_field(tmp_path: Path, record: dict) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    from hypothesis import assume

    row = {k: v for k, v in record.items() if v not in (SURROGATE, HUGE, DEEP)}
    try:
        table = pa.Table.from_pylist([row]) if row else pa.table({"other": [1]})
        pq.write_table(table, tmp_path / "drawn.parquet")
    except (pa.ArrowException, OverflowError, ValueError, TypeError):
        assume(False)  # a value Parquet cannot hold (mixed lists, empty structs): no such file can exist
        return
    for name in ("first", "last"):
        pq.write_table(pa.Table.from_pylist([{"id": name, "article": OK}]), tmp_path / f"{name}.parquet")
    paths = [str(tmp_path / f"{name}.parquet") for name in ("first", "drawn", "last")]
    _check(list(read_articles(paths)), 3)
