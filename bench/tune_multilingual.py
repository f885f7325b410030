"""How the non-English defaults were chosen: cross-validation and leave-one-collection-out on the dev halves.

Usage: python bench/tune_multilingual.py [--weights 0,0.3,0.6,0.3/0.6] [--out FILE]

For the multilingual model (``bench/train_learned.py --multilingual``: CNN/DM dev plus the five dev halves of
``bench/bench_multilingual.py``, each collection weighing the same, language-independent features) and each
position weight ``w`` (with no word maximum; ``a/b``: ``a``, and ``b`` in articles of at most 5 sentences, as
``summarize.models.defaults.OTHER_LANGUAGES``), prints the mean over articles of
``tfidf - LEAD-k`` and ``tfidf - summa`` (mean of ROUGE-1/2/L F1 x 100, multilingual ROUGE) per collection:

* ``cv``: 2-fold cross-validation inside the dev halves (folds by the parity of ``sha1(id)``'s second hex
  digit): train on one fold of every collection, score the other fold of the target; both folds pooled;
* ``loco``: leave one collection out: train on the other five, score the whole left-out collection, which is
  how a language without training data fares.

Features and oracle labels are computed once per article.  English Inshorts rows show the multilingual model
on English text, which the shipped defaults do not use (English keeps ``lr-cnndm-dev-v2``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_multilingual import TYPES, summa_selector  # noqa: E402
from train_learned import LANGUAGE_INDEPENDENT, collections, fit_labelled, fold_of, labelled  # noqa: E402

from eval.rouge import RougeConfig, score_summary  # noqa: E402
from summarize import LeadSummarizer, TfidfSummarizer  # noqa: E402
from summarize.text.article import Article  # noqa: E402

SHORT_ARTICLE = 5  # sentences (summarize.models.defaults.OTHER_LANGUAGES.short_article)


def rouge(article: Article, chosen: list[int]) -> float:
    """Mean of ROUGE-1/2/L F1 of the chosen sentences against the article's references."""
    result = score_summary([article.sentences[j] for j in chosen], article.references,
                           RougeConfig(types=TYPES, language=article.language))
    return float(np.mean([result[t].fmeasure for t in TYPES]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", default="0,0.3,0.6,0.3/0.6",
                        help="position weights to try; a/b: b in articles of at most 5 sentences "
                             "(default: %(default)s)")
    parser.add_argument("--C", type=float, default=0.1)
    parser.add_argument("--out", help="also write the table to this markdown file")
    args = parser.parse_args()
    weights = args.weights.split(",")
    scratch = tempfile.TemporaryDirectory()  # the models tried (deleted at exit)
    parts = collections()
    cache: dict[str, tuple[list, list]] = {}
    for name, articles, k in parts:
        cache[name] = labelled(articles, k)  # skips articles with one sentence: keep the same ones below
        print(f"{name}: features and labels", file=sys.stderr, flush=True)
    kept = {name: [a for a in articles if len(a.sentences) >= 2] for name, articles, _ in parts}
    ks = {name: k for name, _, k in parts}

    def model_for(names: list[str], fold: int | None, tag: str) -> str:
        chosen = []
        for name in names:
            rows, labels = cache[name]
            keep = [i for i, a in enumerate(kept[name]) if fold is None or fold_of(a) == fold]
            chosen.append(([rows[i] for i in keep], [labels[i] for i in keep]))
        model = fit_labelled(chosen, args.C, LANGUAGE_INDEPENDENT, f"tune-{tag}", {})
        path = Path(scratch.name) / f"{tag}.json"
        path.write_text(model.to_json(), encoding="utf-8")
        return str(path)

    targets = [name for name, _, _ in parts if name != "CNN/DM dev"]
    everything = [name for name, _, _ in parts]
    lines = ["| collection | k | w | cv: tfidf - LEAD | cv: tfidf - summa | loco: tfidf - LEAD | loco: tfidf - summa |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    fold_models = {f: model_for(everything, f, f"fold{f}") for f in (0, 1)}
    for target in targets:
        k = ks[target]
        articles = kept[target]
        lead = np.array([rouge(a, list(LeadSummarizer(n_sentences=k).summarize(a).indices)) for a in articles])
        summa_select = summa_selector(k)
        summa = np.array([rouge(a, list(summa_select(a))) for a in articles])
        loco_model = model_for([n for n in everything if n != target], None, f"loco{targets.index(target)}")
        for w in weights:
            def score(model: str, article: Article, w: str = w, k: int = k) -> float:
                base, _, short = w.partition("/")
                weight = float(short if short and len(article.sentences) <= SHORT_ARTICLE else base)
                est = TfidfSummarizer(n_sentences=k, model=model, position_weight=weight, max_sentence_words=None)
                return rouge(article, list(est.summarize(article).indices))

            cv = np.array([score(fold_models[1 - fold_of(a)], a) for a in articles])
            loco = np.array([score(loco_model, a) for a in articles])
            cells = [f"{100 * (x - base).mean():+.2f}" for x in (cv, loco) for base in (lead, summa)]
            lines.append(f"| {target} | {k} | {w} | {' | '.join(cells)} |")
            print(lines[-1], file=sys.stderr, flush=True)
    print("\n".join(lines))
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
