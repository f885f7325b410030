"""eval.rouge.fast gives rouge-score's numbers exactly (``==``, never approx).

The oracle is rouge-score itself (``RougeScorer.score`` on ``"\\n"``-joined
sentences, and :func:`eval.rouge.score_summary` for several references).
Every test runs twice: with the compiled counting kernel (``eval.rouge._kernels``)
and with the pure-Python code, so both stay exact.
"""

from __future__ import annotations

import gzip
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest
from rouge_score import rouge_scorer, tokenizers

from eval.rouge import RougeConfig, Score, score_summary
from eval.rouge import fast as fast_rouge
from eval.rouge.fast import score_tokens, tokenize, tokenize_sentences


@pytest.fixture(autouse=True)
def _both_backends(backend):
    """Every test runs with the compiled counting kernel, then with the pure-Python code (conftest.backend)."""
    fast_rouge.clear_stem_cache()
    yield backend
    fast_rouge.clear_stem_cache()


def fast_score_summary(summary, references, config=RougeConfig()):
    """The fast engine through the public API."""
    return score_summary(summary, references, replace(config, engine="fast"))

TYPES = ("rouge1", "rouge2", "rouge3", "rouge4", "rougeL", "rougeLsum")

# Words that exercise the tokenizer and the stemmer: Porter rules, the len > 3
# rule ("ies" is kept, "sses" is stemmed), case, digits, punctuation, Unicode
# (the Kelvin sign and dotted I lower-case to ASCII letters), and separators
# that are not "\n" (so they must not split ROUGE-Lsum sentences).
_WORDS = (
    "the a an of to in is was it he she they said police Monday U.S. (CNN) -- it's don't "
    "running runs ran run runner studies studying study caresses ponies ies sses dying lying "
    "agreed feed hopping happy happiness generously relational conditional rational valency "
    "digitizer radically differently analogously hopefulness sensitiviti electrical goodness "
    "allowance adjustment dependent adoption communism activate effective bowdlerize probate "
    "RUNNING Running STUDIES Houses houses house housing news sky skies "
    "2.6 1,000 42 3rd $5 10% 2015 007 x86_64 e-mail co-operate "
    "— ... !! ' \" ( ) -- ; : ? *** "
    "café naïve Zürich 東京 Straße İstanbul \u212aelvin \u212a ΣΊΣΥΦΟΣ 👍 ﬁne \u00a0 \t \r\n \u2028 \x00 \ud800"
).split(" ")
_SMALL_VOCAB = ("a", "b", "c", "the", "cat", "cats", "sat")


def _sentence(rng: random.Random, vocab, max_words: int = 25) -> str:
    words = [rng.choice(vocab) for _ in range(rng.randint(0, max_words))]
    text = " ".join(words)
    if rng.random() < 0.05:
        text = text.replace(" ", "\n", 1)  # a sentence with a newline: two Lsum sentences
    return text + rng.choice(("", ".", "!", " ?", "\n"))


def _text(rng: random.Random, max_sentences: int = 5) -> list[str]:
    style = rng.random()
    if style < 0.05:
        return []
    if style < 0.10:
        return [rng.choice(("", " ", "...", "—", "!!", "\n"))] * rng.randint(1, 3)
    # A tiny vocabulary makes many equal tokens: ties in the LCS backtrack and repeated n-grams.
    vocab = _SMALL_VOCAB if style < 0.45 else _WORDS
    return [_sentence(rng, vocab) for _ in range(rng.randint(1, max_sentences))]


def _triple(score) -> tuple:
    """(P, R, F) of our Score or of rouge-score's namedtuple."""
    return (score.precision, score.recall, score.fmeasure)


def _assert_equal(ours, theirs, types, context) -> None:
    for name in types:
        assert _triple(ours[name]) == _triple(theirs[name]), (name, context)
        assert all(type(x) is float for x in _triple(ours[name])), (name, context)


@pytest.mark.parametrize("stem", [True, False])
def test_tokenize_is_default_tokenizer(stem):
    rng = random.Random(11)
    theirs = tokenizers.DefaultTokenizer(stem)
    texts = [" ".join(_text(rng)) for _ in range(2000)] + ["", " ", "K", "İİ", "\u212aelvins", "a\nb", "CATS'S"]
    for text in texts:
        assert tokenize(text, stem) == theirs.tokenize(text), text


@pytest.mark.parametrize("stem", [True, False])
def test_generated_pairs_equal_rouge_score(stem):
    rng = random.Random(20 + stem)
    scorer = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=stem)
    config = RougeConfig(types=TYPES, use_stemmer=stem)
    for _ in range(2000):
        summary, reference = _text(rng), _text(rng)
        theirs = scorer.score("\n".join(reference), "\n".join(summary))
        _assert_equal(fast_score_summary(summary, [reference], config), theirs, TYPES, (summary, reference))


