"""The text side of the HTML report: word tokens and the n-gram overlap marks.

:func:`overlap_marks` finds the character spans of a summary (or reference)
that the report's detail view marks as shared with the other side, using the
word tokens of :func:`word_tokens` (the report's ROUGE tokenizer without
stemming); :func:`utf16_offsets` turns those spans into the offsets the
report's JavaScript needs.  :func:`clean_text` makes untrusted text safe to
write as UTF-8; the report and its plot labels use it on every text they show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

__all__ = [
    "TOKENIZERS",
    "bigrams",
    "clean_text",
    "overlap_marks",
    "utf16_offsets",
    "word_tokens",
]

# Same word tokens as rouge-score's default tokenizer (lower-cased runs of
# ASCII letters and digits; no stemming), so marked overlap is what ROUGE-2
# counts, up to stemming and sentence boundaries.
_TOKEN = re.compile(r"[A-Za-z0-9]+")


def clean_text(text: object) -> str:
    """``str(text)`` with lone surrogates replaced, so it can be written as UTF-8."""
    return str(text).encode("utf-8", "replace").decode("utf-8")


# --------------------------------------------------------------------------
# n-gram overlap


#: ROUGE tokenizers (eval.rouge.RougeConfig.tokenizer) the marks follow.
TOKENIZERS = ("auto", "rouge-score", "unicode", "words", "chars")


def word_tokens(sentence: str, tokenizer: str = "rouge-score") -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of every word token of ``sentence``.

    ``tokenizer="rouge-score"``: a run of ASCII letters and digits,
    lower-cased (rouge-score's default tokenizer without stemming).
    Any other choice (``"auto"``, ``"unicode"``, ...): the words of ROUGE's ``unicode`` tokenizer
    (:func:`eval.rouge.words.unicode_word_spans`; on ASCII text the same words as
    ``rouge-score``), so marks work in every language.  ``start``/``end`` index
    ``sentence``.
    """
    if tokenizer in TOKENIZERS and tokenizer != "rouge-score":
        from eval.rouge.words import unicode_word_spans

        return unicode_word_spans(sentence)
    if tokenizer != "rouge-score":
        raise ValueError(f"tokenizer must be one of {', '.join(TOKENIZERS)}; got {tokenizer!r}")
    return [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(sentence)]


def bigrams(sentences: Iterable[str], tokenizer: str = "rouge-score") -> set[tuple[str, str]]:
    """The word bigrams of ``sentences``; a bigram never spans two sentences."""
    found: set[tuple[str, str]] = set()
    for sentence in sentences:
        tokens = [t for _, _, t in word_tokens(sentence, tokenizer)]
        found.update(zip(tokens, tokens[1:]))
    return found


def overlap_marks(sentences: Sequence[str], other: Iterable[str],
                  tokenizer: str = "rouge-score") -> list[list[tuple[int, int]]]:
    """Character spans of ``sentences`` to mark as n-gram overlap with ``other``.

    The rule: take the word tokens of each sentence (:func:`word_tokens`);
    every pair of adjacent tokens of a sentence whose bigram also occurs in
    ``other`` (within one of its sentences, :func:`bigrams`) covers the text
    from the start of its first token to the end of its second.  Overlapping
    covers are merged, so ``"the cat sat"`` is one span when both ``the cat``
    and ``cat sat`` are shared, while two shared bigrams that merely touch
    (``a b`` and ``c d`` in ``a b c d`` without ``b c``) stay two spans and
    the gap between them is not marked.  A word alone (a shared unigram) is
    never marked.

    Parameters
    ----------
    sentences : Sequence of str
        The text to mark, e.g. the summary sentences.
    other : Iterable of str
        The sentences to compare with, e.g. those of all references.
    tokenizer : {"rouge-score", "unicode"}
        Whose words (:func:`word_tokens`): the ROUGE tokenizer of the report.

    Returns
    -------
    list of list of (int, int)
        For each sentence, sorted, disjoint ``(start, end)`` spans
        (Python string indices).
    """
    shared = bigrams(other, tokenizer)
    marks: list[list[tuple[int, int]]] = []
    for sentence in sentences:
        tokens = word_tokens(sentence, tokenizer)
        spans: list[tuple[int, int]] = []
        for (start, _, first), (_, end, second) in zip(tokens, tokens[1:]):
            if (first, second) not in shared:
                continue
            if spans and start < spans[-1][1]:  # shares its first token with the previous cover
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        marks.append(spans)
    return marks


def utf16_offsets(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Spans as a flat list of UTF-16 offsets: JavaScript strings index code units, not code points.

    Parameters
    ----------
    text : str
        The sentence the spans index.
    spans : Sequence of (int, int)
        ``(start, end)`` Python string indices into ``text``, e.g. one
        sentence's spans from :func:`overlap_marks`.

    Returns
    -------
    list of int
        ``[start_0, end_0, start_1, end_1, ...]`` as UTF-16 code unit
        offsets (a character outside the Basic Multilingual Plane counts 2).
    """
    if text.isascii():
        return [i for span in spans for i in span]
    prefix = [0]
    for char in text:
        prefix.append(prefix[-1] + (2 if ord(char) > 0xFFFF else 1))
    return [prefix[i] for span in spans for i in span]
