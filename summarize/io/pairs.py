"""Read existing summaries and their references, and pair them up for scoring.

Two layouts (``summarize score CANDIDATES REFERENCES``):

``jsonl``  one object per line with an id and a summary (a list of sentences or
           a string, split with the toolkit's splitter); matched by id.  A
           reference id may repeat, and a reference record may carry a list of
           alternatives in its ``references`` field: all count as references.
``lines``  line-aligned text files, one summary per line; sentences are split
           on ``sentence_sep`` when given (e.g. ``<q>``), else with the splitter.
"""

from __future__ import annotations

import gzip
import json
import warnings
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from eval.json_records import BadJSON, check_record, parse_record
from summarize.text.parse import as_sentences
from summarize.text.sentences import split_sentences

__all__ = ["Pair", "PairingIssue", "UnreadableFileError", "detect_layout", "pair_files", "read_summaries"]


class UnreadableFileError(OSError):
    """A summaries file that cannot be read as UTF-8 text (or a broken ``.gz``)."""


@dataclass(frozen=True)
class Pair:
    """One candidate summary with its references (each a tuple of sentences), and its system when the
    candidates file holds several (``pair_files(..., system_field=...)``)."""

    index: int
    id: str
    summary: tuple[str, ...]
    references: tuple[tuple[str, ...], ...]
    system: str = ""


@dataclass(frozen=True)
class PairingIssue:
    """A record that could not be paired or read, with what to do about it.

    ``file`` and ``line`` (1-based) are set when the record's id could not be
    read; ``id`` then holds that position as ``file:line``.
    """

    id: str
    message: str
    file: str | None = None
    line: int | None = None


def detect_layout(path: str) -> str:
    """``jsonl`` for ``.jsonl``/``.json`` (optionally ``.gz``), else ``lines``."""
    name = path[:-3] if path.endswith(".gz") else path
    return "jsonl" if Path(name).suffix.lower() in (".jsonl", ".json", ".ndjson") else "lines"


def _read_lines(path: str) -> list[str]:
    """All lines of ``path`` (``.gz`` decompressed), or :class:`UnreadableFileError` saying why not."""
    try:
        with (gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")) as handle:
            data = handle.read()
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise UnreadableFileError(f"{path}: broken gzip file ({exc})") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFileError(f"{path}:{line}: not valid UTF-8; re-encode the file as UTF-8") from None
    return text.splitlines()


# json.loads's own scanner: the same objects, without its per-call checks (a line it cannot take whole
# -- white space around it, a BOM, malformed, a number Python will not convert -- goes to parse_record,
# which says why).
_scan_once = json.decoder.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _load(line: str) -> tuple[object, int]:
    """The record of ``line`` and the number of lone surrogates replaced; :class:`BadJSON` if unusable."""
    try:
        record, end = _scan_once(line, 0)
    except (StopIteration, ValueError, RecursionError):
        pass
    else:
        if end == len(line):
            return check_record(record, line)
    return parse_record(line, column=False)


def _jsonl(path: str, id_field: str, summary_field: str, references_field: str | None,
           warn: Callable[[str], None] | None = None, system_field: str | None = None
           ) -> Iterator[tuple[str, list[tuple[str, ...]], str] | PairingIssue]:
    for lineno, line in enumerate(_read_lines(path), start=1):
        if not line or line.isspace():
            continue
        where = f"{path}:{lineno}"
        try:
            record, repaired = _load(line)
        except BadJSON as exc:
            yield PairingIssue(where, f"{where}: {exc}", path, lineno)
            continue
        if repaired:
            (warn or _warn)(f"{where}: {repaired} lone surrogate escape(s) such as \\ud800 replaced with U+FFFD")
        if not isinstance(record, dict):
            yield PairingIssue(where, f"{where}: needs an object with a non-empty {id_field!r} field", path, lineno)
            continue
        raw_id = record.get(id_field)
        if raw_id is None or raw_id == "":
            yield PairingIssue(where, f"{where}: needs an object with a non-empty {id_field!r} field", path, lineno)
            continue
        if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)):
            # str() of an object, list, float or boolean would make an id nobody wrote.
            yield PairingIssue(where, f"{where}: field {id_field!r} must be a string or an integer, "
                                      f"got {type(raw_id).__name__}", path, lineno)
            continue
        ident = str(raw_id)
        system = ""
        if system_field is not None:
            raw_system = record.get(system_field)
            if raw_system is None or raw_system == "" or isinstance(raw_system, bool) \
                    or not isinstance(raw_system, (str, int)):
                yield PairingIssue(ident, f"{where}: no {system_field!r} field (the system of the summary, a string "
                                          "or an integer)")
                continue
            system = str(raw_system)
        texts = []
        if summary_field in record:
            texts.append(record[summary_field])
        if references_field and isinstance(record.get(references_field), list):
            texts.extend(record[references_field])
        if not texts:
            yield PairingIssue(ident, f"{where}: no {summary_field!r} field")
            continue
        try:
            yield ident, [as_sentences(t, summary_field) for t in texts], system
        except TypeError as exc:
            yield PairingIssue(ident, f"{where}: {exc}")


def _warn(message: str) -> None:
    warnings.warn(message, stacklevel=3)


