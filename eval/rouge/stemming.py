"""Porter stemming as rouge-score does it, and the per-word memo that makes it cheap.

rouge-score stems with ``nltk.stem.porter.PorterStemmer()`` (mode
``NLTK_EXTENSIONS``); so do ROUGE here (:mod:`eval.rouge.fast`) and the
summarizer's analyser.  :func:`porter_stem` is :mod:`eval.rouge.porter`, the
same algorithm in plain Python (tested equal to nltk on every word of the
shared corpora and on generated words): importing nltk takes over a second.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from eval.rouge.porter import stem as porter_stem

__all__ = ["WordMemo", "porter_stem"]


V = TypeVar("V")


class WordMemo(dict[str, V], Generic[V]):
    """word -> token memo that computes missing words itself (``""`` = a dropped word).

    The analyser's terms and ROUGE's tokens are pure functions of the word, so
    memoising them changes nothing; ``__missing__`` lets ``map(memo.__getitem__,
    words)`` fill the memo without a Python loop over known words.

    Examples
    --------
    >>> memo = WordMemo(porter_stem)
    >>> list(map(memo.__getitem__, ["running", "generously", "skies"]))
    ['run', 'gener', 'sky']
    """

    __slots__ = ("_compute",)

    def __init__(self, compute: Callable[[str], V]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, word: str) -> V:
        token = self[word] = self._compute(word)
        return token
