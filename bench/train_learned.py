"""Train the shipped learned sentence scorer (``summarize/models/lr-cnndm-dev-v2.json``).

Usage: python bench/train_learned.py [--C 0.1] [--out summarize/models/lr-cnndm-dev-v2.json]

Labels: the sentences the greedy ROUGE oracle (3 sentences) picks in each
article of the *dev* part of the CNN/DailyMail test split (bench/common.py);
features: ``TfidfSummarizer.feature_matrix`` (summarize/learned.py);
model: scikit-learn ``StandardScaler`` + ``LogisticRegression`` (lbfgs,
deterministic).  Only plain numbers are written, never a pickle.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SEE_TEST, see_split  # noqa: E402

from summarize import OracleSummarizer, TfidfSummarizer  # noqa: E402
from summarize.models.learned import DEFAULT_MODEL, FEATURES, LinearModel  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=float, default=0.1, help="inverse L2 strength (default 0.1)")
    parser.add_argument("--out", default=str(REPO / "summarize" / "models" / f"{DEFAULT_MODEL}.json"))
    args = parser.parse_args()
    featurizer = TfidfSummarizer(scoring="centrality")
    oracle = OracleSummarizer(n_sentences=3)
    rows, labels, n_articles = [], [], 0
    for article in see_split("dev"):
        if len(article.sentences) < 2:
            continue
        n_articles += 1
        rows.append(featurizer.feature_matrix(article))
        y = np.zeros(len(article.sentences))
        y[list(oracle.summarize(article).indices)] = 1.0
        labels.append(y)
    X, y = np.vstack(rows), np.concatenate(labels)
    scaler = StandardScaler().fit(X)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    lr = LogisticRegression(C=args.C, max_iter=5000).fit((X - scaler.mean_) / scale, y)
    model = LinearModel(
        name=DEFAULT_MODEL, features=FEATURES, mean=scaler.mean_, scale=scale, coef=lr.coef_.ravel(),
        intercept=float(lr.intercept_[0]),
        provenance={
            "script": "bench/train_learned.py", "data": SEE_TEST.name, "part": "dev (id prefixes 0,1,2 minus SummEval)",
            "articles": n_articles, "sentences": int(len(y)), "positive_rate": round(float(y.mean()), 5),
            "labels": "greedy oracle, 3 sentences, (R1 F + R2 F) / 2, stemmed", "C": args.C,
            "scikit-learn": sklearn.__version__,
        },
    )
    Path(args.out).write_text(model.to_json(), encoding="utf-8")
    print(f"wrote {args.out}: {n_articles} articles, {len(y)} sentences, positive rate {y.mean():.4f}")
    for name, weight in sorted(zip(FEATURES, model.coef), key=lambda p: -abs(p[1])):
        print(f"  {name:16s} {weight:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
