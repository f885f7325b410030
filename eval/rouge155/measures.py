"""ROUGE-1.5.5's measures for one summary (the peer) against its references (the models).

Counting rules, as the script has them:

* **ROUGE-N**: clipped n-gram hits, ``sum_g min(peer(g), model(g))``; a text of
  ``k`` words has ``k - n + 1`` n-grams.
* **ROUGE-S/SU** (``-2 d``): word pairs ``(t_i, t_j)`` with ``i < j <= i + d + 1``
  (any ``j`` when ``d < 0``); SU adds the unigrams ``t_i`` for every word but
  the last.
* **ROUGE-L**: for each reference sentence, the union of its longest common
  subsequences with every summary sentence (ties broken as the script's
  back-trace does), each hit clipped by the unigram counts left in both texts;
  recall's base is the reference's words, precision's the summary's.
* **ROUGE-W** (``-w w``): the same with weighted LCS: a run of ``k``
  consecutive hits scores ``k^w``; the base of a reference is
  ``(sum_s len(s)^w)^w`` (the script weights it twice) and the summary's
  ``len^w``; R and P are ``(hits / base)^(1/w)``.
* **Several references**: ``-f A`` adds the hits and both bases over the
  references (the summary's base once per reference); ``-f B`` keeps the
  reference with the best recall (the first of equal ones).

R and P are rounded to five decimals (the script keeps ``sprintf("%7.5f")``
strings) and ``F = P R / ((1 - alpha) P + alpha R)`` is computed from the
rounded values, then rounded.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from eval.backend import BACKEND
from eval.rouge155.flags import Rouge155Config
from eval.rouge155.text import lcs_sentences, lines_of, ngram_text, tokens

__all__ = ["Prepared", "Rouge155Score", "prepare", "score_prepared"]


@dataclass(frozen=True)
class Rouge155Score:
    """Recall, precision and F of one measure for one summary, as the script prints them (5 decimals)."""

    recall: float
    precision: float
    fmeasure: float


@dataclass(frozen=True)
class Prepared:
    """One text as the script reads it: the words of ``readText`` and the sentences of ``readText_LCS``."""

    words: tuple[str, ...]
    sentences: tuple[tuple[str, ...], ...]
    unigrams: Counter[str]
    #: Counts already made of this text (a reference is scored against many summaries).
    grams: dict[tuple[int, int], Any] = field(default_factory=dict, compare=False)
    #: The sentences as token ids (:data:`_VOCABULARY`) and their end offsets, for the compiled kernel.
    ids: tuple[bytes, bytes] | None = field(default=None, compare=False)


# Token ids shared by every text, so that a reference's ids are made once and match any summary's.
_VOCABULARY: dict[str, int] = {}


def _ids(text: Prepared) -> tuple[bytes, bytes]:
    ids = text.ids
    if ids is None:
        vocabulary = _VOCABULARY
        tokens_ = array("i", [vocabulary.setdefault(w, len(vocabulary)) for s in text.sentences for w in s])
        ends = array("q")
        total = 0
        for sentence in text.sentences:
            total += len(sentence)
            ends.append(total)
        ids = (tokens_.tobytes(), ends.tobytes())
        object.__setattr__(text, "ids", ids)  # a cache on a frozen record
    return ids


def prepare(sentences: Sequence[str], config: Rouge155Config) -> Prepared:
    """Read ``sentences`` (one per line) under ``config``'s limits, stemming and stop words."""
    lines = lines_of(sentences)
    words = tuple(tokens(ngram_text(lines, config.word_limit, config.byte_limit), config.stem, config.stopwords))
    lcs: tuple[tuple[str, ...], ...] = ()
    if config.lcs or config.wlcs_weight is not None:
        lcs = tuple(tuple(tokens(s, config.stem, config.stopwords))
                    for s in lcs_sentences(lines, config.word_limit, config.byte_limit))
    return Prepared(words, lcs, Counter(words))


