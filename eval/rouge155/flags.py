"""ROUGE-1.5.5's command-line flags, parsed as the script's ``getopts`` reads them.

A paper's command line can be pasted as it is, e.g.
``-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m``.  Flags take their value from
the rest of the word or from the next word (``-n4`` or ``-n 4``), and flags
without a value may be grouped (``-am``), as Perl's ``Getopt::Std`` allows.

``-a``, ``-d``, ``-e DIR`` and ``-z FORMAT`` only concern how the script finds
its files and prints, so they are accepted and ignored.  Flags this
re-implementation does not support (``-3`` Basic Elements, ``-M``, ``-t 1|2``,
``-v``, ``-h``, ``-H``) and unknown ones raise :class:`FlagError` naming them.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass

__all__ = ["FlagError", "Rouge155Config", "parse_flags"]

_WITH_VALUE = set("bcefln pr2 3 wtz".replace(" ", ""))
_WITHOUT_VALUE = set("ahHdmMsuUvx")
_IGNORED = set("adez")
_UNSUPPORTED = {"3": "Basic Element scoring", "M": "stemming of models only", "v": "verbose output",
                "h": "usage", "H": "detailed usage"}
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


class FlagError(ValueError):
    """Flags that are unknown, unsupported, malformed or out of range; the message names them."""


@dataclass(frozen=True)
class Rouge155Config:
    """What ROUGE-1.5.5 computes, from its flags (:func:`parse_flags`).

    Attributes
    ----------
    ngram : int
        ``-n``: ROUGE-1 .. ROUGE-``ngram`` (0: no ROUGE-N, the script's default).
    lcs : bool
        ROUGE-L (on unless ``-x``).
    wlcs_weight : str or None
        ``-w``: ROUGE-W with this weight, kept as written (the measure is named
        ``ROUGE-W-<weight>``).
    skip_distance : str or None
        ``-2``: skip-bigram distance as written (negative: no limit, ``*``).
    unigrams : bool
        ``-u``: skip bigrams with unigrams (ROUGE-SU) instead of ROUGE-S.
    both_skip : bool
        ``-U``: ROUGE-S and ROUGE-SU.
    stem : bool
        ``-m``: WordNet exceptions and the Porter stemmer.
    stopwords : bool
        ``-s``: remove the SMART common words.
    word_limit, byte_limit : int
        ``-l`` / ``-b``: keep the first words / bytes of every text (0: no limit).
    mode : str
        ``-f``: ``"A"`` pools the references' counts, ``"B"`` takes the best one.
    alpha : float
        ``-p``: F = P R / ((1 - alpha) P + alpha R).
    confidence : float
        ``-c``: confidence level in percent.
    resamples : int
        ``-r``: bootstrap samples.
    flags : str
        The flags as given (for the signature).
    """

    ngram: int = 0
    lcs: bool = True
    wlcs_weight: str | None = None
    skip_distance: str | None = None
    unigrams: bool = False
    both_skip: bool = False
    stem: bool = False
    stopwords: bool = False
    word_limit: int = 0
    byte_limit: int = 0
    mode: str = "A"
    alpha: float = 0.5
    confidence: float = 95.0
    resamples: int = 1000
    flags: str = ""

    @property
    def weight(self) -> float:
        """``-w`` as a number (1.0 when absent)."""
        return float(self.wlcs_weight) if self.wlcs_weight is not None else 1.0

    @property
    def distance(self) -> int:
        """``-2`` as a number (-1, no limit, when absent)."""
        return int(float(self.skip_distance)) if self.skip_distance is not None else -1

    def measures(self) -> tuple[str, ...]:
        """The measures in the script's order, named as it prints them (``ROUGE-1``, ``ROUGE-L``,
        ``ROUGE-W-1.2``, ``ROUGE-S*``, ``ROUGE-SU4`` ...)."""
        names = [f"ROUGE-{n}" for n in range(1, self.ngram + 1)]
        if self.lcs:
            names.append("ROUGE-L")
        if self.wlcs_weight is not None:
            names.append(f"ROUGE-W-{self.wlcs_weight}")
        if self.skip_distance is not None:
            tag = self.skip_distance if self.distance >= 0 else "*"
            if self.unigrams:
                names.append(f"ROUGE-SU{tag}")
            else:
                names.append(f"ROUGE-S{tag}")
                if self.both_skip:
                    names.append(f"ROUGE-SU{tag}")
        return tuple(names)


def _words(flags: str | list[str] | tuple[str, ...]) -> list[str]:
    if isinstance(flags, str):
        try:
            return shlex.split(flags)
        except ValueError as exc:
            raise FlagError(f"cannot read the ROUGE-1.5.5 flags {flags!r}: {exc}") from None
    return list(flags)


def _number(flag: str, value: str, *, integer: bool = False) -> float:
    if not _NUMBER.fullmatch(value) or (integer and not re.fullmatch(r"[+-]?\d+", value)):
        kind = "an integer" if integer else "a number"
        raise FlagError(f"ROUGE-1.5.5 flag -{flag} needs {kind}, not {value!r}")
    return float(value)


def parse_flags(flags: str | list[str] | tuple[str, ...]) -> Rouge155Config:
    """Read ROUGE-1.5.5's flags as its ``getopts('ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:')`` does.

    Parameters
    ----------
    flags : str or sequence of str
        E.g. ``"-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m"``.

    Returns
    -------
    Rouge155Config

    Raises
    ------
    FlagError
        Naming every unknown or unsupported flag, a missing or malformed value,
        a value out of the script's range (``-c`` 0..100, ``-p`` 0..1, ``-w`` > 0,
        ``-r`` >= 1, ``-n`` >= 0, ``-f`` A or B), ``-l`` with ``-b``, or a word
        that is not a flag (the script's configuration file is not given here).
    """
    words = _words(flags)
    values: dict[str, str] = {}
    unknown: list[str] = []
    unsupported: list[str] = []
    k = 0
    while k < len(words):
        word = words[k]
        k += 1
        if word == "--":
            if k < len(words):
                raise FlagError(f"ROUGE-1.5.5 flags only: remove {' '.join(words[k:])!r} (the script's "
                                "configuration file and system ID are not given here)")
            break
        if not word.startswith("-") or word == "-":
            raise FlagError(f"ROUGE-1.5.5 flags only: remove {word!r} (the script's configuration file and "
                            "system ID are not given here)")
        rest = word[1:]
        while rest:
            flag, rest = rest[0], rest[1:]
            if flag in _WITH_VALUE:
                if not rest:
                    if k >= len(words):
                        raise FlagError(f"ROUGE-1.5.5 flag -{flag} needs a value")
                    rest = words[k]
                    k += 1
                values[flag] = rest
                rest = ""
            elif flag in _WITHOUT_VALUE:
                values[flag] = ""
            else:
                unknown.append(f"-{flag}")
            if flag in _UNSUPPORTED:
                unsupported.append(f"-{flag} ({_UNSUPPORTED[flag]})")
    if "t" in values and values["t"] not in ("0",):
        unsupported.append(f"-t {values['t']} (token-level averaging)")
    if unknown:
        raise FlagError(f"unknown ROUGE-1.5.5 flag{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}; "
                        "the script's flags are -a -b -c -d -e -f -l -m -n -p -r -s -t -u -w -x -z -2 -U")
    if unsupported:
        raise FlagError(f"ROUGE-1.5.5 flag{'s' if len(unsupported) > 1 else ''} not supported here: "
                        f"{', '.join(unsupported)}")
    if "l" in values and "b" in values:
        raise FlagError("ROUGE-1.5.5 flags -l and -b exclude each other: give a limit in words or in bytes")
    out: dict[str, object] = {"flags": " ".join(words)}
    if "n" in values:
        n = _number("n", values["n"], integer=True)
        if n < 0:
            raise FlagError(f"ROUGE-1.5.5 flag -n needs an n-gram size >= 0, not {values['n']}")
        out["ngram"] = int(n)
    if "x" in values:
        out["lcs"] = False
    if "w" in values:
        if _number("w", values["w"]) <= 0:
            raise FlagError(f"ROUGE-1.5.5 flag -w needs a weight > 0, not {values['w']}")
        out["wlcs_weight"] = values["w"]
    if "2" in values:
        _number("2", values["2"], integer=True)
        out["skip_distance"] = values["2"]
    out["unigrams"] = "u" in values
    out["both_skip"] = "U" in values
    out["stem"] = "m" in values
    out["stopwords"] = "s" in values
    for flag, key in (("l", "word_limit"), ("b", "byte_limit")):
        if flag in values:
            limit = _number(flag, values[flag], integer=True)
            if limit < 0:
                raise FlagError(f"ROUGE-1.5.5 flag -{flag} needs a limit >= 0, not {values[flag]}")
            out[key] = int(limit)
    if "f" in values:
        if values["f"] not in ("A", "B"):
            raise FlagError(f"ROUGE-1.5.5 flag -f takes A (model average) or B (best model), not {values['f']!r}")
        out["mode"] = values["f"]
    if "p" in values:
        alpha = _number("p", values["p"])
        if not 0 <= alpha <= 1:
            raise FlagError(f"ROUGE-1.5.5 flag -p needs an alpha between 0 and 1, not {values['p']}")
        out["alpha"] = alpha
    if "c" in values:
        confidence = _number("c", values["c"])
        if not 0 <= confidence <= 100:
            raise FlagError(f"ROUGE-1.5.5 flag -c needs a confidence between 0 and 100, not {values['c']}")
        out["confidence"] = confidence
    if "r" in values:
        resamples = _number("r", values["r"], integer=True)
        if resamples < 1:
            raise FlagError(f"ROUGE-1.5.5 flag -r needs at least 1 resample, not {values['r']}")
        out["resamples"] = int(resamples)
    return Rouge155Config(**out)  # type: ignore[arg-type]
