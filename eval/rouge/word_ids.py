"""Ids of the white-space words of lower-cased texts, shared by ROUGE tokenising and the summarizer's analyser.

Tokenisers here look at a text one white-space word at a time (no token spans
white space), so each distinct white-space word is analysed once and then
only looked up.  :class:`WordIds` numbers the distinct words ``0, 1, ...`` in
order of first sight and tells its owner about new ones, in batches, so the
owner can compute what it keeps per word (terms, tokens, counts) in
step with the ids.

With the compiled kernels (:data:`eval.backend.BACKEND` ``"native"``),
:meth:`WordIds.text_ids` splits a text and looks its words up in
``eval.rouge._kernels``'s own hash table (code points hashed, no Python
string per known word); every text rule stays with the owner, in Python.
Without them callers split in Python and look words up in :attr:`WordIds.ids`.
"""

from __future__ import annotations

from collections.abc import Callable

from eval.backend import BACKEND

__all__ = ["KERNELS", "WordIds"]

#: The compiled module that holds the word table (see :mod:`eval.backend`).
KERNELS = "eval.rouge._kernels"


class _Ids(dict[str, int]):
    """word -> id whose ``__missing__`` registers the word (so ``map(ids.__getitem__, words)`` runs in C)."""

    __slots__ = ("_register",)

    def __init__(self, register: Callable[[list[str]], object]) -> None:
        super().__init__()
        self._register = register

    def __missing__(self, word: str) -> int:
        self._register([word])
        return self[word]


class WordIds:
    """White-space word -> id, ``0, 1, ...`` in order of first sight.

    Parameters
    ----------
    on_new : callable
        Called with each batch of new words (a list, in id order: the first has
        id ``len(words)`` before the batch) before their ids are handed out;
        the owner appends what it keeps per word.

    Attributes
    ----------
    ids : dict of str to int
        Every word's id; looking up an unseen word registers it.
    words : list of str
        The words by id.
    """

    def __init__(self, on_new: Callable[[list[str]], object]) -> None:
        self._on_new = on_new
        self.ids: dict[str, int] = _Ids(self.register)
        self.words: list[str] = []
        self._table: object = None  # the compiled table, made on first use
        self._in_table = 0  # how many words it holds (words registered in Python catch up on use)

    def register(self, words: list[str]) -> None:
        """Give the unseen ones among ``words`` (white-space words, no white space inside) the next ids."""
        new = list(dict.fromkeys(w for w in words if w not in self.ids))
        if new:
            self._on_new(new)
            start = len(self.words)
            self.words.extend(new)
            self.ids.update(zip(new, range(start, start + len(new))))

    def text_ids(self, text: str) -> bytearray | None:
        """The ids of ``text.split()`` as native int64 bytes (new words registered), or ``None`` when the
        compiled kernels are not in use (then split in Python and use :attr:`ids`)."""
        kernels = BACKEND.kernels(KERNELS)
        if kernels is None:
            return None
        if self._table is None:
            self._table = kernels.words_new()
        if self._in_table < len(self.words):  # words registered in Python: the table numbers them the same way
            _, new = kernels.words_ids(self._table, " ".join(self.words[self._in_table:]))
            self._in_table += len(new)
        raw, new = kernels.words_ids(self._table, text)
        if new:
            self._on_new(new)
            start = len(self.words)
            self.words.extend(new)
            dict.update(self.ids, zip(new, range(start, start + len(new))))
        self._in_table = len(self.words)
        return raw
