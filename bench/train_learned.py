"""Train the shipped learned sentence scorers (``summarize/models/*.json``).

Usage:
  python bench/train_learned.py [--C 0.1] [--out FILE]           # lr-cnndm-dev-v2 (English)
  python bench/train_learned.py --multilingual [--leave-out NAME] [--fold 0|1] [--out FILE]
                                                                 # lr-news-dev-v3 (other languages)

``lr-cnndm-dev-v2``: labels are the sentences the greedy ROUGE oracle (3
sentences) picks in each article of the *dev* part of the CNN/DailyMail test
split (bench/common.py); all 31 features.

``lr-news-dev-v3`` (``--multilingual``): the CNN/DailyMail dev part plus the
development halves of the five collections of ``bench/bench_multilingual.py``
(French, Vietnamese, Chinese, Indonesian, English Inshorts); labels are the
greedy oracle's sentences with each collection's k (3, 1, 2, 1, 3, 3) under
that language's ROUGE tokens; each collection weighs the same in the loss
(sample weights ``1 / its articles``); the English-only ``has_said`` feature
gets weight 0 (language-independent features only).  ``--leave-out NAME``
drops one collection (leave-one-collection-out) and ``--fold F`` keeps only
the articles whose ``sha1(id)`` has a second hex digit of parity ``F``
(``bench/tune_multilingual.py`` scores the other fold).

Features: ``TfidfSummarizer.feature_matrix`` (summarize/models/learned.py);
model: scikit-learn ``StandardScaler`` + ``LogisticRegression`` (lbfgs,
deterministic).  Only plain numbers are written, never a pickle.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_multilingual import COLLECTIONS, DATA, read_collection  # noqa: E402
from common import SEE_TEST, see_split  # noqa: E402

from summarize import OracleSummarizer, TfidfSummarizer  # noqa: E402
from summarize.models.learned import FEATURES, LinearModel  # noqa: E402
from summarize.text.article import Article  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ENGLISH_MODEL = "lr-cnndm-dev-v2"
MULTILINGUAL_MODEL = "lr-news-dev-v3"
#: Features the multilingual model may weigh (``has_said`` matches English words only).
LANGUAGE_INDEPENDENT = tuple(name for name in FEATURES if name != "has_said")


def fold_of(article: Article) -> int:
    """0 or 1: the parity of the second hex digit of ``sha1(id)`` (the first is even in every dev half)."""
    return int(hashlib.sha1(str(article.id).encode("utf-8"), usedforsecurity=False).hexdigest()[1], 16) % 2


def collections(leave_out: str | None = None, fold: int | None = None) -> list[tuple[str, list[Article], int]]:
    """``(name, articles, k)`` of the CNN/DailyMail dev part and the five dev halves (minus ``leave_out``)."""
    found = [("CNN/DM dev", see_split("dev"), 3)]
    found += [(name, read_collection(DATA / file), k) for name, file, k in COLLECTIONS]
    names = [name for name, _, _ in found]
    if leave_out is not None and leave_out not in names:
        raise SystemExit(f"--leave-out must be one of: {', '.join(names)}")
    return [(name, [a for a in articles if fold is None or fold_of(a) == fold], k)
            for name, articles, k in found if name != leave_out]


def labelled(articles: Sequence[Article], k: int) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Feature rows and greedy-oracle labels (``k`` sentences) of the articles with two sentences or more."""
    featurizer = TfidfSummarizer(scoring="centrality")
    oracle = OracleSummarizer(n_sentences=k)
    rows, labels = [], []
    for article in articles:
        if len(article.sentences) < 2:
            continue
        rows.append(featurizer.feature_matrix(article))
        y = np.zeros(len(article.sentences))
        y[list(oracle.summarize(article).indices)] = 1.0
        labels.append(y)
    return rows, labels


def fit(parts: Sequence[tuple[str, list[Article], int]], C: float, columns: Sequence[str], name: str,
        provenance: dict) -> LinearModel:
    """Standardise, then an L2 logistic regression in which each part weighs the same."""
    return fit_labelled([labelled(articles, k) for _, articles, k in parts], C, columns, name, provenance)


def fit_labelled(parts: Sequence[tuple[list[np.ndarray], list[np.ndarray]]], C: float, columns: Sequence[str],
                 name: str, provenance: dict) -> LinearModel:
    """:func:`fit` on the feature rows and labels of each part (:func:`labelled`)."""
    rows, labels, weights = [], [], []
    for x, y in parts:
        rows += x
        labels += y
        weights += [np.full(len(item), 1.0 / len(x)) for item in y]
    X, y, w = np.vstack(rows), np.concatenate(labels), np.concatenate(weights)
    w *= len(w) / w.sum()
    scaler = StandardScaler().fit(X)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    used = [FEATURES.index(c) for c in columns]
    lr = LogisticRegression(C=C, max_iter=5000).fit(((X - scaler.mean_) / scale)[:, used], y, sample_weight=w)
    coef = np.zeros(len(FEATURES))
    coef[used] = lr.coef_.ravel()
    provenance = {**provenance, "sentences": int(len(y)), "positive_rate": round(float(y.mean()), 5), "C": C,
                  "scikit-learn": sklearn.__version__}
    return LinearModel(name=name, features=FEATURES, mean=scaler.mean_, scale=scale, coef=coef,
                       intercept=float(lr.intercept_[0]), provenance=provenance)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=float, default=0.1, help="inverse L2 strength (default 0.1)")
    parser.add_argument("--multilingual", action="store_true", help=f"train {MULTILINGUAL_MODEL}")
    parser.add_argument("--leave-out", help="with --multilingual: a collection to leave out")
    parser.add_argument("--fold", type=int, choices=(0, 1), help="with --multilingual: train on one fold")
    parser.add_argument("--out", help="model file (default: the shipped one in summarize/models)")
    args = parser.parse_args()
    if args.multilingual:
        parts = collections(args.leave_out, args.fold)
        name = MULTILINGUAL_MODEL
        provenance = {
            "script": "bench/train_learned.py --multilingual", "data": [p[0] for p in parts],
            "articles": {p[0]: len(p[1]) for p in parts}, "leave_out": args.leave_out, "fold": args.fold,
            "labels": "greedy oracle, the collection's k sentences, (R1 F + R2 F) / 2, stemmed, the language's "
                      "ROUGE tokens", "weights": "each collection the same", "features": "all but has_said",
        }
        model = fit(parts, args.C, LANGUAGE_INDEPENDENT, name, provenance)
    else:
        if args.leave_out is not None or args.fold is not None:
            parser.error("--leave-out and --fold need --multilingual")
        articles = see_split("dev")
        name = ENGLISH_MODEL
        provenance = {
            "script": "bench/train_learned.py", "data": SEE_TEST.name, "part": "dev (id prefixes 0,1,2 minus SummEval)",
            "articles": sum(len(a.sentences) >= 2 for a in articles),
            "labels": "greedy oracle, 3 sentences, (R1 F + R2 F) / 2, stemmed",
        }
        model = fit([("CNN/DM dev", articles, 3)], args.C, FEATURES, name, provenance)
    out = Path(args.out or REPO / "summarize" / "models" / f"{name}.json")
    out.write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {out}: {model.provenance['sentences']} sentences, positive rate {model.provenance['positive_rate']}")
    for feature, weight in sorted(zip(FEATURES, model.coef), key=lambda p: -abs(p[1])):
        print(f"  {feature:26s} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
