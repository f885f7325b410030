"""Grid search for the shipped TfidfSummarizer defaults, on the dev part only.

Usage: python bench/tune_defaults.py [--n 600] [--seed 0]

Samples ``--n`` dev articles (spread over the whole file by a seeded
generator), scores every grid point with ROUGE-1/2/Lsum F1 (rouge-score,
stemmed, 3 sentences) and prints the grid sorted by the mean of the three,
with LEAD-3 on the same sample for comparison.  The report part and SummEval
are never looked at here.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import see_split  # noqa: E402

from eval.rouge import RougeConfig, score_summary  # noqa: E402
from summarize import LeadSummarizer, TfidfSummarizer  # noqa: E402

GRID = {
    "scoring": ["centroid", "centrality"],
    "position_weight": [0.0, 0.2, 0.4, 0.6, 0.8],
    "redundancy": [0.0, 0.3, 0.6],
    "min_sentence_words": [5, 10],
}
TYPES = ("rouge1", "rouge2", "rougeLsum")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    dev = see_split("dev")
    rng = np.random.default_rng(args.seed)
    sample = [dev[i] for i in sorted(rng.choice(len(dev), size=min(args.n, len(dev)), replace=False))]
    config = RougeConfig(types=TYPES)
    cache: dict[tuple[int, tuple[int, ...]], np.ndarray] = {}

    def evaluate(summarizer) -> np.ndarray:
        rows = []
        for k, article in enumerate(sample):
            summary = summarizer.summarize(article)
            key = (k, summary.indices)
            if key not in cache:
                scores = score_summary(summary.sentences, article.references, config)
                cache[key] = np.array([scores[t].fmeasure for t in TYPES])
            rows.append(cache[key])
        return np.mean(rows, axis=0) * 100

    lead = evaluate(LeadSummarizer(n_sentences=3))
    print(f"dev sample: {len(sample)} articles; LEAD-3 R1/R2/RLsum = {lead.round(2).tolist()}", flush=True)
    results = []
    start = time.perf_counter()
    for values in itertools.product(*GRID.values()):
        params = dict(zip(GRID, values))
        means = evaluate(TfidfSummarizer(**params))
        results.append((means.mean(), means, params))
        print(f"{means.round(2).tolist()} {params}", flush=True)
    print(f"grid of {len(results)} points in {time.perf_counter() - start:.0f} s")
    print("best 10 by mean F1:")
    for avg, means, params in sorted(results, key=lambda r: -r[0])[:10]:
        print(f"  {avg:.2f}  {means.round(2).tolist()}  {params}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
