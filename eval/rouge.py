"""Per-summary ROUGE scores computed by rouge-score, with multi-reference handling.

rouge-score is the reference implementation: every number here is what
``rouge_scorer.RougeScorer(types, use_stemmer=...).score(target, prediction)``
returns, with summary and reference sentences joined by ``"\\n"`` (rouge-score's
ROUGE-Lsum splits sentences only on newlines; the other types ignore them).

rouge-score's default tokenizer keeps only ``[a-z0-9]`` runs: Cyrillic, Greek,
Arabic, Chinese ... text has no tokens at all.  ``RougeConfig(tokenizer="unicode")``
keeps the words of every script (see :func:`eval.fast_rouge.tokenize`), and
:func:`non_ascii_warning` says when a text needs it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

__all__ = [
    "DEFAULT_TYPES",
    "MULTI_REF_MODES",
    "OBJECTIVES",
    "TOKENIZERS",
    "RougeConfig",
    "Score",
    "UnicodeTokenizer",
    "combine_references",
    "non_ascii_warning",
    "score_summary",
    "warn_non_ascii_articles",
    "validate_types",
]

#: ROUGE types reported by default.
DEFAULT_TYPES: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
#: Objective name -> ROUGE types whose mean F1 a tuning objective maximises.
OBJECTIVES: dict[str, tuple[str, ...]] = {
    "mean": ("rouge1", "rouge2", "rougeLsum"),
    "rouge1": ("rouge1",),
    "rouge2": ("rouge2",),
    "rougeL": ("rougeL",),
    "rougeLsum": ("rougeLsum",),
}
#: How scores against several references are combined.
MULTI_REF_MODES = ("best", "mean")
#: Tokenizer profiles: rouge-score's default (``[a-z0-9]`` words) or every script's words.
TOKENIZERS = ("rouge-score", "unicode")


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one ROUGE type for one summary (all in [0, 1])."""

    precision: float
    recall: float
    fmeasure: float


def validate_types(types: Sequence[str]) -> tuple[str, ...]:
    """Check ROUGE type names (``rougeN`` for N >= 1, ``rougeL``, ``rougeLsum``).

    Raises
    ------
    ValueError
        Naming the invalid type and the valid forms.
    """
    out = []
    for name in types:
        # rouge-score accepts one digit only: rouge1 .. rouge9.
        valid = name in ("rougeL", "rougeLsum") or (len(name) == 6 and name.startswith("rouge") and name[5] in "123456789")
        if not valid:
            raise ValueError(f"invalid ROUGE type {name!r}: use rouge1..rouge9, rougeL or rougeLsum")
        out.append(name)
    if not out:
        raise ValueError("at least one ROUGE type is needed")
    return tuple(out)


@dataclass(frozen=True)
class RougeConfig:
    """What to compute.

    Attributes
    ----------
    types : tuple of str
        ROUGE types, e.g. ``("rouge1", "rouge2", "rougeL", "rougeLsum")``.
    use_stemmer : bool
        Porter stemming of words longer than three characters (rouge-score's rule).
    multi_ref : {"best", "mean"}
        With several references: per type, the scores against the reference
        with the highest F1 (rouge-score's ``score_multi``; the first one on
        ties), or the mean of precision, recall and F1 over references.
    engine : {"fast", "rouge-score"}
        ``fast`` (default) is :mod:`eval.fast_rouge`, whose numbers equal
        rouge-score's exactly (tests compare them); ``rouge-score`` calls the
        reference implementation itself.
    tokenizer : {"rouge-score", "unicode"}
        ``rouge-score`` (default): rouge-score's own tokenizer, which keeps only
        ASCII letters and digits.  ``unicode``: NFKC, lower-case, runs of Unicode
        letters and digits as words and each Chinese/Japanese character as a
        word; stemming (if on) only of ASCII words.  Both engines give the same
        numbers for both profiles (rouge-score gets a :class:`UnicodeTokenizer`).
    """

    types: tuple[str, ...] = DEFAULT_TYPES
    use_stemmer: bool = True
    multi_ref: Literal["best", "mean"] = "best"
    engine: Literal["fast", "rouge-score"] = "fast"
    tokenizer: Literal["rouge-score", "unicode"] = "rouge-score"

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", validate_types(self.types))
        if self.engine not in ("fast", "rouge-score"):
            raise ValueError(f"engine must be 'fast' or 'rouge-score'; got {self.engine!r}")
        if self.multi_ref not in MULTI_REF_MODES:
            raise ValueError(f"multi_ref must be one of {', '.join(MULTI_REF_MODES)}; got {self.multi_ref!r}")
        if self.tokenizer not in TOKENIZERS:
            raise ValueError(f"tokenizer must be one of {', '.join(TOKENIZERS)}; got {self.tokenizer!r}")


