"""``--rouge155 FLAGS``: what the commands share to report ROUGE-1.5.5's numbers.

:func:`rouge155_config` reads the flags (a bad flag is a usage error, exit 2,
naming it) and refuses the rouge-score options that the flags replace;
:func:`cmd_score_rouge155` is ``summarize score`` with ``--rouge155``.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from summarize.cli.common import UsageError, finish, progress, warn
from summarize.cli.options import PROG

__all__ = ["CompareCollector", "cmd_eval_rouge155", "cmd_score_rouge155", "render_compare_rouge155", "render_rouge155",
           "rouge155_config"]

# Options that --rouge155's flags replace, with the values that change nothing (their defaults; given
# otherwise, they would be ignored silently).
_REPLACED: dict[str, tuple[str, tuple[object, ...]]] = {
    "rouge_types": ("--rouge-types", ("rouge1,rouge2,rougeL,rougeLsum",)), "no_stem": ("--no-stem", (False,)),
    "multi_ref": ("--multi-ref", ("best",)), "bootstrap": ("--bootstrap", (1000,)),
    "confidence": ("--confidence", (0.95,)), "tokenizer": ("--tokenizer", ("auto", "rouge-score")),
    "seed": ("--seed", (None,)), "out": ("--out", (None,))}
_INSTEAD = {"--rouge-types": "-n, -x, -w, -2 -u -U", "--no-stem": "-m (stemming is off without it)",
            "--multi-ref": "-f A|B", "--bootstrap": "-r", "--confidence": "-c",
            "--tokenizer": "the script's tokenizer", "--seed": "the script's own seeds", "--out": "--format"}


def rouge155_config(args: argparse.Namespace, *, exclusive: bool = True, keep: tuple[str, ...] = ()) -> Any:
    """The :class:`~eval.rouge155.Rouge155Config` of ``--rouge155``; a usage error for bad flags or (with
    ``exclusive``, where the script's numbers replace rouge-score's) for options the flags replace, but for
    those in ``keep`` (e.g. ``eval``'s ``seed``, the summarizer's)."""
    from eval.rouge155 import FlagError, parse_flags

    given = [name for key, (name, defaults) in _REPLACED.items()
             if exclusive and key not in keep and hasattr(args, key) and getattr(args, key) not in defaults]
    if given:
        raise UsageError(f"--rouge155 takes the script's flags instead of {', '.join(given)}: use "
                         + "; ".join(f"{_INSTEAD[g]} for {g}" for g in given))
    try:
        return parse_flags(args.rouge155)
    except FlagError as exc:
        raise UsageError(f"--rouge155: {exc}") from None


def render_rouge155(run: Any, fmt: str, out: TextIO, signature: str) -> None:
    """Print a :class:`~summarize.experiment.rouge155.Rouge155Run` in ``text``, ``json`` or ``markdown``."""
    from eval.rouge155.report import render_markdown, render_text, to_dict

    if fmt == "json":
        out.write(json.dumps(to_dict(run.averages, run.count, signature), indent=2) + "\n")
    elif fmt == "markdown":
        out.write(render_markdown(run.averages, run.config, run.count, signature))
    elif fmt == "text":
        out.write(render_text(run.averages, run.config))
        print(f"signature: {signature}", file=sys.stderr)


def cmd_score_rouge155(args: argparse.Namespace, out: TextIO) -> int:
    """``summarize score CANDIDATES REFERENCES --rouge155 FLAGS``; returns the exit code."""
    from eval.rouge155.report import signature as make_signature
    from summarize.experiment.rouge155 import rouge155_run
    from summarize.io.pairs import pair_files
    from summarize.text.sentences import SPLITTER_NAME

    config = rouge155_config(args)
    try:
        pairs, issues = pair_files(args.candidates, args.references, layout=args.layout, id_field=args.id_field,
                                   summary_field=args.summary_field, references_field=args.references_field,
                                   sentence_sep=args.sentence_sep, system_field=args.system_field, warn=warn)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    for issue in issues:
        warn(issue.message)
    sig = make_signature(config, f"sep:{args.sentence_sep}" if args.sentence_sep else SPLITTER_NAME)
    jsonl = args.format == "jsonl"
    if args.system_field is None:
        run = rouge155_run(pairs, issues, config, rows=out.write if jsonl else None, aggregate=not jsonl,
                           progress=lambda items: progress(items, args, "ROUGE-1.5.5", unit=" pairs"))
        runs = {"A": run} if run.count else {}
    else:  # several systems, each scored as the script's -a does: one after the other, same references
        from eval.rouge155 import Rouge155Scorer

        scorer = Rouge155Scorer(config)
        by_system: dict[str, list[Any]] = {}
        for pair in pairs:
            by_system.setdefault(pair.system, []).append(pair)
        runs = {}
        for name, group in by_system.items():
            def bar(items: Any, label: str = name) -> Any:
                return progress(items, args, label, unit=" pairs")

            runs[name] = rouge155_run(group, [], config, rows=out.write if jsonl else None, aggregate=not jsonl,
                                      scorer=scorer, system=name, progress=bar)
        if jsonl and issues:
            from summarize.experiment.score import jsonl_error_row

            out.write("".join(jsonl_error_row(issue, len(pairs) + k) for k, issue in enumerate(issues)))
    count = sum(r.count for r in runs.values())
    if jsonl:
        print(f"signature: {sig}", file=sys.stderr)
    elif count and args.system_field is None:
        render_rouge155(runs["A"], args.format, out, sig)
    elif count:
        _render_systems(runs, args.format, out, sig)
    if not count:
        first = issues[0] if issues else None
        print(f"{PROG}: error: nothing could be scored; "
              f"{first.id if first else 'input'}: {first.message if first else 'no records'}", file=sys.stderr)
        return 1
    return finish(count, len(issues), "scored")


def _render_systems(runs: dict[str, Any], fmt: str, out: TextIO, signature: str) -> None:
    """Several systems: the script's ``-a`` output (its average lines per system, the system id first), a JSON
    object per system under ``systems``, or a Markdown table per system."""
    from eval.rouge155.report import render_markdown, render_text, to_dict

    if fmt == "json":
        systems = {}
        for name, run in runs.items():
            entry = to_dict(run.averages, run.count, signature)
            entry.pop("signature")
            systems[name] = entry
        report = {"n": sum(r.count for r in runs.values()), "signature": signature, "systems": systems}
        out.write(json.dumps(report, indent=2) + "\n")
    elif fmt == "markdown":
        for name, run in runs.items():
            out.write(f"### {name}\n\n" + render_markdown(run.averages, run.config, run.count, signature))
    else:
        for name, run in runs.items():
            out.write(render_text(run.averages, run.config, system=name))
        print(f"signature: {signature}", file=sys.stderr)


def cmd_eval_rouge155(args: argparse.Namespace, out: TextIO) -> int:
    """``summarize eval ... --rouge155 FLAGS``: summarize each article, score it with ROUGE-1.5.5 against the
    article's references; returns the exit code."""
    from eval.rouge.score import RougeConfig
    from eval.rouge155 import Rouge155Scorer, average_scores
    from eval.rouge155.report import signature as make_signature
    from summarize.cli.common import announce, batch_config, read_items, summarizer_from
    from summarize.experiment.evaluate import evaluate
    from summarize.experiment.rouge155 import Rouge155Run
    from summarize.io.pairs import PairingIssue
    from summarize.text.sentences import SPLITTER_NAME

    config = rouge155_config(args, keep=("seed",))
    if args.resume:
        raise UsageError("--resume needs --out, which --rouge155 does not write; run again without --resume")
    summarizer = summarizer_from(args)
    references: list[tuple[tuple[str, ...], ...]] = []

    def remember(items: Any) -> Any:
        for item in items:  # the references of the record at each input index
            references.append(getattr(item, "references", ()))
            yield item

    items = remember(announce(read_items(args), summarizer))
    # rouge-score's ROUGE-1 only to keep evaluate's checks; the script's measures are computed below.
    report = evaluate(progress(items, args, "evaluating"), summarizer, rouge=RougeConfig(types=("rouge1",)),
                      batch=batch_config(args), keep_results=True)
    scorer = Rouge155Scorer(config)
    ids, scores, skipped = [], [], []
    seen: set[str] = set()
    for result in report.results:
        if result.scores is None:
            skipped.append(PairingIssue(result.id, f"{result.id}: {result.skipped}"))
            continue
        ident = result.id if result.id not in seen else f"{result.id}#{result.index}"
        seen.add(ident)
        ids.append(ident)
        scores.append(scorer.score(result.summary, references[result.index]))
    for issue in skipped:
        warn(issue.message)
    if not scores:
        print(f"{PROG}: error: nothing could be scored", file=sys.stderr)
        return 1
    run = Rouge155Run(config, tuple(ids), tuple(scores), average_scores(ids, scores, config), tuple(skipped))
    render_rouge155(run, args.format, out, make_signature(config, SPLITTER_NAME))
    return finish(run.count, len(run.skipped), "scored")


