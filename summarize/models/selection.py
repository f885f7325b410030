"""Summary budgets and greedy sentence selection shared by every method."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

__all__ = ["Budget", "greedy_select", "is_integer"]


def is_integer(value: object) -> bool:
    """True for Python and numpy integers, False for bools (``True`` is not a count)."""
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


@dataclass(frozen=True)
class Budget:
    """How long a summary may be.  Every limit that is set applies.

    Attributes
    ----------
    n_sentences : int or None
        At most this many sentences.
    max_words : int or None
        At most this many words (white-space separated) in total.  A sentence
        that would overflow is skipped in favour of a shorter one; when no
        sentence fits, the summary is empty.
    ratio : float or None
        At most ``ceil(ratio * n)`` of the article's ``n`` sentences (at least one).
    """

    n_sentences: int | None = 3
    max_words: int | None = None
    ratio: float | None = None

    def __post_init__(self) -> None:
        if self.n_sentences is not None and not (is_integer(self.n_sentences) and self.n_sentences >= 1):
            raise ValueError(f"n_sentences must be a positive integer or None, got {self.n_sentences!r}")
        if self.max_words is not None and not (is_integer(self.max_words) and self.max_words >= 1):
            raise ValueError(f"max_words must be a positive integer or None, got {self.max_words!r}")
        if self.ratio is not None and not (isinstance(self.ratio, numbers.Real) and 0.0 < float(self.ratio) <= 1.0):
            raise ValueError(f"ratio must be in (0, 1] or None, got {self.ratio!r}")
        if self.n_sentences is None and self.max_words is None and self.ratio is None:
            raise ValueError("set at least one of n_sentences, max_words or ratio")

    def max_sentences(self, n_available: int) -> int:
        """Sentence cap for an article with ``n_available`` sentences."""
        cap = n_available
        if self.n_sentences is not None:
            cap = min(cap, int(self.n_sentences))
        if self.ratio is not None:
            cap = min(cap, max(1, math.ceil(self.ratio * n_available)))
        return cap

    def __str__(self) -> str:
        parts = []
        if self.n_sentences is not None:
            parts.append(f"{self.n_sentences} sentences")
        if self.max_words is not None:
            parts.append(f"{self.max_words} words")
        if self.ratio is not None:
            parts.append(f"ratio {self.ratio:g}")
        return ", ".join(parts)


def greedy_select(
    n_words: np.ndarray,
    budget: Budget,
    gain: Callable[[list[int]], np.ndarray],
    *,
    preferred: np.ndarray | None = None,
    stop_when_no_gain: bool = False,
) -> list[int]:
    """Pick sentences one at a time by the largest marginal gain.

    Parameters
    ----------
    n_words : numpy.ndarray
        Words per sentence (for the word budget).
    budget : Budget
        Length limits.  The word budget is strict: a sentence that does not
        fit in the words left is never picked, so the result can be empty.
    gain : callable
        ``gain(selected)`` returns each sentence's value given the indices
        selected so far (e.g. relevance minus redundancy, or ROUGE gain).
    preferred : numpy.ndarray of bool, optional
        Sentences to pick first; the others are picked only once no preferred
        sentence fits (e.g. very short sentences).  Default: all preferred.
    stop_when_no_gain : bool
        After the first pick, stop as soon as the best gain is not positive
        (oracle selection).

    Returns
    -------
    list of int
        Selected indices in document order.  Ties go to the earlier sentence
        (``numpy.argmax`` returns the first maximum), so results are deterministic.
    """
    n = len(n_words)
    available = np.ones(n, dtype=bool)
    cap = budget.max_sentences(n)
    selected: list[int] = []
    words_left = None if budget.max_words is None else int(budget.max_words)
    while len(selected) < cap:
        pool = available if words_left is None else available & (n_words <= words_left)
        if not pool.any():
            break
        gains = gain(selected)
        values = np.where(pool, gains, -np.inf)
        if preferred is not None:
            first_choice = np.where(preferred, values, -np.inf)
            if first_choice.max() > -np.inf:
                values = first_choice
        best = int(np.argmax(values))
        if values[best] == -np.inf:
            break  # everything left is excluded by the gain (e.g. n-gram blocking)
        if stop_when_no_gain and selected and values[best] <= 0:
            break
        selected.append(best)
        available[best] = False
        if words_left is not None:
            words_left -= int(n_words[best])
    return sorted(selected)
