"""Supervised sentence scoring: a logistic regression over TF-IDF-derived features.

The model is shipped as plain numbers in a JSON file (never a pickle) and is
reproduced by ``bench/train_learned.py`` from greedy-oracle labels of the dev
part of the CNN/DailyMail test split.  :func:`sentence_features` is the one
feature function used both to train and to score, so they cannot drift apart.

For sentence ``i`` with standardised features ``z_i = (f_i - mean) / scale``
the relevance is ``r_i = sigmoid(w . z_i + b)``.
"""

from __future__ import annotations

import json
import operator
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from eval.backend import BACKEND
from eval.json_records import parse_record
from summarize.models.files import read_option_file
from summarize.text.analyzer import WordValues

__all__ = ["FEATURES", "DEFAULT_MODEL", "LinearModel", "SURFACE_WORD_VALUES", "SurfaceFlags", "centrality_of",
           "load_model", "log1p_table", "sentence_features", "has_said", "sentence_flags", "surface_flags",
           "surface_flags_from_words"]

#: The compiled kernels (see :data:`eval.backend.BACKEND`).
KERNELS = "summarize.models._kernels"

#: Name of the model shipped in ``summarize/models``.
DEFAULT_MODEL = "lr-cnndm-dev-v2"

#: Feature names, in column order.
FEATURES = (
    "inv_position",        # 1 / (1 + i)
    "rel_position",        # i / n
    "is_first", "is_second", "is_third", "in_first_five",
    "log_words",           # ln(1 + words)
    "is_short",            # words < 8
    "is_long",             # words > 40
    "centrality_norm",     # centrality / max centrality
    "centroid_norm",       # centroid cosine / max
    "centrality",          # mean_{j != i} cos(x_i, x_j)
    "centroid",            # cos(x_i, d)
    "sim_first",           # cos(x_i, x_0)
    "has_quote",
    "has_said",            # said / says / told
    "alnum_ratio",         # letters and digits / characters
    "log_terms",           # ln(1 + content terms)
    "log_sentences",       # ln(n)
    "sim_earlier",         # max_{j < i} cos(x_i, x_j)
    "sim_later",           # max_{j > i} cos(x_i, x_j)
    "sim_lead3",           # max_{j < 3, j != i} cos(x_i, x_j)
    "is_4th", "is_5th", "is_6th", "is_7th", "is_8th", "is_9th", "is_10th",
    "log_words_sq",        # ln(1 + words)^2
    "inv_position_x_centrality",  # 1 / (1 + i) * centrality_norm
)

_QUOTE = re.compile(r"``|''|\"|“|”|^'|' ")
# str.isalnum() per character, as one regex substitution: drop everything that is not a letter or digit.
_NOT_ALNUM = re.compile(r"[\W_]")
_SAID = re.compile(r"\b(?:said|says|told)\b", re.IGNORECASE)
# The lower-cased ASCII letters-and-digits words that _SAID matches whole (inside such a word \b never holds).
_SAID_WORDS = frozenset(("said", "says", "told"))
# The ASCII characters _NOT_ALNUM matches (everything but [A-Za-z0-9]), for bytes.translate.
_ASCII_NOT_ALNUM = bytes(c for c in range(128) if _NOT_ALNUM.match(chr(c)))
# _SAID's words.  The only characters that match one of their letters under IGNORECASE but
# do not lower-case to it are these (the tests check every character); İ is also the only
# character that lower-cases to two.
_SAY_WORDS = (b"said", b"says", b"told")
_SAY_ODD = ("ſ", "ı", "İ")
# 1 for the ASCII codes of letters and digits.
_ASCII_ALNUM = np.array([0 if c in _ASCII_NOT_ALNUM or c >= 128 else 1 for c in range(256)], dtype=np.uint8)


@dataclass(frozen=True)
class SurfaceFlags:
    """Per-sentence facts read from the raw text (computed once per article)."""

    has_quote: np.ndarray
    has_said: np.ndarray
    alnum_ratio: np.ndarray


