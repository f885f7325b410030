"""Start-up: whole processes of ``summarize`` now and in release 0.2.0, same run, medians.

Usage: python bench/bench_startup.py [--runs 11]

Times, as separate processes, alternating old and new (``python -m summarize``
with ``PYTHONPATH`` pointing at each checkout; the 0.2.0 checkout is built by
bench/baseline.py):

* ``run seeds/000_eee3009524595d1e.txt`` (one plain-text article; target 0.5 s),
* ``--help`` (target 0.2 s),
* ``run`` on one HTML page (tests/fixtures/hostile/standfirst.html; target 1 s).

Prints the median and the range of each, and the ratio 0.2.0 / now.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import REPO, baseline_checkout, command, environment  # noqa: E402

CASES = (
    (("run", "seeds/000_eee3009524595d1e.txt"), 0.5),
    (("--help",), 0.2),
    (("run", "tests/fixtures/hostile/standfirst.html"), 1.0),
)


def _seconds(argv: list[str], env: dict[str, str]) -> float:
    # The checkout's own directory: ``python -m`` puts the working directory first on sys.path.
    start = time.perf_counter()
    subprocess.run(argv, cwd=env["PYTHONPATH"], env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    old_env, new_env = environment(baseline_checkout()), environment(REPO)
    print(f"whole process, median of {args.runs} runs (range), alternating 0.2.0 and now; "
          f"python {sys.version.split()[0]}")
    print("| command | 0.2.0 s | now s | ratio | target | met |")
    print("|---|---:|---:|---:|---:|---|")
    for argv, target in CASES:
        full = command(*(str(REPO / a) if a.endswith((".txt", ".html")) else a for a in argv))
        for env in (old_env, new_env):  # warm-up: file caches, .pyc
            _seconds(full, env)
        old, new = [], []
        for _ in range(args.runs):
            old.append(_seconds(full, old_env))
            new.append(_seconds(full, new_env))
        o, n = statistics.median(old), statistics.median(new)
        print(f"| `summarize {' '.join(argv)}` | {o:.2f} ({min(old):.2f}-{max(old):.2f}) | "
              f"{n:.2f} ({min(new):.2f}-{max(new):.2f}) | {o / n:.1f}x | {target} | {'yes' if n <= target else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
