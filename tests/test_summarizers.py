"""Summarizers: the scikit-learn estimator contract, exact outputs on small texts, invariants."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.base import clone

from summarize import (
    Article,
    LeadSummarizer,
    MissingReferenceError,
    OracleSummarizer,
    RandomSummarizer,
    TfidfSummarizer,
    make_summarizer,
    parse_text,
)

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_eee3009524595d1e.txt"

# A small article written for these tests: sentence 2 repeats sentence 0 word for word.
TOY = Article(
    id="toy",
    body=(
        "The river flooded the old mill town on Monday. Residents moved furniture upstairs.",
        "The river flooded the old mill town on Monday. Volunteers filled sandbags near the river bridge.",
        "A bakery handed out free bread.",
    ),
    references=(("The river flooded the mill town.", "Volunteers filled sandbags."),),
)


def test_init_only_stores_keyword_only_parameters():
    with pytest.raises(TypeError):
        TfidfSummarizer(3)  # type: ignore[misc]
    est = TfidfSummarizer(scoring="bogus", position_weight=7)  # no validation at construction
    assert est.get_params()["scoring"] == "bogus"
    with pytest.raises(ValueError, match="scoring must be one of learned, centrality, centroid"):
        est.summarize(TOY)
    with pytest.raises(ValueError, match=r"position_weight must be a number in \[0, 1\]"):
        TfidfSummarizer(position_weight=7).fit([TOY])


def test_get_set_params_and_clone():
    est = TfidfSummarizer(n_sentences=2, redundancy=0.5)
    params = est.get_params()
    assert params["n_sentences"] == 2 and params["redundancy"] == 0.5
    est.set_params(n_sentences=1)
    assert est.n_sentences == 1
    fitted = TfidfSummarizer(n_sentences=2).fit([TOY])
    copy = clone(fitted)
    assert copy.get_params() == fitted.get_params()
    assert not hasattr(copy, "idf_")


def test_fit_learns_smooth_idf_over_articles_and_returns_self():
    a = Article(id="a", body=("Apples grow on trees. Apples are red.",))
    b = Article(id="b", body=("Pears grow slowly.",))
    est = TfidfSummarizer(stem=False, stop_words=False)
    assert est.fit([a, b]) is est
    # "apples" occurs in 1 of 2 articles, "grow" in both: idf = ln((1+N)/(1+df)) + 1.
    assert est.idf_["apples"] == pytest.approx(math.log(3 / 2) + 1)
    assert est.idf_["grow"] == pytest.approx(1.0)
    assert est.default_idf_ == pytest.approx(math.log(3) + 1)
    assert est.n_articles_ == 2
    assert all(name.endswith("_") for name in vars(est) if name not in est.get_params())


def test_fit_needs_articles():
    with pytest.raises(ValueError, match="at least one article"):
        TfidfSummarizer().fit([])


def test_pickle_round_trip_gives_identical_summaries():
    est = TfidfSummarizer(n_sentences=2).fit([TOY, SEED.read_text()])
    restored = pickle.loads(pickle.dumps(est))  # noqa: S301 - our own object
    assert restored.summarize(TOY) == est.summarize(TOY)
    assert restored.get_params() == est.get_params()


def test_exact_output_on_toy_article():
    est = TfidfSummarizer(scoring="centroid", n_sentences=2, redundancy=0.6, min_sentence_words=0, position_weight=0.0)
    summary = est.summarize(TOY)
    assert summary.source_sentences[0] == summary.source_sentences[2]
    # Sentences 0 and 2 are identical and tie for the top relevance (1.0): the earlier wins.
    assert summary.scores[0] == summary.scores[2] == pytest.approx(1.0)
    # Next, sentence 2 is penalised by 0.6 * cos = 0.6; sentence 3 ("... river bridge")
    # outranks sentence 1 (no shared content word), so the summary is (0, 3).
    assert summary.scores[3] > summary.scores[1]
    assert summary.indices == (0, 3)
    assert summary.sentences == (
        "The river flooded the old mill town on Monday.",
        "Volunteers filled sandbags near the river bridge.",
    )
    assert len(summary.scores) == len(summary.source_sentences) == 5


def test_ties_go_to_the_earlier_sentence():
    art = Article(id="t", body=("Storm hits coast today. Storm hits coast today. Storm hits coast today.",))
    for method in ("tfidf", "lead"):
        assert make_summarizer(method, n_sentences=1).summarize(art).indices == (0,)


def test_unfitted_estimator_uses_sentence_idf_and_fitted_one_differs():
    unfitted = TfidfSummarizer(n_sentences=1, position_weight=0.0, redundancy=0.0, min_sentence_words=0)
    fitted = clone(unfitted).fit([TOY] + [Article(id=f"r{i}", body=("The river flooded again.",)) for i in range(20)])
    # A collection where "river"/"flooded" are common lowers their weight, so the choice changes.
    assert unfitted.summarize(TOY).scores != fitted.summarize(TOY).scores


def test_word_budget_is_strict_and_lead_stops_at_the_first_misfit():
    # Sentence words: 9, 4, 9, 7, 6 (see TOY).
    lead = LeadSummarizer(n_sentences=None, max_words=15).summarize(TOY)
    assert lead.indices == (0, 1)  # 9 + 4; sentence 2 (9 words) would overflow, so LEAD stops
    assert TfidfSummarizer(n_sentences=None, max_words=3).summarize(TOY).indices == ()
    assert LeadSummarizer(n_sentences=None, max_words=3).summarize(TOY).indices == ()


def test_short_sentences_are_used_only_when_long_ones_run_out():
    art = Article(id="s", body=("Rain fell. The council closed the river path after heavy rain on Sunday night. "
                                "Wind rose.",))
    est = TfidfSummarizer(n_sentences=2, min_sentence_words=5, position_weight=0.0, redundancy=0.0)
    # One sentence is long enough; the second pick must come from the short ones.
    assert len(est.summarize(art).indices) == 2
    assert 1 in est.summarize(art).indices
    assert est.set_params(n_sentences=1).summarize(art).indices == (1,)


def test_ratio_counts_all_article_sentences():
    summary = TfidfSummarizer(n_sentences=None, ratio=0.4, min_sentence_words=8).summarize(TOY)
    assert len(summary.indices) == 2  # ceil(0.4 * 5), even though only 2 sentences have 8+ words


def test_lead_random_oracle():
    assert LeadSummarizer(n_sentences=2).summarize(TOY).indices == (0, 1)
    r1 = RandomSummarizer(n_sentences=2, random_state=1).summarize(TOY)
    assert r1 == RandomSummarizer(n_sentences=2, random_state=1).summarize(TOY)
    seen = {RandomSummarizer(n_sentences=2, random_state=s).summarize(TOY).indices for s in range(10)}
    assert len(seen) > 1
    oracle = OracleSummarizer(n_sentences=3).summarize(TOY)
    assert oracle.indices == (0, 3)  # flooding + sandbags cover the reference; adding more lowers F1
    with pytest.raises(MissingReferenceError, match="has no reference"):
        OracleSummarizer().summarize(Article(id="x", body=("One sentence here.",)))


def test_make_summarizer_rejects_unknown_method():
    with pytest.raises(ValueError, match="choose one of tfidf, lead, random, oracle"):
        make_summarizer("lexrank")


def test_seed_summary_never_sees_its_own_summary_paragraphs():
    article = parse_text(SEED.read_text())
    reference = set(article.references[0])
    for method in ("tfidf", "lead", "random", "oracle"):
        summary = make_summarizer(method).summarize(article)
        assert not reference & set(summary.source_sentences)
        assert not reference & set(summary.sentences)
    body_text = " ".join(article.body)
    for sentence in reference:
        assert sentence not in body_text
    # The raw seed text gives the same summary as the parsed article: str input is parsed too.
    assert TfidfSummarizer().summarize(SEED.read_text()) == TfidfSummarizer().summarize(article)


@pytest.mark.parametrize(
    "params, message",
    [({"n_sentences": 0}, "n_sentences must be a positive integer"),
     ({"ratio": 1.5}, r"ratio must be in \(0, 1\]"),
     ({"n_sentences": None}, "set at least one of"),
     ({"redundancy": -1}, "redundancy must be a finite number >= 0"),
     ({"redundancy": float("nan")}, "redundancy must be a finite number >= 0"),
     ({"min_sentence_words": True}, "min_sentence_words must be an integer"),
     ({"min_sentence_words": -2}, "min_sentence_words must be an integer")],
)
def test_invalid_parameters_name_the_valid_range(params, message):
    with pytest.raises(ValueError, match=message):
        TfidfSummarizer(**params).validate()


_words = st.sampled_from(["storm", "river", "Mr.", "council", "vote", "3.5", "U.S.", "bridge", "closed", "the"])
_sentence = st.lists(_words, min_size=1, max_size=12).map(lambda ws: " ".join(ws) + ".")
_paragraph = st.lists(_sentence, min_size=1, max_size=6).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(
    body=st.lists(_paragraph, min_size=1, max_size=4),
    method=st.sampled_from(["tfidf", "lead", "random"]),
    n=st.integers(1, 5),
    words=st.none() | st.integers(1, 40),
    ratio=st.none() | st.floats(0.1, 1.0),
)
def test_invariants(body, method, n, words, ratio):
    article = Article(id="h", body=tuple(body))
    summary = make_summarizer(method, n_sentences=n, max_words=words, ratio=ratio).summarize(article)
    sentences = article.sentences
    assert list(summary.indices) == sorted(set(summary.indices))  # document order, no repeats
    assert summary.sentences == tuple(sentences[i] for i in summary.indices)  # taken from the article
    assert len(summary.indices) <= n
    if ratio is not None:
        assert len(summary.indices) <= max(1, math.ceil(ratio * len(sentences)))
    if words is None:
        assert len(summary.indices) >= 1
    else:
        assert sum(len(s.split()) for s in summary.sentences) <= words  # a strict budget
        # Empty only when no sentence fits (for LEAD, a prefix: when the first does not).
        lengths = [len(s.split()) for s in sentences]
        fits = (lengths[0] if method == "lead" else min(lengths)) <= words
        assert bool(summary.indices) == fits
    if method == "lead":
        assert summary.indices == tuple(range(len(summary.indices)))  # LEAD-k is a prefix
    assert len(summary.scores) == len(sentences) and all(np.isfinite(summary.scores))


def test_ngram_blocking_skips_sentences_that_repeat_a_phrase():
    art = Article(id="b", body=(
        "The new harbour bridge opened to walkers on Monday morning. "
        "The new harbour bridge opened after two years of public debate. "
        "Fishermen said the works had blocked the harbour mouth for weeks.",))
    plain = TfidfSummarizer(n_sentences=2, position_weight=1.0, redundancy=0.0, min_sentence_words=0, block_ngrams=0)
    assert plain.summarize(art).indices == (0, 1)
    # "the new harbour bridge opened" is shared: with 4-gram blocking the second sentence is skipped.
    assert plain.set_params(block_ngrams=4).summarize(art).indices == (0, 2)
    with pytest.raises(ValueError, match=r"block_ngrams must be an integer >= 0 \(0 = off\)"):
        TfidfSummarizer(block_ngrams=-1).validate()


def test_long_run_on_sentences_are_a_last_resort():
    run_on = "Pictured " + " ".join(f"word{k}" for k in range(80)) + "."
    art = Article(id="r", body=(run_on + " The council approved the harbour bridge plan on Monday.",))
    est = TfidfSummarizer(n_sentences=1, position_weight=1.0, redundancy=0.0, min_sentence_words=0,
                          max_sentence_words=None)
    assert est.summarize(art).indices == (0,)
    assert est.set_params(max_sentence_words=50).summarize(art).indices == (1,)
    assert est.set_params(n_sentences=2).summarize(art).indices == (0, 1)  # used when nothing else is left


def test_learned_scoring_uses_the_shipped_model():
    from summarize.models.learned import DEFAULT_MODEL, FEATURES, load_model

    model = load_model(DEFAULT_MODEL)
    assert model.features == FEATURES and model.coef.shape == (len(FEATURES),)
    assert model.provenance["labels"].startswith("greedy oracle")
    est = TfidfSummarizer(scoring="learned", n_sentences=2)
    summary = est.summarize(SEED.read_text())
    assert len(summary.indices) == 2 and all(0.0 < s <= 1.0 for s in summary.scores)
    features = est.feature_matrix(parse_text(SEED.read_text()))
    assert features.shape == (len(summary.source_sentences), len(FEATURES))
    assert features[0, FEATURES.index("is_first")] == 1.0
    with pytest.raises(ValueError, match="model: no shipped model 'nope'"):
        TfidfSummarizer(scoring="learned", model="nope").validate()


def test_set_params_after_fit_takes_effect_and_is_validated():
    est = TfidfSummarizer(n_sentences=3).fit([TOY])
    est.set_params(n_sentences=1)
    assert len(est.summarize(TOY).indices) == 1
    est.set_params(scoring="bogus")
    with pytest.raises(ValueError, match="scoring must be one of"):
        est.summarize(TOY)


def test_numpy_integers_are_accepted_as_counts():
    assert len(TfidfSummarizer(n_sentences=np.int64(2)).summarize(TOY).indices) == 2


def _reference_oracle_value(sent_tokens, ref_tokens, indices):
    """The oracle's objective as it was counted before it used eval's ROUGE counts: plain n-gram Counters."""
    from collections import Counter

    def grams(tokens, n):
        return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))

    def f1(cand, ref):
        cand_total, ref_total = sum(cand.values()), sum(ref.values())
        overlap = sum((cand & ref).values())
        if not cand_total or not ref_total or not overlap:
            return 0.0
        p, r = overlap / cand_total, overlap / ref_total
        return 2 * p * r / (p + r)

    tokens = [t for i in sorted(indices) for t in sent_tokens[i]]
    return (f1(grams(tokens, 1), grams(ref_tokens, 1)) + f1(grams(tokens, 2), grams(ref_tokens, 2))) / 2


def test_oracle_scores_equal_plain_ngram_counting():
    import random

    from eval.rouge.fast import tokenize
    from summarize import OracleModel
    from summarize.models.selection import Budget, greedy_select

    rng = random.Random(5)
    vocab = "the dam burst at dawn farms were flooded roads closed rain fell river rose".split()
    for _ in range(200):
        sentences = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 9))) + "."
                     for _ in range(rng.randint(1, 8))]
        reference = [" ".join(rng.choice(vocab) for _ in range(rng.randint(1, 12))) + "."]
        article = Article(id="x", body=(" ".join(sentences),), references=(tuple(reference),))
        got = OracleModel(n_sentences=3).summarize(article)
        sent_tokens = [tokenize(s, True) for s in article.sentences]
        ref_tokens = tokenize("\n".join(reference), True)
        alone = [_reference_oracle_value(sent_tokens, ref_tokens, [i]) for i in range(len(sent_tokens))]
        assert list(got.scores) == alone

        def gain(selected, sent_tokens=sent_tokens, ref_tokens=ref_tokens, alone=alone):
            if not selected:
                return np.array(alone)
            base = _reference_oracle_value(sent_tokens, ref_tokens, selected)
            return np.array([_reference_oracle_value(sent_tokens, ref_tokens, selected + [i]) - base
                             if i not in selected else -np.inf for i in range(len(sent_tokens))])

        words = np.array([len(s.split()) for s in article.sentences])
        assert list(got.indices) == greedy_select(words, Budget(3), gain, stop_when_no_gain=True)
