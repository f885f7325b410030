"""Whole-process ROUGE scoring: ``summarize score`` vs a rouge-score script (and release 0.2.0), same run.

Usage: python bench/bench_score.py [--runs 5] [--skip-baseline]

Writes the 11,490 (LEAD-3, reference highlights) pairs of the tokenised
CNN/DailyMail test file as candidate/reference JSONL files (ids made unique:
123 records share one low-confidence id) and a one-pair version, then times,
as separate processes, medians of ``--runs``:

* ``summarize score cands.jsonl refs.jsonl --format jsonl`` (all four types, stemmed),
* the same with release 0.2.0 (built beside this checkout by bench/baseline.py),
* a Python script that reads the same files and calls rouge-score's
  ``RougeScorer([...], use_stemmer=True).score`` per pair with newline-joined
  sentences (one JSON line per pair).

The ratio (the issue's acceptance formula) is each command's time on all
pairs minus its time on one pair (start-up), divided: rouge-score / ours.
Checks that ours and the script print the same numbers.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import REPO, baseline_checkout, command, environment  # noqa: E402
from common import SEE_TEST  # noqa: E402

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
""" % TYPES  # noqa: UP031 - str.format would need the script's dict braces doubled


def _write_pairs(folder: Path) -> int:
    with gzip.open(SEE_TEST, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    count = collections.Counter(r["id"] for r in records)
    cands, refs = [], []
    for r in records:
        key = r["id"] if count[r["id"]] == 1 else f"{r['id']}#{r['see_index']}"
        cands.append(json.dumps({"id": key, "summary": split_sentences(r["article"])[:3]}) + "\n")
        refs.append(json.dumps({"id": key, "summary": list(r["summary"])}) + "\n")
    for name, lines in (("cands", cands), ("refs", refs)):
        (folder / f"{name}.jsonl").write_text("".join(lines), encoding="utf-8")
        (folder / f"{name}1.jsonl").write_text(lines[0], encoding="utf-8")
    return len(cands)


def _median(argv: list[str], runs: int, **kwargs: object) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(argv, check=True, capture_output=True, text=True, **kwargs).stdout  # type: ignore[call-overload]
        times.append(time.perf_counter() - start)
    return statistics.median(times), out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-baseline", action="store_true", help="do not time release 0.2.0")
    args = parser.parse_args()
    envs = {"ours": environment(REPO)}
    if not args.skip_baseline:
        envs["ours 0.2.0"] = environment(baseline_checkout())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        n = _write_pairs(folder)
        (folder / "rs.py").write_text(ROUGE_SCORE_SCRIPT, encoding="utf-8")
        rows: dict[str, tuple[float, float]] = {}
        outputs: dict[str, str] = {}
        for suffix in ("1", ""):
            files = [str(folder / f"cands{suffix}.jsonl"), str(folder / f"refs{suffix}.jsonl")]
            results = {}
            for name, env in envs.items():
                results[name] = _median(command("score", *files, "--format", "jsonl", "--no-progress"), args.runs,
                                        cwd=env["PYTHONPATH"], env=env)
            results["rouge-score script"] = _median([sys.executable, str(folder / "rs.py"), *files],
                                                    args.runs if suffix else max(1, args.runs // 2))
            for name, (seconds, out) in results.items():
                one, _ = rows.get(name, (0.0, 0.0))
                rows[name] = (seconds, 0.0) if suffix else (one, seconds)
                if not suffix:
                    outputs[name] = out
    same = ([json.loads(x) for x in outputs["ours"].splitlines()]
            == [json.loads(x) for x in outputs["rouge-score script"].splitlines()])
    print(f"{n:,} CNN/DM test pairs (LEAD-3 vs highlights), 4 ROUGE types, stemmed, whole process, medians of "
          f"{args.runs} (rouge-score on all pairs: {max(1, args.runs // 2)}); identical output: {same}")
    print("| implementation | one pair s | all pairs s | all - one s | pairs/s | ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    base = rows["rouge-score script"][1] - rows["rouge-score script"][0]
    for name, (one, full) in rows.items():
        work = full - one
        print(f"| {name} | {one:.2f} | {full:.2f} | {work:.2f} | {n / work:,.0f} | {base / work:.1f}x |")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
