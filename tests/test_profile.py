"""Language profiles: one object holds a language's text rules; the splitter, analyser and ROUGE tokens take it."""

from __future__ import annotations

import pickle
from dataclasses import replace

import pytest

from eval.rouge.fast import tokenize
from summarize.text.analyzer import Analyzer
from summarize.text.profile import ENGLISH, PROFILES, get_profile
from summarize.text.sentences import split_sentences


def test_english_is_the_default_and_unknown_codes_name_the_supported_ones():
    assert get_profile("en") is ENGLISH and PROFILES["en"] is ENGLISH
    with pytest.raises(ValueError, match="unknown language 'qq'; supported: ar, bg, .*, en, .*, zh"):
        get_profile("qq")


def test_stemming_rule_words_of_four_ascii_characters_or_more():
    assert [ENGLISH.stem(w) for w in ("running", "runs", "ran", "café", "generously")] == \
        ["run", "run", "ran", "café", "gener"]
    assert replace(ENGLISH, stemmer=None).stem("running") == "running"


def test_rouge_tokens_follow_the_profiles_tokenizer():
    text = "The dogs were running; Путин said so."
    assert ENGLISH.rouge_tokens(text) == tokenize(text, True) == ["the", "dog", "were", "run", "said", "so"]
    unicode = replace(ENGLISH, rouge_tokenizer="unicode")
    assert unicode.rouge_tokens(text, use_stemmer=False) == ["the", "dogs", "were", "running", "путин", "said", "so"]


def test_the_splitter_and_analyser_apply_the_profiles_data():
    text = "Mr. Smith left. Dr. Jones stayed."
    assert split_sentences(text) == ["Mr. Smith left.", "Dr. Jones stayed."]
    no_titles = replace(ENGLISH, titles=frozenset())
    assert split_sentences(text, no_titles) == ["Mr.", "Smith left.", "Dr.", "Jones stayed."]
    assert Analyzer()("The dogs were running") == ["dog", "run"]  # "the", "were": stop words
    assert Analyzer(profile=replace(ENGLISH, stop_words=frozenset()))("The dogs were running") == \
        ["the", "dog", "were", "run"]


def test_an_analyser_keeps_its_profile_when_pickled():
    for profile in (ENGLISH, replace(ENGLISH, stop_words=frozenset({"dogs"}))):
        analyzer = Analyzer(stem=False, profile=profile)
        restored = pickle.loads(pickle.dumps(analyzer))  # noqa: S301 - our own object
        assert restored.profile == profile and restored("The dogs running") == analyzer("The dogs running")
