"""``summarize tune``: parse options, run an Optuna study, render and export the results."""

from __future__ import annotations

import argparse
import json
import logging
import sys
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

from eval.extras import require
from summarize.cli.common import UsageError, check_writable_path, progress, read_items, reference_spec, warn
from summarize.cli.exit_codes import exit_codes
from summarize.cli.options import PROG, add_input_options, positive_int

__all__ = ["cmd_tune", "register", "run"]

_EXAMPLES = """examples:
  summarize tune cnndm_test.jsonl.gz --space space.toml --trials 100 --storage sqlite:///runs.db --study tfidf-v1 \\
      --id-field id,id_guess --exclude-from-dev summeval_docs.jsonl.gz --exclude-id-field cnndm_id
  (run the same command again to resume; start it in several shells to tune in parallel)
  summarize tune big.jsonl --space space.toml --sample 2000 --trials 50
  (a seeded random sample of 2,000 articles from the whole file, not its first 2,000 lines)
  summarize run new_articles/ --config tune-tfidf-v1/best.toml

space.toml:
  method = "tfidf"
  [fixed]
  n_sentences = 3
  [params]
  position_weight = { low = 0.0, high = 1.0 }
  redundancy = { low = 0.0, high = 1.0, step = 0.1 }
  scoring = { choices = ["centroid", "centrality"] }
"""
# summarize.experiment.tuning.OBJECTIVES / SAMPLERS, repeated so that --help does not import numpy and optuna
# (a test checks they agree).
OBJECTIVE_NAMES = ("mean", "rouge1", "rouge2", "rougeL", "rougeLsum")
SAMPLER_NAMES = ("tpe", "grid", "random")
_OUTPUTS = ("best.toml", "trials.csv", "optimization_history.png", "param_importances.png", "heldout.json",
            "heldout.md")


