"""nltk's Porter stemmer (default ``NLTK_EXTENSIONS`` mode), compiled when possible.

rouge-score stems with ``nltk.stem.porter.PorterStemmer()``; so do ROUGE
(:mod:`eval.fast_rouge`) and the summarizer's analyser
(:mod:`summarize.features`).  ``summarize._ctext.porter_stem`` is the same
algorithm rule for rule in C (the tests compare it with nltk on every word of
the shared corpora and on generated words); nltk itself runs for non-ASCII
words and when the kernels were not built.
"""

from __future__ import annotations

from collections.abc import Callable

from eval.backend import load

__all__ = ["WordMemo", "ascii_stemmer", "porter_stem"]

_ctext = load("summarize._ctext")
_nltk_stemmer = None  # created on first use: importing nltk costs about a second


class WordMemo(dict):
    """word -> token memo that computes missing words itself (``""`` = a dropped word).

    The analyser's terms and ROUGE's tokens are pure functions of the word, so
    memoising them changes nothing; ``__missing__`` lets ``map(memo.__getitem__,
    words)`` and the compiled kernels fill the memo without a Python loop.
    """

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[str], str]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> str:
        token = self[word] = self._compute(word)
        return token


def _nltk_stem(word: str) -> str:
    global _nltk_stemmer
    if _nltk_stemmer is None:
        from nltk.stem import porter

        _nltk_stemmer = porter.PorterStemmer()  # default mode, as rouge-score's DefaultTokenizer
    return _nltk_stemmer.stem(word)


def porter_stem(word: str) -> str:
    """``nltk.stem.porter.PorterStemmer().stem(word)``.

    Examples
    --------
    >>> porter_stem("running"), porter_stem("generously"), porter_stem("skies")
    ('run', 'gener', 'sky')
    """
    if _ctext is not None and word.isascii():
        return _ctext.porter_stem(word)
    return _nltk_stem(word)


def ascii_stemmer() -> Callable[[str], str]:
    """The fastest callable giving :func:`porter_stem` of an ASCII word (the compiled one when built)."""
    return _ctext.porter_stem if _ctext is not None else _nltk_stem
