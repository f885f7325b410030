"""The tfidf defaults per language (summarize.models.defaults) and the language-aware oracle."""

from __future__ import annotations

import numpy as np
import pytest

from summarize import OracleSummarizer, TfidfSummarizer
from summarize.models.defaults import (
    AUTO,
    ENGLISH,
    LANGUAGE_DEFAULTS,
    OTHER_LANGUAGES,
    TfidfDefaults,
    tfidf_defaults,
)
from summarize.models.learned import FEATURES, load_model
from summarize.text.parse import build_article

ENGLISH_TEXT = (
    "The city council approved a new budget for public parks on Monday. "
    "The budget adds money for trees, benches and playgrounds in every district. "
    "Council members argued for three hours before the vote. "
    "Residents said the parks had been neglected for years. "
    "The mayor praised the vote and promised faster repairs. "
    "Work on the first playgrounds begins in the spring."
)
FRENCH_TEXT = (
    "Le conseil municipal a approuvé lundi un nouveau budget pour les parcs publics. "
    "Le budget prévoit de l'argent pour des arbres, des bancs et des aires de jeux dans chaque quartier. "
    "Les élus ont débattu pendant trois heures avant le vote. "
    "Les habitants estiment que les parcs étaient négligés depuis des années. "
    "Le maire a salué le vote et promis des réparations plus rapides. "
    "Les travaux des premières aires de jeux commenceront au printemps."
)


def test_the_default_parameters_are_pinned():
    params = TfidfSummarizer().get_params()
    assert params == {
        "n_sentences": 3, "max_words": None, "ratio": None, "scoring": "learned", "position_weight": AUTO,
        "redundancy": 0.9, "min_sentence_words": 4, "max_sentence_words": AUTO, "block_ngrams": 5,
        "model": AUTO, "sublinear_tf": True, "stem": True, "stop_words": True, "language": "auto",
    }


def test_the_language_table_is_pinned():
    # English: release 0.2.0's settings, so English summaries are unchanged.
    assert ENGLISH == TfidfDefaults(model="lr-cnndm-dev-v2", position_weight=0.0, max_sentence_words=60,
                                    short_article=0, short_position_weight=0.0)
    assert OTHER_LANGUAGES == TfidfDefaults(model="lr-news-dev-v3", position_weight=0.3, max_sentence_words=None,
                                            short_article=5, short_position_weight=0.6)
    assert LANGUAGE_DEFAULTS == {"en": ENGLISH}
    assert tfidf_defaults("en") is ENGLISH
    for code in ("fr", "vi", "zh", "id", "de", "ja", "ko", "ar", "xx"):  # with and without development data
        assert tfidf_defaults(code) is OTHER_LANGUAGES


def test_short_articles_lean_on_position():
    assert [OTHER_LANGUAGES.weight(n) for n in (1, 5, 6, 40)] == [0.6, 0.6, 0.3, 0.3]
    assert [ENGLISH.weight(n) for n in (1, 5, 6, 40)] == [0.0, 0.0, 0.0, 0.0]


def test_auto_resolves_per_language_and_explicit_values_win():
    est = TfidfSummarizer()
    assert est.settings("en", 3) == ("lr-cnndm-dev-v2", 0.0, 60)
    assert est.settings("zh", 3) == ("lr-news-dev-v3", 0.6, None)
    assert est.settings("zh", 6) == ("lr-news-dev-v3", 0.3, None)
    assert est.settings("fr", 20) == ("lr-news-dev-v3", 0.3, None)
    explicit = TfidfSummarizer(model="lr-cnndm-dev-v2", position_weight=0.25, max_sentence_words=None)
    assert explicit.settings("fr", 3) == ("lr-cnndm-dev-v2", 0.25, None)
    assert TfidfSummarizer(max_sentence_words=30).settings("vi", 20) == ("lr-news-dev-v3", 0.3, 30)


@pytest.mark.parametrize(("text", "language", "explicit"), [
    (ENGLISH_TEXT, "en", {"model": "lr-cnndm-dev-v2", "position_weight": 0.0, "max_sentence_words": 60}),
    (FRENCH_TEXT, "fr", {"model": "lr-news-dev-v3", "position_weight": 0.3, "max_sentence_words": None}),
    (FRENCH_TEXT.rsplit(". ", 2)[0] + ".", "fr",  # 4 sentences: short
     {"model": "lr-news-dev-v3", "position_weight": 0.6, "max_sentence_words": None}),
])
def test_defaults_summarize_like_the_explicit_settings(text, language, explicit):
    article = build_article(text, id="a", language_hint=language)
    assert article.language == language
    default = TfidfSummarizer(n_sentences=2).summarize(article)
    same = TfidfSummarizer(n_sentences=2, **explicit).summarize(article)
    assert default.indices == same.indices and default.scores == same.scores
    assert len(default.indices) == 2
    assert len(article.sentences) == (4 if explicit["position_weight"] == 0.6 else 6)


def test_language_auto_detects_and_uses_the_language_defaults():
    article = build_article(FRENCH_TEXT, id="a")
    assert article.language == "fr"
    auto = TfidfSummarizer(n_sentences=2).summarize(article)
    assert auto.indices == TfidfSummarizer(n_sentences=2, position_weight=0.3, max_sentence_words=None,
                                           model="lr-news-dev-v3").summarize(article).indices


def test_the_multilingual_model_uses_language_independent_features_only():
    model = load_model("lr-news-dev-v3")
    assert model.coef[FEATURES.index("has_said")] == 0.0  # English "said/says/told"
    assert np.count_nonzero(model.coef) == len(FEATURES) - 1
    assert model.provenance["features"] == "all but has_said"
    assert model.provenance["data"] == ["CNN/DM dev", "French OrangeSum", "Vietnamese VietNews", "Chinese LCSTS",
                                        "Indonesian IndoSum", "English Inshorts"]
    assert model.provenance["leave_out"] is None and model.provenance["fold"] is None


@pytest.mark.parametrize(("params", "message"), [
    ({"position_weight": "half"}, r"position_weight must be a number in \[0, 1\] or 'auto'"),
    ({"max_sentence_words": "long"}, r"max_sentence_words must be a positive integer, None or 'auto'"),
    ({"max_sentence_words": 0}, r"max_sentence_words must be a positive integer, None or 'auto'"),
    ({"model": 3}, r"model must be 'auto', a shipped model name or a model file path"),
    ({"model": "lr-nothing"}, r"no shipped model 'lr-nothing'"),
])
def test_bad_values_name_the_valid_ones(params, message):
    with pytest.raises(ValueError, match=message):
        TfidfSummarizer(**params).validate()


def test_the_oracle_reads_chinese_with_the_languages_rouge_words():
    # rouge-score's tokenizer keeps only a-z and 0-9, so every Chinese sentence was an empty summary to it.
    text = "今天上午北京下了一场大雪。市民在公园里堆雪人。交通部门提醒司机注意安全。"
    article = build_article(text, id="z", language_hint="zh", summary="交通部门提醒司机注意安全")
    assert article.language == "zh" and len(article.sentences) == 3
    assert OracleSummarizer(n_sentences=1).summarize(article).indices == (2,)