class CompareCollector:
    """``compare --rouge155``: scores every compared article's summaries with ROUGE-1.5.5 as results come
    (an ``on_result`` callback), then averages per system and tests each system against the baseline."""

    def __init__(self, config: Any) -> None:
        from eval.rouge155 import Rouge155Scorer

        self.config = config
        self.scorer = Rouge155Scorer(config)
        self.ids: list[str] = []
        self.scores: dict[str, list[Any]] = {}

    def __call__(self, result: Any) -> None:
        if result.skipped is not None:
            return
        ident = result.id if result.id not in self.ids else f"{result.id}#{result.index}"
        self.ids.append(ident)
        for name, output in result.outputs.items():
            self.scores.setdefault(name, []).append(self.scorer.score(output.sentences, result.references))

    def report(self, baseline: str, bootstrap: Any, n_permutations: int, signature: str) -> dict[str, Any]:
        """``{"signature", "systems": {name: {measure: averages}}, "tests": [...]}``: the script's averages of
        each system (its id as the script's system id) and paired tests of each measure's F against the
        baseline (:func:`eval.stats.significance.paired_bootstrap`, :func:`~.permutation_test`)."""
        import numpy as np

        from eval.rouge155 import average_scores
        from eval.rouge155.report import to_dict
        from eval.stats.significance import paired_bootstrap, permutation_test

        systems = {name: to_dict(average_scores(self.ids, scores, self.config, peer_id=name), len(scores), "")
                   for name, scores in self.scores.items()}
        tests = []
        for name, scores in self.scores.items():
            if name == baseline:
                continue
            for measure in self.config.measures():
                a = np.array([s[measure].fmeasure for s in scores])
                b = np.array([s[measure].fmeasure for s in self.scores[baseline]])
                boot = paired_bootstrap(a, b, n_samples=bootstrap.n_samples, seed=bootstrap.seed,
                                        confidence=bootstrap.confidence)
                perm = permutation_test(a, b, n_samples=n_permutations, seed=bootstrap.seed)
                tests.append({"system": name, "baseline": baseline, "measure": f"{measure} F", "n": len(a),
                              "mean_difference": boot.mean_difference, "ci": [boot.low, boot.high],
                              "p_bootstrap": boot.p_two_sided, "p_permutation": perm.p_value})
        for averages in systems.values():
            averages.pop("signature")
            averages.pop("n")
        return {"n": len(self.ids), "signature": signature, "systems": systems, "tests": tests}