class UnicodeTokenizer:
    """The ``unicode`` profile with rouge-score's tokenizer interface (``tokenize(text)``).

    ``RougeScorer(types, tokenizer=UnicodeTokenizer(use_stemmer))`` scores with
    the same tokens as :func:`eval.fast_rouge.tokenize` with ``tokenizer="unicode"``.
    """

    def __init__(self, use_stemmer: bool) -> None:
        self.use_stemmer = use_stemmer

    def tokenize(self, text: str) -> list[str]:
        from .fast_rouge import tokenize

        return tokenize(text, self.use_stemmer, "unicode")


@lru_cache(maxsize=8)
def _scorer(types: tuple[str, ...], use_stemmer: bool, tokenizer: str = "rouge-score"):  # noqa: ANN202
    from rouge_score import rouge_scorer

    if tokenizer == "unicode":
        return rouge_scorer.RougeScorer(list(types), use_stemmer=use_stemmer, tokenizer=UnicodeTokenizer(use_stemmer))
    return rouge_scorer.RougeScorer(list(types), use_stemmer=use_stemmer)


_ASCII_LETTER = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")


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
    letters = ascii_letters = 0
    for text in texts:
        if text.isascii():
            ascii_letters += len(_ASCII_LETTER.findall(text))
            letters += len(_ASCII_LETTER.findall(text))
            continue
        letters += len(_LETTER.findall(text))
        ascii_letters += len(_ASCII_LETTER.findall(text))
    if not letters or 2 * ascii_letters >= letters:
        return None
    share = 1 - ascii_letters / letters
    return (f"{share:.0%} of the letters in the {what} are not ASCII letters, which rouge-score's default "
            "tokenizer drops (ROUGE would compare almost nothing): use --tokenizer unicode")


# Enough of an article body to tell its script.
_BODY_SAMPLE = 2000


def warn_non_ascii_articles(items: Iterable[Any], tokenizer: str = "rouge-score") -> Iterator[Any]:
    """Pass ``items`` through; the first article whose letters are mostly not ASCII gets a warning.

    With rouge-score's default tokenizer such an article (its references and the
    start of its body, where the summary comes from) would be scored on almost
    no tokens.  The warning, added to :attr:`~summarize.article.Article.warnings`,
    says to use ``--tokenizer unicode``; it is given once per run.
    """
    if tokenizer != "rouge-score":
        yield from items
        return
    from dataclasses import replace

    from summarize.article import Article

    warned = False
    for item in items:
        if not warned and isinstance(item, Article):
            texts = [s for ref in item.references for s in ref]
            texts.append(item.text[:_BODY_SAMPLE])
            message = non_ascii_warning(texts, tokenizer, what="references and body")
            if message is not None:
                warned = True
                item = replace(item, warnings=item.warnings + (
                    f"{item.id}: {message} (said once; other records may be alike)",))
        yield item


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
    if config.engine == "fast":
        # Imported here: fast_rouge imports this module for Score and RougeConfig.
        from .fast_rouge import score_tokens, tokenize_sentences

        candidate = tokenize_sentences(summary, config.use_stemmer, config.tokenizer)
        per_ref = [score_tokens(candidate, tokenize_sentences(ref, config.use_stemmer, config.tokenizer), config.types)
                   for ref in references]
    else:
        scorer = _scorer(config.types, config.use_stemmer, config.tokenizer)
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
