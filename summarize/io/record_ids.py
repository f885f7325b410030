"""Spot records whose id was already seen in the same input, and say where.

This module does one thing: it remembers where each record id was first seen,
in a compact table (16 bytes per id), and words the warning for an id seen
again.  :func:`summarize.io.readers.read_articles` numbers the files of one input
with :meth:`DuplicateIds.add_file` and asks :meth:`DuplicateIds.warning` about
every record; places are named as the readers name them (``file:line``,
``file:row N`` for Parquet, ``file`` for a whole file, ``<stdin>`` for ``-``).
"""

from __future__ import annotations

import unicodedata
from array import array

__all__ = ["DuplicateIds", "shown_id"]

# Characters that end or re-order a line of text output: escaped when an id is shown.
_BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shown_id(ident: str) -> str:
    """``ident`` as text output shows it: control characters, line and paragraph separators and
    bidirectional controls escaped (``\\n``, ``\\x1b``, ``\\u2028``), so that an id cannot start a line
    of its own (a forged ``# id`` header) or re-order the text around it.  Printable ids are unchanged.
    """
    if ident.isprintable():
        return ident
    out = []
    for ch in ident:
        if ch in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[ch])
        elif unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") or ch in _BIDI_CONTROLS:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


class _SeenIds:
    """Where each record id was first seen, in 16 bytes per id (a dict would take about 110).

    An open-addressing table of 64-bit id hashes and packed places (file number,
    line or row); with 64-bit hashes a false "duplicate" is vanishingly rare
    (about 3e-8 for a million ids).
    """

    def __init__(self) -> None:
        self._keys = array("q", bytes(8 * 1024))
        self._places = array("q", bytes(8 * 1024))
        self._n = 0

    def first_place(self, ident: str, place: int) -> int | None:
        """Record ``ident`` at ``place``; return the earlier place if it was seen before."""
        key = hash(ident) or 1
        keys, mask = self._keys, len(self._keys) - 1
        slot = key & mask
        while keys[slot]:
            if keys[slot] == key:
                return self._places[slot]
            slot = (slot + 1) & mask
        keys[slot], self._places[slot] = key, place
        self._n += 1
        if 2 * self._n > len(keys):
            self._grow()
        return None

    def _grow(self) -> None:
        old = zip(self._keys, self._places)
        size = 2 * len(self._keys)
        self._keys, self._places = array("q", bytes(8 * size)), array("q", bytes(8 * size))
        mask = size - 1
        for key, place in old:
            if key:
                slot = key & mask
                while self._keys[slot]:
                    slot = (slot + 1) & mask
                self._keys[slot], self._places[slot] = key, place


def _position(path: str, fmt: str, where: int) -> str:
    """Place ``where`` of ``path`` named as the readers name it (line, Parquet row, or ``-1``: the file)."""
    source = "<stdin>" if path == "-" else path
    if where < 0:
        return source
    return f"{source}:row {where}" if fmt == "parquet" else f"{source}:{where}"


class DuplicateIds:
    """The files of one input and the record ids seen in them.

    A record's place is its file number (from :meth:`add_file`) and its line or
    row in that file (``-1`` for a whole file), as the readers yield them.
    """

    def __init__(self) -> None:
        self._seen = _SeenIds()
        self._files: list[tuple[str, str]] = []  # (path, format) by file number, to name first places

    def add_file(self, path: str, fmt: str) -> int:
        """Start reading ``path`` in format ``fmt``; return its file number.

        Parameters
        ----------
        path : str
            The file (``"-"`` for stdin).
        fmt : str
            Its format (``"parquet"`` places are rows, the others lines).

        Returns
        -------
        int
            The number to give :meth:`warning` for this file's records.
        """
        self._files.append((path, fmt))
        return len(self._files) - 1

    def warning(self, ident: str, file: int, where: int) -> str | None:
        """Note record id ``ident`` at line or row ``where`` of file ``file``; warn if it was seen before.

        An id that is only the record's place (a record without an id) or the
        file's path is not noted: it is never a duplicate.

        Parameters
        ----------
        ident : str
            The record's id.
        file : int
            The file number from :meth:`add_file`.
        where : int
            The line or row number, or ``-1`` for a whole file.

        Returns
        -------
        str or None
            ``"<here>: duplicate id ..., first seen at <there>; ..."``, or ``None``
            if the id is new (or only a place).
        """
        path, fmt = self._files[file]
        here = _position(path, fmt, where)
        if ident == here or ident == path:
            return None
        first = self._seen.first_place(ident, (file << 32) | (where + 1))
        if first is None:
            return None
        there = _position(*self._files[first >> 32], (first & 0xFFFFFFFF) - 1)
        return (f"{here}: duplicate id {ident!r}, first seen at {there}; both records are kept "
                "(give each record its own id, or pick another --id-field)")
