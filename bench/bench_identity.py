"""Same summaries as release 0.2.0: default settings, every SummEval and CNN/DM test article.

Usage: python bench/bench_identity.py

Runs ``summarize run FILE --format jsonl --jobs 1`` with this checkout and with
release 0.2.0 (built beside it by bench/baseline.py) on the 100 SummEval
articles and the 11,490 articles of the tokenised CNN/DailyMail test file,
and compares the selected sentence indices record by record.  Prints the
number of records, how many differ, and the first differences.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from baseline import REPO, baseline_checkout, command, environment  # noqa: E402
from common import SEE_TEST, SUMMEVAL  # noqa: E402


def _selections(path: Path, env: dict[str, str]) -> dict[str, list[int]]:
    done = subprocess.run(command("run", str(path), "--format", "jsonl", "--jobs", "1", "--no-progress",
                                  "--id-field", "id,id_guess"),
                          cwd=env["PYTHONPATH"], env=env, check=True, capture_output=True, text=True)
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    return {str(row.get("id", row.get("line"))): row.get("selected", []) for row in rows}


def main() -> int:
    old_env, new_env = environment(baseline_checkout()), environment(REPO)
    print("| collection | records | different selections |")
    print("|---|---:|---:|")
    failed = 0
    for name, path in (("SummEval", SUMMEVAL), ("CNN/DM test (tokenised)", SEE_TEST)):
        old, new = _selections(path, old_env), _selections(path, new_env)
        assert old.keys() == new.keys(), "the two runs saw different records"
        different = [k for k in old if old[k] != new[k]]
        failed += len(different)
        print(f"| {name} | {len(old):,} | {len(different)} |")
        for key in different[:5]:
            print(f"|  {key} | 0.2.0 {old[key]} | now {new[key]} |")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
