"""Words of any script for ROUGE's ``unicode`` tokenizer profile (and the summarizer's analyser).

rouge-score's tokenizer keeps only ``[a-z0-9]`` runs.  The ``unicode``
profile keeps the words of every script: each Chinese/Japanese character is a
word, and every other run of Unicode letters and digits (with the combining
marks inside it) is a word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["CJK", "TOKEN", "mark_class", "segment_word_parts", "unicode_word_spans", "unicode_words"]

#: rouge-score's words in lower-cased text: maximal runs of ASCII letters and digits.
TOKEN = re.compile(r"[a-z0-9]+")
#: Scripts written without spaces between words: Han ideographs (with the iteration
# marks), hiragana, katakana (with half-width forms).  One token per character.
CJK = (
    "\u3005\u3007\u3021-\u3029\u3038-\u303b\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f"
)

@lru_cache(maxsize=1)
def mark_class() -> str:
    """Character-class ranges of every combining mark (Unicode categories Mn, Mc, Me).

    Marks are not ``\\w`` in Python's ``re``, so without them a Devanagari vowel
    sign or an Arabic diacritic would cut a word in pieces.  The ranges come from
    :data:`eval.rouge.unicode_marks.MARK_RANGES` for the running Unicode version,
    else from a scan of :mod:`unicodedata` (about 0.1 s; no mark lies in planes 2 to 13).
    """
    return "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in _mark_ranges())


def _mark_ranges() -> list[tuple[int, int]]:
    from eval.rouge.unicode_marks import MARK_RANGES

    written = MARK_RANGES.get(unicodedata.unidata_version)
    if written is not None:
        pairs = [item.split("-") for item in written.split()]
        return [(int(p[0], 16), int(p[-1], 16)) for p in pairs]
    return _scan_mark_ranges()


def _scan_mark_ranges() -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in (*range(0x20000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(code))[0] == "M":
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return ranges


@lru_cache(maxsize=1)
def _unicode_words() -> re.Pattern[str]:
    word = f"[^\\W_{CJK}]"
    return re.compile(f"[{CJK}]|{word}(?:{word}|[{mark_class()}])*")


@lru_cache(maxsize=1)
def segment_word_parts() -> re.Pattern[str]:
    """Runs of letters and digits (with their combining marks), Chinese/Japanese ones kept whole.

    What a segmenter's word keeps (:mod:`eval.rouge.tokenizers` ``words:`` keys and the
    summarizer's analyser for Chinese and Japanese): "公园" stays one word, "3.5%" gives "3", "5".
    """
    word = r"[^\W_]"
    return re.compile(f"{word}(?:{word}|[{mark_class()}])*")


def unicode_words(text: str) -> list[str]:
    """Words of ``text`` in any script: the ``unicode`` ROUGE tokenizer before stemming.

    NFKC-normalise and lower-case; each Chinese/Japanese character (Han, kana) is
    a token; every other run of Unicode letters and digits (``[^\\W_]+``, with the
    combining marks inside it) is a token; everything else separates tokens.  On
    ASCII text this is rouge-score's ``[a-z0-9]+`` split.

    Examples
    --------
    >>> unicode_words("Путин сказал: 北京 café, hello!")
    ['путин', 'сказал', '北', '京', 'café', 'hello']
    """
    if text.isascii():
        return TOKEN.findall(text.lower())
    return _unicode_words().findall(unicodedata.normalize("NFKC", text).lower())


def unicode_word_spans(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, word)`` of the words of ``text`` as :func:`unicode_words` finds them.

    The spans index ``text`` itself (no normalisation first, so they stay valid
    for marking it); each word is NFKC-normalised and lower-cased afterwards.
    On ASCII text the words are those of :func:`unicode_words`.

    Examples
    --------
    >>> unicode_word_spans("Путин, 北京!")
    [(0, 5, 'путин'), (7, 8, '北'), (8, 9, '京')]
    """
    if text.isascii():  # lower() keeps the length of ASCII text, so the spans hold for text
        return [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text.lower())]
    return [(m.start(), m.end(), unicodedata.normalize("NFKC", m.group()).lower())
            for m in _unicode_words().finditer(text)]
