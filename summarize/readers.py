"""Read articles from files, directories and stdin, one record at a time.

Formats (chosen by suffix, ``.gz`` read transparently, or by ``input_format``):

``text``    ``.txt``, ``.text``, ``.md`` and anything unknown: one plain-text article;
            ``.html``, ``.htm``, ``.xhtml`` files and texts that start with
            ``<!doctype html`` or ``<html``: one web page (:mod:`summarize.html_input`).
``html``    (only when forced, e.g. for stdin) one web page.
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
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import os
import re
import sys
import zlib
from array import array
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .article import Article, ReferenceSpec
from .parse import build_article

__all__ = [
    "expand_paths",
    "DEFAULT_MAX_ARTICLE_CHARS",
    "FORMATS",
    "FieldNames",
    "Item",
    "RecordError",
    "decode_text",
    "detect_format",
    "read_articles",
]

FORMATS = ("auto", "text", "story", "jsonl", "csv", "parquet", "html")
_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "text", ".htm": "text", ".xhtml": "text",  # web pages are one article each, like text
    ".story": "story",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv", ".tsv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
}
_SNIFF_BYTES = 8192
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
#: Default ``max_article_chars`` (``--max-article-chars``): longer articles are record errors.
DEFAULT_MAX_ARTICLE_CHARS = 200_000  # ~35,000 words: 2x the longest CNN/DM article; the sentence-similarity matrix grows with the square of the length
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


# --------------------------------------------------------------------------- decoding

_GIVE = "give a UTF-8 text, HTML, .story, JSONL, CSV or Parquet file"
# File signatures of common binary formats (checked before anything else).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF-", "a PDF document (extract its text first)"),
    (b"PK\x03\x04", "a ZIP archive (also .docx, .xlsx, .odt, .epub)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\x1f\x8b", "gzip data (name the file *.gz to have it decompressed)"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\x7fELF", "an ELF executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an MS Office document (.doc/.xls)"),
)
# Signatures made of letters, which a text could also start with: binary only when a
# control byte follows soon.
_WEAK_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PAR1", "a Parquet file (name it *.parquet)"),
    (b"OggS", "an Ogg audio/video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a WOFF font"),
    (b"wOF2", "a WOFF2 font"),
    (b"MZ", "a Windows executable"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
# C0 control bytes that plain text does not hold (tab, LF, VT, FF, CR and ESC excepted).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\x0b\x0c\r\x1b")
# A file is binary when more than 8 and more than 5% of its first 8 KiB are such bytes.
_CONTROL_MIN, _CONTROL_SHARE = 8, 0.05
# Not UTF-8 and more than this share of the letters (read as cp1252) outside ASCII:
# not Western text but mojibake of another script, so ask charset-normalizer.
_WESTERN_MAX_NON_ASCII = 0.3
# Legacy encodings of non-Latin scripts that charset-normalizer may pick.
_LEGACY_ENCODINGS = (
    "cp1251", "koi8_r", "koi8_u", "iso8859_5", "cp866", "cp1253", "iso8859_7", "cp1255", "iso8859_8",
    "cp1256", "iso8859_6", "cp874", "gb18030", "big5", "cp932", "shift_jis", "euc_jp", "iso2022_jp",
    "euc_kr", "cp949",
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)
# WHATWG: pages labelled latin-1 or ASCII are decoded as windows-1252.
_WINDOWS_1252_LABELS = frozenset({"iso8859-1", "ascii", "cp1252"})
_HTML_START = re.compile(rb"\A(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)


class _NotText(Exception):
    """The bytes are not a text this toolkit can read; the message says why and what to do."""


def _binary_kind(head: bytes) -> str | None:
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    if head[4:8] == b"ftyp":
        return "an MP4/MOV video or HEIC image"
    if head.startswith(b"RIFF") and head[8:12] in (b"WAVE", b"AVI ", b"WEBP"):
        return "a RIFF media file (WAV, AVI or WebP)"
    if head[:3] == b"ID3" and len(head) > 4 and head[3] in (2, 3, 4) and head[4] == 0:
        return "an MP3 audio file"
    if len(head[:64].translate(None, _CONTROL_BYTES)) < len(head[:64]):
        for magic, kind in _WEAK_MAGIC:
            if head.startswith(magic):
                return kind
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``"utf-16-le"``/``"utf-16-be"`` if ``head`` looks like UTF-16 text without a byte-order mark."""
    half = len(head) // 2
    if half < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd > 0.4 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def _non_ascii_letter_share(text: str) -> float:
    letters = non_ascii = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            non_ascii += not ch.isascii()
    return non_ascii / letters if letters else 0.0


