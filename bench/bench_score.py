"""Whole-process ROUGE scoring: ``summarize score`` vs a rouge-score script, same pairs, same run.

Usage: python bench/bench_score.py [--repeat 3]

Writes candidate/reference JSONL files for the 1,600 SummEval (system summary,
original reference) pairs into a temporary directory, then times, as separate
processes (startup and file reading included, best of ``--repeat``):

* ``summarize score cand.jsonl refs.jsonl --format jsonl`` (all four types, stemmed), and
* a Python script that reads the same files and calls rouge-score's
  ``RougeScorer([...], use_stemmer=True).score`` per pair with newline-joined sentences,

checks that both print the same numbers, and prints pairs/s and the ratio.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SUMMEVAL  # noqa: E402

from summarize.text.sentences import split_sentences  # noqa: E402

TYPES = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
ROUGE_SCORE_SCRIPT = """
import json, sys
from rouge_score import rouge_scorer
scorer = rouge_scorer.RougeScorer(%r, use_stemmer=True)
refs = {}
for line in open(sys.argv[2], encoding="utf-8"):
    r = json.loads(line); refs[r["id"]] = r["summary"]
for line in open(sys.argv[1], encoding="utf-8"):
    c = json.loads(line)
    s = scorer.score("\\n".join(refs[c["id"]]), "\\n".join(c["summary"]))
    print(json.dumps({"id": c["id"], **{t: {"precision": v.precision, "recall": v.recall, "fmeasure": v.fmeasure}
                                        for t, v in s.items()}}))
""" % TYPES


def _write_pairs(folder: Path) -> int:
    cands, refs = [], []
    with gzip.open(SUMMEVAL, "rt", encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            for system in doc["systems"]:
                key = f"{doc['id']}/{system['model_id']}"
                cands.append({"id": key, "summary": split_sentences(system["decoded"])})
                refs.append({"id": key, "summary": doc["summary"]})
    (folder / "cand.jsonl").write_text("".join(json.dumps(c) + "\n" for c in cands), encoding="utf-8")
    (folder / "refs.jsonl").write_text("".join(json.dumps(r) + "\n" for r in refs), encoding="utf-8")
    return len(cands)


def _run(argv: list[str], repeat: int) -> tuple[float, str]:
    best, out = float("inf"), ""
    for _ in range(repeat):
        start = time.perf_counter()
        out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = _write_pairs(folder)
        (folder / "rs.py").write_text(ROUGE_SCORE_SCRIPT, encoding="utf-8")
        cand, refs = str(folder / "cand.jsonl"), str(folder / "refs.jsonl")
        ours_s, ours_out = _run([sys.executable, "-m", "summarize", "score", cand, refs, "--format", "jsonl",
                                 "--no-progress", "--bootstrap", "1"], args.repeat)
        theirs_s, theirs_out = _run([sys.executable, str(folder / "rs.py"), cand, refs], args.repeat)
    ours_rows = [json.loads(line) for line in ours_out.splitlines()]
    theirs_rows = [json.loads(line) for line in theirs_out.splitlines()]
    same = ours_rows == theirs_rows
    print(f"{n:,} SummEval pairs, 4 ROUGE types, stemmed, whole process (best of {args.repeat}); identical output: {same}")
    print("| implementation | seconds | pairs/s | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| rouge-score script | {theirs_s:.2f} | {n / theirs_s:,.0f} | 1.0x |")
    print(f"| summarize score | {ours_s:.2f} | {n / ours_s:,.0f} | {theirs_s / ours_s:.1f}x |")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
