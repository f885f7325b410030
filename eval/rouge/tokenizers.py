"""ROUGE tokenizers per language: which words ROUGE compares, and their stems.

A tokenizer *key* names one exact rule; :func:`tokenizer_key` resolves a
language and a tokenizer choice to it:

==================  ==========================================================
key                 tokens
==================  ==========================================================
``rouge-score``     rouge-score's own: lower-cased ``[a-z0-9]+`` runs, Porter
                    stems of words longer than 3 characters (English default)
``unicode``         NFKC, lower-case, runs of Unicode letters and digits, each
                    Chinese/Japanese character a token; Porter stems of ASCII
                    words longer than 3 characters (the ``--tokenizer unicode``
                    of earlier releases)
``unicode:CODE``    the same words; with stemming, every word replaced by the
                    Snowball stem of language ``CODE`` (when it has one)
``words:CODE``      Chinese/Japanese: the segmenter's words (jieba, MeCab with
                    UniDic-lite), each keeping its letters and digits
``chars:CODE``      Chinese/Japanese: each character a token (other scripts' words
                    as in ``unicode``), no stemming
==================  ==========================================================

Choices (``RougeConfig.tokenizer``): ``auto`` (the language's own: English
``rouge-score``, Chinese and Japanese ``words``, other languages ``unicode``),
``rouge-score``, ``unicode``, ``words`` and ``chars``.  Identical texts score
1.0 under every key that gives them a token.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import cache

from eval.languages.codes import LANGUAGES, check_language, snowball_stemmer
from eval.rouge.stemming import WordMemo
from eval.rouge.words import segment_word_parts, unicode_words

__all__ = ["TOKENIZER_CHOICES", "key_tokenizer", "tokenizer_key"]

#: What a user may ask for (``--tokenizer``).
TOKENIZER_CHOICES = ("auto", "rouge-score", "unicode", "words", "chars")


def tokenizer_key(language: str, tokenizer: str = "auto") -> str:
    """The exact tokenizer (key, see the module) for a concrete language code and a choice.

    Raises
    ------
    ValueError
        For an unknown language or tokenizer, naming the valid ones.
    """
    if tokenizer not in TOKENIZER_CHOICES:
        raise ValueError(f"tokenizer must be one of {', '.join(TOKENIZER_CHOICES)}; got {tokenizer!r}")
    code = check_language(language, allow_auto=False)
    if tokenizer == "rouge-score" or (tokenizer == "auto" and code == "en"):
        return "rouge-score"
    if code == "en":
        return "unicode"  # English has no segmenter: its words are the unicode profile's
    if LANGUAGES[code].words == "segmented":
        return f"chars:{code}" if tokenizer in ("chars", "unicode") else f"words:{code}"
    return f"unicode:{code}"


@cache
def key_tokenizer(key: str, use_stemmer: bool) -> Callable[[str], list[str]]:
    """``text -> tokens`` for a tokenizer key other than ``rouge-score`` (memoised per key)."""
    name, _, code = key.partition(":")
    if name == "unicode" and not code:
        from eval.rouge.stemming import porter_stem

        english = WordMemo(lambda word: porter_stem(word) if len(word) > 3 and word.isascii() else word)
        return _stemmed(unicode_words, english.__getitem__ if use_stemmer else None)
    if name not in ("unicode", "words", "chars") or code not in LANGUAGES:
        raise ValueError(f"unknown tokenizer key {key!r}")
    if name == "words":
        from eval.languages.segment import segmenter

        split = segmenter(code)
        parts = segment_word_parts()

        def words(text: str) -> list[str]:
            return [token for word in split(unicodedata.normalize("NFKC", text).lower())
                    for token in parts.findall(word)]

        return words
    stem = snowball_stemmer(code) if use_stemmer and name == "unicode" else None
    return _stemmed(unicode_words, WordMemo(stem).__getitem__ if stem is not None else None)


def _stemmed(words: Callable[[str], list[str]], stem: Callable[[str], str] | None) -> Callable[[str], list[str]]:
    if stem is None:
        return words

    def tokens(text: str) -> list[str]:
        return list(map(stem, words(text)))

    return tokens
