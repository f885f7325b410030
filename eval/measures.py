"""Text-quality measures of a summary beside its article (beyond ROUGE).

Every measure is a function of the article's sentences and the summary's
sentences only; none needs a reference.  Tokens are the lower-cased Unicode
word runs of the text (letters and digits, with inner apostrophes: "don't",
"l'eau"), no stemming; n-grams are taken within one sentence.

========================  =====================================================
name                      definition (``S`` summary tokens, ``A`` article tokens)
========================  =====================================================
``words``                 ``|S|``
``compression``           ``|A| / |S|`` (Grusky et al., 2018)
``coverage``              ``sum_f |f| / |S|`` over the extractive fragments ``f``
``density``               ``sum_f |f|**2 / |S|``
``novel_1..3``            share of the summary's n-grams (occurrences) absent
                          from the article's n-grams
``redundancy``            share of the summary's trigram occurrences whose
                          trigram also occurs in another summary sentence
``flesch``                Flesch reading ease ``206.835 - 1.015 W/T - 84.6 Y/W``
                          (``W`` words, ``T`` sentences, ``Y`` syllables)
``position``              mean relative position ``i / (n - 1)`` of the
                          summary's sentences in the article (0 = first)
========================  =====================================================

Undefined values (an empty summary, a summary without trigrams, ...) are
``nan`` and are left out of the means.  Extractive fragments follow Grusky,
Naaman and Artzi (NAACL 2018, Newsroom), Algorithm 1: walking the summary, take
the longest article token run that matches at the current summary position
(the first one on ties; the article scan resumes after each match, as in the
paper) and advance by its length, or by one token when nothing matches.
Syllables come from the Pyphen hyphenation dictionary (``en_US``): a word has
one syllable more than it has hyphenation points.  The Flesch formula itself is
written here: the usual library, textstat (0.7.x), looks words up in nltk's
cmudict and downloads that corpus at run time when it is missing, which this
toolkit never does; Pyphen ships its dictionaries in the wheel.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np

from eval.stats.bootstrap import BootstrapConfig, Interval, bootstrap_means

__all__ = [
    "MEASURE_NAMES",
    "Measures",
    "aggregate_measures",
    "align_sentences",
    "extractive_fragments",
    "flesch_reading_ease",
    "relative_positions",
    "summary_measures",
    "word_tokens",
]

MEASURE_NAMES = (
    "words", "compression", "coverage", "density", "novel_1", "novel_2", "novel_3", "redundancy", "flesch", "position",
)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_NAN = float("nan")


@dataclass(frozen=True)
class Measures:
    """The measures of one summary (see the module docstring for the formulas)."""

    words: float
    compression: float
    coverage: float
    density: float
    novel_1: float
    novel_2: float
    novel_3: float
    redundancy: float
    flesch: float
    position: float

    def as_dict(self) -> dict[str, float]:
        """``{name: value}`` in :data:`MEASURE_NAMES` order."""
        return asdict(self)


def word_tokens(text: str) -> list[str]:
    """Lower-cased word tokens: runs of letters/digits, inner apostrophes kept."""
    return _WORD.findall(text.lower())


def extractive_fragments(summary: Sequence[str], article: Sequence[str]) -> list[int]:
    """Lengths of the extractive fragments of ``summary`` in ``article`` (Grusky et al. 2018).

    Parameters
    ----------
    summary, article : sequence of str
        Token sequences.

    Returns
    -------
    list of int
        One length per fragment, in summary order.
    """
    positions: dict[str, list[int]] = {}
    for j, token in enumerate(article):
        positions.setdefault(token, []).append(j)
    fragments = []
    i, n, m = 0, len(summary), len(article)
    while i < n:
        best = 0
        resume = 0  # the paper's article index j: a scan never restarts inside the previous match
        for j in positions.get(summary[i], ()):
            if j < resume:
                continue
            length = 1
            while i + length < n and j + length < m and summary[i + length] == article[j + length]:
                length += 1
            if length > best:
                best = length
            resume = j + length
        if best:
            fragments.append(best)
        i += max(best, 1)
    return fragments


def _ngrams(sentence: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(sentence[k : k + n]) for k in range(len(sentence) - n + 1)]


def _novel(summary: Sequence[Sequence[str]], article: Sequence[Sequence[str]], n: int) -> float:
    grams = [g for s in summary for g in _ngrams(s, n)]
    if not grams:
        return _NAN
    known = {g for s in article for g in _ngrams(s, n)}
    return sum(g not in known for g in grams) / len(grams)


def _redundancy(summary: Sequence[Sequence[str]], n: int = 3) -> float:
    per_sentence = [_ngrams(s, n) for s in summary]
    total = sum(map(len, per_sentence))
    if not total:
        return _NAN
    sentences_with = Counter(g for grams in per_sentence for g in set(grams))
    return sum(sentences_with[g] > 1 for grams in per_sentence for g in grams) / total


@lru_cache(maxsize=1)
def _hyphenator():  # noqa: ANN202 - pyphen is untyped
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


def flesch_reading_ease(sentences: Sequence[str]) -> float:
    """Flesch reading ease ``206.835 - 1.015 * W / T - 84.6 * Y / W``.

    ``W`` word tokens, ``T`` sentences holding at least one word, ``Y``
    syllables (Pyphen ``en_US`` hyphenation points + 1 per word); ``nan``
    without words.  Higher is easier; plain English scores 60-70.
    """
    tokenised = [word_tokens(s) for s in sentences]
    words = [w for s in tokenised for w in s]
    if not words:
        return _NAN
    n_sentences = sum(1 for s in tokenised if s)
    syllables = sum(_syllables(w) for w in words)
    return 206.835 - 1.015 * len(words) / n_sentences - 84.6 * syllables / len(words)


def align_sentences(article: Sequence[str], summary: Sequence[str]) -> tuple[int, ...]:
    """Article index of each summary sentence, for summaries given as text.

    A summary sentence equal to an article sentence (as tokens) takes its
    index; otherwise the article sentence with the highest unigram F1 (the
    first on ties).  Sentences sharing no word with the article are left out.
    """
    article_tokens = [word_tokens(s) for s in article]
    exact: dict[tuple[str, ...], int] = {}
    for i, tokens in enumerate(article_tokens):
        exact.setdefault(tuple(tokens), i)
    counts = [Counter(t) for t in article_tokens]
    out = []
    for sentence in summary:
        tokens = word_tokens(sentence)
        if not tokens:
            continue
        if tuple(tokens) in exact:
            out.append(exact[tuple(tokens)])
            continue
        mine = Counter(tokens)
        best, best_f = -1, 0.0
        for i, theirs in enumerate(counts):
            overlap = sum((mine & theirs).values())
            if overlap:
                f = 2 * overlap / (len(tokens) + len(article_tokens[i]))
                if f > best_f:
                    best, best_f = i, f
        if best >= 0:
            out.append(best)
    return tuple(out)


def relative_positions(selected: Sequence[int], n_sentences: int) -> list[float]:
    """``i / (n - 1)`` for each selected index ``i`` (0 for a one-sentence article)."""
    if n_sentences <= 1:
        return [0.0 for _ in selected]
    return [i / (n_sentences - 1) for i in selected]


def summary_measures(article: Sequence[str], summary: Sequence[str], selected: Sequence[int] | None = None) -> Measures:
    """All measures of one summary.

    Parameters
    ----------
    article : sequence of str
        The article's sentences.
    summary : sequence of str
        The summary's sentences.
    selected : sequence of int, optional
        Article indices of the summary sentences (extractive systems); when
        omitted they are found with :func:`align_sentences`.

    Returns
    -------
    Measures
    """
    article_tokens = [word_tokens(s) for s in article]
    summary_tokens = [word_tokens(s) for s in summary]
    flat_summary = [t for s in summary_tokens for t in s]
    flat_article = [t for s in article_tokens for t in s]
    n = len(flat_summary)
    if n:
        fragments = extractive_fragments(flat_summary, flat_article)
        coverage = sum(fragments) / n
        density = sum(f * f for f in fragments) / n
        compression = len(flat_article) / n
    else:
        coverage = density = compression = _NAN
    indices = align_sentences(article, summary) if selected is None else tuple(selected)
    positions = relative_positions(indices, len(article))
    return Measures(
        words=float(n),
        compression=compression,
        coverage=coverage,
        density=density,
        novel_1=_novel(summary_tokens, article_tokens, 1),
        novel_2=_novel(summary_tokens, article_tokens, 2),
        novel_3=_novel(summary_tokens, article_tokens, 3),
        redundancy=_redundancy(summary_tokens),
        flesch=flesch_reading_ease(summary),
        position=sum(positions) / len(positions) if positions else _NAN,
    )


def aggregate_measures(
    rows: Sequence[Mapping[str, float]],
    names: Sequence[str] = MEASURE_NAMES,
    bootstrap: BootstrapConfig = BootstrapConfig(),
) -> dict[str, Interval]:
    """Mean of each measure over summaries with a bootstrap interval.

    ``nan`` values are left out column by column (each column is resampled
    on its own defined values, with the same seed).
    """
    out = {}
    for name in names:
        values = np.array([row[name] for row in rows], dtype=np.float64)
        defined = values[~np.isnan(values)]
        out[name] = bootstrap_means(defined, bootstrap)[0]
    return out
