"""Exact and fast ROUGE: the same floats as rouge-score 0.1.2, many times faster.

Every score here is bit-for-bit (``==``) what
``rouge_scorer.RougeScorer(types, use_stemmer=...).score(target, prediction)``
returns for ``"\\n"``-joined sentences, as :func:`eval.rouge.score_summary` does.
The speed comes from three things, none of which changes a single number:

* the Porter stemmer (the hot spot of rouge-score) runs once per distinct word,
  through a memo;
* texts can be tokenised once (:func:`tokenize_sentences`) and scored many times
  (:func:`score_tokens`), which is what tuning loops need;
* LCS lengths are computed bit-parallel (Allison-Dix / Hyyrö) with Python ints,
  one big-int step per token instead of one Python step per DP cell.  The
  ROUGE-Lsum backtrack reads the DP cells it needs from those bit rows, so it
  picks exactly the LCS positions that rouge-score's table backtrack picks.

All precision/recall divisions are ``int / int`` (correctly rounded) and F1 is
computed with rouge-score's expression, operand for operand, so the results
are equal, not just close.

When the optional compiled module was built (``pip install`` does it
wherever a C compiler is found), :func:`score_tokens` counts in
``eval.rouge._kernels`` with the same integer counts, divisions and F
expression, unless :data:`eval.backend.BACKEND` is ``"python"``
(``SUMMARIZE_PURE_PYTHON=1``).  The tests check both against rouge-score.
Tokenising rules are Python only: the word pattern and the memoised Porter
stemmer, applied once per distinct white-space word.  With the kernels,
:func:`score_texts` (what :func:`eval.rouge.score_summary` uses) looks a text's
white-space words up in the compiled word table and counts on token numbers.

The ``unicode`` tokenizer profile (``tokenize(..., tokenizer="unicode")``) keeps
the words of every script; rouge-score gives the same numbers when handed the
same tokenizer (:class:`eval.rouge.UnicodeTokenizer`), which is how
``RougeConfig(engine="rouge-score", tokenizer="unicode")`` scores.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain
from typing import Any

from eval.backend import BACKEND
from eval.rouge.config import DEFAULT_TYPES, Score
from eval.rouge.stemming import WordMemo, porter_stem
from eval.rouge.word_ids import WordIds
from eval.rouge.words import TOKEN

__all__ = [
    "KERNELS",
    "clear_stem_cache",
    "fmeasure",
    "score_texts",
    "score_tokens",
    "tokenize",
    "tokenize_sentences",
]

# rouge-score lower-cases first, then turns every run of characters outside
# [a-z0-9] into a space and splits on white space.  Keeping the maximal
# [a-z0-9] runs of the lower-cased text is the same thing in one pass.  The
# lower-casing must come first: "K" (Kelvin sign) and "İ" lower-case to ASCII.
_WORD = TOKEN
# rouge-score's final filter, applied after stemming (same pattern, same match).
_VALID_TOKEN = re.compile(r"^[a-z0-9]+$")
# rouge-score accepts rouge1..rouge9 only (``re.match(r"rouge[0-9]$")``, n > 0).
_ROUGE_N = re.compile(r"rouge([1-9])")


def _stem(word: str) -> str:
    """rouge-score's per-token rule: Porter-stem words longer than 3 characters, then filter."""
    if len(word) > 3:
        word = porter_stem(word)
    return word if _VALID_TOKEN.match(word) else ""


# word -> token to emit ("" = dropped by the final filter), with and without
# stemming.  Stemming is a pure function of the word, so memoising it cannot
# change any token; without stemming every [a-z0-9]+ word is its own token.
_STEM_MEMO: WordMemo[str] = WordMemo(_stem)
_WORD_MEMO: WordMemo[str] = WordMemo(str)
# Lower-cased white-space word -> its tokens.  No token spans white space, so
# the tokens of a text are those of its white-space words, in order: splitting
# on white space (in C) and looking words up in these memos gives exactly the
# tokens above, and a word seen before costs one dictionary lookup.
_SPLIT_STEM: WordMemo[tuple[str, ...]] = WordMemo(
    lambda word: tuple(filter(None, map(_STEM_MEMO.__getitem__, _WORD.findall(word)))))
_SPLIT_PLAIN: WordMemo[tuple[str, ...]] = WordMemo(lambda word: tuple(_WORD.findall(word)))

#: The compiled counting kernels (see :data:`eval.backend.BACKEND`).
KERNELS = "eval.rouge._kernels"