def render_compare_rouge155(report: dict[str, Any], config: Any, fmt: str) -> str:
    """The ``compare --rouge155`` section: each system's script average lines (text) or table (markdown),
    then the paired tests."""
    from eval.rouge155.bootstrap import Average
    from eval.rouge155.report import render_markdown, render_text

    out = [f"ROUGE-1.5.5 ({report['n']} articles; the script's averages, system id = system name)"]
    for name, measures in report["systems"].items():
        averages = {m: Average(v["recall"], v["precision"], v["fmeasure"], tuple(v["recall_ci"]),
                               tuple(v["precision_ci"]), tuple(v["fmeasure_ci"])) for m, v in measures.items()}
        if fmt == "markdown":
            out.append(f"### {name}\n\n" + render_markdown(averages, config, report["n"], report["signature"]))
        else:
            out.append(render_text(averages, config, system=name).rstrip("\n"))
    lines = [f"{t['system']} vs {t['baseline']}, {t['measure']}: {t['mean_difference']:+.5f} "
             f"[{t['ci'][0]:+.5f}, {t['ci'][1]:+.5f}], p bootstrap {t['p_bootstrap']:.4f}, "
             f"p permutation {t['p_permutation']:.4f}" for t in report["tests"]]
    if lines:
        out.append("Paired tests of the script's per-summary F:" + ("\n\n- " if fmt == "markdown" else "\n  ")
                   + ("\n- " if fmt == "markdown" else "\n  ").join(lines))
    if fmt != "markdown":
        out.append(f"signature: {report['signature']}")
    return "\n".join(out) + "\n"
