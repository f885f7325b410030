"""Read articles from files, directories and stdin, one record at a time.

Formats (chosen by suffix, ``.gz`` read transparently, or by ``input_format``):

``text``    ``.txt``, ``.text``, ``.md`` and anything unknown: one plain-text article.
``story``   ``.story``: CNN/DailyMail story; text before the first ``@highlight``
            is the article, each ``@highlight`` paragraph one highlight.
``jsonl``   ``.jsonl``, ``.ndjson``, ``.json``: one JSON object per line.
``csv``     ``.csv`` (``.tsv`` tab-separated): one record per row.
``parquet`` ``.parquet``, ``.pq``: one record per row, read in batches.

Records carry ``article`` (str) and optionally ``summary`` (str or list of
sentences), ``references`` (list of str / list of lists), ``title`` and
``id``; the names are configurable with :class:`FieldNames`.  Every input
record yields exactly one item: an :class:`~summarize.article.Article`, or a
:class:`RecordError` saying what is wrong and how to fix it.  Readers are
generators, so memory stays flat on large files.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .article import Article, ReferenceSpec
from .parse import build_article

__all__ = ["FORMATS", "FieldNames", "RecordError", "Item", "read_articles", "detect_format"]

FORMATS = ("auto", "text", "story", "jsonl", "csv", "parquet")
_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".story": "story",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
}
_SNIFF_BYTES = 8192


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


def _stem(path: str) -> str:
    name = Path(path[:-3] if path.endswith(".gz") else path)
    return name.stem if name.suffix.lower() in _SUFFIXES else name.name


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


def _decode(data: bytes, source: str) -> str | RecordError:
    if b"\x00" in data[:_SNIFF_BYTES]:
        return RecordError(source, source, "binary data, not text: give a UTF-8 text, .story, JSONL, CSV or Parquet file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return RecordError(
            source, source,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); re-encode the file as UTF-8",
        )


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
        return RecordError(id, source, "no article text left after removing boilerplate")
    return article


def _read_text(path: str, fmt: str, reference: ReferenceSpec) -> Iterator[Item]:
    source = "<stdin>" if path == "-" else path
    ident = "stdin" if path == "-" else _stem(path)
    with _open_binary(path) as handle:
        decoded = _decode(handle.read(), source)
    if isinstance(decoded, RecordError):
        yield RecordError(ident, source, decoded.message)
        return
    if fmt == "story":
        yield _parse_story(decoded, ident, source, reference)
    else:
        yield _article_or_error(decoded, id=ident, source=source, reference=reference)


def _parse_story(text: str, ident: str, source: str, reference: ReferenceSpec) -> Item:
    article, _, rest = text.partition("@highlight")
    highlights = [" ".join(p.split()) for p in rest.split("@highlight") if p.strip()] if rest else []
    return _article_or_error(
        article, id=ident, source=source, reference=reference, highlights=highlights or None
    )


def _from_record(
    record: object, *, position: str, fields: FieldNames, reference: ReferenceSpec
) -> Item:
    if not isinstance(record, Mapping):
        return RecordError(position, position, f"expected an object with an {fields.article!r} field, got {type(record).__name__}")
    # --id-field may list fall-backs, e.g. "id,id_guess": the first non-empty one wins.
    raw_id = next((record.get(name) for name in fields.id.split(",") if record.get(name) not in (None, "")), None)
    ident = str(raw_id) if raw_id is not None else position
    if fields.article not in record:
        # Names are shortened: a CSV header read from a JSONL file is one huge "name".
        present = ", ".join(_short(str(name)) for name in sorted(map(str, record))[:8]) or "none"
        return RecordError(
            ident, position,
            f"missing field {fields.article!r} (fields present: {present}); name the article field with --article-field",
        )
    text = record[fields.article]
    if text is None:
        # JSON null, a Parquet null or a short CSV row: the field exists, so "missing" would mislead.
        return RecordError(ident, position, f"field {fields.article!r} has no value (null, or a CSV row with too few cells)")
    if not isinstance(text, str):
        return RecordError(ident, position, f"field {fields.article!r} must be a string, got {type(text).__name__}")
    title = record.get(fields.title)
    if title is not None and not isinstance(title, str):
        return RecordError(ident, position, f"field {fields.title!r} must be a string, got {type(title).__name__}")
    extra: dict[str, object] = {
        "title": title if isinstance(title, str) and title.strip() else None,
        "summary": _maybe_json_list(record.get(fields.summary)),
        "references": _maybe_json_list(record.get(fields.references)),
    }
    return _article_or_error(text, id=ident, source=position, reference=reference, **extra)


def _short(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else repr(text[: limit - 3] + "...")


def _maybe_json_list(value: object) -> object:
    """CSV cells hold lists as JSON text; decode those, pass everything else through."""
    if isinstance(value, str) and value.lstrip().startswith("["):
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if value == "":
        return None
    return value


def _read_jsonl(path: str, fields: FieldNames, reference: ReferenceSpec) -> Iterator[Item]:
    source = "<stdin>" if path == "-" else path
    with _open_binary(path) as handle:
        for lineno, raw in enumerate(handle, start=1):
            position = f"{source}:{lineno}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig")
                record = json.loads(line)
            except UnicodeDecodeError:
                yield RecordError(position, position, "line is not valid UTF-8")
                continue
            except json.JSONDecodeError as exc:
                yield RecordError(position, position, f"malformed JSON ({exc.msg} at column {exc.colno})")
                continue
            yield _from_record(record, position=position, fields=fields, reference=reference)


def _read_csv(path: str, fields: FieldNames, reference: ReferenceSpec) -> Iterator[Item]:
    source = "<stdin>" if path == "-" else path
    delimiter = "\t" if (path[:-3] if path.endswith(".gz") else path).endswith(".tsv") else ","
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _open_binary(path) as handle:
        text = io.TextIOWrapper(handle, encoding="utf-8-sig", errors="strict", newline="")
        try:
            reader = csv.DictReader(text, delimiter=delimiter)
            reader.fieldnames  # noqa: B018 - reads the header, so line_num counts from the data rows
            line = reader.line_num + 1
            for row in reader:
                yield _from_record(row, position=f"{source}:{line}", fields=fields, reference=reference)
                # Quoted cells may span lines (articles have paragraphs): the next row
                # starts after the last physical line read, not one row further.
                line = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as exc:
            yield RecordError(source, source, f"unreadable CSV ({exc}); check the delimiter, quoting and encoding (UTF-8)")
        finally:
            text.detach()


def _read_parquet(path: str, fields: FieldNames, reference: ReferenceSpec) -> Iterator[Item]:
    import pyarrow.parquet as pq

    source = "<stdin>" if path == "-" else path
    try:
        if path == "-" or path.endswith(".gz"):
            # Parquet needs random access: stdin and .gz are read into memory first.
            with _open_binary(path) as handle:
                parquet = pq.ParquetFile(io.BytesIO(handle.read()))
        else:
            parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for unreadable files
        yield RecordError(source, source, f"unreadable Parquet file ({exc})")
        return
    row = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            yield _from_record(record, position=f"{source}:row {row}", fields=fields, reference=reference)
            row += 1


def _expand(path: str) -> list[str]:
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
                found.append(os.path.join(root, name))
    # One order for the whole tree (not per level): the output order users can predict.
    return sorted(found)


def _sniff_stdin_format() -> str:
    """``"jsonl"`` if stdin starts with ``{`` (after white space), else ``"text"``; consumes nothing."""
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
    return "jsonl" if head.lstrip().startswith(b"{") else "text"


def read_articles(
    paths: Sequence[str],
    *,
    input_format: str = "auto",
    fields: FieldNames = FieldNames(),
    reference: ReferenceSpec = ReferenceSpec(),
) -> Iterator[Item]:
    """Yield one :class:`Article` or :class:`RecordError` per input record.

    Parameters
    ----------
    paths : sequence of str
        Files, directories (searched recursively for known suffixes, in
        sorted order) or ``"-"`` for stdin.
    input_format : str
        One of :data:`FORMATS`; ``"auto"`` picks by suffix (stdin: JSONL if it
        starts with ``{``, else plain text).
    fields : FieldNames
        Record field names.
    reference : ReferenceSpec
        Which own summaries become references.

    Returns
    -------
    iterator of Article or RecordError
        Lazy: each file is opened and read as the iterator is consumed.

    Raises
    ------
    ValueError
        If ``input_format`` is unknown.
    FileNotFoundError
        If a path does not exist (raised before anything is read from it).
    """
    # Checked here, not in the generator below, so that bad arguments fail at
    # the call rather than at the first next() somewhere downstream.
    if input_format not in FORMATS:
        raise ValueError(f"unknown input format {input_format!r}; choose one of {', '.join(FORMATS)}")
    for given in paths:
        if given != "-" and not os.path.exists(given):
            raise FileNotFoundError(f"no such file or directory: {given}")
    return _read_all(paths, input_format, fields, reference)


def _read_all(paths: Sequence[str], input_format: str, fields: FieldNames, reference: ReferenceSpec) -> Iterator[Item]:
    for given in paths:
        expanded = _expand(given)
        if not expanded:
            yield RecordError(given, given, "directory holds no .txt, .story, .jsonl, .csv or .parquet files")
        for path in expanded:
            fmt = input_format
            if fmt == "auto":
                fmt = _sniff_stdin_format() if path == "-" else detect_format(path)
            yield from _read_one(path, fmt, fields, reference)


def _read_one(path: str, fmt: str, fields: FieldNames, reference: ReferenceSpec) -> Iterator[Item]:
    if fmt in ("text", "story"):
        items = _read_text(path, fmt, reference)
    elif fmt == "jsonl":
        items = _read_jsonl(path, fields, reference)
    elif fmt == "csv":
        items = _read_csv(path, fields, reference)
    else:
        items = _read_parquet(path, fields, reference)
    source = "<stdin>" if path == "-" else path
    n_items = 0
    try:
        for item in items:
            n_items += 1
            yield item
    except (OSError, EOFError, zlib.error) as exc:
        # Truncated .gz files and unreadable paths end this file only.
        n_items += 1
        yield RecordError(path, source, f"cannot read file ({exc})")
    if not n_items:
        # An empty JSONL/CSV/Parquet file would otherwise vanish without a word,
        # like an empty directory; text files already report "empty article".
        yield RecordError(path, source, f"no records: the {fmt} file is empty (or holds only blank lines or a header row)")
