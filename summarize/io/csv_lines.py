"""The physical lines of a CSV text for :func:`csv.reader`, counted, each row capped in characters.

A quoted CSV cell may span many lines, and one cell may be gigabytes (a 3 MB
``.csv.gz`` can hold a 2 GB cell): :class:`CsvLines` gives the csv reader one
line at a time, at most ``cap`` characters per row, and skips a longer row to
its end without holding it, raising :class:`RowTooLong`, which the csv reader
passes on to :func:`summarize.io.readers.read_articles` (one record error; the
next row is read).
"""

from __future__ import annotations

import io
import sys

__all__ = ["CSV_CHARS_PER_CHAR", "CSV_NO_LIMIT", "CSV_ROW_SLACK", "CsvLines", "RowTooLong"]

# CSV rows (all their cells) may take this many characters per allowed article character: room for the
# summary and references beside the article; a longer row is one record error, skipped without holding it.
CSV_CHARS_PER_CHAR = 2
CSV_ROW_SLACK = 1 << 16
CSV_NO_LIMIT = min(sys.maxsize, 2**31 - 1)


class RowTooLong(Exception):
    """Raised by :class:`CsvLines` (through the csv reader) when a row passes its cap; its rest was skipped."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class CsvLines:
    """The physical lines of a CSV text for :func:`csv.reader`, counted, with a cap on the characters of a row.

    A row whose lines (a quoted cell may span many) pass ``cap`` characters is
    skipped to its end without being held -- to the first line end outside
    quotes, found by the parity of ``"`` characters (an escaped ``""`` counts
    twice) -- and ``next`` raises :class:`RowTooLong`, which the csv reader
    passes on; the reader then starts afresh at the next row.
    """

    def __init__(self, text: io.TextIOBase, cap: int | None) -> None:
        self.text, self.cap = text, cap
        self.lines = 0  # physical lines read so far
        self.row_chars = 0  # characters given to the reader for the current row
        self.in_quotes = False

    def new_row(self) -> None:
        self.row_chars, self.in_quotes = 0, False

    def __iter__(self) -> CsvLines:
        return self

    def __next__(self) -> str:
        if self.cap is None:
            line = self.text.readline()
        else:
            line = self.text.readline(self.cap - self.row_chars + 1)
        if not line:
            raise StopIteration
        if self.cap is not None and self.row_chars + len(line) > self.cap:
            self._skip_row(line)
        self.lines += 1
        self.row_chars += len(line)
        self.in_quotes ^= line.count('"') % 2 == 1
        return line

    def _skip_row(self, chunk: str) -> None:
        size = self.row_chars + len(chunk)
        in_quotes = self.in_quotes ^ (chunk.count('"') % 2 == 1)
        while not (chunk.endswith(("\n", "\r")) and not in_quotes):
            if chunk.endswith(("\n", "\r")):
                self.lines += 1
            chunk = self.text.readline(1 << 20)
            if not chunk:
                break
            size += len(chunk)
            in_quotes ^= chunk.count('"') % 2 == 1
        self.lines += 1
        self.new_row()
        raise RowTooLong(size)
