"""Reading a summary as ROUGE-1.5.5 reads an SPL file (one sentence per line).

The script works on bytes: a summary is UTF-8, every byte that is not
``[A-Za-z0-9-]`` becomes a space, so a letter outside ASCII splits a word and
counts as nothing.  It reads each text twice:

* :func:`ngram_text` (``readText``): the non-empty lines, lower-cased
  (``A-Z`` only), cut to the ``-l`` words / ``-b`` bytes, joined by spaces;
  ROUGE-N, ROUGE-S/SU and the unigram counts that clip ROUGE-L/W use it;
* :func:`lcs_sentences` (``readText_LCS``): the same lines kept apart for
  ROUGE-L/W.  Its ``-b`` cut has the script's bug: the byte count is never
  advanced, so every line shorter than the limit is kept whole, until the
  first line that reaches it, which is cut.

Both then put spaces around ``-``, blank out every other byte outside
``[A-Za-z0-9]`` and split on white space; :func:`tokens` keeps the words
that start with ``[a-z0-9]`` (so ``-`` never counts), drops the ``-s`` stop
words, and stems words of more than three characters with ``-m``.  Word
limits count the words of the raw line as Perl's ``split /\\s+/`` does (a
line starting with white space has an empty first word).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from eval.rouge155.porter import morph_stem

__all__ = ["lcs_sentences", "lines_of", "ngram_text", "perl_split", "stopwords", "tokens"]

_WS = re.compile(r"[ \t\n\r\f\v]+")  # Perl's \s on a byte string
_NOT_WORD = re.compile(r"[^A-Za-z0-9\-]")
_LOWER_TABLE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")  # Perl's tr/A-Z/a-z/


def lines_of(sentences: Sequence[str]) -> list[str]:
    """The lines the script reads from a file with these sentences, one per line.

    Each sentence is encoded as UTF-8 and held as a Latin-1 string (one
    character per byte, as Perl sees the file); a sentence with a newline in
    it is several lines; empty lines are skipped; ``A-Z`` are lower-cased.
    """
    out = []
    for sentence in sentences:
        data = sentence.encode("utf-8").decode("latin-1")
        for line in data.split("\n"):
            if line:
                out.append(line.translate(_LOWER_TABLE))
    return out


def perl_split(line: str) -> list[str]:
    """Perl's ``split(/\\s+/, $line)``: a leading empty field is kept, trailing ones are dropped."""
    fields = _WS.split(line)
    while fields and not fields[-1]:
        fields.pop()
    return fields


def _clean(text: str) -> str:
    """The script's ``s/\\-/ \\- /g; s/[^A-Za-z0-9\\-]/ /g`` and white-space squeezing."""
    return " ".join(_NOT_WORD.sub(" ", text.replace("-", " - ")).split())


def ngram_text(lines: Sequence[str], word_limit: int = 0, byte_limit: int = 0) -> str | None:
    """``readText``: the text ROUGE-N and ROUGE-S see (``None``: the script's undefined text)."""
    if not word_limit and not byte_limit:
        return _clean(" ".join(lines))
    text = ""
    size = 0
    for line in lines:
        words = perl_split(line) if word_limit else []
        length, limit = (len(words), word_limit) if word_limit else (len(line), byte_limit)
        if size + length < limit:
            text += f" {line}" if size else line
            size += length
        else:
            if size > 0:
                text += " "
            text += " ".join(words[:limit - size]) if word_limit else line[:limit - size]
            break
    return _clean(text) if text else None


def lcs_sentences(lines: Sequence[str], word_limit: int = 0, byte_limit: int = 0) -> list[str]:
    """``readText_LCS``: the sentences ROUGE-L and ROUGE-W see, cleaned."""
    if not word_limit and not byte_limit:
        kept = list(lines)
    elif word_limit:
        kept = []
        size = 0
        for line in lines:
            words = perl_split(line)
            if size + len(words) < word_limit:
                size += len(words)
                kept.append(line)
            else:
                kept.append(" ".join(words[:word_limit - size]))
                break
    else:
        kept = []
        for line in lines:
            # The script never adds to its byte count here: each line is compared with the limit alone.
            if len(line) < byte_limit:
                kept.append(line)
            else:
                kept.append(line[:byte_limit])
                break
    return [_clean(s) for s in kept]


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The SMART common words that ``-s`` removes (``data/smart_common_words.txt``)."""
    text = resources.files("eval.rouge155").joinpath("data/smart_common_words.txt").read_bytes().decode("latin-1")
    return frozenset(text.split("\n"))


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    return morph_stem(word) if len(word) > 3 else word


def tokens(text: str | None, stem: bool = False, remove_stopwords: bool = False) -> list[str]:
    """The words the script counts in a cleaned text (``createNGram``'s and ``tokenizeText_LCS``'s filter)."""
    if not text:
        return []
    words = text.split(" ")
    if remove_stopwords:
        stop = stopwords()
        words = [w for w in words if w not in stop]
    words = [w for w in words if w[0] != "-"]
    if stem:
        return [_stem(w) for w in words]
    return words
