"""SummEval's system-level Kendall taus with ROUGE-1.5.5's numbers (SummEval's flags), beside rouge-score's.

Usage: python bench/rouge155_meta.py [--out bench/results/rouge155_meta.md]

Runs ``summarize meta SUMMEVAL --rouge155 "-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m" --format json`` (the
summaries and references split into sentences, one line each in the script's terms), and computes the same
taus with every summary and reference as a single line (as SummEval's pyrouge run fed them, which changes
ROUGE-L only), with :func:`eval.rouge155.rouge155` and ``scipy.stats.kendalltau``.  SummEval's Table 2 (17
systems): relevance R-1 .41, R-2 .29, R-L .24.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
from scipy.stats import kendalltau

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SUMMEVAL  # noqa: E402

from eval.rouge155 import Rouge155Scorer  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
FLAGS = "-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m"
DIMENSIONS = ("coherence", "consistency", "fluency", "relevance")
PUBLISHED = {"ROUGE-1_f": ".41", "ROUGE-2_f": ".29", "ROUGE-L_f": ".24"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "bench" / "results" / "rouge155_meta.md"))
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    done = subprocess.run([sys.executable, "-m", "summarize", "meta", str(SUMMEVAL), "--rouge155", FLAGS,
                           "--metrics", "rouge1_f,rouge2_f,rougeL_f,rougeLsum_f", "--format", "json"],
                          capture_output=True, text=True, env=env, check=True)
    report = json.loads(done.stdout)["system_level"]
    docs = [json.loads(line) for line in gzip.open(SUMMEVAL, "rt", encoding="utf-8")]
    scorer = Rouge155Scorer(FLAGS)
    systems = [s["model_id"] for s in docs[0]["systems"]]
    one_line: dict[str, list[float]] = {}
    human = {d: [float(np.mean([doc["systems"][k]["expert_mean"][d] for doc in docs])) for k in range(len(systems))]
             for d in DIMENSIONS}
    for k in range(len(systems)):
        scores = [scorer.score([doc["systems"][k]["decoded"]], [[r] for r in doc["references"]]) for doc in docs]
        for name in ("ROUGE-1", "ROUGE-2", "ROUGE-L"):
            one_line.setdefault(f"{name}_f", []).append(float(np.mean([s[name].fmeasure for s in scores])))
    lines = ["# SummEval system-level Kendall tau-b: rouge-score vs ROUGE-1.5.5", "",
             f"`python bench/rouge155_meta.py`; ROUGE-1.5.5 flags `{FLAGS}`; 16 systems x 100 documents, 11 "
             "references, expert means.  `summarize meta` splits summaries and references into sentences (one "
             "line each for the script); *one line* feeds each summary and reference as a single line, as "
             "SummEval's pyrouge run did (only ROUGE-L changes).", "",
             "| metric | " + " | ".join(DIMENSIONS) + " | relevance, SummEval Table 2 (17 systems) |",
             "|---|" + "---:|" * (len(DIMENSIONS) + 1)]
    for metric in ("rouge1_f", "rouge2_f", "rougeL_f", "rougeLsum_f", "ROUGE-1_f", "ROUGE-2_f", "ROUGE-L_f",
                   "ROUGE-W-1.2_f", "ROUGE-S*_f", "ROUGE-SU*_f"):
        cells = [f"{report[metric][d]['kendall']:.3f}" for d in DIMENSIONS]
        lines.append(f"| {metric} (meta) | " + " | ".join(cells) + f" | {PUBLISHED.get(metric, '-')} |")
    for metric, values in one_line.items():
        cells = [f"{kendalltau(values, human[d]).statistic:.3f}" for d in DIMENSIONS]
        lines.append(f"| {metric}, one line | " + " | ".join(cells) + f" | {PUBLISHED.get(metric, '-')} |")
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
