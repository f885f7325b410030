"""Peak memory of ``summarize run`` / ``summarize eval`` as the input grows (flat-memory streaming check).

Usage: python bench/bench_memory.py [--command run|eval] [--sizes 10000,100000] [--jobs 1]

Generates JSONL corpora of synthetic news-like articles (written here, ~12
sentences each, plus a 2-sentence ``summary`` used as the reference by
``eval``) in a temporary directory, runs ``summarize run FILE --format jsonl``
with output to /dev/null, or ``summarize eval FILE --out DIR`` (which streams
per_article.csv), as a child process, and prints the child's peak resident set
size (``ru_maxrss``) and articles/s per size.  With ``--jobs 1`` the whole run
is one process, so ``ru_maxrss`` is its peak (KiB on Linux).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

WORDS = ("council harbour bridge budget vote minister police court storm river school hospital city club "
         "season report plan cost week officials residents election market company workers union talks").split()


def _article(rng: random.Random, k: int) -> dict:
    sentences = []
    for _ in range(12):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 25))]
        sentences.append(" ".join(words).capitalize() + ".")
    summary = " ".join(" ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(2))
    return {"id": f"g{k}", "article": " ".join(sentences), "summary": summary}


def _corpus(path: Path, n: int) -> None:
    rng = random.Random(12345)
    with path.open("w", encoding="utf-8") as handle:
        for k in range(n):
            handle.write(json.dumps(_article(rng, k)) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--jobs", default="1")
    parser.add_argument("--command", choices=("run", "eval"), default="run")
    args = parser.parse_args()
    print(f"summarize {args.command} --jobs {args.jobs}")
    print("| articles | peak RSS (MB) | seconds | articles/s |")
    print("|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "corpus.jsonl"
            _corpus(path, size)
            if args.command == "run":
                command = ["run", str(path), "--format", "jsonl"]
            else:
                command = ["eval", str(path), "--out", str(Path(tmp) / "report")]
            command += ["--no-progress", "--jobs", args.jobs]
            # A fresh intermediate process per size, so ru_maxrss of its children is this run's peak only.
            probe = (
                "import resource, subprocess, sys, time\n"
                "start = time.perf_counter()\n"
                f"subprocess.run([sys.executable, '-m', 'summarize', *{command!r}], check=True,"
                " stdout=subprocess.DEVNULL)\n"
                "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - start)\n"
            )
            out = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout
            peak_kib, seconds = out.split()
        print(f"| {size:,} | {int(peak_kib) / 1024:,.0f} | {float(seconds):.1f} | {size / float(seconds):,.0f} |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
