"""Bounded memory for inputs within the limits: each bomb runs in a subprocess whose peak RSS must stay
under 1 GB, and the good records around it are summarized.

Measured on 0.3.0 before these fixes (same tests): the .csv.gz holding one 640 MB quoted cell peaked at
4.0-4.5 GB, the 300 MB .parquet.gz (read whole into memory) at 1.6 GB, the 240 KB HTML page of 20,000
paragraphs at 3.1 GB (its dense n x n similarity matrix), and the 50,000-sentence article ended in a
MemoryError traceback under an 8 GB address-space limit (about 20 GB without one).
"""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
OK = "Cats sit on mats all day. Dogs run far in the park. Birds fly high above trees."
LIMIT_MB = 1024
# Prints the exit code and the peak RSS (MB) of the command run as its only child.
PEAK = ("import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "sys.stderr.write(done.stderr.decode())\n"
        "sys.stdout.write(done.stdout.decode())\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n")


def peak(*argv: str) -> tuple[int, int, list[str], str]:
    """Exit code, peak RSS in MB, stdout lines and stderr of ``summarize ARGV``."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "summarize", *argv],
                          capture_output=True, env=env, timeout=600, check=True)
    *lines, last = done.stdout.decode("utf-8").splitlines()
    code, rss = map(int, last.split())
    err = done.stderr.decode("utf-8")
    assert "Traceback" not in err, err
    return code, rss, lines, err


def gzip_of_repeats(path: Path, head: bytes, block: bytes, times: int, tail: bytes) -> None:
    """A .gz of ``head + block * times + tail``, written fast: gzip members concatenate."""
    packed = gzip.compress(block, compresslevel=1)
    with path.open("wb") as handle:
        handle.write(gzip.compress(head))
        for _ in range(times):
            handle.write(packed)
        handle.write(gzip.compress(tail))


def test_a_csv_gz_holding_one_huge_quoted_cell(tmp_path: Path) -> None:
    path = tmp_path / "bomb.csv.gz"
    gzip_of_repeats(path, f'id,article\na,"{OK}"\nb,"'.encode(), b"x" * (16 << 20), 40, f'"\nc,"{OK}"\n'.encode())
    assert path.stat().st_size < 3_000_000  # 640 MB of cell
    code, rss, lines, err = peak("run", str(path), "--format", "jsonl")
    assert rss < LIMIT_MB, f"peak RSS {rss} MB"
    assert code == 1
    assert [json.loads(line).get("id", json.loads(line).get("line")) for line in lines] == ["a", 3, "c"]
    assert "row too long: 671,088,6" in err


def test_a_parquet_gz_bomb_and_a_large_parquet_gz(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    inner = tmp_path / "bomb.parquet"
    pq.write_table(pa.table({"id": ["b"], "article": ["x" * (300 << 20)]}), inner, compression="none")
    with inner.open("rb") as raw, gzip.open(tmp_path / "bomb.parquet.gz", "wb", compresslevel=1) as packed:
        while chunk := raw.read(1 << 24):
            packed.write(chunk)
    inner.unlink()
    good = tmp_path / "good.parquet"
    pq.write_table(pa.table({"id": ["a"], "article": [OK]}), good)
    code, rss, lines, err = peak("run", str(good), str(tmp_path / "bomb.parquet.gz"), str(good), "--format", "jsonl")
    assert rss < LIMIT_MB, f"peak RSS {rss} MB"
    assert code == 1 and len(lines) == 3
    assert "Parquet row group 0 holds 314,572,913 bytes for 1 row(s)" in err
    # 20,000 short records beside a column of 16 KB per row that no record field names (330 MB in one row
    # group), from a .gz: the unused column is not read, the rest page by page.
    many = tmp_path / "many.parquet"
    blob = "y" * (16 << 10)
    pq.write_table(pa.table({"id": [str(k) for k in range(20_000)], "article": [OK] * 20_000,
                             "html": [blob + str(k) for k in range(20_000)]}),
                   many, compression="none", row_group_size=20_000)
    with many.open("rb") as raw, gzip.open(tmp_path / "many.parquet.gz", "wb", compresslevel=1) as packed:
        while chunk := raw.read(1 << 24):
            packed.write(chunk)
    code, rss, lines, err = peak("run", str(tmp_path / "many.parquet.gz"), "--method", "lead", "--format", "jsonl")
    assert rss < LIMIT_MB, f"peak RSS {rss} MB"
    assert code == 0 and len(lines) == 20_000


def test_an_article_of_50000_one_word_sentences_is_one_record_error(tmp_path: Path) -> None:
    words = ["Go", "Up", "Hi", "Ok", "We", "Me", "So", "At"]
    bomb = " ".join(random.Random(1).choice(words) + "." for _ in range(50_000))[:199_999]
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps({"id": k, "article": a}) + "\n" for k, a in (("a", OK), ("b", bomb), ("c", OK))),
                    encoding="utf-8")
    for env in ({}, {"SUMMARIZE_PURE_PYTHON": "1"}):
        os.environ.update(env)
        try:
            code, rss, lines, err = peak("run", str(path), "--format", "jsonl")
        finally:
            for key in env:
                del os.environ[key]
        assert rss < LIMIT_MB, f"peak RSS {rss} MB"
        rows = [json.loads(line) for line in lines]
        assert code == 1 and [r["id"] for r in rows] == ["a", "b", "c"]
        assert rows[1]["error"].startswith("article too long for the tfidf method: 50,000 sentences, more than 3,000")
        assert "summary" in rows[0] and "summary" in rows[2]


def test_an_html_page_of_20000_paragraphs(tmp_path: Path) -> None:
    words = ["Cats", "Dogs", "Bird", "Tree", "Rain", "Suns", "Moon", "Star"]
    body = "".join(f"<p>{random.Random(k).choice(words)}.</p>" for k in range(20_000))
    path = tmp_path / "many.html"
    path.write_text(f"<!doctype html><html><head><title>T</title></head><body><article>{body}</article></body></html>",
                    encoding="utf-8")
    assert path.stat().st_size < 250_000
    code, rss, _, err = peak("run", str(path))
    assert rss < LIMIT_MB, f"peak RSS {rss} MB"
    assert code == 1 and "19,999 sentences, more than 3,000" in err


def test_an_article_at_the_sentence_cap_is_summarized_in_both_engines(tmp_path: Path) -> None:
    path = tmp_path / "cap.txt"
    path.write_text(" ".join(f"Word{k} is here now." for k in range(3000)), encoding="utf-8")
    for env in ({}, {"SUMMARIZE_PURE_PYTHON": "1"}):
        os.environ.update(env)
        try:
            code, rss, lines, err = peak("run", str(path))
        finally:
            for key in env:
                del os.environ[key]
        assert code == 0, err
        assert rss < LIMIT_MB and len(lines) == 3


