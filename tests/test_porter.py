"""eval.rouge.porter.stem equals nltk's PorterStemmer().stem (default mode, rouge-score's) exactly."""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from nltk.stem.porter import PorterStemmer

from eval.rouge.porter import stem

_NLTK = PorterStemmer()
CORPORA = [
    "summeval/summeval_docs.jsonl.gz",
    "cnn_dailymail/test_see2017_tokenized_lowercased.jsonl.gz",
    "news_en_inshorts/inshorts_news_summary_dev.jsonl.gz",
    "multilingual/orangesum_abstract_test_dev.jsonl.gz",
]
_ALNUM = re.compile(r"[a-z0-9]+")


def _strings(value: object) -> Iterator[str]:
    """Every string in a record's fields (str, and lists/dicts of them, nested)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)


def _mismatches(words: Iterable[str]) -> list[tuple[str, str, str]]:
    bad = []
    for w in words:
        expected = _NLTK.stem(w)
        got = stem(w)
        if got != expected:
            bad.append((w, expected, got))
    return bad


def _corpus_words(path: Path) -> set[str]:
    words: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            for text in _strings(json.loads(line)):
                low = text.lower()
                words.update(_ALNUM.findall(low))  # [a-z0-9]+ words
                words.update(low.split())  # whitespace-separated words
                words.update(text.split())  # and as written (exercises lower())
    return words


@pytest.mark.shared
@pytest.mark.parametrize("path", CORPORA)
def test_corpus_words(path: str, shared_data: Path) -> None:
    words = _corpus_words(shared_data / path)
    assert len(words) > 1000
    bad = _mismatches(sorted(words))
    assert not bad, bad[:20]


EDGE = (
    "", "a", "is", "sky", "skies", "dying", "lying", "tying", "news", "innings", "inning",
    "outings", "canning", "howe", "proceed", "exceed", "succeed", "generously", "running",
    "ies", "ied", "flies", "y", "yy", "bye", "caresses", "ponies", "agreed", "plastered",
    "motoring", "hopping", "filing", "happy", "relational", "conditional", "rational",
    "valenci", "hesitanci", "digitizer", "conformabli", "radicalli", "differentli",
    "vileli", "analogousli", "vietnamization", "predication", "operator", "feudalism",
    "decisiveness", "hopefulness", "callousness", "formaliti", "sensitiviti",
    "sensibiliti", "triplicate", "formative", "formalize", "electriciti", "electrical",
    "hopeful", "goodness", "revival", "allowance", "inference", "airliner", "gyroscopic",
    "adjustable", "defensible", "irritant", "replacement", "adjustment", "dependent",
    "adoption", "homologou", "communism", "activate", "angulariti", "homologous",
    "effective", "bowdlerize", "probate", "rate", "cease", "controll", "roll", "café",
    "naïve", "Running", "UPPER", "x2y", "123", "abc123ing", "logi", "fulli", "alli",
    "bli", "abli",
    # extra: y runs, capitals whose lower() is longer, the literal "*d" rule, others
    "yyyyyyying", "syzygy", "toy", "enjoy", "SKIES", "Proceed", "İİ", "İİİ", "İs",
    "ab*ded", "xa*ding", "*ded", "falling", "hissed", "fizzed", "tanned", "ties", "died",
    "spied", "feed", "bled", "sing", "geology", "theology", "rationalli", "ationalli",
    "ΣΑΣ", "straße", "ÉTÉS", "a\ny", "b\nying", "\n\ning", "ion", "tion", "sion",
    "allll", "eee", "ying", "yed", "yyed", "ayed", "hopefulli", "conditionalli",
)


def test_edge_cases() -> None:
    bad = _mismatches(EDGE)
    assert not bad, bad


@pytest.mark.parametrize("alphabet,n", [  # 200,000 strings in all
    ("abcdefghijklmnopqrstuvwxyz", 66_667),
    ("abcdefghijklmnopqrstuvwxyz0123456789", 66_667),
    ("abcdefghijklmnopqrstuvwxyzé", 66_666),
])
def test_random_strings(alphabet: str, n: int) -> None:
    rng = random.Random(20240601 + len(alphabet))
    words = {"".join(rng.choices(alphabet, k=rng.randint(1, 15))) for _ in range(n)}
    bad = _mismatches(words)
    assert not bad, bad[:20]


@pytest.mark.parametrize("alphabet", [
    "aeiouy",  # vowel / 'y' runs: consonant alternation
    "yaeilstdbgnzcmo*",  # step 1b doubles, *o, the "*d" quirk
    "abcdeilnostuvyzABEILSYİ",  # capitals, incl. one whose lower() is 2 chars
])
def test_random_biased(alphabet: str) -> None:
    """Extra: 50,000 strings per alphabet biased towards tricky suffixes."""
    rng = random.Random(7 + len(alphabet))
    suffixes = ["", "s", "ies", "ed", "ing", "y", "alli", "logi", "e", "ll", "ion", "eed"]
    words = {
        "".join(rng.choices(alphabet, k=rng.randint(0, 12))) + rng.choice(suffixes)
        for _ in range(50_000)
    }
    bad = _mismatches(words)
    assert not bad, bad[:20]
