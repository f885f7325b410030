"""Options shared by the commands: constants, checked argument types and option groups.

Each command module (:mod:`summarize.cli.run`, ...) registers its parser
with these groups.  Nothing heavy is imported, so ``summarize --help``
answers at once.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

__all__ = ["DEFAULT_SEED", "INPUT_FORMATS", "MAX_BOOTSTRAP", "METHOD_NAMES", "PROG", "add_batch_options",
           "add_input_options", "add_language_option", "add_method_options", "add_rouge155_option",
           "add_rouge_options", "bootstrap_samples", "checked", "language_code", "nonneg_float", "nonneg_int",
           "positive_int", "ratio", "unit"]

DEFAULT_SEED = 12345
PROG = "summarize"
METHOD_NAMES = ("tfidf", "lead", "random", "oracle")  # summarize.models.methods.METHODS, without importing sklearn
INPUT_FORMATS = ("auto", "text", "story", "jsonl", "csv", "parquet", "html")  # summarize.io.readers.FORMATS

def checked(cast: Callable[[str], Any], expected: str, ok: Callable[[Any], bool]) -> Callable[[str], Any]:
    """An argparse ``type`` that converts with ``cast`` and rejects values failing ``ok``."""

    def parse(text: str) -> Any:
        try:
            value = cast(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
        if not ok(value):  # a failed comparison also rejects nan
            raise argparse.ArgumentTypeError(f"expected {expected}, got {text}")
        return value

    return parse


positive_int = checked(int, "a positive integer", lambda v: v >= 1)
MAX_BOOTSTRAP = 100_000  # eval.stats.bootstrap.MAX_SAMPLES, without importing eval for --help (a test checks)
bootstrap_samples = checked(int, f"an integer from 1 to {MAX_BOOTSTRAP}", lambda v: 1 <= v <= MAX_BOOTSTRAP)
nonneg_int = checked(int, "an integer >= 0", lambda v: v >= 0)
ratio = checked(float, "a number in (0, 1]", lambda v: 0.0 < v <= 1.0)
unit = checked(float, "a number in [0, 1]", lambda v: 0.0 <= v <= 1.0)
nonneg_float = checked(float, "a finite number >= 0", lambda v: 0.0 <= v < float("inf"))


def add_input_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH",
                        help="article file(s), directories, or - for stdin "
                             "(.txt, .html, .story, .jsonl, .csv, .parquet; .gz ok)")
    group = parser.add_argument_group("input")
    group.add_argument("--input-format", choices=INPUT_FORMATS, default="auto",
                       help="input format (default: by file suffix; stdin: JSONL if it starts with '{')")
    group.add_argument("--reference", default="auto", metavar="KINDS",
                       help="which own summaries are references: auto, none, or a comma list of "
                            "lead, closing, highlights, summary, references (default: auto = the record's "
                            "summary field, else its references, else every own-summary paragraph found)")
    for name, default in (("article", "article"), ("summary", "summary"), ("references", "references"),
                          ("title", "title"), ("id", "id")):
        group.add_argument(f"--{name}-field", default=default, metavar="NAME",
                           help=f"record field holding the {name} (default: {default})"
                                + ("; a comma list gives fall-backs, e.g. id,id_guess" if name == "id" else ""))
    group.add_argument("--max-article-chars", type=nonneg_int, default=200_000, metavar="N",
                       help="longer articles are reported as bad records (default 200,000; an HTML page may be "
                            "20 times longer; 0 = no limit)")
    group.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


def add_batch_options(parser: argparse.ArgumentParser) -> None:
    batch = parser.add_argument_group("batch")
    batch.add_argument("--jobs", type=nonneg_int, default=0, metavar="N",
                       help="worker processes (default 0 = all cores; inputs of one chunk run in-process)")
    batch.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local process pool (default) or a Dask cluster")
    batch.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: scheduler address (tcp://host:8786), or 'local' to start "
                            "a LocalCluster with --jobs workers (default)")


def language_code(text: str) -> str:
    """An argparse ``type``: a supported language code or ``auto`` (exit 2 listing the codes otherwise)."""
    from eval.languages.codes import check_language

    try:
        return check_language(text.strip().lower())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_language_option(group: Any) -> None:
    """``--language CODE|auto`` (once per command, whichever option group comes first)."""
    if "--language" in group._option_string_actions:  # shared by a parser's groups
        return
    group.add_argument("--language", type=language_code, default="auto", metavar="CODE|auto",
                       help="language of the texts: its sentence rules, stop words, stems, own-summary markers and "
                            "ROUGE words; auto (default) takes a record's 'language' field, else detects each "
                            "article's language offline (English when unsure, with a warning)")


def add_method_options(parser: argparse.ArgumentParser, *, with_method: bool = True) -> None:
    group = parser.add_argument_group("summarizer")
    add_language_option(group)
    group.add_argument("--config", metavar="FILE",
                       help="summarizer settings from a TOML file (e.g. exported by 'summarize tune'); "
                            "options given on the command line override it")
    if with_method:  # compare names its systems with --systems instead
        group.add_argument("--method", choices=METHOD_NAMES,
                           help="tfidf (default), lead (LEAD-k), random (seeded) or oracle (greedy ROUGE upper bound)")
    group.add_argument("--sentences", type=positive_int, metavar="N",
                       help="at most N sentences (default 3 unless --words or --ratio is given)")
    group.add_argument("--words", type=positive_int, metavar="N", help="at most N words")
    group.add_argument("--ratio", type=ratio, metavar="R", help="at most ceil(R x article sentences), 0 < R <= 1")
    group.add_argument("--scoring", choices=("learned", "centrality", "centroid"),
                       help="tfidf relevance: learned (default, supervised model), "
                            "centrality or centroid (unsupervised)")
    group.add_argument("--position-weight", type=unit, metavar="W",
                       help="tfidf position prior weight in [0, 1] (default: the language's, 0 for English, "
                            "0.3 for most others; see the README, Languages)")
    group.add_argument("--redundancy", type=nonneg_float, metavar="L",
                       help="tfidf MMR redundancy penalty >= 0 (default 0.9)")
    group.add_argument("--min-sentence-words", type=nonneg_int, metavar="N",
                       help="tfidf: sentences shorter than N words are a last resort (default 4)")
    group.add_argument("--max-sentence-words", type=positive_int, metavar="N",
                       help="tfidf: sentences longer than N words are a last resort (default: 60 for English, "
                            "none for other languages)")
    group.add_argument("--block-ngrams", type=nonneg_int, metavar="N",
                       help="tfidf: skip sentences sharing an N-gram with the summary (default 5; 0 = off)")
    group.add_argument("--model", metavar="NAME|FILE",
                       help="tfidf learned scoring: shipped model name or model JSON file (default: lr-cnndm-dev-v2 "
                            "for English, lr-news-dev-v3 for other languages)")
    group.add_argument("--seed", type=nonneg_int,
                       help="seed for every random choice: the random method and the bootstrap "
                            f"(default {DEFAULT_SEED})")


def add_rouge_options(group: Any) -> None:
    """ROUGE and bootstrap options shared by ``eval`` and ``score``."""
    group.add_argument("--rouge-types", default="rouge1,rouge2,rougeL,rougeLsum", metavar="TYPES",
                       help="comma list of rouge1..rouge9, rougeL, rougeLsum (default: %(default)s)")
    group.add_argument("--no-stem", action="store_true", help="ROUGE without Porter stemming (default: stemmed)")
    group.add_argument("--multi-ref", choices=("best", "mean"), default="best",
                       help="with several references: best F1 (default) or mean")
    group.add_argument("--bootstrap", type=bootstrap_samples, default=1000, metavar="B",
                       help=f"bootstrap resamples for the confidence intervals, 1 to {MAX_BOOTSTRAP} (default 1000)")
    group.add_argument("--confidence", type=float, default=0.95, metavar="C",
                       help="confidence level of the intervals (default 0.95)")
    add_language_option(group)
    group.add_argument("--tokenizer", choices=("auto", "rouge-score", "unicode", "words", "chars"), default="auto",
                       help="ROUGE words: auto (default: the language's own; for English rouge-score's tokenizer, "
                            "which keeps only ASCII letters and digits; Chinese and Japanese segmenter words), "
                            "rouge-score, unicode (words of every script), words or chars (Chinese/Japanese)")


def add_rouge155_option(group: Any) -> None:
    """``--rouge155 FLAGS``: ROUGE-1.5.5's numbers instead of rouge-score's (``score``, ``eval``, ``compare``,
    ``meta``)."""
    group.add_argument("--rouge155", metavar="FLAGS",
                       help='ROUGE-1.5.5 (the Perl script\'s numbers, without Perl) with the script\'s own flags, '
                            'e.g. "-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m" (quote them; a single flag as '
                            '--rouge155=-m); replaces --rouge-types, --no-stem, --multi-ref, --bootstrap, '
                            '--confidence and --tokenizer')