# score_texts joins lines with a break mark: a white-space word of its own (id 0), never in a token.
_BREAK = "\x01"
_JOIN = f" {_BREAK} "
# Int32 values per white-space word in _TokenRows.rows: 1, n tokens, more than the row holds, token ids.
_STRIDE = 16
_HELD = _STRIDE - 3


class _TokenRows:
    """The rouge-score tokens of each white-space word (lower-cased), as ids, in rows for the compiled gather."""

    def __init__(self, use_stemmer: bool) -> None:
        self._tokens_of = (_SPLIT_STEM if use_stemmer else _SPLIT_PLAIN).__getitem__
        self._memo = _STEM_MEMO if use_stemmer else _WORD_MEMO  # one [a-z0-9]+ word's token
        self._token_of = _stem if use_stemmer else str
        self._token_ids: dict[str, int] = {}
        self.rows = array("i")
        self.first = array("i")  # gather's scratch: -1 per token id
        self.words = WordIds(self._new_words)
        self.words.register([_BREAK])

    def _new_words(self, words: list[str]) -> None:
        token_ids, tokens_of = self._token_ids, self._tokens_of
        memo, known, token_of = self._memo, self._memo.get, self._token_of
        pad = [-1] * _HELD
        rows: list[int] = []
        for word in words:
            if word.isalnum() and word.isascii():  # lower-cased: a single word of the pattern, the word itself
                token = known(word)
                if token is None:  # (the memo's own __missing__, one call less)
                    token = memo[word] = token_of(word)
                ids = [token_ids.setdefault(token, len(token_ids))] if token else []
            else:
                ids = [token_ids.setdefault(t, len(token_ids)) for t in tokens_of(word)] if word != _BREAK else []
            n = len(ids)
            rows += (int(word != _BREAK), n, int(n > _HELD), *(ids + pad[n:] if n <= _HELD else pad))
        self.rows.extend(rows)
        if len(self.first) < len(token_ids):
            self.first.extend([-1] * (2 * len(token_ids) - len(self.first)))


_TOKEN_ROWS: dict[bool, _TokenRows] = {}