def test_each_type_alone_and_in_any_order():
    rng = random.Random(5)
    for _ in range(200):
        summary, reference = _text(rng), _text(rng)
        types = rng.sample(TYPES, rng.randint(1, len(TYPES)))
        theirs = rouge_scorer.RougeScorer(types, use_stemmer=True).score("\n".join(reference), "\n".join(summary))
        ours = fast_score_summary(summary, [reference], RougeConfig(types=tuple(types)))
        assert list(ours) == types
        _assert_equal(ours, theirs, types, (summary, reference))


def test_tokenise_once_score_many():
    rng = random.Random(8)
    scorer = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=True)
    reference = _text(rng)
    ref_tokens = tokenize_sentences(reference, True)
    for _ in range(200):
        summary = _text(rng)
        theirs = scorer.score("\n".join(reference), "\n".join(summary))
        _assert_equal(score_tokens(tokenize_sentences(summary, True), ref_tokens, TYPES), theirs, TYPES, summary)


@pytest.mark.parametrize("stem", [True, False])
def test_long_texts(stem):
    # ~1,000 tokens a side: the bit-parallel LCS spans many machine words.
    rng = random.Random(30 + stem)
    scorer = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=stem)
    config = RougeConfig(types=TYPES, use_stemmer=stem)
    for vocab in (_SMALL_VOCAB, _WORDS):
        summary = [_sentence(rng, vocab, 60) for _ in range(30)]
        reference = [_sentence(rng, vocab, 60) for _ in range(30)]
        theirs = scorer.score("\n".join(reference), "\n".join(summary))
        _assert_equal(fast_score_summary(summary, [reference], config), theirs, TYPES, vocab)
    # One sentence of ~1,000 tokens on each side (a single long Lsum sentence).
    summary = [" ".join(rng.choice(_SMALL_VOCAB) for _ in range(1000))]
    reference = [" ".join(rng.choice(_SMALL_VOCAB) for _ in range(900))]
    theirs = scorer.score("\n".join(reference), "\n".join(summary))
    _assert_equal(fast_score_summary(summary, [reference], config), theirs, TYPES, "one long sentence")


@pytest.mark.parametrize(
    "summary, reference",
    [
        ([], ["the cat sat"]),
        (["the cat sat"], []),
        ([], []),
        ([""], [""]),
        (["..."], ["the cat sat"]),
        (["the cat sat"], ["!!", "—"]),
        (["", "", "the"], ["the", "", ""]),
        (["the the the the"], ["the the"]),
        (["a b", "b c d"], ["b c d", "a b"]),  # Lsum recovers the order that ROUGE-L loses
        (["the cat\nsat on the mat"], ["the cat sat on\nthe mat"]),
        (["one"], ["one"]),
        (["2.6 million", "$ 2.6"], ["2 6 million"]),
    ],
)
@pytest.mark.parametrize("stem", [True, False])
def test_edge_cases(summary, reference, stem):
    theirs = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=stem).score("\n".join(reference), "\n".join(summary))
    _assert_equal(fast_score_summary(summary, [reference], RougeConfig(types=TYPES, use_stemmer=stem)), theirs, TYPES,
                  "")


