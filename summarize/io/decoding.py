"""Turn the bytes of a text or HTML file into text, repairing what can be repaired.

This module does one thing: decoding.  :func:`decode_text` checks, in order,

- file signatures of binary formats (images, archives, PDFs, executables ...):
  an error that says what to give instead;
- a byte-order mark (UTF-8, UTF-16, UTF-32), honoured and removed, and UTF-16
  without a mark (Latin text by its zero bytes; any script, e.g. CJK, and
  UTF-32 by ``charset-normalizer`` when the bytes are not UTF-8);
- the share of control bytes in the first 8 KiB (many: binary, an error);
- stray NUL bytes (removed);
- for HTML, a declared ``<meta charset=...>``;
- UTF-8, else cp1252 (latin-1 for the five bytes cp1252 leaves undefined), or,
  when cp1252 would give mojibake, the legacy encoding of a non-Latin script
  that ``charset-normalizer`` detects;

and makes every line end a LF.  Each repair adds a warning that starts with the
source name.  :func:`stream_encoding` finds the UTF-16/32 encoding of a JSON
Lines or CSV stream, with or without a byte-order mark.  :mod:`summarize.io.readers` uses
:func:`decode_bytes`, which raises :class:`NotTextError`, and re-exports
:func:`decode_text`.
"""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

__all__ = ["NotTextError", "decode_bytes", "decode_text", "stream_encoding", "structured_encoding", "unicode_bom"]

# How much of the start of a file the binary checks look at.
_SNIFF_BYTES = 8192
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


class NotTextError(Exception):
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
        info = codecs.lookup(match.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # base64, zlib, rot13 ...: codec names a page could declare, but not text encodings
    return "cp1252" if info.name in _WINDOWS_1252_LABELS else info.name


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
        return decode_bytes(data, source, html=html)
    except NotTextError as exc:
        raise ValueError(str(exc)) from None


def decode_bytes(data: bytes, source: str, *, html: bool = False) -> tuple[str, tuple[str, ...]]:
    head = data[:_SNIFF_BYTES]
    kind = _binary_kind(head)
    if kind is not None:
        raise NotTextError(f"binary data, not text: {kind}; {_GIVE}")
    warnings: list[str] = []
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(codec), source, warnings)
            except UnicodeDecodeError as exc:
                raise NotTextError(
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
    wide = _wide_without_bom(data, head)
    if wide is not None:
        warnings.append(f"{source}: no byte-order mark, but the bytes read as {wide.upper()} text; "
                        f"read as {wide.upper()} (re-encode the file as UTF-8 to be sure)")
        return _finish(data.decode(wide), source, warnings)
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > _CONTROL_MIN and controls > _CONTROL_SHARE * len(head):
        raise NotTextError(f"binary data, not text: {controls} of the first {len(head)} bytes are control bytes "
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


def unicode_bom(handle: BinaryIO) -> str | None:
    """``"utf-16"``/``"utf-32"`` if the stream starts with such a byte-order mark (nothing is consumed)."""
    try:
        head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    except (OSError, ValueError):
        return None
    return _wide_bom(head)


def _wide_bom(head: bytes) -> str | None:
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def structured_encoding(head: bytes) -> str | None:
    """The UTF-16/32 encoding of a JSON or CSV stream that starts with ``head``, or ``None`` (UTF-8).

    A byte-order mark decides (``"utf-16"``/``"utf-32"``, which remove it).
    Without one, the first character of JSON Lines (``{``) or of a CSV header
    is ASCII, so its zero bytes tell the encoding exactly, whatever script the
    rest is in (the method of RFC 4627): ``X 00 00 00`` is UTF-32LE,
    ``00 00 00 X`` UTF-32BE, ``X 00`` UTF-16LE, ``00 X`` UTF-16BE.
    """
    bom = _wide_bom(head)
    if bom is not None or len(head) < 2:
        return bom
    if len(head) >= 4 and head[0] and not any(head[1:4]):
        return "utf-32-le"
    if len(head) >= 4 and not any(head[0:3]) and head[3]:
        return "utf-32-be"
    if head[0] and not head[1]:
        return "utf-16-le"
    if not head[0] and head[1]:
        return "utf-16-be"
    return None


def stream_encoding(handle: BinaryIO) -> str | None:
    """:func:`structured_encoding` of a stream, read with ``peek`` (nothing is consumed)."""
    try:
        head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
    except (OSError, ValueError):
        return None
    return structured_encoding(head)


# UTF-16/32 without a byte-order mark, tried (by charset-normalizer) on text that is not UTF-8 or holds NUL bytes.
_WIDE_ENCODINGS = ("utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be")
# charset-normalizer's "chaos" (share of odd characters) above which a wide reading is not taken.
_WIDE_MAX_CHAOS = 0.1


def _wide_without_bom(data: bytes, head: bytes) -> str | None:
    """The UTF-16/32 codec (``"utf-16-le"`` ...) of ``data`` when it reads as coherent text in one, for any
    script (CJK in UTF-16 has no zero bytes to go by); ``None`` for UTF-8 text and for anything else."""
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return None
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 3 and exc.reason == "unexpected end of data":
                return None  # valid UTF-8 cut off inside a character at the end of the head
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency
        return None
    sample = head[: len(head) - len(head) % 4]
    try:
        best = from_bytes(sample, cp_isolation=list(_WIDE_ENCODINGS)).best()
    except Exception:  # noqa: BLE001 - a detector failure only means "not detected"
        return None
    if best is None or best.chaos > _WIDE_MAX_CHAOS:
        return None
    codec = codecs.lookup(best.encoding).name  # e.g. "utf-16-le"
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return None
    return codec
