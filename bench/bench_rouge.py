"""ROUGE speed: eval.rouge.fast vs rouge-score (and rouge-score-rs if installed), same run, one core.

Usage: python bench/bench_rouge.py [--repeat 3]

Pairs: every SummEval system summary (``decoded``) against its article's
original reference (``references[0]``), both split with
``summarize.text.sentences.split_sentences`` and joined with ``"\\n"`` as
``eval.rouge.score_summary`` does; stemming on.  For each of rouge1, rouge2,
rougeL, rougeLsum alone and all four together, prints pairs/s (best of
``--repeat`` runs) and the ratio to rouge-score.  Our timing includes
tokenisation with the stem memo emptied before every run; a second row shows
:func:`eval.rouge.fast.score_tokens` on text tokenised beforehand (the tuning
workflow).  Before timing, every score of ours is checked to be ``==`` to
rouge-score's; rouge-score-rs's mismatches, if any, are counted.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("RAYON_NUM_THREADS", "1")  # rouge-score-rs: no thread pool behind our back
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SUMMEVAL  # noqa: E402

from eval.rouge import RougeConfig  # noqa: E402
from eval.rouge import score_summary as fast_score_summary  # noqa: E402  (engine="fast" is the default)
from eval.rouge.fast import clear_stem_cache, score_tokens, tokenize_sentences  # noqa: E402
from summarize.text.sentences import split_sentences  # noqa: E402

TYPE_SETS: list[tuple[str, ...]] = [("rouge1",), ("rouge2",), ("rougeL",), ("rougeLsum",),
                                    ("rouge1", "rouge2", "rougeL", "rougeLsum")]
Pair = tuple[list[str], list[str]]  # (summary sentences, reference sentences)


def _pairs() -> list[Pair]:
    with gzip.open(SUMMEVAL, "rt", encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    return [(split_sentences(s["decoded"]), split_sentences(d["references"][0])) for d in docs for s in d["systems"]]


def _best(run: Callable[[], None], repeat: int, before: Callable[[], None] = lambda: None) -> float:
    best = float("inf")
    for _ in range(repeat):
        before()
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    from rouge_score import rouge_scorer

    try:
        from rouge_score_rs import rouge_scorer as rs_scorer
    except ImportError:
        rs_scorer = None
        print("rouge-score-rs: unavailable (pip install rouge-score-rs failed or not installed)\n")

    pairs = _pairs()
    joined = [("\n".join(s), "\n".join(r)) for s, r in pairs]
    impls = ["rouge-score 0.1.2", "fast_rouge (incl. tokenisation)", "fast_rouge score_tokens (pre-tokenised)"]
    if rs_scorer is not None:
        impls.append("rouge-score-rs")
    rates: dict[str, list[float]] = {name: [] for name in impls}
    rs_mismatch = 0
    for types in TYPE_SETS:
        config = RougeConfig(types=types, use_stemmer=True)
        reference = rouge_scorer.RougeScorer(list(types), use_stemmer=True)
        tokenised = [(tokenize_sentences(s, True), tokenize_sentences(r, True)) for s, r in pairs]
        # Exactness first: a fast wrong answer is no answer.
        for (s, r), (js, jr) in zip(pairs, joined):
            theirs = reference.score(jr, js)
            ours = fast_score_summary(s, [r], config)
            for t in types:
                assert (ours[t].precision, ours[t].recall, ours[t].fmeasure) == tuple(theirs[t]), (t, s, r)
        # Defaults bind this iteration's scorer, config and types (each run is timed within its iteration anyway).
        runs: dict[str, tuple[Callable[[], None], Callable[[], None]]] = {
            impls[0]: (lambda reference=reference: [reference.score(jr, js) for js, jr in joined], lambda: None),
            impls[1]: (lambda config=config: [fast_score_summary(s, [r], config) for s, r in pairs], clear_stem_cache),
            impls[2]: (lambda types=types, tokenised=tokenised: [score_tokens(s, r, types) for s, r in tokenised],
                       lambda: None),
        }
        if rs_scorer is not None:
            rs = rs_scorer.RougeScorer(list(types), use_stemmer=True)
            for js, jr in joined:
                theirs, peer = reference.score(jr, js), rs.score(jr, js)
                rs_mismatch += sum(tuple(peer[t]) != tuple(theirs[t]) for t in types)
            runs[impls[3]] = (lambda rs=rs: [rs.score(jr, js) for js, jr in joined], lambda: None)
        for name, (run, before) in runs.items():
            rates[name].append(len(pairs) / _best(run, args.repeat, before))

    print(f"{len(pairs):,} SummEval pairs, stemming, one core, pairs/s (best of {args.repeat}); "
          "ratio = / rouge-score\n")
    print("| implementation | " + " | ".join("+".join(t) if len(t) < 4 else "all four" for t in TYPE_SETS) + " |")
    print("|---|" + "---:|" * len(TYPE_SETS))
    base = rates[impls[0]]
    for name in impls:
        cells = [f"{r:,.0f} ({r / b:.1f}x)" for r, b in zip(rates[name], base)]
        print(f"| {name} | " + " | ".join(cells) + " |")
    if rs_scorer is not None:
        print(f"\nrouge-score-rs scores != rouge-score's: {rs_mismatch} (of {len(pairs) * 7:,} P/R/F triples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