def _lines(path: str, sentence_sep: str | None) -> list[tuple[str, ...]]:
    rows = _read_lines(path)
    if sentence_sep:
        return [tuple(" ".join(s.split()) for s in row.split(sentence_sep) if s.strip()) for row in rows]
    return [tuple(split_sentences(row)) for row in rows]


def pair_files(
    candidates: str,
    references: str,
    *,
    layout: str = "auto",
    id_field: str = "id",
    summary_field: str = "summary",
    references_field: str = "references",
    sentence_sep: str | None = None,
    warn: Callable[[str], None] | None = None,
    system_field: str | None = None,
) -> tuple[list[Pair], list[PairingIssue]]:
    """Pair candidate summaries with their references, in candidate order.

    ``warn`` receives the repairs made while reading (lone surrogates replaced);
    default: :func:`warnings.warn`.  With ``system_field`` (JSONL only), the candidates file holds several
    systems' summaries: each record names its system in that field, a (system, id) pair may appear once, and
    each pair's ``system`` is set.

    Returns
    -------
    pairs : list of Pair
    issues : list of PairingIssue
        Unreadable records, candidates without a reference and references
        without a candidate: every record is accounted for.

    Raises
    ------
    ValueError
        For an unknown layout.
    UnreadableFileError
        For line-aligned files of different lengths, or a file that is not
        UTF-8 text (an ``OSError``: the command exits 1, naming the files).
    FileNotFoundError
        If a file does not exist.
    """
    if layout == "auto":
        layout = detect_layout(candidates)
    if layout == "lines" and system_field is not None:
        raise ValueError("a system field needs JSONL candidates (--layout jsonl)")
    if layout == "lines":
        cand_rows, ref_rows = _lines(candidates, sentence_sep), _lines(references, sentence_sep)
        if len(cand_rows) != len(ref_rows):
            # A data problem, not an option problem: reported as a file error (exit 1), not a usage error.
            raise UnreadableFileError(f"line-aligned files differ in length: {candidates} has {len(cand_rows)} "
                                      f"lines, {references} has {len(ref_rows)}")
        aligned: list[Pair] = []
        problems: list[PairingIssue] = []
        for k, (cand, ref) in enumerate(zip(cand_rows, ref_rows, strict=True)):
            if not cand or not ref:
                # An empty line is a missing summary, not a summary that scores 0.
                side = "candidate" if not cand else "reference"
                problems.append(PairingIssue(f"line {k + 1}", f"line {k + 1}: empty {side}; not scored"))
            else:
                aligned.append(Pair(len(aligned), f"line {k + 1}", cand, (ref,)))
        return aligned, problems
    if layout != "jsonl":
        raise ValueError(f"unknown layout {layout!r}; choose auto, jsonl or lines")
    issues: list[PairingIssue] = []
    refs: dict[str, list[tuple[str, ...]]] = {}
    for item in _jsonl(references, id_field, summary_field, references_field, warn):
        if isinstance(item, PairingIssue):
            issues.append(item)
        else:
            refs.setdefault(item[0], []).extend(r for r in item[1] if r)
    pairs: list[Pair] = []
    seen: set[str] = set()
    seen_pairs: set[tuple[str, str]] = set()
    for item in _jsonl(candidates, id_field, summary_field, None, warn, system_field):
        if isinstance(item, PairingIssue):
            issues.append(item)
            seen.add(item.id)  # accounted for once, not again as "reference without candidate"
            continue
        ident, (summary,), system = item
        if (system, ident) in seen_pairs:
            what = f"system {system!r}, candidate id {ident!r}" if system_field else f"candidate id {ident!r}"
            issues.append(PairingIssue(ident, f"{what} appears more than once; only the first is scored"))
            continue
        seen.add(ident)
        seen_pairs.add((system, ident))
        if not refs.get(ident):
            issues.append(PairingIssue(ident, f"no reference with id {ident!r} in {references}"))
            continue
        pairs.append(Pair(len(pairs), ident, summary, tuple(refs[ident]), system))
    issues.extend(PairingIssue(i, f"reference id {i!r} has no candidate in {candidates}")
                  for i in refs if i not in seen)
    return pairs, issues


def read_summaries(path: str, *, id_field: str = "id", summary_field: str = "summary",
                   warn: Callable[[str], None] | None = None
                   ) -> tuple[dict[str, tuple[str, ...]], list[PairingIssue]]:
    """One system's summaries from JSONL (``id`` and ``summary``: a string or a list of sentences).

    ``warn`` receives the repairs made while reading (lone surrogates replaced).

    Returns
    -------
    summaries : dict of str to tuple of str
        Id -> summary sentences (the first record of a repeated id).
    issues : list of PairingIssue
        Unreadable records and repeated ids, with file and line.
    """
    summaries: dict[str, tuple[str, ...]] = {}
    issues: list[PairingIssue] = []
    for item in _jsonl(path, id_field, summary_field, None, warn):
        if isinstance(item, PairingIssue):
            issues.append(item)
        elif item[0] in summaries:
            issues.append(PairingIssue(item[0], f"{path}: id {item[0]!r} appears more than once; the first is used"))
        else:
            summaries[item[0]] = item[1][0]
    return summaries, issues
