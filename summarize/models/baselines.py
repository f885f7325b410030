"""Baseline summarizers: LEAD-k, seeded random, and the greedy ROUGE oracle."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from eval.languages.codes import LANGUAGES
from summarize.models.base import BaseModel
from summarize.models.selection import Budget, greedy_select
from summarize.text.article import Article, MissingReferenceError

__all__ = ["LeadModel", "OracleModel", "RandomModel"]


def _word_counts(sentences: Sequence[str]) -> np.ndarray:
    return np.fromiter((len(s.split()) for s in sentences), dtype=np.int64, count=len(sentences))


class LeadModel(BaseModel):
    """LEAD-k: the longest prefix of the article's sentences within the budget.

    Scores are ``s_i = 1 / (1 + i)``.

    Parameters
    ----------
    n_sentences, max_words, ratio
        Budget, as in :class:`~summarize.models.tfidf.TfidfModel`.
    """

    method = "lead"

    def __init__(self, *, n_sentences: int | None = 3, max_words: int | None = None,
                 ratio: float | None = None, language: str = "auto") -> None:
        self.n_sentences = n_sentences
        self.max_words = max_words
        self.ratio = ratio
        self.language = language

    def _select(self, article: Article, budget: Budget, prepared: Any) -> tuple[list[int], np.ndarray]:
        n = len(article.sentences)
        scores = 1.0 / (1.0 + np.arange(n))
        # LEAD-k is a prefix: stop at the first sentence over the budget rather than skip it.
        chosen: list[int] = []
        words_left = budget.max_words
        for i, words in enumerate(_word_counts(article.sentences)[: budget.max_sentences(n)]):
            if words_left is not None:
                if words > words_left:
                    break
                words_left -= int(words)
            chosen.append(i)
        return chosen, scores


class RandomModel(BaseModel):
    """Uniformly random sentences, reproducible from ``random_state``.

    Each article gets its own generator seeded with ``(random_state, crc32 of
    its sentences)``, so a summary does not depend on batch order or workers.

    Parameters
    ----------
    n_sentences, max_words, ratio
        Budget.
    random_state : int, default=0
        Seed.
    """

    method = "random"

    def __init__(
        self,
        *,
        n_sentences: int | None = 3,
        max_words: int | None = None,
        ratio: float | None = None,
        random_state: int = 0,
        language: str = "auto",
    ) -> None:
        self.n_sentences = n_sentences
        self.max_words = max_words
        self.ratio = ratio
        self.random_state = random_state
        self.language = language

    def _validate(self) -> None:
        super()._validate()
        if not isinstance(self.random_state, (int, np.integer)) or self.random_state < 0:
            raise ValueError(f"random_state must be a non-negative integer, got {self.random_state!r}")

    def _select(self, article: Article, budget: Budget, prepared: Any) -> tuple[list[int], np.ndarray]:
        digest = zlib.crc32("\n".join(article.sentences).encode("utf-8"))
        rng = np.random.default_rng([int(self.random_state), digest])
        scores = rng.random(len(article.sentences))
        return greedy_select(_word_counts(article.sentences), budget, lambda _: scores), scores


_ORACLE_TYPES = ("rouge1", "rouge2")


class OracleModel(BaseModel):
    """Greedy oracle: the upper bound of extractive selection against the reference.

    Starting from an empty summary, repeatedly add the sentence that most
    increases ``(ROUGE-1 F + ROUGE-2 F) / 2`` against the article's first
    reference, and stop when no sentence increases it or the budget is used.
    Tokens are ROUGE's for the article's language (``--tokenizer auto``:
    rouge-score's for English, Unicode words with Snowball stems for other
    spaced scripts, the segmenter's words for Chinese and Japanese), so the
    oracle is the upper bound of the ROUGE that ``eval`` reports.

    Parameters
    ----------
    n_sentences, max_words, ratio
        Budget.
    stem : bool, default=True
        Porter stemming in the ROUGE tokenizer.
    """

    method = "oracle"

    def __init__(
        self,
        *,
        n_sentences: int | None = 3,
        max_words: int | None = None,
        ratio: float | None = None,
        stem: bool = True,
        language: str = "auto",
    ) -> None:
        self.n_sentences = n_sentences
        self.max_words = max_words
        self.ratio = ratio
        self.stem = stem
        self.language = language

    def _select(self, article: Article, budget: Budget, prepared: Any) -> tuple[list[int], np.ndarray]:
        if not article.references:
            raise MissingReferenceError(
                f"article {article.id!r} has no reference; the oracle needs one "
                "(check --reference, or use another --method)"
            )
        from eval.rouge.fast import score_tokens, tokenize
        from eval.rouge.tokenizers import tokenizer_key

        stem = bool(self.stem)
        # English: rouge-score's tokens (the oracle of release 0.2.0); other languages: their ROUGE words
        # (rouge-score's tokenizer drops every letter outside a-z, so a Chinese oracle would see nothing).
        key = tokenizer_key(article.language) if article.language in LANGUAGES else "rouge-score"
        reference = [tokenize("\n".join(article.references[0]), stem, key)]
        sent_tokens = [tokenize(s, stem, key) for s in article.sentences]

        def value(indices: list[int]) -> float:
            # ROUGE-1 and ROUGE-2 F of the selection as one text (n-grams may span its sentences).
            tokens = [t for i in sorted(indices) for t in sent_tokens[i]]
            scores = score_tokens([tokens], reference, _ORACLE_TYPES)
            return (scores["rouge1"].fmeasure + scores["rouge2"].fmeasure) / 2

        alone = np.array([value([i]) for i in range(len(sent_tokens))])

        def gain(selected: list[int]) -> np.ndarray:
            if not selected:
                return alone
            base = value(selected)
            return np.array(
                [value(selected + [i]) - base if i not in selected else -np.inf for i in range(len(sent_tokens))]
            )

        chosen = greedy_select(_word_counts(article.sentences), budget, gain, stop_when_no_gain=True)
        return chosen, alone