def _detect_legacy(data: bytes) -> tuple[str, str, str] | None:
    """``(text, encoding, language)`` if charset-normalizer reads ``data`` as non-Latin text."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency, but the cp1252 fall-back needs nothing
        return None
    try:
        best = from_bytes(data, cp_isolation=list(_LEGACY_ENCODINGS)).best()
    except Exception:  # noqa: BLE001 - a detector failure only means "not detected"
        return None
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    if _non_ascii_letter_share(text[:65536]) <= 0.5:
        return None
    return text, best.encoding, best.language or "Unknown"


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if name in _WINDOWS_1252_LABELS else name


def _finish(text: str, source: str, warnings: list[str]) -> tuple[str, tuple[str, ...]]:
    """Drop BOMs and NUL characters, make every line end a LF."""
    if "\x00" in text:
        warnings.append(f"{source}: {text.count(chr(0))} NUL character(s) removed (check the file: text holds none)")
        text = text.replace("\x00", "")
    text = text.replace("\ufeff", "")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, tuple(warnings)


def decode_text(data: bytes, source: str, *, html: bool = False) -> tuple[str, tuple[str, ...]]:
    """Decode the bytes of a text or HTML file; repair what can be repaired, with warnings.

    Order: binary signatures; a byte-order mark (UTF-8/16/32); UTF-16 without a
    mark; too many control bytes (binary); stray NUL bytes (removed); for HTML a
    declared ``<meta charset>``; UTF-8; else cp1252 (latin-1 for the five bytes
    cp1252 leaves undefined), or the legacy encoding of a non-Latin script that
    charset-normalizer detects when cp1252 would give mojibake.

    Parameters
    ----------
    data : bytes
    source : str
        File name for the warnings.
    html : bool
        Honour a ``<meta charset=...>`` declaration.

    Returns
    -------
    (str, tuple of str)
        The text (no BOM, LF line ends) and the warnings (each starting with ``source``).

    Raises
    ------
    ValueError
        For binary data or an invalid UTF-16/32 file; the message says what to do.
    """
    try:
        return _decode(data, source, html=html)
    except _NotText as exc:
        raise ValueError(str(exc)) from None


def _decode(data: bytes, source: str, *, html: bool = False) -> tuple[str, tuple[str, ...]]:
    head = data[:_SNIFF_BYTES]
    kind = _binary_kind(head)
    if kind is not None:
        raise _NotText(f"binary data, not text: {kind}; {_GIVE}")
    warnings: list[str] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(codec), source, warnings)
            except UnicodeDecodeError as exc:
                raise _NotText(
                    f"starts with a {name} byte-order mark but is not valid {name} "
                    f"(offset {exc.start}); re-encode the file as UTF-8"
                ) from None
    guess = _utf16_without_bom(head)
    if guess is not None:
        try:
            text = data.decode(guess)
        except UnicodeDecodeError:
            pass  # not UTF-16 after all: the control-byte check below rejects it
        else:
            warnings.append(f"{source}: no byte-order mark, but the bytes look like {guess.upper()} text; "
                            f"read as {guess.upper()} (re-encode the file as UTF-8 to be sure)")
            return _finish(text, source, warnings)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _CONTROL_MIN and controls > _CONTROL_SHARE * len(head):
        raise _NotText(f"binary data, not text: {controls} of the first {len(head)} bytes are control bytes "
                       f"such as NUL; {_GIVE}")
    nuls = data.count(0)
    if nuls:
        warnings.append(f"{source}: {nuls} stray NUL byte(s) removed (check the file: text holds none)")
        data = data.replace(b"\x00", b"")
    if html:
        declared = _declared_charset(head)
        if declared is not None and declared != "utf-8":
            try:
                return _finish(data.decode(declared), source, warnings)
            except UnicodeDecodeError:
                pass  # mislabelled: guess as for any file
    try:
        return _finish(data.decode("utf-8"), source, warnings)
    except UnicodeDecodeError as exc:
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        text, name = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, name = data.decode("latin-1"), "latin-1"
    note = f"read as {name} (check accented characters)"
    if _non_ascii_letter_share(text[:65536]) > _WESTERN_MAX_NON_ASCII:
        detected = _detect_legacy(data)
        if detected is not None:
            text, encoding, language = detected
            note = f"read as {encoding}, detected as {language} text (check the text; re-encode the file as UTF-8)"
    warnings.append(f"{source}: not valid UTF-8 ({where}); {note}")
    return _finish(text, source, warnings)


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
                                           f"({len(article.boilerplate)} line(s) such as {_short(article.boilerplate[0], 40)})")
        return RecordError(id, source, "no sentence with a letter or digit: nothing to summarize")
    return article


# Items come with their place: a line or row number, or -1 for a whole file.
_Placed = tuple[int, Item]


def _read_text(path: str, fmt: str, reference: ReferenceSpec, limit: int | None) -> Iterator[_Placed]:
    source = "<stdin>" if path == "-" else path
    ident = "stdin" if path == "-" else _stem(path)
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
                    + f"--max-article-chars {limit:,} characters; split it into several articles or raise --max-article-chars"))
                return
    try:
        text, warnings = _decode(data, source, html=fmt == "html")
    except _NotText as exc:
        yield -1, RecordError(ident, source, str(exc))
        return
    if fmt == "text":
        from .html_input import looks_like_html

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
    from .html_input import NoTextError, extract_html

    try:
        page = extract_html(text)
    except NoTextError as exc:
        return RecordError(ident, source, str(exc))
    except Exception as exc:  # noqa: BLE001 - lxml/trafilatura raise many types on broken pages
        return RecordError(ident, source, f"cannot extract text from the HTML page ({type(exc).__name__}: {exc})")
    if limit is not None and len(page.text) > limit:
        return RecordError(ident, source, _too_long(len(page.text), limit))
    return _article_or_error(page.text, id=ident, source=source, reference=reference, title=page.title,
                             lead=page.lead, warnings=warnings)


def _from_record(
    record: object, *, position: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None = None
) -> Item:
    if not isinstance(record, Mapping):
        return RecordError(position, position, f"expected an object with an {fields.article!r} field, got {type(record).__name__}")
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
            f"missing field {fields.article!r} (fields present: {present}); name the article field with --article-field",
        )
    text = record[fields.article]
    if text is None:
        # JSON null, a Parquet null or a short CSV row: the field exists, so "missing" would mislead.
        return RecordError(ident, position, f"field {fields.article!r} has no value (null, or a CSV row with too few cells); "
                                            "give the article text as a string")
    if not isinstance(text, str):
        return RecordError(ident, position, f"field {fields.article!r} must be a string, got {type(text).__name__}")
    if limit is not None and len(text) > limit:
        return RecordError(ident, position, _too_long(len(text), limit))
    warnings = []
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
    }
    return _article_or_error(text, id=ident, source=position, reference=reference, warnings=tuple(warnings), **extra)


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


def _unicode_bom(handle: BinaryIO) -> str | None:
    """``"utf-16"``/``"utf-32"`` if the stream starts with such a byte-order mark (nothing is consumed)."""
    try:
        head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    except (OSError, ValueError):
        return None
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


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
    source = "<stdin>" if path == "-" else path
    cap = None if limit is None else _JSON_BYTES_PER_CHAR * limit + _JSON_LINE_SLACK
    with _open_binary(path) as handle:
        encoding = _unicode_bom(handle)
        if encoding is not None:
            # JSON must be UTF-8, but a UTF-16/32 file with a byte-order mark is unambiguous.
            text = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline=None)
            lineno = 0
            try:
                for lineno, line in enumerate(text, start=1):
                    yield lineno, _json_line(line, f"{source}:{lineno}", fields, reference, limit)
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
                yield lineno, RecordError(position, position, (
                    f"line too long: {raw:,} bytes, more than --max-article-chars {limit:,} allows "
                    f"({cap:,} bytes per line); split the record or raise --max-article-chars"))
                continue
            try:
                line = raw.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                yield lineno, RecordError(position, position, (
                    f"line is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); "
                    "JSON Lines must be UTF-8: re-encode the file (e.g. iconv -f cp1252 -t utf-8)"))
                continue
            yield lineno, _json_line(line, position, fields, reference, limit)


_SKIP = RecordError("", "", "")  # a blank line: no record


def _json_line(line: str, position: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None) -> Item:
    if not line.strip():
        return _SKIP
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        # Some messages end in " at" ("Invalid control character at"): no "at at column".
        return RecordError(position, position, f"malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
    except RecursionError:
        return RecordError(position, position, "malformed JSON (nested too deeply)")
    return _from_record(record, position=position, fields=fields, reference=reference, limit=limit)


# A CSV cell holding bytes that are not UTF-8 (kept as surrogates, then reported per row).
_UNDECODED = re.compile("[\udc80-\udcff]")


def _read_csv(path: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None) -> Iterator[_Placed]:
    source = "<stdin>" if path == "-" else path
    delimiter = "\t" if (path[:-3] if path.endswith(".gz") else path).endswith(".tsv") else ","
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _open_binary(path) as handle:
        encoding = _unicode_bom(handle) or "utf-8-sig"
        # Undecodable bytes are kept as surrogates so that one bad row does not end the file.
        text = io.TextIOWrapper(handle, encoding=encoding, errors="surrogateescape", newline="")
        line = 1
        try:
            # strict: a stray quote is an error, not a cell that silently swallows the next rows.
            reader = csv.DictReader(text, delimiter=delimiter, strict=True)
            reader.fieldnames  # noqa: B018 - reads the header, so line_num counts from the data rows
            line = reader.line_num + 1
            for row in reader:
                position = f"{source}:{line}"
                bad = next((v for v in row.values() if isinstance(v, str) and _UNDECODED.search(v)), None)
                if bad is not None:
                    yield line, RecordError(position, position, (
                        "row is not valid UTF-8 (byte 0x"
                        f"{ord(_UNDECODED.search(bad).group()) - 0xDC00:02x}); CSV files must be UTF-8: "  # type: ignore[union-attr]
                        "re-encode the file (e.g. iconv -f cp1252 -t utf-8)"))
                else:
                    yield line, _from_record(row, position=position, fields=fields, reference=reference, limit=limit)
                # Quoted cells may span lines (articles have paragraphs): the next row
                # starts after the last physical line read, not one row further.
                line = reader.line_num + 1
        except (csv.Error, UnicodeDecodeError) as exc:
            yield -1, RecordError(source, f"{source}:{line}", (
                f"unreadable CSV from line {line} on ({exc}); check the delimiter, quoting and encoding (UTF-8)"))
        finally:
            text.detach()


def _read_parquet(path: str, fields: FieldNames, reference: ReferenceSpec, limit: int | None) -> Iterator[_Placed]:
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
        yield -1, RecordError(source, source, f"unreadable Parquet file ({exc})")
        return
    row = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            yield row, _from_record(record, position=f"{source}:row {row}", fields=fields, reference=reference,
                                    limit=limit)
            row += 1


def expand_paths(paths: Sequence[str]) -> list[str]:
    """The files ``paths`` stand for, in reading order (directories searched as :func:`read_articles` does)."""
    return [path for given in paths for path in _expand(given)]


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
    max_article_chars: int | None = DEFAULT_MAX_ARTICLE_CHARS,
) -> Iterator[Item]:
    """Yield one :class:`Article` or :class:`RecordError` per input record.

    Parameters
    ----------
    paths : sequence of str
        Files, directories (searched recursively for known suffixes, in
        sorted order) or ``"-"`` for stdin.
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
            raise FileNotFoundError(f"no such file or directory: {given}")
    return _read_all(paths, input_format, fields, reference, max_article_chars)


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
    source = "<stdin>" if path == "-" else path
    if where < 0:
        return source
    return f"{source}:row {where}" if fmt == "parquet" else f"{source}:{where}"


