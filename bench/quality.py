"""ROUGE of our methods on held-out data: the README's results table.

Usage: python bench/quality.py [--report-limit N] [--out bench/results]

Systems: tfidf (shipped defaults), LEAD-3, random (seed 12345), greedy oracle;
3 sentences each; ROUGE-1/2/Lsum F1 (rouge-score, stemmed) with 95% bootstrap
intervals, against the original references.  Data: the 100 SummEval articles
and the *report* part of the CNN/DailyMail test split (never used for tuning;
see bench/common.py).  Writes ``quality.md`` and ``quality.csv``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import see_split, summeval_articles  # noqa: E402

from eval import BootstrapConfig, RougeConfig  # noqa: E402
from summarize import (
    evaluate,  # noqa: E402
    make_summarizer,  # noqa: E402
)

SYSTEMS = ("tfidf", "lead", "random", "oracle")
TYPES = ("rouge1", "rouge2", "rougeLsum")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-limit", type=int, default=0, help="use only the first N report articles (0 = all)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results"))
    args = parser.parse_args()
    report = see_split("report")
    if args.report_limit:
        # Evenly spaced over the whole file (it lists CNN articles first).
        report = [report[k * len(report) // args.report_limit] for k in range(min(args.report_limit, len(report)))]
    datasets = {"SummEval 100": summeval_articles(), f"CNN/DM test, report part ({len(report):,})": report}
    rows = []
    signature = ""
    for data_name, articles in datasets.items():
        for method in SYSTEMS:
            start = time.perf_counter()
            result = evaluate(articles, make_summarizer(method, n_sentences=3, random_state=12345),
                              rouge=RougeConfig(types=TYPES), bootstrap=BootstrapConfig())
            seconds = time.perf_counter() - start
            signature = str(result.signature)
            cells = [f"{result.aggregate[t].fmeasure.mean * 100:.2f} [{result.aggregate[t].fmeasure.low * 100:.2f}, "
                     f"{result.aggregate[t].fmeasure.high * 100:.2f}]" for t in TYPES]
            rows.append([data_name, method, str(len(result.scored)), *cells, f"{seconds:.1f}"])
            print(" | ".join(rows[-1]), flush=True)
    header = ["data", "method", "n", "ROUGE-1 F", "ROUGE-2 F", "ROUGE-Lsum F", "seconds (summarize+score)"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines += ["", f"Signature: `{signature}`", ""]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "quality.md").write_text("\n".join(lines), encoding="utf-8")
    (out / "quality.csv").write_text("\n".join(",".join(f'"{c}"' for c in r) for r in [header, *rows]) + "\n",
                                     encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