def score_texts(summary: Sequence[str], references: Sequence[Sequence[str]], use_stemmer: bool,
                types: Sequence[str] = DEFAULT_TYPES) -> list[dict[str, Score]] | None:
    """``[score_tokens(tokenize_sentences(summary), tokenize_sentences(ref), types) for ref in references]``
    with rouge-score's tokenizer, tokenised and counted in the compiled kernels.

    The summary's and the references' lines (:func:`tokenize_sentences`: the
    ``"\\n"``-joined sentences split on ``"\\n"``, empty lines dropped) are joined
    with a break mark, split and looked up word by word in C
    (:class:`eval.rouge.word_ids.WordIds`; a new word's tokens come from the
    same memos as :func:`tokenize`), and their tokens numbered ``0, 1, ...`` in
    order of first use; the counting kernel compares those numbers as it would
    compare the tokens.  ``None`` when the kernels are not in use or a text
    holds the break mark (then tokenise in Python).
    """
    kernels = BACKEND.kernels(KERNELS)
    if kernels is None:
        return None
    texts = [summary, *references]
    lines = ["\n".join(text).split("\n") if any("\n" in x for x in text) else text for text in texts]
    lines = [[line for line in text if line] for text in lines]
    # A text without lines stands as one empty segment (a break, no word), skipped again below.
    segments = [line for text in lines for line in (text or ("",))]
    joined = _BREAK + " " + _JOIN.join(segments)
    if joined.count(_BREAK) != len(segments):
        return None
    table = _TOKEN_ROWS.get(use_stemmer)
    if table is None:
        table = _TOKEN_ROWS[use_stemmer] = _TokenRows(use_stemmer)
    ids = table.words.text_ids(joined.lower())
    if ids is None:
        return None
    gathered = kernels.gather(ids, table.rows, _STRIDE, 3, table.first)
    if gathered is None:  # a word with more tokens than a row holds
        return None
    sums, cols, _ = gathered
    counts = memoryview(sums).cast("q")[len(sums) // 24:2 * len(sums) // 24].tolist()  # the second row: tokens
    tokens = memoryview(cols).cast("q").tolist()
    sentences, at = [], 0
    for count in counts:
        sentences.append(tokens[at:at + count])
        at += count
    plan = _plan(tuple(types))
    out, k = [], max(len(lines[0]), 1)
    candidate = sentences[:len(lines[0])]
    for text in lines[1:]:
        reference = sentences[k:k + len(text)]
        k += max(len(text), 1)
        triples = kernels.score(candidate, reference, plan.ns, plan.want_l, plan.want_lsum)
        out.append({name: Score(*triples[j]) for name, j in plan.slots})
    return out


def clear_stem_cache() -> None:
    """Empty the stem memos (benchmarks use it for cold-start timings)."""
    _STEM_MEMO.clear()
    _WORD_MEMO.clear()
    _SPLIT_STEM.clear()
    _SPLIT_PLAIN.clear()
    _TOKEN_ROWS.clear()
    from eval.rouge.tokenizers import key_tokenizer

    key_tokenizer.cache_clear()


def tokenize(text: str, use_stemmer: bool, tokenizer: str = "rouge-score") -> list[str]:
    """Tokens of ``text`` for ROUGE.

    ``tokenizer="rouge-score"`` (default): identical to rouge-score's
    ``DefaultTokenizer(use_stemmer).tokenize``.  Lower-case; keep runs of
    ``[a-z0-9]`` (everything else separates, so letters outside ASCII are
    dropped); with stemming, replace each word of more than 3 characters by its
    Porter stem; drop tokens that are not ``^[a-z0-9]+$``.

    ``tokenizer="unicode"``: :func:`eval.rouge.words.unicode_words` (NFKC,
    lower-case, each Chinese/Japanese character a token, other runs of Unicode
    letters and digits a token); with stemming, ASCII words of more than 3
    characters are Porter-stemmed, other words are kept as they are.

    Parameters
    ----------
    text : str
        Any text.
    use_stemmer : bool
        Porter stemming (nltk, default mode) of words longer than 3 characters.
    tokenizer : str
        A tokenizer key (:func:`eval.rouge.tokenizers.tokenizer_key`): ``"rouge-score"``,
        ``"unicode"``, ``"unicode:fr"``, ``"words:zh"``, ...

    Returns
    -------
    list of str
    """
    if tokenizer != "rouge-score":
        return _tokenize_unicode(text, use_stemmer, tokenizer)
    memo = _SPLIT_STEM if use_stemmer else _SPLIT_PLAIN
    return list(chain.from_iterable(map(memo.__getitem__, text.lower().split())))


def _tokenize_unicode(text: str, use_stemmer: bool, tokenizer: str) -> list[str]:
    from eval.rouge.tokenizers import key_tokenizer

    return key_tokenizer(tokenizer, use_stemmer)(text)


def tokenize_sentences(sentences: Sequence[str], use_stemmer: bool, tokenizer: str = "rouge-score") -> list[list[str]]:
    """Tokenised sentences as rouge-score sees them for ROUGE-Lsum.

    :func:`eval.rouge.score_summary` joins sentences with ``"\\n"`` and
    rouge-score splits that text on ``"\\n"`` again, dropping empty lines.
    Doing the same here means a sentence that contains a newline counts as
    several sentences, exactly as in rouge-score.  Concatenating the result
    gives the token sequence used for ROUGE-N and ROUGE-L (``"\\n"`` separates
    tokens anyway).

    Parameters
    ----------
    sentences : sequence of str
    use_stemmer : bool
    tokenizer : str
        A tokenizer key (see :func:`tokenize`).

    Returns
    -------
    list of list of str
        One token list per non-empty line (possibly empty, e.g. for ``"..."``).
    """
    lines = "\n".join(sentences).split("\n")
    if tokenizer != "rouge-score":
        return [tokenize(line, use_stemmer, tokenizer) for line in lines if line]
    get = (_SPLIT_STEM if use_stemmer else _SPLIT_PLAIN).__getitem__
    return [list(chain.from_iterable(map(get, line.lower().split()))) for line in lines if line]


def fmeasure(precision: float, recall: float) -> float:
    """F1 as rouge-score computes it: ``2 * P * R / (P + R)``, or 0.0 when ``P + R == 0``.

    Evaluated left to right, ``((2 * P) * R) / (P + R)``, as in ``rouge_score.scoring``.
    """
    if precision + recall > 0:
        return 2 * precision * recall / (precision + recall)
    return 0.0


def _ngram_score(target: list[str], prediction: list[str], n: int) -> Score:
    """ROUGE-N over whole token sequences (n-grams may span sentence boundaries).

    ``P = |C ∩ T| / max(#C, 1)``, ``R = |C ∩ T| / max(#T, 1)``, with multiset
    intersection of the n-gram counts and ``#X = max(len(X) - n + 1, 0)``.
    """
    t_grams: Counter[Any]
    p_grams: Counter[Any]
    if n == 1:
        t_grams, p_grams = Counter(target), Counter(prediction)
    else:
        t_grams = Counter(zip(*[target[k:] for k in range(n)]))
        p_grams = Counter(zip(*[prediction[k:] for k in range(n)]))
    # Iterate over the smaller counter; the integer sum does not depend on order.
    small, large = (t_grams, p_grams) if len(t_grams) <= len(p_grams) else (p_grams, t_grams)
    overlap = 0
    for gram, count in small.items():
        other = large.get(gram)
        if other:
            overlap += count if count < other else other
    precision = overlap / max(len(prediction) - n + 1, 1)
    recall = overlap / max(len(target) - n + 1, 1)
    return Score(precision, recall, fmeasure(precision, recall))


def _match_masks(tokens: Sequence[str]) -> dict[str, int]:
    """Token -> int whose bit ``j`` is set where ``tokens[j]`` is that token."""
    masks: dict[str, int] = {}
    for j, token in enumerate(tokens):
        masks[token] = masks.get(token, 0) | (1 << j)
    return masks


def _lcs_length(a: Sequence[str], b: Sequence[str]) -> int:
    """LCS length, bit-parallel over ``b`` (Allison-Dix / Hyyrö).

    Row vector ``V`` has bit ``j`` clear iff ``L[i][j+1] = L[i][j] + 1``; per
    token of ``a``: ``U = V & M[a_i]``, ``V = (V + U) | (V - U)``.  The LCS length
    is the number of clear bits among the low ``len(b)`` bits of the last row.
    """
    if len(a) > len(b):
        a, b = b, a  # fewer big-int steps, each on a wider int: cheaper in Python
    masks = _match_masks(b)
    full = (1 << len(b)) - 1
    v = full
    get = masks.get
    for token in a:
        m = get(token)
        if m:
            u = v & m
            v = ((v + u) | (v - u)) & full
    return len(b) - v.bit_count()


def _lcs_score(target: list[str], prediction: list[str]) -> Score:
    """ROUGE-L: ``P = LCS / #C``, ``R = LCS / #T``; all zero if either side has no token."""
    if not target or not prediction:
        return Score(0.0, 0.0, 0.0)  # rouge-score returns int 0 here; 0 == 0.0
    lcs = _lcs_length(target, prediction)
    precision = lcs / len(prediction)
    recall = lcs / len(target)
    return Score(precision, recall, fmeasure(precision, recall))


def _add_lcs_positions(ref: Sequence[str], cand: Sequence[str], masks: dict[str, int], union: set[int]) -> None:
    """Add to ``union`` the positions in ``ref`` of the LCS that rouge-score's ``lcs_ind`` returns.

    rouge-score fills ``L[i][j]`` (``i`` over ``ref``, ``j`` over ``cand``) and
    backtracks from ``(len(ref), len(cand))``: diagonal on equal tokens, else
    left if ``L[i][j-1] > L[i-1][j]``, else up.  We keep only the bit rows
    ``V_i`` (see :func:`_lcs_length`) and read
    ``L[i][j] = j - popcount(V_i & (2**j - 1))``.  Off a match,
    ``L[i][j] = max(L[i][j-1], L[i-1][j])``, so the rule is "up iff
    ``L[i-1][j] == L[i][j]``".  Once it goes left, ``L[i-1][.] < L[i][j]`` in
    every cell further left, so it keeps going left up to the nearest
    ``j' <= j`` with ``cand[j'-1] == ref[i-1]``: we jump there in one step.  The
    walk stops at ``L[i][j] == 0``: no equal pair is left, so rouge-score's
    remaining steps add no position.
    """
    full = (1 << len(cand)) - 1
    rows = [full]
    v = full
    get = masks.get
    for token in ref:
        m = get(token)
        if m:
            u = v & m
            v = ((v + u) | (v - u)) & full
        rows.append(v)
    i, j = len(ref), len(cand)
    value = j - v.bit_count()  # L[i][j]
    while value:
        token = ref[i - 1]
        if token != cand[j - 1]:
            if j - (rows[i - 1] & ((1 << j) - 1)).bit_count() == value:
                i -= 1  # up: L[i-1][j] == L[i][j]
                continue
            j = (masks[token] & ((1 << j) - 1)).bit_length()  # left, to the nearest match
        i -= 1
        j -= 1
        value -= 1
        union.add(i)


def _lsum_score(target_sents: Sequence[Sequence[str]], prediction_sents: Sequence[Sequence[str]]) -> Score:
    """ROUGE-Lsum: rouge-score's ``_summary_level_lcs`` (union LCS, ROUGE 1.5.5 hit counting).

    For each reference sentence ``r``, the union ``U_r`` of the positions of one
    LCS of ``r`` with every candidate sentence; a token ``t`` then scores
    ``hits_t = min(sum_r #{t in U_r}, count_C(t), count_T(t))`` -- rouge-score's
    decrementing counters give exactly this, whatever the order.
    ``P = hits / #C``, ``R = hits / #T``; all zero if either side has no token.
    """
    m = sum(map(len, target_sents))
    n = sum(map(len, prediction_sents))
    if not m or not n:
        return Score(0.0, 0.0, 0.0)
    cands = [(cand, _match_masks(cand)) for cand in prediction_sents if cand]
    union_tokens: list[str] = []
    for ref in target_sents:
        union: set[int] = set()
        for cand, masks in cands:
            _add_lcs_positions(ref, cand, masks, union)
        union_tokens.extend([ref[k] for k in union])
    cand_counts = Counter(t for c in prediction_sents for t in c)
    hits = 0
    for token, count in Counter(union_tokens).items():
        # count <= count_T(token) always (distinct positions), so two terms suffice.
        available = cand_counts[token]
        hits += count if count < available else available
    recall = hits / m
    precision = hits / n
    return Score(precision, recall, fmeasure(precision, recall))


def score_tokens(
    candidate_sentences: Sequence[Sequence[str]],
    reference_sentences: Sequence[Sequence[str]],
    types: Sequence[str] = DEFAULT_TYPES,
) -> dict[str, Score]:
    """Score one tokenised candidate against one tokenised reference.

    Parameters
    ----------
    candidate_sentences, reference_sentences : sequence of sequence of str
        Token lists per sentence, as :func:`tokenize_sentences` returns them
        (sentence boundaries matter only to ROUGE-Lsum).
    types : sequence of str
        ``rouge1`` .. ``rouge9``, ``rougeL``, ``rougeLsum``.

    Returns
    -------
    dict of str to Score
        Equal (``==``) to rouge-score's scores for the ``"\\n"``-joined texts.

    Raises
    ------
    ValueError
        For a type rouge-score does not accept.
    """
    plan = _plan(tuple(types))
    kernels = BACKEND.kernels(KERNELS)
    if kernels is not None:
        triples = kernels.score(candidate_sentences, reference_sentences, plan.ns, plan.want_l, plan.want_lsum)
        return {name: Score(*triples[k]) for name, k in plan.slots}
    candidate = [t for s in candidate_sentences for t in s]
    reference = [t for s in reference_sentences for t in s]
    result: dict[str, Score] = {}
    for name in types:
        if name == "rougeLsum":
            result[name] = _lsum_score(reference_sentences, candidate_sentences)
        elif name == "rougeL":
            result[name] = _lcs_score(reference, candidate)
        else:
            result[name] = _ngram_score(reference, candidate, int(name[5:]))
    return result


class _Plan:
    """What :func:`score_tokens` computes for a tuple of types, checked once."""

    __slots__ = ("ns", "want_l", "want_lsum", "slots")

    def __init__(self, types: tuple[str, ...]) -> None:
        for name in types:
            if name not in ("rougeL", "rougeLsum") and not _ROUGE_N.fullmatch(name):
                raise ValueError(f"invalid ROUGE type {name!r}: use rouge1..rouge9, rougeL or rougeLsum")
        ns = [int(name[5:]) for name in types if _ROUGE_N.fullmatch(name)]
        self.ns = tuple(ns)
        self.want_l = "rougeL" in types
        self.want_lsum = "rougeLsum" in types
        # Position of each type's triple in the compiled kernel's output: the
        # n-gram orders in order, then ROUGE-L, then ROUGE-Lsum.
        position = {"rougeL": len(ns), "rougeLsum": len(ns) + self.want_l}
        order = iter(range(len(ns)))
        self.slots = tuple((name, position[name] if name in position else next(order)) for name in types)


@lru_cache(maxsize=64)
def _plan(types: tuple[str, ...]) -> _Plan:
    return _Plan(types)
