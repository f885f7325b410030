"""ROUGE: configuration, tokenizers, exact scores (equal to rouge-score's), multi-reference combination.

Modules: :mod:`~eval.rouge.config` (what to compute), :mod:`~eval.rouge.words`
(words of any script), :mod:`~eval.rouge.tokenizers` (the tokenizer of each language),
:mod:`~eval.rouge.fast` (tokenising and the exact
counts), :mod:`~eval.rouge.score` (one summary against its references),
:mod:`~eval.rouge.scorer` (a scikit-learn scorer).
"""

from eval.rouge.config import DEFAULT_TYPES, MULTI_REF_MODES, OBJECTIVES, TOKENIZERS, RougeConfig, Score, validate_types
from eval.rouge.score import (
    KeyTokenizer,
    UnicodeTokenizer,
    combine_references,
    non_ascii_warning,
    resolve_language,
    score_summary,
)

__all__ = ["DEFAULT_TYPES", "MULTI_REF_MODES", "OBJECTIVES", "TOKENIZERS", "KeyTokenizer", "RougeConfig", "Score",
           "UnicodeTokenizer", "combine_references", "non_ascii_warning", "resolve_language", "score_summary",
           "validate_types"]
