"""Read articles from files, directories and stdin, one record at a time.

Formats (chosen by suffix, ``.gz`` read transparently, or by ``input_format``):

``text``    ``.txt``, ``.text``, ``.md`` and anything unknown: one plain-text article;
            ``.html``, ``.htm``, ``.xhtml`` files and texts that start with
            ``<!doctype html`` or ``<html``: one web page (:mod:`summarize.io.html`).
``html``    (only when forced, e.g. for stdin) one web page.
``story``   ``.story``: CNN/DailyMail story; text before the first ``@highlight``
            is the article, each ``@highlight`` paragraph one highlight.
``jsonl``   ``.jsonl``, ``.ndjson``, ``.json``: one JSON object per line.
``csv``     ``.csv`` (``.tsv`` tab-separated): one record per row.
``parquet`` ``.parquet``, ``.pq``: one record per row, read in batches.

Records carry ``article`` (str) and optionally ``summary`` (str or list of
sentences), ``references`` (list of str / list of lists), ``title`` and
``id``; the names are configurable with :class:`FieldNames`.  Every input
record yields exactly one item: an :class:`~summarize.text.article.Article`, or a
:class:`RecordError` saying what is wrong and how to fix it.  Readers are
generators, so memory stays flat on large files.

Messy input
-----------
Text and HTML files: a byte-order mark (UTF-8, UTF-16, UTF-32) is honoured and
removed, CRLF and CR line ends become LF (so the article equals the one from a
clean file), stray NUL bytes are removed, and a file that is not UTF-8 is read
as cp1252 (or, when the bytes are clearly Cyrillic, Greek, Arabic, Hebrew, CJK
... text in a legacy code page, in the encoding that ``charset-normalizer``
detects); each of these repairs adds a warning to :attr:`Article.warnings`.
Binary files (images, archives, PDFs, executables, or many control bytes in
the first 8 KiB) are record errors.  JSON Lines and CSV must be UTF-8 (a
UTF-16 file with a byte-order mark is decoded); a line or row that is not is a
record error and the rest of the file is read.  Articles longer than
``max_article_chars`` are record errors, found without reading a too-large
file to its end.  A record whose id was already seen in the same input gets a
warning naming both places (and is kept).

This module reads the formats and turns records into articles.  Decoding bytes
into text (byte-order marks, binary files, NUL bytes, encoding fall-backs) is
:mod:`summarize.io.decoding`, whose :func:`decode_text` is re-exported here;
finding repeated ids is :mod:`summarize.io.record_ids`.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import re
import shutil
import sys
import tempfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from eval.extras import MissingExtraError, require
from eval.json_records import BadJSON, parse_record, repair_surrogates
from summarize.io import record_ids
from summarize.io.decoding import NotTextError, decode_bytes, decode_text, stream_encoding, structured_encoding
from summarize.io.record_ids import DuplicateIds
from summarize.text.article import Article, ReferenceSpec
from summarize.text.parse import build_article

__all__ = [
    "expand_paths",
    "DEFAULT_MAX_ARTICLE_CHARS",
    "FORMATS",
    "FieldNames",
    "Item",
    "RecordError",
    "SkippedFileWarning",
    "decode_text",
    "detect_format",
    "read_articles",
]

#: The duplicate-id table, re-exported for code that imports it from here (the tests do).
_SeenIds = record_ids._SeenIds

FORMATS = ("auto", "text", "story", "jsonl", "csv", "parquet", "html")
_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "text", ".htm": "text", ".xhtml": "text",  # web pages are one article each, like text
    ".story": "story",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
}
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Default ``max_article_chars`` (``--max-article-chars``): longer articles are record errors.
DEFAULT_MAX_ARTICLE_CHARS = 200_000  # ~35,000 words: 2x the longest CNN/DM article; the sentence-similarity
                                     # matrix grows with the square of the length
# An HTML page may be this many times longer than the article limit (markup, scripts, styles).
_HTML_FACTOR = 20
# A UTF-8 (or UTF-16/32) character takes at most 4 bytes, a BOM at most 4 more.
_BYTES_PER_CHAR = 4
# A JSON line may take up to 12 bytes per article character ("\ud83d\ude00"), plus other fields.
_JSON_BYTES_PER_CHAR = 16
_JSON_LINE_SLACK = 1 << 20


@dataclass(frozen=True)
class FieldNames:
    """Names of the record fields (``--article-field`` and friends)."""

    article: str = "article"
    summary: str = "summary"
    references: str = "references"
    title: str = "title"
    #: One name, or a comma-separated list of fall-backs (``"id,id_guess"``).
    id: str = "id"


@dataclass(frozen=True)
class RecordError:
    """A record that could not be read.

    Attributes
    ----------
    id : str
        The record's id if known, else its position (``file:line``).
    source : str
        Where it came from (``file`` or ``file:line``).
    message : str
        What is wrong and what to do about it.
    """

    id: str
    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


Item = Article | RecordError


def detect_format(path: str) -> str:
    """Format name for ``path`` from its suffix (after removing ``.gz``)."""
    name = path[:-3] if path.endswith(".gz") else path
    return _SUFFIXES.get(Path(name).suffix.lower(), "text")


def _suffix(path: str) -> str:
    return Path(path[:-3] if path.endswith(".gz") else path).suffix.lower()


def _stem(path: str) -> str:
    name = Path(path[:-3] if path.endswith(".gz") else path)
    return name.stem if name.suffix.lower() in _SUFFIXES else name.name


def _source(path: str) -> str:
    """How messages name ``path``: ``<stdin>`` for ``-``; bytes of a file name that are not UTF-8
    (kept by Python as lone surrogates) shown as U+FFFD, so that every output stays UTF-8."""
    return "<stdin>" if path == "-" else repair_surrogates(path)[0]


@contextmanager
def _open_binary(path: str) -> Iterator[BinaryIO]:
    """Open ``path`` for reading bytes (``.gz`` decompressed); ``"-"`` is stdin.

    Stdin is left open on exit: it belongs to the process, and a second
    ``"-"`` must read an empty stream rather than fail on a closed file.
    """
    if path == "-":
        yield sys.stdin.buffer
        return
    # gzip.open owns the file it opens; GzipFile(fileobj=...) would leave it unclosed.
    with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as handle:
        yield handle  # type: ignore[misc]


_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)


def _too_long(n_chars: int, limit: int) -> str:
    return (f"article too long: {n_chars:,} characters, more than --max-article-chars {limit:,}; "
            "split it into several articles or raise --max-article-chars")


def _article_or_error(
    text: str, *, id: str, source: str, reference: ReferenceSpec, **fields: object
) -> Item:
    if not text.strip():
        return RecordError(id, source, "empty article: no text to summarize")
    try:
        article = build_article(text, id=id, reference=reference, **fields)  # type: ignore[arg-type]
    except (TypeError, ValueError) as exc:
        return RecordError(id, source, str(exc))
    if not article.sentences and not article.references:
        if article.boilerplate:
            return RecordError(id, source, "no article text left after removing boilerplate "
                                           f"({len(article.boilerplate)} line(s) such as "
                                           f"{_short(article.boilerplate[0], 40)})")
        return RecordError(id, source, "no sentence with a letter or digit: nothing to summarize")
    return article


# Items come with their place: a line or row number, or -1 for a whole file.
_Placed = tuple[int, Item]


def _read_text(path: str, fmt: str, reference: ReferenceSpec, limit: int | None) -> Iterator[_Placed]:
    source = _source(path)
    ident = "stdin" if path == "-" else repair_surrogates(_stem(path))[0]
    with _open_binary(path) as handle:
        head = handle.read(1024)
        if fmt == "text" and (_HTML_START.match(head) or _suffix(path) in _HTML_SUFFIXES):
            fmt = "html"  # named .html, or sniffed: "<!doctype html" or "<html"
        cap = None if limit is None else limit * (_HTML_FACTOR if fmt == "html" else 1)
        if cap is None:
            data = head + handle.read()
        else:
            # Read no more than the limit can need: a 30 MB file is not read to its end.
            max_bytes = _BYTES_PER_CHAR * (cap + 1)
            data = head + handle.read(max(max_bytes + 1 - len(head), 0))
            if len(data) > max_bytes:
                what = "HTML page" if fmt == "html" else "article"
                yield -1, RecordError(ident, source, (
                    f"{what} too long: more than {max_bytes:,} bytes, so more than "
                    + (f"{_HTML_FACTOR} x " if fmt == "html" else "")
                    + f"--max-article-chars {limit:,} characters; "
                      "split it into several articles or raise --max-article-chars"))
                return
    try:
        text, warnings = decode_bytes(data, source, html=fmt == "html")
    except NotTextError as exc:
        yield -1, RecordError(ident, source, str(exc))
        return
    if fmt == "text":
        from summarize.io.html import looks_like_html

        if looks_like_html(text):
            fmt = "html"  # e.g. a UTF-16 page, which the byte sniff above cannot see
            cap = None if limit is None else limit * _HTML_FACTOR
    if cap is not None and limit is not None and len(text) > cap:
        if fmt == "html":
            message = (f"HTML page too long: {len(text):,} characters, more than {_HTML_FACTOR} x --max-article-chars "
                       f"{limit:,}; raise --max-article-chars")
        else:
            message = _too_long(len(text), limit)
        yield -1, RecordError(ident, source, message)
        return
    if fmt == "story":
        yield -1, _parse_story(text, ident, source, reference, warnings)
    elif fmt == "html":
        yield -1, _parse_html(text, ident, source, reference, warnings, limit)
    else:
        yield -1, _article_or_error(text, id=ident, source=source, reference=reference, warnings=warnings)


def _parse_story(text: str, ident: str, source: str, reference: ReferenceSpec, warnings: tuple[str, ...] = ()) -> Item:
    article, _, rest = text.partition("@highlight")
    highlights = [" ".join(p.split()) for p in rest.split("@highlight") if p.strip()] if rest else []
    return _article_or_error(
        article, id=ident, source=source, reference=reference, highlights=highlights or None, warnings=warnings
    )


def _parse_html(text: str, ident: str, source: str, reference: ReferenceSpec, warnings: tuple[str, ...],
                limit: int | None) -> Item:
    from summarize.io.html import NoTextError, extract_html

    try:
        page = extract_html(text)
    except NoTextError as exc:
        return RecordError(ident, source, str(exc))
    except MissingExtraError:
        raise  # not this page's fault: the whole command needs the [html] extra
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise many types on broken pages
        return RecordError(ident, source, f"cannot extract text from the HTML page ({type(exc).__name__}: {exc})")
    if limit is not None and len(page.text) > limit:
        return RecordError(ident, source, _too_long(len(page.text), limit))
    return _article_or_error(page.text, id=ident, source=source, reference=reference, title=page.title,
                             lead=page.lead, warnings=warnings)


def _from_record(
    record: object, *, position: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None = None,
    repaired: int = 0,
) -> Item:
    if not isinstance(record, Mapping):
        return RecordError(position, position,
                           f"expected an object with an {fields.article!r} field, got {type(record).__name__}")
    # --id-field may list fall-backs, e.g. "id,id_guess": the first non-empty one wins.
    raw_id = next((record.get(name) for name in fields.id.split(",") if record.get(name) not in (None, "")), None)
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, (str, int))):
        # str() of an object, list or boolean would make an id nobody wrote ("{'a': 1}", "True").
        return RecordError(position, position, f"field {fields.id.split(',')[0]!r} must be a string or an integer, "
                                               f"got {type(raw_id).__name__}")
    ident = str(raw_id) if raw_id is not None else position
    if fields.article not in record:
        # Names are shortened: a CSV header read from a JSONL file is one huge "name".
        present = ", ".join(_short(str(name)) for name in sorted(map(str, record))[:8]) or "none"
        return RecordError(
            ident, position,
            f"missing field {fields.article!r} (fields present: {present}); "
            "name the article field with --article-field",
        )
    text = record[fields.article]
    if text is None:
        # JSON null, a Parquet null or a short CSV row: the field exists, so "missing" would mislead.
        return RecordError(ident, position, f"field {fields.article!r} has no value "
                                            "(null, or a CSV row with too few cells); "
                                            "give the article text as a string")
    if not isinstance(text, str):
        return RecordError(ident, position, f"field {fields.article!r} must be a string, got {type(text).__name__}")
    if limit is not None and len(text) > limit:
        return RecordError(ident, position, _too_long(len(text), limit))
    warnings = []
    if repaired:
        warnings.append(f"{position}: {repaired} lone surrogate escape(s) such as \\ud800 (half of a UTF-16 pair) "
                        "replaced with U+FFFD")
    if "\x00" in text:  # as in text files: stray NUL characters are removed, with a warning
        warnings.append(f"{position}: {text.count(chr(0))} NUL character(s) removed from {fields.article!r}")
        text = text.replace("\x00", "")
    title = record.get(fields.title)
    if title is not None and not isinstance(title, str):
        return RecordError(ident, position, f"field {fields.title!r} must be a string, got {type(title).__name__}")
    extra: dict[str, object] = {
        "title": title if isinstance(title, str) and title.strip() else None,
        "summary": _maybe_json_list(record.get(fields.summary)),
        "references": _maybe_json_list(record.get(fields.references)),
        "language_hint": record.get("language"),
    }
    return _article_or_error(text, id=ident, source=position, reference=reference, warnings=tuple(warnings), **extra)


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else repr(text[: limit - 3] + "...")


def _maybe_json_list(value: object) -> object:
    """CSV cells hold lists as JSON text; decode those, pass everything else through."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            return parse_record(value)[0]
        except BadJSON:
            return value
    if value == "":
        return None
    return value



