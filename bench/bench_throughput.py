"""End-to-end summarization throughput: ours vs sumy and summa, same articles, same run.

Usage: python bench/bench_throughput.py [--n 1000]

Each system starts from the raw JSONL line of an article: ``json.loads``,
parsing (:func:`summarize.text.parse.build_article`), sentence splitting, then the
system's own featurising, scoring and selection of 3 sentences.  Peers get our
sentences (as in bench/peers.py), so the parsing and splitting cost is the
same for everyone.  One process, one thread, not pinned to a core (CPU 0 of
the development VM is slower than the others); ours runs first, with cold
word caches (the ratios use this first pass).  Every system runs with
single-threaded BLAS (``one_blas_thread``, as the batch engine runs each
worker).  Prints articles/s and ours / peer ratios (Markdown), then ours again:
a second pass over the same articles (warm caches) and one pass over every
article of the CNN/DM test file (``--all``: the steady state of a large batch;
the words of the first 1,000 are already cached, the other 10,490 articles
bring new ones).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SEE_TEST, SUMMEVAL  # noqa: E402
from peers import SummaStats, forbid_nltk_data, ours, summa_selector, sumy_selector  # noqa: E402

from summarize.experiment.batch import one_blas_thread  # noqa: E402
from summarize.text.parse import build_article  # noqa: E402


def _lines(path: Path, n: int) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        lines = handle.readlines()
    step = max(1, len(lines) // n)
    return lines[::step][:n]  # spread over the file: it lists CNN articles first


def _time(select, lines: list[str]) -> float:
    with one_blas_thread():
        start = time.perf_counter()
        for line in lines:
            record = json.loads(line)
            article = build_article(record["article"], id=str(record.get("id")), summary=None)
            select(article)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="CNN/DM articles (evenly spaced); default 1000")
    parser.add_argument("--all", action=argparse.BooleanOptionalAction, default=True,
                        help="also time ours on every CNN/DM test article (default: on)")
    args = parser.parse_args()
    forbid_nltk_data()
    data = {"CNN/DM test (tokenised)": _lines(SEE_TEST, args.n), "SummEval 100 (raw)": _lines(SUMMEVAL, 100)}
    systems = {
        "tfidf (ours, default)": ours("tfidf"),
        "tfidf centrality (ours, unsupervised)": ours("tfidf", scoring="centrality", position_weight=0.6,
                                                      redundancy=0.3, min_sentence_words=10),
        "LEAD-3": ours("lead"),
        "sumy LexRank": sumy_selector("lexrank"),
        "sumy LSA": sumy_selector("lsa"),
        "sumy SumBasic": sumy_selector("sumbasic"),
        "summa TextRank": summa_selector(SummaStats()),
    }
    print("| data | system | articles/s | ours (default) / system |")
    print("|---|---|---:|---:|")
    for data_name, lines in data.items():
        rates = {name: len(lines) / _time(select, lines) for name, select in systems.items()}
        ours_rate = rates["tfidf (ours, default)"]
        for name, rate in rates.items():
            print(f"| {data_name} ({len(lines)}) | {name} | {rate:,.0f} | {ours_rate / rate:.2f}x |", flush=True)
    ours_default = systems["tfidf (ours, default)"]
    print("\nOurs (default) again, same process:\n")
    print("| data | pass | articles/s |")
    print("|---|---|---:|")
    for data_name, lines in data.items():
        print(f"| {data_name} ({len(lines)}) | second pass (warm caches) "
              f"| {len(lines) / _time(ours_default, lines):,.0f} |")
    if args.all:
        every = _lines(SEE_TEST, 10 ** 9)
        print(f"| CNN/DM test, all ({len(every):,}) | one pass (after the runs above) "
              f"| {len(every) / _time(ours_default, every):,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
