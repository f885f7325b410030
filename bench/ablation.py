"""Ablation of the tfidf method's ingredients on held-out data (README table).

Usage: python bench/ablation.py [--report-limit N]

Each row adds or removes one ingredient from the shipped defaults; 3
sentences; ROUGE-1/2/Lsum F1 (stemmed, exact fast engine) on the SummEval 100
and the CNN/DailyMail report part; ΔR1 against LEAD-3 with a paired
permutation p-value.  Nothing here is tuned: the rows are fixed in advance.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import see_split, summeval_articles  # noqa: E402

from eval.stats.significance import permutation_test  # noqa: E402
from summarize import LeadSummarizer, TfidfSummarizer  # noqa: E402
from summarize.experiment.tuning import PreparedCorpus  # noqa: E402

TYPES = ("rouge1", "rouge2", "rougeLsum")
UNSUP = dict(scoring="centrality", position_weight=0.0, redundancy=0.0, block_ngrams=0,
             min_sentence_words=0, max_sentence_words=None)
ROWS = {
    "LEAD-3": None,
    "centrality only (unsupervised)": UNSUP,
    "+ position prior 0.6": {**UNSUP, "position_weight": 0.6},
    "+ MMR 0.3 + 10-word minimum (v0.1 unsupervised defaults)": {**UNSUP, "position_weight": 0.6, "redundancy": 0.3,
                                                                 "min_sentence_words": 10},
    "  ... + 5-gram blocking": {**UNSUP, "position_weight": 0.6, "redundancy": 0.3, "min_sentence_words": 10,
                                "block_ngrams": 5},
    "learned scorer only": {**UNSUP, "scoring": "learned"},
    "learned + 5-gram blocking": {**UNSUP, "scoring": "learned", "block_ngrams": 5},
    "learned + blocking + MMR 0.9": {**UNSUP, "scoring": "learned", "block_ngrams": 5, "redundancy": 0.9},
    "shipped defaults (+ 4..60-word sentences preferred)": {},
    "shipped defaults without the 60-word maximum": {"max_sentence_words": None},
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report-limit", type=int, default=0, help="evenly spaced sample of the report part")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results" / "ablation.md"))
    args = parser.parse_args()
    report = see_split("report")
    if args.report_limit:
        report = [report[k * len(report) // args.report_limit] for k in range(min(args.report_limit, len(report)))]
    data = {"SummEval 100": PreparedCorpus(summeval_articles()),
            f"CNN/DM report ({len(report):,})": PreparedCorpus(report)}
    header = ["ingredients"] + [f"{name} {t}" for name in data for t in ("R1", "R2", "RLsum", "ΔR1 (p)")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lead = {name: {t: c.evaluate(LeadSummarizer(), (t,)) for t in TYPES} for name, c in data.items()}
    for row, params in ROWS.items():
        cells = [row]
        for name, corpus in data.items():
            if params is None:
                values = lead[name]
            else:
                est = TfidfSummarizer(**params).validate()
                values = {t: corpus.evaluate(est, (t,)) for t in TYPES}
            cells += [f"{values[t].mean() * 100:.2f}" for t in TYPES]
            if params is None:
                cells.append("—")
            else:
                test = permutation_test(values["rouge1"], lead[name]["rouge1"], n_samples=2000, seed=12345)
                cells.append(f"{test.mean_difference * 100:+.2f} ({test.p_value:.3g})")
        lines.append("| " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
