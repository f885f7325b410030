"""Property-based tests (hypothesis): arbitrary Unicode never raises, and the invariants hold."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from eval.rouge import RougeConfig, score_summary
from summarize import Article, LeadSummarizer, TfidfSummarizer, parse_text
from summarize.io.readers import RecordError, read_articles
from summarize.text.sentences import split_sentences

# Text with sentence punctuation, quotes, digits, newlines and any Unicode in between.
_PIECES = st.sampled_from([". ", "? ", "! ", "\n\n", "\n", " ", "\"", "'", "Mr. ", "U.S. ", "3.5 ", "In summary, ",
                           "Highlights:\n", "…", "。", "؟ ", "\r\n", "\t"])
TEXT = st.lists(st.one_of(st.text(max_size=30), _PIECES,
                          st.from_regex(r"[A-Z][a-z]{1,8}( [a-z]{1,8}){0,12}[.!?]", fullmatch=True)),
                max_size=40).map("".join)
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SPACE = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


@FAST
@given(TEXT)
def test_splitter_keeps_the_text_in_order(text):
    sentences = split_sentences(text)
    assert all(s and s == s.strip() for s in sentences)
    # Sentences cover the text in order: nothing invented, nothing reordered.
    # Every sentence is a stretch of the text and they follow each other: concatenated, they are
    # a subsequence of the text (white space aside), and each one alone a substring of it.
    assert _is_subsequence(_squash("".join(sentences)), _squash(text))
    assert all(" ".join(s.split()) in " ".join(text.split()) for s in sentences)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@FAST
@given(TEXT)
def test_parser_never_raises_and_body_comes_from_the_text(text):
    article = parse_text(text)
    assert isinstance(article, Article)
    squashed = _squash(text)
    for sentence in article.sentences:
        assert _is_subsequence(_squash(sentence), squashed)


@FAST
@given(TEXT, st.integers(min_value=1, max_value=5), st.one_of(st.none(), st.integers(min_value=1, max_value=60)))
def test_summaries_are_article_sentences_in_order_within_budget(text, n, words):
    article = parse_text(text)
    for summarizer in (TfidfSummarizer(n_sentences=n, max_words=words), LeadSummarizer(n_sentences=n, max_words=words)):
        summary = summarizer.summarize(article)
        indices = list(summary.indices)
        assert indices == sorted(set(indices))
        assert all(0 <= i < len(article.sentences) for i in indices)
        assert list(summary.sentences) == [article.sentences[i] for i in indices]
        assert len(indices) <= n
        if words is not None:
            assert sum(len(s.split()) for s in summary.sentences) <= words


@FAST
@given(st.lists(TEXT, min_size=1, max_size=3), st.lists(TEXT, min_size=1, max_size=3), st.booleans())
def test_rouge_is_rouge_score_and_in_unit_interval(candidate, reference, stem):
    config = RougeConfig(use_stemmer=stem)
    ours = score_summary(candidate, [reference], config)
    theirs = rouge_scorer.RougeScorer(list(config.types), use_stemmer=stem).score("\n".join(reference),
                                                                                   "\n".join(candidate))
    for name, score in ours.items():
        assert (score.precision, score.recall, score.fmeasure) == tuple(theirs[name])
        assert all(0.0 <= v <= 1.0 for v in (score.precision, score.recall, score.fmeasure))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.sampled_from(["a.txt", "a.jsonl", "a.csv", "a.story"]))
def test_any_bytes_in_any_format_give_one_item_per_record(tmp_path_factory, data, name):
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)
    items = list(read_articles([str(path)]))
    assert items and all(isinstance(i, (Article, RecordError)) for i in items)
    if name.endswith((".txt", ".story")):
        assert len(items) == 1
