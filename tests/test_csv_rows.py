"""CSV: a broken row is one record error and every other row is read; rows are capped, never held whole."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
from pathlib import Path

from summarize.io.readers import RecordError, read_articles

REPO = Path(__file__).resolve().parents[1]
OK = "Cats sit on mats all day. Dogs run far in the park. Birds fly high above trees."


def cli(*argv: str) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "summarize", *argv], capture_output=True, env=env, timeout=300,
                          check=False)
    assert b"Traceback" not in done.stderr
    return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")


def test_one_stray_quote_loses_one_row_not_the_rest(tmp_path: Path) -> None:
    rows = [f'r{k},"Row {k} is fine. {OK}"' for k in range(100)]
    rows[2] = 'r2,"Row 2 has a "stray" quote. More text."'
    path = tmp_path / "q.csv"
    path.write_text("id,article\n" + "\n".join(rows) + "\n", encoding="utf-8")
    items = list(read_articles([str(path)]))
    assert len(items) == 100
    bad = [i for i in items if isinstance(i, RecordError)]
    assert [(b.source, b.message.split(";")[0]) for b in bad] == [
        (f"{path}:4", "unreadable CSV row (',' expected after '\"')")]
    assert [i.id for i in items if not isinstance(i, RecordError)] == [f"r{k}" for k in range(100) if k != 2]
    code, out, err = cli("run", str(path), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 100
    assert "summarize: 100 records: 99 summarized, 1 failed" in err


def test_a_row_longer_than_the_limit_is_skipped_unheld_and_the_next_rows_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    # A quoted cell of many lines (3 MB) and one of a single long line, each between good rows.
    many_lines = '"' + ("Line of a long quoted cell, with a "" quote.\n" * 70_000) + '"'
    one_line = '"' + "x" * 3_000_000 + '"'
    path.write_text(f'id,article\na,"{OK}"\nb,{many_lines}\nc,"{OK}"\nd,{one_line}\ne,"{OK}"\n', encoding="utf-8")
    items = list(read_articles([str(path)], max_article_chars=1000))
    assert [(type(i).__name__, i.id) for i in items] == [
        ("Article", "a"), ("RecordError", f"{path}:3"), ("Article", "c"), ("RecordError", f"{path}:70005"),
        ("Article", "e")]
    assert items[1].message.startswith("row too long: ")  # type: ignore[union-attr]
    assert "more than --max-article-chars 1,000 allows" in items[1].message  # type: ignore[union-attr]


def test_the_row_number_after_a_skipped_row_and_in_gzip(tmp_path: Path) -> None:
    path = tmp_path / "big.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as handle:
        handle.write(f'id,article\na,"{OK}"\nb,"{"y" * 100_000}\nmore"\nc,"{OK}"\n')
    items = list(read_articles([str(path)], max_article_chars=1000))
    assert [(type(i).__name__, i.id, getattr(i, "source", None)) for i in items] == [
        ("Article", "a", None), ("RecordError", f"{path}:3", f"{path}:3"), ("Article", "c", None)]