@pytest.mark.parametrize("mode", ["best", "mean"])
@pytest.mark.parametrize("stem", [True, False])
def test_multiple_references_equal_score_summary(mode, stem):
    rng = random.Random(40 + 2 * stem + (mode == "mean"))
    config = RougeConfig(types=TYPES, use_stemmer=stem, multi_ref=mode)
    for _ in range(250):
        summary = _text(rng)
        references = [_text(rng) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.2:
            references.append(list(references[0]))  # an exact tie: the first reference wins
        ours = fast_score_summary(summary, references, config)
        _assert_equal(ours, score_summary(summary, references, replace(config, engine="rouge-score")), TYPES,
                      (summary, references))


def test_best_reference_is_score_multi():
    rng = random.Random(50)
    scorer = rouge_scorer.RougeScorer(list(TYPES), use_stemmer=True)
    for _ in range(200):
        summary = _text(rng)
        references = [_text(rng) for _ in range(rng.randint(1, 4))]
        theirs = scorer.score_multi(["\n".join(r) for r in references], "\n".join(summary))
        _assert_equal(fast_score_summary(summary, references, RougeConfig(types=TYPES)), theirs, TYPES, summary)


def test_lcs_backtrack_is_rouge_scores():
    # The positions chosen on ties decide ROUGE-Lsum's union, so they must be rouge-score's own.
    rng = random.Random(60)
    for _ in range(5000):
        size = rng.randint(1, 5)
        ref = [str(rng.randrange(size)) for _ in range(rng.randint(0, 30))]
        cand = [str(rng.randrange(size)) for _ in range(rng.randint(1, 70))]  # > 64 bits sometimes
        union: set[int] = set()
        fast_rouge._add_lcs_positions(ref, cand, fast_rouge._match_masks(cand), union)
        assert sorted(union) == rouge_scorer.lcs_ind(ref, cand), (ref, cand)
        assert fast_rouge._lcs_length(ref, cand) == rouge_scorer._lcs_table(ref, cand)[-1][-1]


def test_errors():
    with pytest.raises(ValueError, match="no reference"):
        fast_score_summary(["a"], [])
    with pytest.raises(ValueError, match="invalid ROUGE type"):
        score_tokens([["a"]], [["a"]], ["rouge10"])  # rouge-score accepts one digit only
    with pytest.raises(ValueError, match="invalid ROUGE type"):
        score_tokens([["a"]], [["a"]], ["rougeX"])


def test_hand_computed():
    scores = fast_score_summary(["the cat sat"], [["the cat ran"]], RougeConfig(types=("rouge1", "rouge2")))
    assert scores["rouge1"] == Score(2 / 3, 2 / 3, 2 * (2 / 3) * (2 / 3) / (2 / 3 + 2 / 3))
    assert scores["rouge2"] == Score(0.5, 0.5, 0.5)


def _summeval(shared_data: Path) -> list[dict]:
    with gzip.open(shared_data / "summeval" / "summeval_docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@pytest.mark.parametrize("stem", [True, False])
def test_summeval_every_system_summary(shared_data, stem):
    from summarize.text.sentences import split_sentences

    docs = _summeval(shared_data)
    types = ("rouge1", "rouge2", "rougeL", "rougeLsum")
    scorer = rouge_scorer.RougeScorer(list(types), use_stemmer=stem)
    config = RougeConfig(types=types, use_stemmer=stem)
    count = 0
    for doc in docs:
        reference = split_sentences(doc["references"][0])
        ref_tokens = tokenize_sentences(reference, stem)
        for system in doc["systems"]:
            summary = split_sentences(system["decoded"])
            theirs = scorer.score("\n".join(reference), "\n".join(summary))
            _assert_equal(fast_score_summary(summary, [reference], config), theirs, types, system["model_id"])
            _assert_equal(score_tokens(tokenize_sentences(summary, stem), ref_tokens, types), theirs, types, "")
            count += 1
    assert count == 1600


@pytest.mark.parametrize("mode", ["best", "mean"])
def test_summeval_all_references(shared_data, mode):
    # Each article has 11 references; one seeded system summary per article against all of them.
    from summarize.text.sentences import split_sentences

    rng = random.Random(70)
    config = RougeConfig(use_stemmer=True, multi_ref=mode)
    for doc in _summeval(shared_data)[:: 2 if mode == "mean" else 1][:50]:
        summary = split_sentences(rng.choice(doc["systems"])["decoded"])
        references = [split_sentences(r) for r in doc["references"]]
        _assert_equal(fast_score_summary(summary, references, config),
                      score_summary(summary, references, replace(config, engine="rouge-score")),
                      config.types, doc["id"])


def test_tokens_may_be_any_hashable_sequence():
    # Tuples of sentences and non-str tokens score like lists of str (tokens are only compared).
    as_lists = score_tokens([["a", "b", "a"], ["c"]], [["a", "c"], ["b", "a", "a"]], TYPES)
    as_tuples = score_tokens((("a", "b", "a"), ("c",)), (("a", "c"), ("b", "a", "a")), TYPES)
    as_ints = score_tokens([[1, 2, 1], [3]], [[1, 3], [2, 1, 1]], TYPES)
    assert as_lists == as_tuples == as_ints
    assert as_lists["rouge1"] == Score(1.0, 4 / 5, 2 * 1.0 * (4 / 5) / (1.0 + 4 / 5))  # a a b c of a a a b c
    assert as_lists["rouge2"] == Score(2 / 3, 2 / 4, 2 * (2 / 3) * (2 / 4) / (2 / 3 + 2 / 4))  # ba, ac of ab ba ac
    repeated = score_tokens([["a", "b"]], [["a", "b"]], ["rouge2", "rouge1", "rouge2"])
    assert list(repeated) == ["rouge2", "rouge1"] and repeated["rouge2"] == Score(1.0, 1.0, 1.0)