def surface_flags(sentences: tuple[str, ...] | list[str]) -> SurfaceFlags:
    """Quote, reported-speech and alphanumeric-share features of each sentence.

    ``has_quote``: ``_QUOTE`` matches; ``has_said``: ``said``/``says``/``told``
    as a whole word, any case; ``alnum_ratio``: letters and digits (``[^\\W_]``)
    over characters (see :func:`sentence_flags`).

    The sentences are joined by ``"\\n"`` and searched once (no match can cross a
    line break), each match counting for the sentence it is in; sentences that
    hold a line break themselves go one by one.
    """
    n = len(sentences)
    text = "\n".join(sentences)
    if text.count("\n") != max(n - 1, 0):
        return _flags_one_by_one(sentences)
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=n)
    ends = np.cumsum(lengths + 1) - 1  # position of the break after each sentence
    starts = ends - lengths
    codes = _code_units(text)
    if codes is None:  # characters outside the Basic Multilingual Plane
        has_quote = np.fromiter((_QUOTE.search(x) is not None for x in sentences), dtype=np.float64, count=n)
        alnum = np.fromiter((len(_NOT_ALNUM.sub("", x)) for x in sentences), dtype=np.int64, count=n)
    else:
        # Per character: a letter or digit; where a match of _QUOTE starts (but "^'").
        table = _ASCII_ALNUM if codes.dtype == np.uint8 else _bmp_alnum()
        alnum = _per_sentence(table[codes], starts, ends)
        quote = codes == 34  # '"'
        if codes.dtype != np.uint8:
            quote |= (codes == 0x201C) | (codes == 0x201D)  # “ ”
        first, second = codes[:-1], codes[1:]
        quote[:-1] |= ((first == 96) & (second == 96)) | ((first == 39) & ((second == 39) | (second == 32)))  # `` '' '
        has_quote = (_per_sentence(quote, starts, ends) > 0).astype(np.float64)
        if len(codes):
            # "^'": a sentence that starts with a quote (an empty sentence starts at the break after it, or
            # at the end: then the break before it is read)
            has_quote[codes[np.minimum(starts, len(codes) - 1)] == 39] = 1.0
    return SurfaceFlags(has_quote=has_quote, has_said=_marked(_said_positions(text), ends, n),
                        alnum_ratio=alnum / np.maximum(lengths, 1))


def _surface_word_values(word: str) -> tuple[int, int, int, int]:
    """``(said, quote mark, ends with a quote, letters and digits)`` of one white-space word.

    The word is lower-cased (see :data:`SURFACE_WORD_VALUES`): an ASCII match of
    ``_SAID`` holds ``said``, ``says`` or ``told`` as they are.
    ``said``: ``_SAID`` matches; ``quote mark``: ``_QUOTE`` matches but for its
    ``' `` and ``^'`` (every other match of ``_QUOTE`` in a sentence is within a
    word); ``ends with a quote``: ``'`` is the word's last character (``' `` can
    match after it) and ``''`` is not (a quote mark); letters and digits as ``[^\\W_]``.
    """
    if word.isalnum() and word.isascii():  # most words: no quote, every character counts, \b only at the ends
        return (int(word in _SAID_WORDS), 0, 0, len(word))
    if word.isascii():  # the shortcuts of sentence_flags
        said = ("said" in word or "says" in word or "told" in word) and _SAID.search(word) is not None
        alnum = len(word.encode("ascii").translate(None, _ASCII_NOT_ALNUM))
    else:
        said, alnum = _SAID.search(word) is not None, len(_NOT_ALNUM.sub("", word))
    return (int(said), int('"' in word or "``" in word or "''" in word or "“" in word or "”" in word),
            int(word[-1:] == "'" and word[-2:] != "''"), alnum)


#: The analyser's per-word values behind :func:`surface_flags_from_words`.  Lower-casing a
#: character keeps each of them but for İ, which lower-cases to two characters, the second
#: not a letter (so "İsaid" has no match of _SAID, "i̇said" has one); the tests check every
#: character.  No match of _SAID or _QUOTE but "' " holds white space, and \b holds next to it.
SURFACE_WORD_VALUES = WordValues(_surface_word_values, 4, unless="\u0130")

_STARTS_WITH_QUOTE = operator.methodcaller("startswith", "'")


def surface_flags_from_words(sentences: tuple[str, ...] | list[str], sums: np.ndarray) -> SurfaceFlags:
    """:func:`surface_flags` from the per-sentence sums of :data:`SURFACE_WORD_VALUES` (``Analysis.value_sums``).

    ``_QUOTE``'s ``^'`` is a test of each sentence's start, and its ``' `` a
    search in the sentences that have a word ending with a quote but no other match.
    """
    said, quote, ends, alnum = sums
    n = len(sentences)
    has_quote = (quote > 0) | np.fromiter(map(_STARTS_WITH_QUOTE, sentences), dtype=bool, count=n)
    for k in np.flatnonzero(ends > has_quote).tolist():  # a word ends with a quote, no match yet
        if "' " in sentences[k]:
            has_quote[k] = True
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=n)
    return SurfaceFlags(has_quote=has_quote.astype(np.float64), has_said=(said > 0).astype(np.float64),
                        alnum_ratio=alnum / np.maximum(lengths, 1))