def _read_all(paths: Sequence[str], input_format: str, fields: FieldNames, reference: ReferenceSpec,
              limit: int | None) -> Iterator[Item]:
    seen = _SeenIds()
    files: list[tuple[str, str]] = []  # (path, format) by file number, to name first places
    for given in paths:
        expanded = _expand(given)
        if not expanded:
            yield RecordError(given, given, "directory holds no .txt, .story, .jsonl, .csv or .parquet files")
        for path in expanded:
            fmt = input_format
            if fmt == "auto":
                fmt = _sniff_stdin_format() if path == "-" else detect_format(path)
            files.append((path, fmt))
            number = len(files) - 1
            for where, item in _read_one(path, fmt, fields, reference, limit):
                here = _position(path, fmt, where)
                if item.id != here and item.id != path:
                    first = seen.first_place(item.id, (number << 32) | (where + 1))
                    if first is not None and isinstance(item, Article):
                        there = _position(*files[first >> 32], (first & 0xFFFFFFFF) - 1)
                        item = _with_warning(item, (
                            f"{here}: duplicate id {item.id!r}, first seen at {there}; both records are kept "
                            "(give each record its own id, or pick another --id-field)"))
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
    source = "<stdin>" if path == "-" else path
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
        yield -1, RecordError(path, source, f"cannot read file ({exc})")
    if not n_items:
        # An empty JSONL/CSV/Parquet file would otherwise vanish without a word,
        # like an empty directory; text files already report "empty article".
        yield -1, RecordError(path, source, f"no records: the {fmt} file is empty (or holds only blank lines or a header row)")
