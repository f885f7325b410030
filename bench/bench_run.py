"""``summarize run --jobs 1`` on the CNN/DM test file: articles/s now and in release 0.2.0, same run.

Usage: python bench/bench_run.py [--repeat 3] [--limit N]

Times, as whole processes (start-up, reading, writing JSONL included),
``summarize run FILE --jobs 1 --format jsonl -o OUT`` on the 11,490 articles of
the tokenised CNN/DailyMail test file (or the first ``--limit`` lines), with
this checkout and with release 0.2.0 (built beside it by bench/baseline.py),
alternating, best of ``--repeat``.  Checks that both selected the same
sentences.  Target (issue "One-way architecture"): at least 2,000 articles/s.
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
from baseline import REPO, baseline_checkout, command, environment  # noqa: E402
from common import SEE_TEST  # noqa: E402


def _run(source: Path, out: Path, env: dict[str, str]) -> float:
    out.unlink(missing_ok=True)
    start = time.perf_counter()
    subprocess.run(command("run", str(source), "--jobs", "1", "--format", "jsonl", "--no-progress", "--id-field",
                           "id,id_guess", "-o", str(out)), cwd=env["PYTHONPATH"], env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    args = parser.parse_args()
    versions = {"0.2.0": environment(baseline_checkout()), "now": environment(REPO)}
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "articles.jsonl"
        with gzip.open(SEE_TEST, "rt", encoding="utf-8") as handle:
            lines = handle.readlines()[: args.limit]
        source.write_text("".join(lines), encoding="utf-8")
        best = {name: float("inf") for name in versions}
        for _ in range(args.repeat):
            for name, env in versions.items():
                best[name] = min(best[name], _run(source, Path(tmp) / f"{name}.jsonl", env))
        selected = {name: [json.loads(line).get("selected") for line in (Path(tmp) / f"{name}.jsonl").open()]
                    for name in versions}
    n = len(lines)
    print(f"`summarize run --jobs 1` on {n:,} CNN/DM test articles, whole process, best of {args.repeat}; "
          f"same selections: {selected['0.2.0'] == selected['now']}")
    print("| version | seconds | articles/s | vs 0.2.0 |")
    print("|---|---:|---:|---:|")
    for name, seconds in best.items():
        print(f"| {name} | {seconds:.2f} | {n / seconds:,.0f} | {best['0.2.0'] / seconds:.2f}x |")
    print(f"target 2,000 articles/s: {'met' if n / best['now'] >= 2000 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
