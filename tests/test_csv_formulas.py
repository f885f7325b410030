"""Every CSV the toolkit writes neutralises cells a spreadsheet would run as formulas (prefix ``'``)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from eval.report.cells import safe_cell, safe_frame
from summarize.cli import main

ART = ("The town council met on Monday evening to vote on the new budget. "
       "Members argued for several hours about the cost of repairing the roads. "
       "The mayor said that the plan would be paid for without raising taxes.")
HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def test_safe_cell() -> None:
    assert [safe_cell(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert [safe_cell(v) for v in ("plain", "a=b", "", -0.5, 3, None)] == ["plain", "a=b", "", -0.5, 3, None]


def test_safe_frame_keeps_numbers() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": ["=1", "ok"], "value": [-0.5, 1.0]})
    out = safe_frame(frame)
    assert out["id"].tolist() == ["'=1", "ok"] and out["value"].tolist() == [-0.5, 1.0]
    assert frame["id"].tolist() == ["=1", "ok"]  # the caller's frame is not changed


@pytest.mark.parametrize("command", ["eval", "score"])
def test_per_article_csv_has_no_formula_cells(tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    records = [{"id": ident, "article": f"@Lead line.\n\n{ART}", "summary": ["=1+1 is the summary.", ART]}
               for ident in HOSTILE]
    src = tmp_path / "in.jsonl"
    if command == "eval":
        src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        argv = ["eval", str(src), "--reference", "summary", "--out", str(tmp_path / "out"), "--bootstrap", "10"]
    else:
        src.write_text("".join(json.dumps({"id": r["id"], "summary": ["-3 sentences", ART]}) + "\n" for r in records),
                       encoding="utf-8")
        argv = ["score", str(src), str(src), "--out", str(tmp_path / "out"), "--bootstrap", "10"]
    assert main(argv) == 0, capsys.readouterr().err
    capsys.readouterr()
    for name in ("per_article.csv", "aggregate.csv"):
        with (tmp_path / "out" / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        cells = [cell for row in rows for cell in row]
        assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r")) or
                    (c.startswith("-") and not _number(c))], name
    with (tmp_path / "out" / "per_article.csv").open(encoding="utf-8", newline="") as handle:
        ids = [row["id"] for row in csv.DictReader(handle)]
    assert ids == ["'" + v for v in HOSTILE]


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
