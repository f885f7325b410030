"""The summarizer inside scikit-learn's GridSearchCV with a ROUGE scorer."""

from __future__ import annotations

import pytest
from sklearn.model_selection import GridSearchCV

from eval.rouge.scorer import rouge_scorer
from summarize import Article, TfidfSummarizer

TOPICS = ["harbour", "orchard", "railway", "library", "glacier", "festival", "vaccine", "election"]


def _article(k: int) -> Article:
    topic, other = TOPICS[k % len(TOPICS)], TOPICS[(k + 3) % len(TOPICS)]
    # The reference is the first sentence; later sentences repeat each other's words, so they are
    # more *central* than the first: only a strong position prior finds the reference.
    lead = f"Officials opened the new {topic} project on day {k} after years of planning."
    body = [f"The {other} committee met again and the {other} committee voted on the {other} budget."
            for _ in range(4)]
    return Article(id=f"a{k}", body=(lead, " ".join(body)), references=((lead,),))


ARTICLES = [_article(k) for k in range(12)]


def test_grid_search_finds_the_position_prior():
    search = GridSearchCV(
        TfidfSummarizer(n_sentences=1, redundancy=0.0, min_sentence_words=0),
        {"position_weight": [0.0, 1.0]},
        scoring=rouge_scorer("rouge1"),
        cv=3,
    )
    search.fit(ARTICLES, [a.references for a in ARTICLES])
    assert search.best_params_ == {"position_weight": 1.0}
    assert search.best_score_ == pytest.approx(1.0)
    assert search.cv_results_["mean_test_score"][0] < 0.5
    assert search.best_estimator_.n_articles_ == len(ARTICLES)  # refitted: IDF learned on all of them


def test_scorer_uses_the_articles_references_without_y():
    scorer = rouge_scorer("rouge2")
    assert scorer(TfidfSummarizer(n_sentences=1, position_weight=1.0), ARTICLES) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="unknown objective 'bleu'; choose one of mean, rouge1"):
        rouge_scorer("bleu")