def _round5(value: float) -> float:
    return float(f"{value:.5f}")


def _rpf(hit: float, model_count: float, peer_count: float, alpha: float,
         inverse: float | None = None) -> Rouge155Score:
    """The script's rounded R, P and F from the pooled counts (``inverse``: ROUGE-W's 1/w power)."""
    def ratio(count: float) -> float:
        if count == 0:
            return 0.0
        value = hit / count
        return _round5(value ** inverse if inverse is not None else value)

    recall, precision = ratio(model_count), ratio(peer_count)
    denominator = (1 - alpha) * precision + alpha * recall
    fmeasure = _round5(precision * recall / denominator) if denominator > 0 else 0.0
    return Rouge155Score(recall, precision, fmeasure)


def _ngrams(words: Sequence[str], n: int) -> Counter[Any]:
    """N-gram counts; a unigram is the word itself (hashing a string is cheaper than a 1-tuple)."""
    return Counter(words) if n == 1 else Counter(zip(*[words[k:] for k in range(n)]))


_PAIR = 1 << 31  # skip-bigram code: first * _PAIR + second (token ids < 2^31)


def _word_ids(text: Prepared) -> np.ndarray:
    ids = text.grams.get((-1, 0))
    if ids is None:
        vocabulary = _VOCABULARY
        ids = text.grams[(-1, 0)] = np.array([vocabulary.setdefault(w, len(vocabulary)) for w in text.words],
                                             dtype=np.int64)
    return ids


@lru_cache(maxsize=512)
def _pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i, j), i < j < n, in the script's order."""
    return np.triu_indices(n, 1)


def _skip_codes(text: Prepared, distance: int) -> np.ndarray:
    """The skip bigrams of a text as sorted codes (repeats kept), made once per text."""
    key = (1, distance)
    codes = text.grams.get(key)
    if codes is None:
        ids = _word_ids(text)
        n = len(ids)
        if distance < 0 or distance + 1 >= n:
            first, second = _pairs(n)
            codes = ids[first] * _PAIR + ids[second]
        else:  # pairs (t_i, t_j) with 0 < j - i <= distance + 1
            codes = np.concatenate([ids[:-gap] * _PAIR + ids[gap:] for gap in range(1, distance + 2)])
        codes.sort()
        text.grams[key] = codes
    return codes


def _ngram_counts(text: Prepared, n: int) -> Counter[Any]:
    """ROUGE-N's n-grams (``n`` > 0), or with ``n = 0`` the unigrams that ROUGE-SU adds (all words but the
    last), made once per text."""
    key = (0, n)
    grams = text.grams.get(key)
    if grams is None:
        grams = text.grams[key] = _ngrams(text.words, n) if n else Counter(text.words[:-1])
    return grams


def _clipped_hits(model: Counter[Any], peer: Counter[Any]) -> int:
    return sum([min(peer[g], model[g]) for g in peer.keys() & model.keys()])


def _sorted_hits(model: np.ndarray, peer: np.ndarray, peer_rank: np.ndarray) -> int:
    """Clipped hits ``sum_g min(peer(g), model(g))`` of two sorted code arrays: the k-th copy of a code in the
    summary (``peer_rank`` = k, from 0) is a hit when the reference has more than k copies."""
    in_model = np.searchsorted(model, peer, "right") - np.searchsorted(model, peer, "left")
    return int(np.count_nonzero(peer_rank < in_model))


def _pool(hits: Sequence[int], model_counts: Sequence[int], peer_count: int, mode: str, alpha: float
          ) -> Rouge155Score:
    """Clipped hits pooled over the references (A), or those of the reference with the best rounded recall (B)."""
    if mode == "B":
        best = -1.0
        total_hit = total_model = total_peer = 0
        for hit, model_count in zip(hits, model_counts, strict=True):
            score = _round5(hit / model_count) if model_count else 0.0
            if score > best:
                best, total_hit, total_model, total_peer = score, hit, model_count, peer_count
        return _rpf(total_hit, total_model, total_peer, alpha)
    return _rpf(sum(hits), sum(model_counts), peer_count * len(hits), alpha)


