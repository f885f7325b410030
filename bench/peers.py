"""Benchmark against peer extractive summarizers, with paired significance tests vs LEAD-3.

Usage::

    python bench/peers.py --data summeval
    python bench/peers.py --data report --limit 2000
    python bench/peers.py --data summeval --variant tfidf-centroid:scoring=centroid

Systems (3 sentences each): ours ``tfidf`` (shipped defaults) and any
``--variant NAME:param=value,...`` of it (``method=lead`` etc. picks another
registered method), LEAD-3, random (seed 12345), the greedy oracle, sumy 0.13
LSA / LexRank / TextRank / Luhn / SumBasic / KL, and summa TextRank.

Every system reads exactly our parsed article's body sentences
(``Article.sentences``, our splitter) and returns indices into them, so
summaries are our sentence text in document order and only the sentence
*scoring* differs:

* sumy gets a tokenizer object whose ``to_sentences`` is our splitter and whose
  ``to_words`` is a regex word tokenizer; the document is built directly from
  our sentences (one paragraph; none of these six methods uses paragraphs), with
  sumy's English Snowball stemmer and English stop words.  sumy's own
  ``Tokenizer("english")`` (nltk punkt) is never constructed; an offline guard
  makes any nltk data lookup or download fail loudly.
* summa gets our sentences joined by newlines.  Its splitter never crosses a
  newline but may cut *inside* a line (at ``!``/``?``/``.`` + space it does not
  know as an abbreviation), so for each article we check that
  ``summa.preprocessing.textcleaner.split_sentences`` returns exactly our
  sentences; then ``summa.summarizer.summarize(text, ratio=1.0, scores=True)``
  scores them.  Otherwise the same summa steps (filter_words, build_graph,
  edge weights, remove_unreachable_nodes, pagerank) run on our sentence list
  directly.  The top 3 by summa's score (earlier sentence on ties, as summa's
  stable sort does) are output in document order.

ROUGE-1/2/Lsum F1 (rouge-score, stemmed, ``eval.rouge.score_summary``) with
95% percentile bootstrap intervals (``eval.results.aggregate``); paired tests
of each system against LEAD-3 on per-article ROUGE-1 F1
(``eval.stats.significance``).  articles/s times summarization only (not ROUGE, not
sentence splitting, which all systems share).

Writes ``peers_<data>.md`` and ``peers_<data>.csv`` under ``--out``.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import see_split, summeval_articles  # noqa: E402

from eval.results import aggregate  # noqa: E402
from eval.rouge import RougeConfig, Score, score_summary  # noqa: E402
from eval.signature import Signature  # noqa: E402
from eval.stats.bootstrap import BootstrapConfig  # noqa: E402
from eval.stats.significance import paired_bootstrap, permutation_test  # noqa: E402
from summarize.models.methods import METHODS, make_summarizer  # noqa: E402
from summarize.text.article import Article  # noqa: E402
from summarize.text.sentences import SPLITTER_NAME, split_sentences  # noqa: E402

N_SENTENCES = 3
SEED = 12345
TYPES = ("rouge1", "rouge2", "rougeLsum")
BOOT_SAMPLES = 1000
PERM_SAMPLES = 10000
BASELINE = "LEAD-3"

Selector = Callable[[Article], Sequence[int]]


# --- offline guard -----------------------------------------------------------------------

NLTK_LOOKUPS: list[str] = []


def forbid_nltk_data() -> None:
    """Make every nltk data lookup or download raise, and record the attempt.

    sumy's default ``Tokenizer`` loads the punkt model through
    ``nltk.data.find``; we never use it, and this proves it: any lookup fails
    with a message naming the resource instead of silently using or fetching data.
    """
    import nltk
    import nltk.data

    def find(resource_name: str, *args: Any, **kwargs: Any) -> Any:
        NLTK_LOOKUPS.append(str(resource_name))
        raise LookupError(f"offline guard: something tried to load nltk data {resource_name!r}")

    def download(*args: Any, **kwargs: Any) -> Any:
        NLTK_LOOKUPS.append(f"download {args!r}")
        raise RuntimeError("offline guard: something tried to download nltk data")

    nltk.data.find = find
    nltk.data.path[:] = []
    nltk.download = download


# --- systems ------------------------------------------------------------------------------


def ours(method: str, **params: Any) -> Selector:
    """A summarizer of this toolkit as a selector of sentence indices."""
    summarizer = make_summarizer(method, **{"n_sentences": N_SENTENCES, "random_state": SEED, **params})

    def select(article: Article) -> Sequence[int]:
        return summarizer.summarize(article).indices

    return select


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


class OurSumyTokenizer:
    """sumy's tokenizer interface backed by our splitter and a regex word tokenizer.

    ``to_words`` keeps letter runs with inner apostrophes/hyphens, as sumy's own
    word filter (``Tokenizer._is_word``) would after nltk's word tokenizer.
    """

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def sumy_selector(name: str) -> Selector:
    """A sumy summarizer run on our sentences; output mapped back to our indices."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "lsa": LsaSummarizer, "lexrank": LexRankSummarizer, "textrank": TextRankSummarizer,
        "luhn": LuhnSummarizer, "sumbasic": SumBasicSummarizer, "kl": KLSummarizer,
    }
    summarizer = classes[name](Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    tokenizer = OurSumyTokenizer()

    def select(article: Article) -> Sequence[int]:
        sentences = [Sentence(s, tokenizer) for s in article.sentences]
        document = ObjectDocumentModel([Paragraph(sentences)])
        # sumy returns the Sentence objects of the document: map them back by identity,
        # so repeated sentence texts keep their own positions.
        position = {id(s): i for i, s in enumerate(sentences)}
        return sorted(position[id(s)] for s in summarizer(document, N_SENTENCES))

    return select


@dataclass
class SummaStats:
    """How summa was fed: public API on our newline-joined sentences, or the fallback."""

    public: int = 0
    fallback: int = 0
    empty_graph: int = 0


def summa_selector(stats: SummaStats) -> Selector:
    """summa's TextRank scores on our sentences; top 3 in document order."""
    from summa import summarizer as sm
    from summa.preprocessing import textcleaner

    def scores_public(sentences: list[str]) -> list[tuple[int, float]]:
        ranked = sm.summarize("\n".join(sentences), ratio=1.0, split=True, scores=True)
        out, j = [], 0
        for text, score in ranked:  # document order, a subsequence of our sentences
            while sentences[j] != text:
                j += 1
            out.append((j, float(score)))
            j += 1
        return out

    def scores_direct(sentences: list[str]) -> list[tuple[int, float]]:
        # summa.summarizer.summarize without its sentence splitter.
        textcleaner.init_textcleanner("english", None)
        units = textcleaner.merge_syntactic_units(sentences, textcleaner.filter_words(sentences))
        graph = sm._build_graph([u.token for u in units])
        sm._set_graph_edge_weights(graph)
        sm._remove_unreachable_nodes(graph)
        if len(graph.nodes()) == 0:
            return []
        sm._add_scores_to_sentences(units, sm._pagerank(graph))
        return [(u.index, float(u.score)) for u in units]

    def select(article: Article) -> Sequence[int]:
        sentences = list(article.sentences)
        if textcleaner.split_sentences("\n".join(sentences)) == sentences:
            stats.public += 1
            scored = scores_public(sentences)
        else:
            stats.fallback += 1
            scored = scores_direct(sentences)
        if not scored:
            stats.empty_graph += 1
        top = sorted(scored, key=lambda item: (-item[1], item[0]))[:N_SENTENCES]
        return sorted(i for i, _ in top)

    return select


# --- variants ----------------------------------------------------------------------------


def _value(text: str) -> Any:
    lowered = text.strip().lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered == "none":
        return None
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text.strip()


def parse_variant(spec: str) -> tuple[str, str, dict[str, Any]]:
    """``name:param=value,...`` -> (name, method, params); raises ValueError saying what to fix."""
    name, sep, rest = spec.partition(":")
    name = name.strip()
    if not name or not sep:
        raise ValueError(f"--variant {spec!r}: use NAME:param=value[,param=value...], "
                         "e.g. tfidf-centroid:scoring=centroid")
    params: dict[str, Any] = {}
    for item in filter(None, (part.strip() for part in rest.split(","))):
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise ValueError(f"--variant {spec!r}: {item!r} is not param=value")
        params[key.strip()] = _value(value)
    method = str(params.pop("method", "tfidf"))
    if method not in METHODS:
        raise ValueError(f"--variant {spec!r}: unknown method {method!r}; choose one of {', '.join(METHODS)}")
    accepted = set(METHODS[method]().get_params()) - {"n_sentences", "max_words", "ratio"}
    unknown = sorted(set(params) - accepted)
    if unknown:
        raise ValueError(f"--variant {spec!r}: {method} has no parameter {', '.join(unknown)}; "
                         f"use {', '.join(sorted(accepted))}")
    try:
        make_summarizer(method, n_sentences=N_SENTENCES, **params).validate()
    except (TypeError, ValueError) as exc:
        raise ValueError(f"--variant {spec!r}: {exc}") from None
    return name, method, params


# --- running ------------------------------------------------------------------------------


@dataclass
class SystemResult:
    name: str
    indices: list[list[int]] = field(default_factory=list)
    seconds: float = 0.0
    scores: list[dict[str, Score]] = field(default_factory=list)


def run_system(name: str, select: Selector, articles: Sequence[Article], config: RougeConfig) -> SystemResult:
    result = SystemResult(name)
    clock = time.perf_counter
    for article in articles:
        start = clock()
        chosen = [int(i) for i in select(article)]
        result.seconds += clock() - start
        result.indices.append(chosen)
    for article, chosen in zip(articles, result.indices):
        result.scores.append(score_summary([article.sentences[i] for i in chosen], article.references, config))
    return result


def load(data: str, limit: int) -> tuple[str, str, list[Article]]:
    """(long label, short label for the table's data column, articles)."""
    if data == "summeval":
        articles = summeval_articles()
        label = short = f"SummEval {len(articles)}"
    else:
        articles = see_split("report")
        total = len(articles)
        if limit and limit < total:
            # Evenly spaced over the whole file (CNN articles come first, then Daily Mail).
            articles = [articles[(k * total) // limit] for k in range(limit)]
            label = f"CNN/DM test, report part ({limit:,} of {total:,}, evenly spaced)"
            short = f"CNN/DM report {limit:,}/{total:,}"
        else:
            label = f"CNN/DM test, report part ({total:,})"
            short = f"CNN/DM report {total:,}"
    return label, short, articles


def machine_line() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = ", " + line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (f"Machine: nproc={nproc}{cpu}; Python {platform.python_version()} on {platform.system()} "
            f"{platform.machine()}; numpy {np.__version__}, sumy {metadata.version('sumy')}, "
            f"summa {metadata.version('summa')}; single process.")


def _ci(values: Any) -> str:
    return f"{values.mean * 100:.2f} [{values.low * 100:.2f}, {values.high * 100:.2f}]"


def _p(value: float, floor: float) -> str:
    return f"<{floor:g}" if value < floor else f"{value:.4f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", choices=("summeval", "report"), required=True)
    parser.add_argument("--limit", type=int, default=0,
                        help="report: N evenly spaced articles over the whole file (0 = all)")
    parser.add_argument("--variant", action="append", default=[], metavar="NAME:param=value,...",
                        help="extra variant of ours, e.g. tfidf-centroid:scoring=centroid (repeatable)")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parent / "results"))
    args = parser.parse_args(argv)
    if args.limit < 0:
        parser.error("--limit must be >= 0")
    try:
        variants = [parse_variant(spec) for spec in args.variant]
    except (TypeError, ValueError) as exc:
        parser.error(str(exc))

    forbid_nltk_data()
    label, data_label, loaded = load(args.data, args.limit)
    articles = [a for a in loaded if a.sentences and a.references]  # touches the cached split once
    dropped = len(loaded) - len(articles)

    summa_stats = SummaStats()
    systems: list[tuple[str, Selector]] = [("tfidf (ours)", ours("tfidf"))]
    systems += [(f"{name} (ours)", ours(method, **params)) for name, method, params in variants]
    systems += [(BASELINE, ours("lead")), (f"random (seed {SEED})", ours("random")),
                ("oracle (greedy)", ours("oracle"))]
    systems += [(f"sumy {label_}", sumy_selector(key)) for key, label_ in
                (("lsa", "LSA"), ("lexrank", "LexRank"), ("textrank", "TextRank"), ("luhn", "Luhn"),
                 ("sumbasic", "SumBasic"), ("kl", "KL"))]
    systems.append(("summa TextRank", summa_selector(summa_stats)))

    rouge = RougeConfig(types=TYPES)
    boot = BootstrapConfig(n_samples=BOOT_SAMPLES, seed=SEED)
    print(f"{label}: {len(articles)} articles ({dropped} without sentences or reference dropped)", file=sys.stderr)
    results = []
    for name, select in systems:
        res = run_system(name, select, articles, rouge)
        results.append(res)
        print(f"  {name}: {len(articles) / res.seconds:,.0f} articles/s", file=sys.stderr, flush=True)

    def column(res: SystemResult, rouge_type: str) -> np.ndarray:
        return np.array([s[rouge_type].fmeasure for s in res.scores])

    lead = next(r for r in results if r.name == BASELINE)
    header = ["data", "system", "n", "ROUGE-1 F", "ROUGE-2 F", "ROUGE-Lsum F", "ΔR1 vs LEAD-3 [95% CI]",
              "ΔR2 vs LEAD-3", "p (bootstrap)", "p (permutation)", "articles/s"]
    csv_header = ["data", "system", "n", "r1_f", "r1_low", "r1_high", "r2_f", "r2_low", "r2_high",
                  "rlsum_f", "rlsum_low", "rlsum_high", "d_r1", "d_r1_low", "d_r1_high", "d_r2",
                  "p_bootstrap", "p_permutation", "articles_per_s", "short_summaries"]
    rows, csv_rows, notes = [], [], []
    for res in results:
        agg = aggregate(res.scores, TYPES, boot)
        speed = len(articles) / res.seconds if res.seconds > 0 else float("inf")
        short = sum(len(ix) < min(N_SENTENCES, len(a.sentences)) for ix, a in zip(res.indices, articles))
        if short:
            why = (" (by design: it stops when no sentence raises its ROUGE objective)"
                   if res.name.startswith("oracle") else "")
            notes.append(f"{res.name} returned fewer than {N_SENTENCES} sentences for {short} article(s) "
                         f"that have enough sentences; scored as given{why}.")
        if res is lead:
            delta = ["—", "—", "—", "—"]
            d_values: list[Any] = ["", "", "", "", "", ""]
        else:
            r1, l1 = column(res, "rouge1"), column(lead, "rouge1")
            bs = paired_bootstrap(r1, l1, n_samples=BOOT_SAMPLES, seed=SEED)
            perm = permutation_test(r1, l1, n_samples=PERM_SAMPLES, seed=SEED)
            d2 = float(np.mean(column(res, "rouge2") - column(lead, "rouge2")))
            delta = [f"{bs.mean_difference * 100:+.2f} [{bs.low * 100:+.2f}, {bs.high * 100:+.2f}]",
                     f"{d2 * 100:+.2f}", _p(bs.p_two_sided, 1 / BOOT_SAMPLES), _p(perm.p_value, 0.0001)]
            d_values = [bs.mean_difference * 100, bs.low * 100, bs.high * 100, d2 * 100,
                        bs.p_two_sided, perm.p_value]
        rows.append([data_label, res.name, str(len(res.scores)), *(_ci(agg[t].fmeasure) for t in TYPES), *delta,
                     f"{speed:,.0f}"])
        csv_rows.append([data_label, res.name, len(res.scores),
                         *(round(v * 100, 4) for t in TYPES for v in
                           (agg[t].fmeasure.mean, agg[t].fmeasure.low, agg[t].fmeasure.high)),
                         *(round(v, 6) if isinstance(v, float) else v for v in d_values), round(speed, 1), short])

    signature = Signature.create(rouge, boot, splitter=SPLITTER_NAME, reference="auto")
    total = summa_stats.public + summa_stats.fallback
    lines = [
        f"## Peers on {label}", "",
        f"{N_SENTENCES} sentences per summary; ROUGE F1 ×100 with 95% bootstrap intervals; "
        f"n = {len(articles)} articles" + (f" ({dropped} without sentences or reference dropped)" if dropped else "")
        + ".", "",
        "| " + " | ".join(header) + " |",
        "|" + "---|" * 3 + "---|" * 3 + "---:|" * 5,
        *("| " + " | ".join(r) + " |" for r in rows),
        "",
        "ΔR1/ΔR2: mean per-article difference from LEAD-3 (×100), bracket = 95% paired bootstrap interval. "
        f"p (bootstrap): two-sided paired bootstrap on per-article ROUGE-1 F ({BOOT_SAMPLES} resamples, "
        f"`min(1, 2·min(#{{δ*≤0}}, #{{δ*≥0}})/B)`; <{1 / BOOT_SAMPLES:g} means no resample crossed 0); "
        f"p (permutation): two-sided approximate randomization, {PERM_SAMPLES} relabellings, "
        "`(#{|δ_perm| ≥ |δ|} + 1)/(R + 1)`; both `eval.stats.significance`, seed 12345. "
        "articles/s: summarization only (no ROUGE, no sentence splitting).",
        "",
        "Peers read our sentences. sumy: our splitter/regex word tokenizer through sumy's tokenizer "
        "interface, document built from our sentences, English Snowball stemmer and sumy English stop words; "
        f"no nltk data was looked up (offline guard; lookups: {len(NLTK_LOOKUPS)}). "
        f"summa: newline-joined sentences through `summa.summarizer.summarize` where summa's splitter "
        f"reproduced our sentences ({summa_stats.public} of {total} articles); otherwise the same summa steps "
        f"on our sentence list ({summa_stats.fallback}); summa returned no scores (empty graph) for "
        f"{summa_stats.empty_graph}; top 3 by summa score in document order. "
        f"PYTHONHASHSEED={os.environ.get('PYTHONHASHSEED', 'random')} (sumy LSA's term order follows string "
        "hashing; near-tied sentences can flip under another seed).",
        *([""] + [f"- {note}" for note in notes] if notes else []),
        "",
        f"Signature: `{signature}`",
        "",
        machine_line(),
        "",
    ]
    text = "\n".join(lines)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / f"peers_{args.data}.md").write_text(text, encoding="utf-8")
    with open(out / f"peers_{args.data}.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(csv_header)
        writer.writerows(csv_rows)
    print(text)
    return 0


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        # sumy's LSA numbers its terms in frozenset order, which follows string hashing:
        # fix the hash seed so every run gives the same summaries.
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])  # noqa: S606 - this script again, as it was started
    sys.exit(main())
