"""What ROUGE computes: types, stemming, multi-reference mode, engine, tokenizer; the :class:`Score` record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from eval.languages.codes import check_language
from eval.rouge.tokenizers import TOKENIZER_CHOICES, tokenizer_key

__all__ = ["DEFAULT_TYPES", "MULTI_REF_MODES", "OBJECTIVES", "TOKENIZERS", "RougeConfig", "Score", "validate_types"]

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
#: Tokenizer choices (:mod:`eval.rouge.tokenizers`): the language's own (``auto``), rouge-score's
#: (``[a-z0-9]`` words), every script's words (``unicode``), segmenter words or characters (Chinese, Japanese).
TOKENIZERS = TOKENIZER_CHOICES


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
        valid = name in ("rougeL", "rougeLsum") or (len(name) == 6 and name.startswith("rouge")
                                                    and name[5] in "123456789")
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
        ``fast`` (default) is :mod:`eval.rouge.fast`, whose numbers equal
        rouge-score's exactly (tests compare them); ``rouge-score`` calls the
        reference implementation itself.
    tokenizer : {"auto", "rouge-score", "unicode", "words", "chars"}
        ``auto`` (default): the language's own words (:mod:`eval.rouge.tokenizers`):
        for English rouge-score's tokenizer, which keeps only ASCII letters and
        digits (its numbers exactly); for other spaced scripts runs of Unicode
        letters and digits with the language's Snowball stems; for Chinese and
        Japanese the segmenter's words.  ``rouge-score``: rouge-score's tokenizer
        whatever the language.  ``unicode``: runs of Unicode letters and digits,
        each Chinese/Japanese character a word (for English, Porter stems of ASCII
        words only, as before).  ``chars``: Chinese/Japanese characters.  Both
        engines give the same numbers (rouge-score gets a :class:`KeyTokenizer`).
    language : str
        ISO 639-1 code of the texts (:data:`eval.languages.LANGUAGES`; default
        ``"en"``), or ``"auto"``: detected per summary from its references
        (:func:`eval.rouge.score.resolve_language`).
    """

    types: tuple[str, ...] = DEFAULT_TYPES
    use_stemmer: bool = True
    multi_ref: Literal["best", "mean"] = "best"
    engine: Literal["fast", "rouge-score"] = "fast"
    tokenizer: Literal["auto", "rouge-score", "unicode", "words", "chars"] = "auto"
    language: str = "en"

    def for_language(self, code: str) -> RougeConfig:
        """This configuration for texts of language ``code`` when its language is ``"auto"`` (else itself)."""
        if self.language != "auto":
            return self
        from dataclasses import replace

        return replace(self, language=code)

    @property
    def word_rule(self) -> str:
        """The exact tokenizer (:func:`eval.rouge.tokenizers.tokenizer_key`); needs a concrete language."""
        if self.language == "auto":
            raise ValueError("language 'auto' must be resolved per text first (eval.rouge.score.resolve_language)")
        return tokenizer_key(self.language, self.tokenizer)

    def __post_init__(self) -> None:
        check_language(self.language)
        object.__setattr__(self, "types", validate_types(self.types))
        if self.engine not in ("fast", "rouge-score"):
            raise ValueError(f"engine must be 'fast' or 'rouge-score'; got {self.engine!r}")
        if self.multi_ref not in MULTI_REF_MODES:
            raise ValueError(f"multi_ref must be one of {', '.join(MULTI_REF_MODES)}; got {self.multi_ref!r}")
        if self.tokenizer not in TOKENIZERS:
            raise ValueError(f"tokenizer must be one of {', '.join(TOKENIZERS)}; got {self.tokenizer!r}")