def _code_units(text: str) -> np.ndarray | None:
    """The code of each character of ``text`` (``uint8`` for ASCII text, else ``uint16``), ``None`` when
    some character is outside the Basic Multilingual Plane."""
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    units = text.encode("utf-16-le", "surrogatepass")
    return np.frombuffer(units, dtype="<u2") if len(units) == 2 * len(text) else None


def _per_sentence(values: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sum of ``values[start:end]`` for each sentence."""
    running = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(values, dtype=np.int64, out=running[1:])
    return running[ends] - running[starts]


def _marked(positions: list[int], ends: np.ndarray, n: int) -> np.ndarray:
    """1.0 for each sentence that holds one of ``positions`` (of the joined text), else 0.0."""
    out = np.zeros(n)
    if positions:
        out[np.searchsorted(ends, positions)] = 1.0
    return out


def _find_all(text: bytes, needle: bytes, found: list[int]) -> None:
    """Append the start of every occurrence of ``needle`` in ``text`` to ``found``."""
    at = text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)


def _said_positions(text: str) -> list[int]:
    """Starts of the matches of ``_SAID`` in ``text`` (positions of matches that overlap one may be missing)."""
    if not text.isascii() and any(odd in text for odd in _SAY_ODD):
        return [match.start() for match in _SAID.finditer(text)]
    # Any other match has its word in the ASCII characters lower-cased (others become "?", one
    # byte per character): find the words there, and let _SAID decide at each.
    lowered = text.encode("ascii", "replace").lower()
    found: list[int] = []
    for word in _SAY_WORDS:
        if word in lowered:
            _find_all(lowered, word, found)
    return [at for at in found if _SAID.match(text, at) is not None]


@lru_cache(maxsize=1)
def _bmp_alnum() -> np.ndarray:
    """1 for the code points ``0 .. 0xFFFF`` that are letters or digits (``str.isalnum()``), else 0."""
    return np.frombuffer(bytes(chr(c).isalnum() for c in range(0x10000)), dtype=np.uint8)


def _flags_one_by_one(sentences: tuple[str, ...] | list[str]) -> SurfaceFlags:
    n = len(sentences)
    has_quote, has_said, alnum_ratio = np.zeros(n), np.zeros(n), np.zeros(n)
    for k, s in enumerate(sentences):
        quote, said, alnum = sentence_flags(s)
        has_quote[k] = quote
        has_said[k] = said
        alnum_ratio[k] = alnum / max(len(s), 1)
    return SurfaceFlags(has_quote=has_quote, has_said=has_said, alnum_ratio=alnum_ratio)


def has_said(s: str) -> bool:
    """``said``, ``says`` or ``told`` as a whole word, in any case (``_SAID``)."""
    return _SAID.search(s) is not None


def sentence_flags(s: str) -> tuple[bool, bool, int]:
    """``(has_quote, has_said, alphanumeric characters)`` of one sentence.

    ASCII sentences take exact shortcuts (substring tests, a byte table)
    instead of the regexes; others use the regexes.
    """
    if s.isascii():
        # The same matches as _QUOTE (the curly quotes are not ASCII; ^ is the start, no MULTILINE).
        quote = '"' in s or "``" in s or "''" in s or "' " in s or s[:1] == "'"
        lowered = s.lower()
        # An ASCII match of _SAID (IGNORECASE) needs its word in the lower-cased text.
        said = ("said" in lowered or "says" in lowered or "told" in lowered) and _SAID.search(s) is not None
        return quote, said, len(s.encode("ascii").translate(None, _ASCII_NOT_ALNUM))  # what is left: [A-Za-z0-9]
    return _QUOTE.search(s) is not None, _SAID.search(s) is not None, len(_NOT_ALNUM.sub("", s))


@dataclass(frozen=True)
class _Positions:
    """Feature columns that depend only on the number of sentences ``n`` (cached per ``n``)."""

    inv: np.ndarray  # 1 / (1 + i)
    rel: np.ndarray  # i / n
    first: tuple[np.ndarray, ...]  # i == 0, i == 1, i == 2, i <= 4
    nth: tuple[np.ndarray, ...]  # i == 3 .. i == 9
    log_n: np.ndarray  # ln(n), n times
    one_plus_i: np.ndarray
    below: np.ndarray  # j < k
    above: np.ndarray  # j > k


# Articles of up to this many sentences share their position arrays (the (n, n) masks of longer ones
# would make the cache hold gigabytes).
_CACHED_POSITIONS = 512


def _positions(n: int) -> _Positions:
    return _cached_positions(n) if n <= _CACHED_POSITIONS else _make_positions(n)


@lru_cache(maxsize=_CACHED_POSITIONS)
def _cached_positions(n: int) -> _Positions:
    return _make_positions(n)


def _make_positions(n: int) -> _Positions:
    i = np.arange(n, dtype=np.float64)
    below = np.tri(n, k=-1, dtype=bool)
    arrays = _Positions(
        inv=1.0 / (1.0 + i), rel=i / n, first=(i == 0, i == 1, i == 2, i <= 4),
        nth=tuple(i == k for k in range(3, 10)), log_n=np.full(n, np.log(n)), one_plus_i=1.0 + i,
        below=below, above=below.T.copy())
    for value in (arrays.inv, arrays.rel, *arrays.first, *arrays.nth, arrays.log_n, arrays.one_plus_i,
                  arrays.below, arrays.above):
        value.flags.writeable = False  # shared between calls
    return arrays


def _scaled(values: np.ndarray) -> np.ndarray:
    top = values.max() if values.size else 0.0
    return values / top if top > 0 else values


_LOG1P_TABLE = np.zeros(1)  # _LOG1P_TABLE[k] = ln(1 + k); grown on demand


def log1p_table(top: int) -> np.ndarray:
    """``T[k] = np.log1p(k)`` for ``k = 0 .. >= top`` (computed by numpy once; grows by doubling).

    Word and term counts take their logarithms from this table (the
    compiled features use the same table).
    """
    global _LOG1P_TABLE
    if top >= len(_LOG1P_TABLE):
        _LOG1P_TABLE = np.log1p(np.arange(max(2 * len(_LOG1P_TABLE), top + 1, 256), dtype=np.float64))
    return _LOG1P_TABLE


def centrality_of(similarity: np.ndarray) -> np.ndarray:
    """``mean_{j != i} S(i, j)``: the off-diagonal row sum over ``max(n - 1, 1)``."""
    if similarity.shape[0] == 0:
        return np.zeros(0)
    return _off_diagonal_means(_off_diagonal(similarity))


def _off_diagonal(similarity: np.ndarray) -> np.ndarray:
    off = similarity.copy()
    np.fill_diagonal(off, 0.0)
    return off


def _off_diagonal_means(off: np.ndarray) -> np.ndarray:
    return off.sum(axis=1) / max(off.shape[0] - 1, 1)


def sentence_features(
    similarity: np.ndarray,
    centroid: np.ndarray,
    n_words: np.ndarray,
    n_terms: np.ndarray,
    flags: SurfaceFlags,
) -> np.ndarray:
    """Feature matrix, one row per sentence, columns as in :data:`FEATURES`.

    This is the specification of the compiled ``features`` kernel (the tests
    require equal summaries and values within 1e-12); ``ln(1 + k)`` comes from
    :func:`log1p_table`.

    Parameters
    ----------
    similarity : numpy.ndarray
        ``(n, n)`` cosine similarities of the TF-IDF rows.
    centroid : numpy.ndarray
        Cosine of each row with the body's TF-IDF vector.
    n_words, n_terms : numpy.ndarray
        Words and content terms per sentence (integers).
    flags : SurfaceFlags
    """
    n = similarity.shape[0]
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    pos = _positions(n)
    off = _off_diagonal(similarity)
    centrality = _off_diagonal_means(off)
    # max_{j<k} and max_{j>k} of row k (0 when empty), all rows at once.
    earlier = np.where(pos.below, off, -np.inf).max(axis=1, initial=-np.inf)
    later = np.where(pos.above, off, -np.inf).max(axis=1, initial=-np.inf)
    earlier[0:1] = 0.0
    later[n - 1:n] = 0.0
    lead3 = off[:, : min(3, n)].max(axis=1)
    words = n_words.astype(np.float64)
    table = log1p_table(max(int(n_words.max()), int(n_terms.max())))
    log_words = table[n_words]
    centrality_norm = _scaled(centrality)
    columns = [
        pos.inv, pos.rel, *pos.first,
        log_words, words < 8, words > 40,
        centrality_norm, _scaled(centroid), centrality, centroid,
        similarity[:, 0], flags.has_quote, flags.has_said, flags.alnum_ratio,
        table[n_terms], pos.log_n,
        earlier, later, lead3,
        *pos.nth,
        log_words * log_words, centrality_norm / pos.one_plus_i,
    ]
    # One (31, n) array, transposed into a C-ordered (n, 31) copy: 3x faster than column_stack, same values.
    return np.ascontiguousarray(np.array(columns, dtype=np.float64).T)


@dataclass(frozen=True)
class LinearModel:
    """Standardise, then a linear score: ``w . ((f - mean) / scale) + b``."""

    name: str
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    provenance: dict

    def decision(self, features: np.ndarray) -> np.ndarray:
        """Linear score (log-odds) of each row: ``sum_k z_k * coef_k + intercept``, ``z = (f - mean) / scale``.

        """
        features = np.asarray(features, dtype=np.float64)
        kernels = BACKEND.kernels(KERNELS)
        if kernels is not None and features.ndim == 2 and features.shape[1] == len(self.coef):
            return np.frombuffer(kernels.decision(np.ascontiguousarray(features), self.mean, self.scale, self.coef,
                                                 self.intercept))
        # One row (1-D) or many (2-D); other shapes fail here as numpy broadcasting fails.
        products = ((features - self.mean) / self.scale) * self.coef
        return products.sum(axis=-1) + self.intercept

    def probability(self, features: np.ndarray) -> np.ndarray:
        """``sigmoid(decision)``."""
        return 1.0 / (1.0 + np.exp(-self.decision(features)))

    def to_json(self) -> str:
        """The JSON text of the model file."""
        return json.dumps({
            "name": self.name, "features": list(self.features), "mean": self.mean.tolist(),
            "scale": self.scale.tolist(), "coef": self.coef.tolist(), "intercept": self.intercept,
            "provenance": self.provenance,
        }, indent=1) + "\n"


# Largest magnitude of a model's numbers (and smallest of a scale): features lie within [0, a few hundred],
# so |(f - mean) / scale * coef| stays below about 1e37 per feature, far from overflow.
_MAX_MAGNITUDE = 1e12


@lru_cache(maxsize=8)
def load_model(name_or_path: str = DEFAULT_MODEL) -> LinearModel:
    """Load a shipped model by name, or a model JSON file by path.

    Raises
    ------
    FileNotFoundError
        If there is no such model.
    ValueError
        If the file is not a model of this feature set.
    """
    if name_or_path.endswith(".json") or "/" in name_or_path:
        text = read_option_file(name_or_path, "model")  # a regular file of bounded size (not /dev/zero)
    else:
        ref = resources.files("summarize") / "models" / f"{name_or_path}.json"
        if not ref.is_file():
            raise FileNotFoundError(f"no shipped model {name_or_path!r}; the default is {DEFAULT_MODEL!r}")
        text = ref.read_text(encoding="utf-8")
    try:
        data, _ = parse_record(text)  # deep nesting and huge numbers are errors, not crashes
        if tuple(data.get("features", ())) != FEATURES:
            raise ValueError("it was trained on other features than this version computes")
        arrays = {key: np.asarray(data[key], dtype=np.float64) for key in ("mean", "scale", "coef")}
        intercept = float(data["intercept"])
    except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"model {name_or_path!r} is not a valid model file ({exc})") from None
    for key, values in arrays.items():
        if values.shape != (len(FEATURES),) or not np.isfinite(values).all():
            raise ValueError(f"model {name_or_path!r}: {key!r} must hold {len(FEATURES)} finite numbers")
        # Finite is not enough: (f - mean) / scale * coef with values near 1e308 overflows to inf and nan,
        # which would rank every sentence alike (every article would get its first sentences).
        if (np.abs(values) > _MAX_MAGNITUDE).any():
            raise ValueError(f"model {name_or_path!r}: {key!r} holds a number beyond +-{_MAX_MAGNITUDE:g}; "
                             "retrain the model (bench/train_learned.py)")
    if not np.isfinite(intercept) or abs(intercept) > _MAX_MAGNITUDE:
        raise ValueError(f"model {name_or_path!r}: intercept must be a finite number within +-{_MAX_MAGNITUDE:g}")
    if (np.abs(arrays["scale"]) < 1 / _MAX_MAGNITUDE).any():
        raise ValueError(f"model {name_or_path!r}: scales must be non-zero, at least {1 / _MAX_MAGNITUDE:g} "
                         "in magnitude")
    return LinearModel(name=str(data.get("name", name_or_path)), features=FEATURES, mean=arrays["mean"],
                       scale=arrays["scale"], coef=arrays["coef"], intercept=intercept,
                       provenance=data.get("provenance", {}))
