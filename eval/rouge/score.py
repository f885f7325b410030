"""Per-summary ROUGE scores computed by rouge-score, with multi-reference handling.

rouge-score is the reference implementation: every number here is what
``rouge_scorer.RougeScorer(types, use_stemmer=...).score(target, prediction)``
returns, with summary and reference sentences joined by ``"\\n"`` (rouge-score's
ROUGE-Lsum splits sentences only on newlines; the other types ignore them).

rouge-score's default tokenizer keeps only ``[a-z0-9]`` runs: Cyrillic, Greek,
Arabic, Chinese ... text has no tokens at all.  ``RougeConfig(tokenizer="unicode")``
keeps the words of every script (see :func:`eval.rouge.fast.tokenize`), and
:func:`non_ascii_warning` says when a text needs it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from eval.rouge.config import DEFAULT_TYPES, MULTI_REF_MODES, OBJECTIVES, TOKENIZERS, RougeConfig, Score, validate_types
from eval.rouge.fast import score_texts, score_tokens, tokenize, tokenize_sentences

__all__ = [
    "DEFAULT_TYPES",
    "MULTI_REF_MODES",
    "OBJECTIVES",
    "TOKENIZERS",
    "RougeConfig",
    "KeyTokenizer",
    "Score",
    "UnicodeTokenizer",
    "combine_references",
    "fallback_language",
    "non_ascii_warning",
    "resolve_language",
    "score_summary",
    "validate_types",
]

class KeyTokenizer:
    """A tokenizer key (:mod:`eval.rouge.tokenizers`) with rouge-score's tokenizer interface (``tokenize(text)``).

    ``RougeScorer(types, tokenizer=KeyTokenizer("unicode:fr", use_stemmer))`` scores
    with the same tokens as :func:`eval.rouge.fast.tokenize` with that key.
    """

    def __init__(self, key: str, use_stemmer: bool) -> None:
        self.key = key
        self.use_stemmer = use_stemmer

    def tokenize(self, text: str) -> list[str]:
        return tokenize(text, self.use_stemmer, self.key)


class UnicodeTokenizer(KeyTokenizer):
    """The ``unicode`` key (English rules) with rouge-score's tokenizer interface."""

    def __init__(self, use_stemmer: bool) -> None:
        super().__init__("unicode", use_stemmer)


@lru_cache(maxsize=8)
def _scorer(types: tuple[str, ...], use_stemmer: bool, tokenizer: str = "rouge-score"):  # noqa: ANN202
    from rouge_score import rouge_scorer

    if tokenizer != "rouge-score":
        return rouge_scorer.RougeScorer(list(types), use_stemmer=use_stemmer,
                                        tokenizer=KeyTokenizer(tokenizer, use_stemmer))
    return rouge_scorer.RougeScorer(list(types), use_stemmer=use_stemmer)


def resolve_language(config: RougeConfig, texts: Iterable[str]) -> RougeConfig:
    """``config`` with a concrete language: itself unless its language is ``"auto"``.

    With ``"auto"`` the language of ``texts`` (e.g. the references) is detected
    (:func:`eval.languages.detect_language`); when the detector is unsure or
    the language is not supported, mostly-ASCII text is taken as English and
    other text gets the language-neutral rules (``xx``).
    """
    if config.language != "auto":
        return config
    from dataclasses import replace

    return replace(config, language=fallback_language(" ".join(texts)))


def fallback_language(text: str) -> str:
    """The detected language of ``text`` if reliable and supported, else ``en`` or ``xx`` (see above)."""
    from eval.languages import LANGUAGES, detect_language

    found = detect_language(text)
    if found.reliable and found.code in LANGUAGES:
        return str(found.code)
    sample = text[:2000]
    ascii_letters = _count_ascii_letters(sample)
    return "en" if ascii_letters >= len(_NON_ASCII_LETTER.findall(sample)) else "xx"


# A letter is what r"[^\W\d_]" matches: [A-Za-z] among ASCII characters, and these among the others.
_NON_ASCII_LETTER = re.compile(r"[^\W\d_\x00-\x7f]")
_ASCII_LETTERS = string.ascii_letters.encode("ascii")


def _count_ascii_letters(text: str) -> int:
    """The number of [A-Za-z] characters in ``text``."""
    data = text.encode("ascii", "ignore")
    return len(data) - len(data.translate(None, _ASCII_LETTERS))


