"""Shared helpers for the benchmark scripts: locating ../shared data and the dev/report split.

The split (documented in the README): on the CNN/DailyMail test file, the *dev*
part is the articles whose ``id`` (or ``id_guess`` when ``id`` is null) starts
with the hex digit 0, 1 or 2, minus the 100 SummEval articles; everything else
is the *report* part.  Settings are tuned on dev only and reported on report
and on SummEval.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path

from summarize.text.article import Article
from summarize.text.parse import build_article

SHARED = Path(os.environ.get("SUMMARIZE_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SEE_TEST = SHARED / "data" / "cnn_dailymail" / "test_see2017_tokenized_lowercased.jsonl.gz"
SUMMEVAL = SHARED / "data" / "summeval" / "summeval_docs.jsonl.gz"
DEV_PREFIXES = ("0", "1", "2")


def _records(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def summeval_ids() -> set[str]:
    """CNN/DailyMail ids of the 100 SummEval articles."""
    return {r["cnndm_id"] for r in _records(SUMMEVAL)}


def see_split(part: str) -> list[Article]:
    """Articles of the tokenised CNN/DailyMail test file in the ``dev`` or ``report`` part, file order."""
    if part not in ("dev", "report"):
        raise ValueError(f"part must be 'dev' or 'report', got {part!r}")
    excluded = summeval_ids()
    out = []
    for r in _records(SEE_TEST):
        ident = r.get("id") or r.get("id_guess")
        is_dev = ident.startswith(DEV_PREFIXES) and ident not in excluded
        if is_dev == (part == "dev"):
            out.append(build_article(r["article"], id=ident, summary=r["summary"]))
    return out


def summeval_articles() -> list[Article]:
    """The 100 SummEval articles with their original reference (``summary``)."""
    return [build_article(r["article"], id=r["id"], summary=r["summary"]) for r in _records(SUMMEVAL)]
