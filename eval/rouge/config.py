"""What ROUGE computes: types, stemming, multi-reference mode, engine, tokenizer; the :class:`Score` record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

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