def _mark_lcs(model: Sequence[str], peer: Sequence[str], mask: list[int]) -> None:
    """Mark in ``mask`` the model positions of the script's LCS back-trace of ``model`` and ``peer``."""
    n = len(peer)
    rows = [[0] * (n + 1)]
    prev = rows[0]
    for a in model:
        cur = [0] * (n + 1)
        left = 0
        for j in range(n):
            if a == peer[j]:
                left = prev[j] + 1
            else:
                up = prev[j + 1]
                if up >= left:
                    left = up
            cur[j + 1] = left
        rows.append(cur)
        prev = cur
    _trace_back(model, peer, rows, mask)


def _trace_back(model: Sequence[str], peer: Sequence[str], rows: Sequence[Sequence[float]], mask: list[int]) -> None:
    """Mark in ``mask`` the model tokens on the table's back-trace (the script's tie rule: up before left)."""
    i, j = len(model), len(peer)
    while i and j:
        if model[i - 1] == peer[j - 1]:
            i -= 1
            j -= 1
            mask[i] = 1
        elif rows[i - 1][j] >= rows[i][j - 1]:
            i -= 1
        else:
            j -= 1


def _mark_wlcs(model: Sequence[str], peer: Sequence[str], mask: list[int], powers: list[float]) -> None:
    """As :func:`_mark_lcs` for the weighted LCS table (``powers[k] = k ** w``)."""
    n = len(peer)
    rows = [[0.0] * (n + 1)]
    prev = rows[0]
    prev_run = [0] * (n + 1)
    for a in model:
        cur = [0.0] * (n + 1)
        run = [0] * (n + 1)
        for j in range(n):
            if a == peer[j]:
                k = prev_run[j]
                # The script's order of operations: c + (k+1)^w - k^w, left to right.
                cur[j + 1] = prev[j] + powers[k + 1] - powers[k]
                run[j + 1] = k + 1
            else:
                up = prev[j + 1]
                left = cur[j]
                cur[j + 1] = up if up >= left else left
        rows.append(cur)
        prev, prev_run = cur, run
    _trace_back(model, peer, rows, mask)


def _union_masks(model: Prepared, peer: Prepared, weighted: bool, powers: list[float],
                 weight: float = 0.0) -> list[list[int]] | list[bytearray]:
    kernels = BACKEND.kernels("eval.rouge155._kernels")
    if kernels is not None:
        model_ids, model_ends = _ids(model)
        peer_ids, peer_ends = _ids(peer)
        flat = kernels.marks(model_ids, model_ends, peer_ids, peer_ends, weight if weighted else 0.0)
        out = []
        start = 0
        for sentence in model.sentences:
            out.append(flat[start:start + len(sentence)])
            start += len(sentence)
        return out
    peer_sets = [set(s) for s in peer.sentences]
    masks = []
    for sentence in model.sentences:
        mask = [0] * len(sentence)
        if sentence:
            words = set(sentence)
            for peer_sentence, peer_set in zip(peer.sentences, peer_sets, strict=True):
                if words.isdisjoint(peer_set):
                    continue  # no common word: the back-trace marks nothing
                if weighted:
                    _mark_wlcs(sentence, peer_sentence, mask, powers)
                else:
                    _mark_lcs(sentence, peer_sentence, mask)
        masks.append(mask)
    return masks