def non_ascii_warning(texts: Iterable[str], tokenizer: str = "rouge-score", *, what: str = "text") -> str | None:
    """A warning when rouge-score's default tokenizer would drop most letters of ``texts``.

    Parameters
    ----------
    texts : iterable of str
        E.g. a reference's sentences and the article body.
    tokenizer : str
        The tokenizer in use; only ``"rouge-score"`` drops letters.
    what : str
        What the texts are, for the message.

    Returns
    -------
    str or None
        ``None`` when at least half of the letters are ASCII (or there are no
        letters, or the ``unicode`` tokenizer is used), else a message that says
        to use ``--tokenizer unicode``.
    """
    if tokenizer != "rouge-score":
        return None
    texts = texts if isinstance(texts, (list, tuple)) else list(texts)
    others = [text for text in texts if not text.isascii()]
    if not others:
        return None  # every letter is an ASCII letter
    ascii_letters = sum(map(_count_ascii_letters, others))
    letters = ascii_letters + sum(len(_NON_ASCII_LETTER.findall(text)) for text in others)
    if 2 * ascii_letters >= letters:
        return None  # the ASCII-only texts would add as many to both counts: still no warning
    plain = sum(_count_ascii_letters(text) for text in texts if text.isascii())
    ascii_letters += plain
    letters += plain
    if 2 * ascii_letters >= letters:
        return None
    share = 1 - ascii_letters / letters
    return (f"{share:.0%} of the letters in the {what} are not ASCII letters, which rouge-score's default "
            "tokenizer drops (ROUGE would compare almost nothing): use --tokenizer unicode")


def score_summary(
    summary: Sequence[str],
    references: Sequence[Sequence[str]],
    config: RougeConfig = RougeConfig(),
) -> Mapping[str, Score]:
    """Score one summary against one or more references.

    Parameters
    ----------
    summary : sequence of str
        Summary sentences.
    references : sequence of sequence of str
        Alternative references, each a sequence of sentences.
    config : RougeConfig
        Types, stemming, multi-reference mode, engine and tokenizer.

    Returns
    -------
    dict of str to Score
        One :class:`Score` per type in ``config.types``.

    Raises
    ------
    ValueError
        If ``references`` is empty.
    """
    if not references:
        raise ValueError("no reference to score against")
    config = resolve_language(config, (sentence for ref in references for sentence in ref))
    key = config.word_rule
    if config.engine == "fast":
        per_ref = (score_texts(summary, references, config.use_stemmer, config.types)
                   if key == "rouge-score" else None)
        if per_ref is not None:  # tokenised and counted in the compiled kernels
            return combine_references(per_ref, config)
        candidate = tokenize_sentences(summary, config.use_stemmer, key)
        per_ref = [score_tokens(candidate, tokenize_sentences(ref, config.use_stemmer, key), config.types)
                   for ref in references]
    else:
        scorer = _scorer(config.types, config.use_stemmer, key)
        prediction = "\n".join(summary)
        per_ref = [scorer.score("\n".join(ref), prediction) for ref in references]
    return combine_references(per_ref, config)


def _as_score(score: Any) -> Score:
    return score if type(score) is Score else Score(score.precision, score.recall, score.fmeasure)


def combine_references(per_reference: Sequence[Mapping[str, Any]], config: RougeConfig) -> dict[str, Score]:
    """Combine one summary's scores against several references (``config.multi_ref``).

    ``best``: per type, the scores against the reference with the highest F1
    (the first one on ties), as rouge-score's ``score_multi``.  ``mean``: the
    mean precision, recall and F1 over references.

    Parameters
    ----------
    per_reference : sequence of mapping
        For each reference, ROUGE type -> object with ``precision``, ``recall``
        and ``fmeasure`` (ours or rouge-score's).
    config : RougeConfig
    """
    if len(per_reference) == 1:  # best and mean agree: the scores themselves, as our Score records
        only = per_reference[0]
        return {name: _as_score(only[name]) for name in config.types}
    result: dict[str, Score] = {}
    for name in config.types:
        scores = [r[name] for r in per_reference]
        if config.multi_ref == "mean" and len(scores) > 1:
            k = len(scores)
            result[name] = Score(
                sum(s.precision for s in scores) / k,
                sum(s.recall for s in scores) / k,
                sum(s.fmeasure for s in scores) / k,
            )
        else:
            best = max(range(len(scores)), key=lambda i: (scores[i].fmeasure, -i))
            s = scores[best]
            result[name] = Score(s.precision, s.recall, s.fmeasure)
    return result
