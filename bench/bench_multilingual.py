"""Quality in other languages: ``tfidf`` (defaults, ``--language auto``) vs LEAD-k and summa TextRank.

Usage: python bench/bench_multilingual.py [--limit N] [--bootstrap B] [--permutations R] [--out FILE]

On each development collection in ../shared/data (French OrangeSum k=1, Vietnamese VietNews k=2, Chinese
LCSTS k=1, Indonesian IndoSum k=3, English Inshorts k=3), reads the records as ``summarize eval`` does
(``--language auto``: a record's ``language`` field, else detection), summarizes each article with

* ``tfidf``: this toolkit's default summarizer,
* ``lead``: LEAD-k on the same sentences,
* ``summa``: summa's TextRank on the same sentences (its word filters with its own Snowball language where
  it has one, English otherwise; the ``summarize`` steps without its sentence splitter, so all three choose
  among the same sentences), top k by score in document order,

and scores each summary against the record's ``summary`` with this toolkit's multilingual ROUGE
(``RougeConfig(language=<the article's>)``: Unicode words with Snowball stems, jieba words for Chinese).
Prints ROUGE-1/2/L F1 x 100 per system and the paired bootstrap (one-sided, B resamples) and permutation
(two-sided, R rounds) p-values of ``tfidf`` against each baseline on the mean of the three F1 per article.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eval.rouge import RougeConfig, score_summary  # noqa: E402
from eval.stats.significance import paired_bootstrap, permutation_test  # noqa: E402
from summarize.io.readers import FieldNames, read_articles  # noqa: E402
from summarize.models.methods import make_summarizer  # noqa: E402
from summarize.text.article import Article, ReferenceSpec  # noqa: E402

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
COLLECTIONS = [  # (name, file, k)
    ("French OrangeSum", "multilingual/orangesum_abstract_test_dev.jsonl.gz", 1),
    ("Vietnamese VietNews", "multilingual/vietnews_test_first2000_dev.jsonl.gz", 2),
    ("Chinese LCSTS", "multilingual/lcsts_part3_dev.jsonl.gz", 1),
    ("Indonesian IndoSum", "multilingual/indosum_devfolds_dev.jsonl.gz", 3),
    ("English Inshorts", "news_en_inshorts/inshorts_news_summary_dev.jsonl.gz", 3),
]
TYPES = ("rouge1", "rouge2", "rougeL")
SUMMA_LANGUAGES = {"ar": "arabic", "da": "danish", "nl": "dutch", "en": "english", "fi": "finnish", "fr": "french",
                   "de": "german", "hu": "hungarian", "it": "italian", "no": "norwegian", "pl": "polish",
                   "pt": "portuguese", "ro": "romanian", "ru": "russian", "es": "spanish", "sv": "swedish"}
Selector = Callable[[Article], Sequence[int]]


def summa_selector(k: int) -> Selector:
    """summa TextRank's sentence scores on our sentences; the top ``k`` (earlier first on ties) in document order."""
    from summa import summarizer as sm
    from summa.preprocessing import textcleaner

    def select(article: Article) -> Sequence[int]:
        sentences = list(article.sentences)
        textcleaner.init_textcleanner(SUMMA_LANGUAGES.get(article.language, "english"), None)
        units = textcleaner.merge_syntactic_units(sentences, textcleaner.filter_words(sentences))
        graph = sm._build_graph([u.token for u in units])
        sm._set_graph_edge_weights(graph)
        sm._remove_unreachable_nodes(graph)
        if len(graph.nodes()) == 0:
            return list(range(min(k, len(sentences))))  # no graph (no shared words): summa has no ranking
        sm._add_scores_to_sentences(units, sm._pagerank(graph))
        scored = sorted(((u.index, float(u.score or 0.0)) for u in units), key=lambda item: (-item[1], item[0]))
        return sorted(i for i, _ in scored[:k])

    return select


def read_collection(path: Path) -> list[Article]:
    """The records of one collection as ``summarize eval`` reads them (``--language auto``), with sentences and a
    reference."""
    return [item for item in read_articles([str(path)], fields=FieldNames(),
                                           reference=ReferenceSpec(kinds=("summary",), auto=False))
            if isinstance(item, Article) and item.sentences and item.references]


def ours(method: str, k: int) -> Selector:
    summarizer = make_summarizer(method, n_sentences=k)
    return lambda article: summarizer.summarize(article).indices


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N records of each collection")
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--permutations", type=int, default=10000)
    parser.add_argument("--out", help="also write the table to this markdown file (bench/results/multilingual.md)")
    args = parser.parse_args()
    rows = []
    for name, file, k in COLLECTIONS:
        path = DATA / file
        if not path.exists():
            print(f"missing {path} (../shared/data beside the repository)", file=sys.stderr)
            return 1
        articles = read_collection(path)[: args.limit]
        systems = {"tfidf": ours("tfidf", k), f"LEAD-{k}": ours("lead", k), "summa": summa_selector(k)}
        scores: dict[str, np.ndarray] = {}
        seconds: dict[str, float] = {}
        for system, select in systems.items():
            table = np.zeros((len(articles), len(TYPES)))
            spent = 0.0
            for i, article in enumerate(articles):
                start = time.perf_counter()
                chosen = select(article)
                spent += time.perf_counter() - start
                summary = [article.sentences[j] for j in chosen]
                result = score_summary(summary, article.references, RougeConfig(types=TYPES,
                                                                                language=article.language))
                table[i] = [result[t].fmeasure for t in TYPES]
            scores[system], seconds[system] = table, spent
        languages = sorted({a.language for a in articles})
        rows.append((name, k, len(articles), languages, scores, seconds))
        print(f"{name}: {len(articles)} articles, languages {languages}, tfidf {len(articles) / seconds['tfidf']:,.0f}"
              " articles/s", file=sys.stderr)
    lines = [f"Multilingual ROUGE F1 x 100 (R-1 / R-2 / R-L), `--language auto`, dev halves; p: tfidf vs the "
             f"baseline on the per-article mean of the three F1 (bootstrap one-sided, B={args.bootstrap}; "
             f"permutation two-sided, R={args.permutations}; seed 12345)", "",
             "| collection | k | n | tfidf | LEAD-k | summa | tfidf - LEAD (p boot, p perm) "
             "| tfidf - summa (p boot, p perm) |",
             "|---|---:|---:|---|---|---|---|---|"]
    for name, k, n, _, scores, _ in rows:
        cells = [" / ".join(f"{100 * v:.2f}" for v in table.mean(axis=0)) for table in scores.values()]
        mine = scores["tfidf"].mean(axis=1)
        tests = []
        for base in (f"LEAD-{k}", "summa"):
            theirs = scores[base].mean(axis=1)
            boot = paired_bootstrap(mine, theirs, n_samples=args.bootstrap)
            perm = permutation_test(mine, theirs, n_samples=args.permutations)
            tests.append(f"{100 * (mine.mean() - theirs.mean()):+.2f} ({boot.p_one_sided:.3f}, {perm.p_value:.3f})")
        lines.append(f"| {name} | {k} | {n:,} | {cells[0]} | {cells[1]} | {cells[2]} | {tests[0]} | {tests[1]} |")
    print("\n".join(lines))
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