def _lcs_score(models: Sequence[Prepared], peer: Prepared, config: Rouge155Config, weighted: bool,
               masks: Sequence[Sequence[Sequence[int]]]) -> Rouge155Score:
    """ROUGE-L (``weighted=False``) or ROUGE-W from the references' LCS masks."""
    w = config.weight
    total_hit = total_model = total_peer = 0.0
    best = -1.0
    peer_count = len(peer.words)
    for model, model_masks in zip(models, masks, strict=True):
        model_left = Counter(model.unigrams)
        peer_left = Counter(peer.unigrams)
        hit = 0.0
        base = 0.0
        for sentence, mask in zip(model.sentences, model_masks, strict=True):
            base += len(sentence) ** w if weighted else len(sentence)
            run = 0
            last = len(sentence) - 1
            for j, word in enumerate(sentence):
                if mask[j] and model_left[word] > 0 and peer_left[word] > 0:
                    if weighted:
                        run += 1
                        if (j < last and not mask[j + 1]) or j == last:
                            hit += run ** w
                            run = 0
                    else:
                        hit += 1
                    model_left[word] -= 1
                    peer_left[word] -= 1
        if weighted:
            model_base, peer_base = base ** w, peer_count ** w
        else:
            model_base, peer_base = base, float(peer_count)
        if config.mode == "B":
            # The script's per-reference score is not rounded; for ROUGE-W a reference without words would
            # divide by zero (the script stops); it scores 0 here.
            score = (hit / base) ** (1 / w if weighted else 1) if base else 0.0
            if score > best:
                best, total_hit, total_model, total_peer = score, hit, model_base, peer_base
        else:
            total_hit += hit
            total_model += model_base
            total_peer += peer_base
    return _rpf(total_hit, total_model, total_peer, config.alpha, 1 / w if weighted else None)


def score_prepared(peer: Prepared, models: Sequence[Prepared], config: Rouge155Config
                   ) -> dict[str, Rouge155Score]:
    """Every measure of ``config`` for ``peer`` against ``models``, keyed as the script names them."""
    out: dict[str, Rouge155Score] = {}
    names = iter(config.measures())
    mode, alpha = config.mode, config.alpha
    for n in range(1, config.ngram + 1):
        peer_grams = _ngrams(peer.words, n)
        model_grams = [_ngram_counts(m, n) for m in models]
        out[next(names)] = _pool([_clipped_hits(g, peer_grams) for g in model_grams],
                                 [max(len(m.words) - n + 1, 0) for m in models], max(len(peer.words) - n + 1, 0),
                                 mode, alpha)
    if config.lcs:
        masks = [_union_masks(m, peer, False, []) for m in models]
        out[next(names)] = _lcs_score(models, peer, config, False, masks)
    if config.wlcs_weight is not None:
        w = config.weight
        longest = max([len(s) for m in models for s in m.sentences] + [1])
        powers = [float(i) ** w for i in range(longest + 2)]
        masks = [_union_masks(m, peer, True, powers, w) for m in models]
        out[next(names)] = _lcs_score(models, peer, config, True, masks)
    if config.skip_distance is not None:
        d = config.distance
        peer_codes = _skip_codes(peer, d)
        peer_rank = np.arange(len(peer_codes)) - np.searchsorted(peer_codes, peer_codes, "left")
        model_codes = [_skip_codes(m, d) for m in models]
        hits = [_sorted_hits(c, peer_codes, peer_rank) for c in model_codes]
        counts = [len(c) for c in model_codes]
        if not config.unigrams:
            out[next(names)] = _pool(hits, counts, len(peer_codes), mode, alpha)
        if config.unigrams or config.both_skip:
            # SU: the same pairs plus every word but the last as a unigram (codes of their own, so the hits add)
            peer_unigrams = Counter(peer.words[:-1])
            hits = [h + _clipped_hits(_ngram_counts(m, 0), peer_unigrams) for h, m in zip(hits, models, strict=True)]
            counts = [c + max(len(m.words) - 1, 0) for c, m in zip(counts, models, strict=True)]
            out[next(names)] = _pool(hits, counts, len(peer_codes) + max(len(peer.words) - 1, 0), mode, alpha)
    return out