def register(commands: Any) -> None:
    """Add the ``tune`` parser to ``commands`` (the top-level sub-parsers)."""
    tune = commands.add_parser(
        "tune", help="tune summarizer settings on the dev part, report once on the rest",
        description="Optuna study that maximises ROUGE on the dev part of DATA (see --dev-prefixes), "
                    "then evaluates the best settings once on the held-out report part and exports them "
                    "as a config file for 'run/eval --config'.",
        epilog=_EXAMPLES + exit_codes("tune"), formatter_class=argparse.RawDescriptionHelpFormatter)
    add_input_options(tune)
    group = tune.add_argument_group("study")
    group.add_argument("--space", required=True, metavar="SPACE.toml", help="search space (see below)")
    group.add_argument("--trials", type=int, default=50, metavar="N",
                       help="finished trials the study should hold (default 50); re-running resumes")
    group.add_argument("--storage", default="sqlite:///summarize_tune.db", metavar="URL",
                       help="Optuna storage shared by resumed and parallel runs: sqlite:///FILE or a "
                            "postgresql:// URL (default: %(default)s)")
    group.add_argument("--study", default="summarize-tune", metavar="NAME", help="study name (default: %(default)s)")
    group.add_argument("--sampler", choices=SAMPLER_NAMES, default="tpe", help="tpe (default), grid or random")
    group.add_argument("--objective", choices=OBJECTIVE_NAMES, default="mean",
                       help="maximised ROUGE F1: mean of rouge1, rouge2, rougeLsum (default) or one type")
    group.add_argument("--seed", type=int, default=12345, help="sampler and bootstrap seed (default 12345)")
    group.add_argument("--no-stem", action="store_true", help="ROUGE without stemming")
    split = tune.add_argument_group("dev/report split")
    split.add_argument("--dev-prefixes", default="0,1,2", metavar="P,P",
                       help="articles whose id starts with one of these go to the dev part (default: %(default)s)")
    split.add_argument("--sample", type=positive_int, metavar="N",
                       help="tune (and report) on N articles drawn at random from the whole input, seeded by "
                            "--seed and kept in input order: the way to tune on a subset (the first lines of a "
                            "file are rarely representative)")
    split.add_argument("--exclude-from-dev", metavar="FILE",
                       help="ids kept out of the dev part: a text file (one id per line) or JSONL(.gz)")
    split.add_argument("--exclude-id-field", default="id", metavar="NAME",
                       help="id field in a JSONL --exclude-from-dev file (default: %(default)s)")
    out = tune.add_argument_group("output")
    out.add_argument("--out", metavar="DIR", help="output directory (default: tune-STUDY)")
    out.add_argument("--force", action="store_true", help="overwrite outputs of another study in --out")
    tune.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``summarize tune``; returns the exit code."""

    def tune_progress(items: Iterable[Any] | None, desc: str, total: int | None = None) -> Any:
        return progress(items, args, desc, total=total, unit=" articles" if items is not None else " trials")

    try:
        return cmd_tune(args, sys.stdout, items=read_items(args), warn=warn, progress=tune_progress,
                        reference=str(reference_spec(args)))
    except ValueError as exc:
        # Search space, split or study settings that cannot work: say what to fix.
        raise UsageError(str(exc)) from None
    except KeyboardInterrupt:  # Ctrl-C, SIGTERM, SIGHUP: Optuna has marked the running trial failed
        print(f"{PROG}: the finished trials of study {args.study!r} are kept in {args.storage}: "
              "run the same command to continue the study", file=sys.stderr)
        raise


def sample_in_order(items: list[Any], n: int, seed: int) -> list[Any]:
    """``n`` of ``items`` drawn without replacement by ``random.Random(seed)``, in their input order."""
    import random

    chosen = sorted(random.Random(seed).sample(range(len(items)), n))  # noqa: S311 - a reproducible sample, not a secret
    return [items[i] for i in chosen]


def _check_out(out: Path, study: str, force: bool) -> None:
    check_writable_path(str(out), "--out", directory=True)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"--out {out} exists and is not a directory")
    for name in (*_OUTPUTS, "study.json"):
        check_writable_path(str(out / name), "--out")
    marker = out / "study.json"
    existing = [name for name in _OUTPUTS if (out / name).exists()]
    if not existing or force:
        return
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")).get("study") == study:
        return  # our own outputs from an earlier (resumed) run
    raise FileExistsError(f"{out} holds outputs of another study ({', '.join(existing)}); use --force or another --out")


def _plots(study: Any, out: Path, warn: Callable[[str], None]) -> None:
    matplotlib = require("matplotlib", "tune", "Tuning plots")
    matplotlib.use("Agg")  # files only, no display needed
    import matplotlib.pyplot as plt
    from optuna.exceptions import ExperimentalWarning
    from optuna.visualization.matplotlib import plot_optimization_history, plot_param_importances

    for name, plot in (("optimization_history.png", plot_optimization_history),
                       ("param_importances.png", plot_param_importances)):
        try:
            with warnings.catch_warnings():
                # Optuna marks its matplotlib plots "experimental"; users need not see that.
                warnings.simplefilter("ignore", ExperimentalWarning)
                axes = plot(study)
            figure: Any = axes.figure  # a Figure (pyplot made it), not a SubFigure
            figure.tight_layout()
            figure.savefig(out / name, dpi=120)
        except (ValueError, RuntimeError) as exc:  # e.g. importances need >= 2 finished trials
            warn(f"no {name}: {exc}")
        finally:
            plt.close("all")


def cmd_tune(args: argparse.Namespace, out: TextIO, *, items: Any, warn: Callable[[str], None],
             progress: Callable[..., Any], reference: str) -> int:
    """Run ``summarize tune``; returns the exit code."""
    optuna = require("optuna", "tune", "summarize tune")

    from eval import BootstrapConfig, RougeConfig, render_markdown, render_text
    from summarize.experiment.evaluate import evaluate
    from summarize.experiment.tuning import PreparedCorpus, best_config, load_space, make_sampler, optimize
    from summarize.io.splits import IdPrefixSplit, load_ids, parse_prefixes
    from summarize.models.config import dump_config
    from summarize.text.article import Article

    space = load_space(args.space)
    excluded = (load_ids(args.exclude_from_dev, field_name=args.exclude_id_field) if args.exclude_from_dev
                else frozenset())
    split = IdPrefixSplit(parse_prefixes(args.dev_prefixes), excluded)
    target = Path(args.out or f"tune-{args.study}")
    _check_out(target, args.study, args.force)

    usable = []
    for item in progress(items, "reading"):
        if not isinstance(item, Article):
            warn(str(item))
        elif item.references and item.sentences:
            usable.append(item)
    if args.sample is not None and args.sample < len(usable):
        total = len(usable)
        usable = sample_in_order(usable, args.sample, args.seed)
        print(f"--sample {args.sample}: {len(usable)} of {total} articles with a reference, seed {args.seed}",
              file=sys.stderr)
    dev, report = split.select(usable, "dev"), split.select(usable, "report")
    print(f"{len(usable)} articles with a reference: {len(dev)} dev, {len(report)} report ({split})", file=sys.stderr)
    if not dev:
        warn(f"no dev articles: no usable id starts with {args.dev_prefixes} (see --dev-prefixes, --id-field)")
        return 1

    corpus = PreparedCorpus(dev, use_stemmer=not args.no_stem)
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    for handler in logging.getLogger("optuna").handlers:
        handler.addFilter(_no_interrupt_traceback)
    study = optuna.create_study(storage=args.storage, study_name=args.study, direction="maximize",
                                sampler=make_sampler(args.sampler, space, args.seed), load_if_exists=True)
    setup = {"objective": args.objective, "split": str(split), "space": space.describe(), "stem": not args.no_stem}
    for key, value in setup.items():
        previous = study.user_attrs.get(key)
        if previous is None:
            study.set_user_attr(key, value)
        elif previous != value:
            raise ValueError(f"study {args.study!r} was created with another {key} ({previous!r}); "
                             "use another --study name to change it")

    bar = progress(None, "trials", total=args.trials)
    finished = len([t for t in study.trials if t.state.is_finished()])
    bar.update(min(finished, args.trials))
    ran = optimize(study, corpus, space, objective=args.objective, n_trials=args.trials,
                   callbacks=[lambda s, t: bar.update(1) if t.state.name == "COMPLETE" else None])
    bar.close()

    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    if not complete:
        failed = [t for t in study.trials if t.state == optuna.trial.TrialState.FAIL]
        reason = failed[-1].system_attrs.get("fail_reason", "unknown") if failed else "no trial ran"
        warn(f"no trial completed ({reason})")
        return 1
    table = study.trials_dataframe(attrs=("number", "value", "params", "state"))
    table = table[table["state"] == "COMPLETE"]  # not the pruned repeats of earlier settings, nor failures
    table = table.sort_values("value", ascending=False, kind="stable")
    best = best_config(study, space)
    out.write(f"study {args.study!r}: {len(table)} trials ({ran} in this run), objective {args.objective} on "
              f"{len(dev)} dev articles\n")
    out.write(table.head(10).to_string(index=False) + "\n\n")
    out.write(f"best (trial {study.best_trial.number}, dev {args.objective} F1 {study.best_value * 100:.2f}): "
              f"{dict(best.params)}\n")

    target.mkdir(parents=True, exist_ok=True)
    (target / "study.json").write_text(json.dumps({"study": args.study, "storage": args.storage}) + "\n")
    table.to_csv(target / "trials.csv", index=False)
    (target / "best.toml").write_text(dump_config(best, comment=(
        f"summarize tune: study {args.study}, trial {study.best_trial.number}, "
        f"dev {args.objective} F1 {study.best_value:.5f} on {len(dev)} articles ({split})")), encoding="utf-8")
    _plots(study, target, warn)

    if report:
        rouge = RougeConfig(use_stemmer=not args.no_stem)
        boot = BootstrapConfig(seed=args.seed)
        systems = {"best": best.build(), "lead": _lead(best)}
        results = {name: evaluate(report, est, rouge=rouge, bootstrap=boot, reference=reference)
                   for name, est in systems.items()}
        text = "\n\n".join(f"held-out report part, {name}:\n{render_text(r)}" for name, r in results.items())
        out.write("\n" + text + "\n")
        markdown = "\n\n".join(f"## Held-out report part: {name}\n\n{render_markdown(r)}"
                                 for name, r in results.items())
        (target / "heldout.md").write_text(f"# summarize tune: study {args.study}\n\n{markdown}\n", encoding="utf-8")
        (target / "heldout.json").write_text(json.dumps({k: r.to_dict() for k, r in results.items()}, indent=2) + "\n",
                                             encoding="utf-8")
    else:
        warn("no report articles: the best settings were not evaluated on held-out data")
    out.write(f"wrote {target}/ (best.toml, trials.csv, plots{', heldout.*' if report else ''})\n")
    return 0


def _no_interrupt_traceback(record: logging.LogRecord) -> bool:
    """Optuna logs the trial that Ctrl-C (or SIGTERM) stopped with its traceback: the CLI says it in one line."""
    return not (record.exc_info and isinstance(record.exc_info[1], KeyboardInterrupt))


def _lead(best: Any) -> Any:
    """LEAD with the best settings' budget, for comparison on the same articles."""
    from summarize.models.methods import make_model

    return make_model("lead", **best.params).validate()