def _lines(handle: BinaryIO, cap: int | None) -> Iterator[bytes | int]:
    """The lines of ``handle``; a line longer than ``cap`` bytes is skipped and yields its length instead."""
    if cap is None:
        yield from handle
        return
    while True:
        line = handle.readline(cap + 1)
        if not line:
            return
        if len(line) <= cap or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n"):  # skip the rest of the line without holding it
            line = handle.readline(1 << 20)
            if not line:
                break
            size += len(line)
        yield size


def _read_jsonl(path: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None) -> Iterator[_Placed]:
    source = _source(path)
    cap = None if limit is None else _JSON_BYTES_PER_CHAR * limit + _JSON_LINE_SLACK
    with _open_binary(path) as handle:
        encoding = stream_encoding(handle)
        if encoding is not None:
            # JSON must be UTF-8, but UTF-16/32 is unambiguous: by its byte-order mark, or by the zero bytes
            # around the ASCII "{" that starts a JSON line.
            text = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline=None)
            lineno = 0
            try:
                for lineno, line in enumerate(_text_lines(text, cap), start=1):
                    position = f"{source}:{lineno}"
                    if isinstance(line, int):
                        yield lineno, _line_too_long(position, line, limit, cap)
                        continue
                    yield lineno, _json_line(line, position, fields, reference, limit)
            except UnicodeDecodeError as exc:
                position = f"{source}:{lineno + 1}"
                yield -1, RecordError(position, position, f"not valid {encoding.upper()} from here on ({exc.reason}); "
                                                          "re-encode the file as UTF-8")
            finally:
                text.detach()
            return
        for lineno, raw in enumerate(_lines(handle, cap), start=1):
            position = f"{source}:{lineno}"
            if isinstance(raw, int):
                yield lineno, _line_too_long(position, raw, limit, cap)
                continue
            try:
                line = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                yield lineno, RecordError(position, position, (
                    f"line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                    "JSON Lines must be UTF-8: re-encode the file (e.g. iconv -f cp1252 -t utf-8)"))
                continue
            yield lineno, _json_line(line, position, fields, reference, limit)


def _line_too_long(position: str, size: int, limit: int | None, cap: int | None) -> RecordError:
    return RecordError(position, position, (
        f"line too long: {size:,} bytes, more than --max-article-chars {limit:,} allows "
        f"({cap:,} bytes per line); split the record or raise --max-article-chars"))


def _text_lines(text: io.TextIOWrapper, cap: int | None) -> Iterator[str | int]:
    """The lines of ``text``; a line longer than ``cap`` characters is skipped and yields its length."""
    if cap is None:
        yield from text
        return
    while line := text.readline(cap + 1):
        if len(line) <= cap or line.endswith("\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith("\n") and (line := text.readline(1 << 20)):  # the rest, not held
            size += len(line)
        yield size


_SKIP = RecordError("", "", "")  # a blank line: no record


def _json_line(line: str, position: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None) -> Item:
    if not line.strip():
        return _SKIP
    try:
        # Malformed, too deep, numbers Python will not convert: one record error; lone surrogates repaired.
        record, repaired = parse_record(line)
    except BadJSON as exc:
        return RecordError(position, position, str(exc))
    return _from_record(record, position=position, fields=fields, reference=reference, limit=limit,
                        repaired=repaired)


# A CSV cell holding bytes that are not UTF-8 (kept as surrogates, then reported per row).
_UNDECODED = re.compile("[\udc80-\udcff]")


# CSV rows (all their cells) may take this many characters per allowed article character: room for the
# summary and references beside the article; a longer row is one record error, skipped without holding it.
_CSV_CHARS_PER_CHAR = 2
_CSV_ROW_SLACK = 1 << 16
_CSV_NO_LIMIT = min(sys.maxsize, 2**31 - 1)


class _RowTooLong(Exception):
    """Raised by :class:`_CsvLines` (through the csv reader) when a row passes its cap; its rest was skipped."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


class _CsvLines:
    """The physical lines of a CSV text for :func:`csv.reader`, counted, with a cap on the characters of a row.

    A row whose lines (a quoted cell may span many) pass ``cap`` characters is
    skipped to its end without being held -- to the first line end outside
    quotes, found by the parity of ``"`` characters (an escaped ``""`` counts
    twice) -- and ``next`` raises :class:`_RowTooLong`, which the csv reader
    passes on; the reader then starts afresh at the next row.
    """

    def __init__(self, text: io.TextIOBase, cap: int | None) -> None:
        self.text, self.cap = text, cap
        self.lines = 0  # physical lines read so far
        self.row_chars = 0  # characters given to the reader for the current row
        self.in_quotes = False

    def new_row(self) -> None:
        self.row_chars, self.in_quotes = 0, False

    def __iter__(self) -> _CsvLines:
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
        raise _RowTooLong(size)


def _read_csv(path: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None) -> Iterator[_Placed]:
    source = _source(path)
    delimiter = "\t" if (path[:-3] if path.endswith(".gz") else path).endswith(".tsv") else ","
    # Tied to --max-article-chars: one huge cell (a 2 GB one in a 3 MB .csv.gz) is never held in memory.
    cap = None if limit is None else _CSV_CHARS_PER_CHAR * limit + _CSV_ROW_SLACK
    csv.field_size_limit(_CSV_NO_LIMIT if cap is None else cap + 1)
    with _open_binary(path) as handle:
        encoding = stream_encoding(handle) or "utf-8-sig"
        # Undecodable bytes are kept as surrogates so that one bad row does not end the file.
        text = io.TextIOWrapper(handle, encoding=encoding, errors="surrogateescape", newline="")
        lines = _CsvLines(text, cap)
        # strict: a stray quote is an error, not a cell that silently swallows the next rows.
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        try:
            yield from _csv_rows(reader, lines, source, fields, reference, limit, cap)
        except UnicodeDecodeError as exc:  # UTF-16/32 that breaks off: the rest of the file is one error
            line = lines.lines + 1
            yield -1, RecordError(source, f"{source}:{line}", (
                f"unreadable CSV from line {line} on ({exc}); check the encoding (UTF-8)"))
        finally:
            text.detach()


def _csv_rows(reader: Iterator[list[str]], lines: _CsvLines, source: str, fields: FieldNames,
              reference: ReferenceSpec, limit: int | None, cap: int | None) -> Iterator[_Placed]:
    header: list[str] | None = None
    while True:
        line = lines.lines + 1  # the first physical line of the row (quoted cells may span lines)
        lines.new_row()
        position = f"{source}:{line}"
        try:
            row = next(reader, None)
        except _RowTooLong as exc:
            problem = (f"row too long: {exc.size:,} characters, more than --max-article-chars {limit:,} allows "
                       f"({cap:,} per row); split the record or raise --max-article-chars")
        except csv.Error as exc:
            # One row is lost, not the rest of the file: the reader starts afresh at the next line.
            problem = f"unreadable CSV row ({exc}); check the quoting (a quote inside a quoted cell is written \"\")"
        else:
            if row is None:
                return
            if not row:
                continue  # a blank line, as csv.DictReader skips it
            if header is None:
                header = row
                continue
            yield line, _csv_record(header, row, position, fields, reference, limit)
            continue
        if header is None:
            # The header itself is unreadable: nothing after it can be named.
            yield -1, RecordError(source, position, f"unreadable CSV header: {problem.partition(': ')[2]}")
            return
        yield line, RecordError(position, position, problem)


def _csv_record(header: list[str], row: list[str], position: str, fields: FieldNames, reference: ReferenceSpec,
                limit: int | None) -> Item:
    bad = next((v for v in row if _UNDECODED.search(v)), None)
    if bad is not None:
        return RecordError(position, position, (
            "row is not valid UTF-8 (byte 0x"
            f"{ord(_UNDECODED.search(bad).group()) - 0xDC00:02x}); CSV files must be UTF-8: "  # type: ignore[union-attr]
            "re-encode the file (e.g. iconv -f cp1252 -t utf-8)"))
    # As csv.DictReader: missing cells are None, extra cells go under the key None.
    record: dict[str | None, object] = dict(zip(header, row))
    if len(row) > len(header):
        record[None] = row[len(header):]
    for name in header[len(row):]:
        record.setdefault(name, None)
    return _from_record(record, position=position, fields=fields, reference=reference, limit=limit)


# Rows per Parquet batch: a batch is held whole (128 rows at the size limit are about 100 MB).
_PARQUET_BATCH_ROWS = 128


def _read_parquet(path: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None) -> Iterator[_Placed]:
    pq = require("pyarrow.parquet", "parquet", "Parquet input")

    source = _source(path)
    with ExitStack() as stack:
        try:
            if path == "-" or path.endswith(".gz"):
                # Parquet needs random access: stdin and .gz are decompressed into a temporary file (on disk,
                # not in memory: a 3 MB .parquet.gz may hold gigabytes), deleted when the file is read.
                spool = stack.enter_context(tempfile.TemporaryFile(prefix="summarize-", suffix=".parquet"))
                with _open_binary(path) as handle:
                    shutil.copyfileobj(handle, spool, 1 << 20)
                spool.seek(0)
                target: object = spool
            else:
                target = path
            # Read page by page (not a whole row group at once): memory stays at about one batch.
            parquet = pq.ParquetFile(target, pre_buffer=False, buffer_size=1 << 20)
        except (OSError, EOFError, zlib.error):
            raise  # a truncated .gz or an unreadable path: _read_one says "cannot read file"
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for unreadable files
            yield -1, RecordError(source, source, f"unreadable Parquet file ({exc})")
            return
        yield from _parquet_rows(parquet, source, fields, reference, limit)


def _parquet_rows(parquet: object, source: str, fields: FieldNames, reference: ReferenceSpec,
                  limit: int | None) -> Iterator[_Placed]:
    meta = parquet.metadata  # type: ignore[attr-defined]
    names = set(parquet.schema_arrow.names)  # type: ignore[attr-defined]
    wanted = [fields.article, fields.title, fields.summary, fields.references, *fields.id.split(",")]
    # Only the record's fields are read (a huge unrelated column costs nothing); all of them when the article
    # field is missing, so that the error can list the fields present.
    columns = list(dict.fromkeys(n for n in wanted if n in names)) if fields.article in names else None
    # A row group whose read columns hold more than the limit allows for every one of its rows is not read.
    per_row = None if limit is None else _BYTES_PER_CHAR * (_CSV_CHARS_PER_CHAR * limit + _CSV_ROW_SLACK)
    row = 0
    for group in range(meta.num_row_groups):
        info = meta.row_group(group)
        n_rows = info.num_rows
        size = sum(info.column(j).total_uncompressed_size for j in range(info.num_columns)
                   if columns is None or info.column(j).path_in_schema.split(".")[0] in columns)
        problem = None
        if per_row is not None and size > n_rows * per_row:
            problem = (f"Parquet row group {group} holds {size:,} bytes for {n_rows:,} row(s), more than "
                       f"--max-article-chars {limit:,} allows ({per_row:,} bytes per row); "
                       "split the records or raise --max-article-chars")
        else:
            done = 0
            try:
                for batch in parquet.iter_batches(  # type: ignore[attr-defined]
                        batch_size=_PARQUET_BATCH_ROWS, row_groups=[group], columns=columns, use_threads=False):
                    for record in batch.to_pylist():
                        yield row, _from_record(record, position=f"{source}:row {row}", fields=fields,
                                                reference=reference, limit=limit)
                        row += 1
                        done += 1
            except Exception as exc:  # noqa: BLE001 - corrupt pages, values pyarrow cannot convert
                problem = f"unreadable Parquet data in row group {group} ({type(exc).__name__}: {exc})"
            n_rows -= done
        if problem is not None:
            for _ in range(n_rows):  # every row accounted for, each one error
                position = f"{source}:row {row}"
                yield row, RecordError(position, position, problem)
                row += 1


def expand_paths(paths: Sequence[str]) -> list[str]:
    """The files ``paths`` stand for, in reading order (directories searched as :func:`read_articles` does)."""
    return [path for given in paths for path in _expand(given)]


class SkippedFileWarning(UserWarning):
    """A file in an input directory that is not read: a FIFO, device or socket (reading could block forever)."""


def _special_kind(path: str) -> str | None:
    """What ``path`` is when it is not a regular file (``"a FIFO"``...); ``None`` for a file or a broken link."""
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # a broken link: the reader reports it as a file it cannot read
    if stat.S_ISREG(mode):
        return None
    return ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else
            "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")


def _expand(path: str, warn_skipped: bool = False) -> list[str]:
    if path == "-" or not os.path.isdir(path):
        return [path]
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            base = name[:-3] if name.endswith(".gz") else name
            if Path(base).suffix.lower() in _SUFFIXES:
                full = os.path.join(root, name)
                kind = _special_kind(full)
                if kind is None:
                    found.append(full)
                elif warn_skipped:
                    import warnings

                    warnings.warn(f"{full}: skipped: it is {kind}, not a regular file", SkippedFileWarning,
                                  stacklevel=2)
    # One order for the whole tree (not per level): the output order users can predict.
    return sorted(found)


def sniff_stdin_format() -> str:
    """``"jsonl"`` if stdin starts with ``{`` (after a byte-order mark and white space; UTF-8, 16 or 32),
    else ``"text"``; consumes nothing."""
    buffer = sys.stdin.buffer
    try:
        if hasattr(buffer, "peek"):
            head = buffer.peek(64)
        elif buffer.seekable():
            # Not a buffered reader (e.g. an io.BytesIO standing in for stdin): read ahead and rewind.
            start = buffer.tell()
            head = buffer.read(64)
            buffer.seek(start)
        else:
            head = b""
    except (OSError, ValueError):  # closed or unreadable: the reader reports it as a record error
        head = b""
    # A byte-order mark, or UTF-16/32 (found by its zero bytes), before the "{" of JSON Lines.
    encoding = structured_encoding(head[:4])
    text = head.decode(encoding or "utf-8-sig", errors="ignore")
    return "jsonl" if text.lstrip().startswith("{") else "text"


def read_articles(
    paths: Sequence[str],
    *,
    input_format: str = "auto",
    fields: FieldNames = FieldNames(),
    reference: ReferenceSpec = ReferenceSpec(),
    max_article_chars: int | None = DEFAULT_MAX_ARTICLE_CHARS,
) -> Iterator[Item]:
    """Yield one :class:`Article` or :class:`RecordError` per input record.

    Parameters
    ----------
    paths : sequence of str
        Files, directories (searched recursively for known suffixes, in
        sorted order; FIFOs, devices and sockets in them are skipped with a
        :class:`SkippedFileWarning`) or ``"-"`` for stdin.
    input_format : str
        One of :data:`FORMATS`; ``"auto"`` picks by suffix (stdin: JSONL if it
        starts with ``{``, else plain text or HTML).
    fields : FieldNames
        Record field names.
    reference : ReferenceSpec
        Which own summaries become references.
    max_article_chars : int or None
        Longer articles are record errors (an HTML page may be 20 times longer,
        its extracted text not); ``None``: no limit.

    Returns
    -------
    iterator of Article or RecordError
        Lazy: each file is opened and read as the iterator is consumed.
        Repairs (encoding fall-back, NUL bytes) and repeated ids are reported in
        :attr:`Article.warnings`.

    Raises
    ------
    ValueError
        If ``input_format`` is unknown or ``max_article_chars`` is not a positive integer.
    FileNotFoundError
        If a path does not exist (raised before anything is read from it).
    """
    # Checked here, not in the generator below, so that bad arguments fail at
    # the call rather than at the first next() somewhere downstream.
    if input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; choose one of {', '.join(FORMATS)}")
    if max_article_chars is not None and (
        isinstance(max_article_chars, bool) or not isinstance(max_article_chars, int) or max_article_chars < 1
    ):
        raise ValueError(f"max_article_chars must be a positive integer or None; got {max_article_chars!r}")
    for given in paths:
        if given != "-" and not os.path.exists(given):
            raise FileNotFoundError(_missing(given))
    return _read_all(paths, input_format, fields, reference, max_article_chars)


def _missing(path: str) -> str:
    """Why ``path`` cannot be found: no such file, a symbolic link loop, or a link to nothing."""
    import errno

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"{path}: a loop of symbolic links (too many levels of links to reach a file)"
    if os.path.islink(path):
        return f"{path} is a symbolic link to {os.readlink(path)}, which does not exist"
    return f"no such file or directory: {path}"


def _read_all(paths: Sequence[str], input_format: str, fields: FieldNames, reference: ReferenceSpec,
              limit: int | None) -> Iterator[Item]:
    ids = DuplicateIds()
    for given in paths:
        expanded = _expand(given, warn_skipped=True)
        if not expanded:
            shown = _source(given)
            yield RecordError(shown, shown, "directory holds no .txt, .story, .jsonl, .csv or .parquet files")
        for path in expanded:
            fmt = input_format
            if fmt == "auto":
                fmt = sniff_stdin_format() if path == "-" else detect_format(path)
            number = ids.add_file(path, fmt)
            for where, item in _read_one(path, fmt, fields, reference, limit):
                # Every id is noted; only an article carries the warning (a RecordError has no warnings).
                warning = ids.warning(item.id, number, where)
                if warning is not None and isinstance(item, Article):
                    item = _with_warning(item, warning)
                yield item


def _with_warning(article: Article, message: str) -> Article:
    from dataclasses import replace

    return replace(article, warnings=article.warnings + (message,))


def _read_one(path: str, fmt: str, fields: FieldNames, reference: ReferenceSpec,
              limit: int | None) -> Iterator[_Placed]:
    if fmt in ("text", "story", "html"):
        items = _read_text(path, fmt, reference, limit)
    elif fmt == "jsonl":
        items = _read_jsonl(path, fields, reference, limit)
    elif fmt == "csv":
        items = _read_csv(path, fields, reference, limit)
    else:
        items = _read_parquet(path, fields, reference, limit)
    source = _source(path)
    n_items = 0
    try:
        for where, item in items:
            if item is _SKIP:
                continue
            n_items += 1
            yield where, item
    except (OSError, EOFError, zlib.error) as exc:
        # Truncated .gz files and unreadable paths end this file only.
        n_items += 1
        yield -1, RecordError(repair_surrogates(path)[0], source, f"cannot read file ({exc})")
    if not n_items:
        # An empty JSONL/CSV/Parquet file would otherwise vanish without a word,
        # like an empty directory; text files already report "empty article".
        yield -1, RecordError(repair_surrogates(path)[0], source,
                              f"no records: the {fmt} file is empty (or holds only blank lines or a header row)")
