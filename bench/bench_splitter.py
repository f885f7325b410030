"""Sentence-splitter speed: ours vs nltk's Punkt (untrained, so it works offline) in the same run.

Usage: python bench/bench_splitter.py [--repeat 3]

Splits the 100 SummEval articles (raw text) and the first 2,000 articles of the
tokenised CNN/DailyMail test file; prints articles/s and sentences/s for each
splitter and the ratio ours / Punkt.  Best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SEE_TEST, SUMMEVAL  # noqa: E402

from summarize.text.sentences import SPLITTER_NAME, split_sentences  # noqa: E402


def _texts(path: Path, limit: int) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line)["article"] for _, line in zip(range(limit), handle)]


def _time(split: Callable[[str], list[str]], texts: list[str], repeat: int) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = sum(len(split(t)) for t in texts)
        best = min(best, time.perf_counter() - start)
    return best, count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    punkt = PunktSentenceTokenizer()  # default parameters: no downloaded model needed
    print("| data | splitter | articles/s | sentences/s | sentences | ours / punkt |")
    print("|---|---|---:|---:|---:|---:|")
    for name, texts in (("SummEval 100 (raw)", _texts(SUMMEVAL, 100)),
                        ("CNN/DM test 2,000 (tokenised)", _texts(SEE_TEST, 2000))):
        ours_s, ours_n = _time(split_sentences, texts, args.repeat)
        punkt_s, punkt_n = _time(punkt.tokenize, texts, args.repeat)
        print(f"| {name} | {SPLITTER_NAME} | {len(texts) / ours_s:,.0f} | {ours_n / ours_s:,.0f} | {ours_n:,} "
              f"| {punkt_s / ours_s:.2f}x |")
        print(f"| {name} | nltk punkt (untrained) | {len(texts) / punkt_s:,.0f} | {punkt_n / punkt_s:,.0f} "
              f"| {punkt_n:,} | 1.00x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
