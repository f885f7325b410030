"""Read human-judgment files and turn them into :class:`eval.meta.Judgments`.

Two JSON-lines layouts (``.gz`` decompressed transparently), detected per line:

``nested`` (SummEval's documents file)
    one document per line: an id, ``references`` (a list of strings) and a
    list ``systems`` of per-system entries, each with a system id, a summary
    and a dict of human scores, e.g. ``{"id": ..., "references": [...],
    "systems": [{"model_id": "M0", "decoded": "...", "expert_mean":
    {"coherence": 4.3, ...}}, ...]}``.
``flat``
    one (document, system) pair per line, e.g. ``{"doc_id": ..., "system":
    "M0", "summary": "...", "references": [...], "scores": {...}}``.

Every field name is configurable (:class:`FieldNames`), each as a list of
fall-backs.  A summary or reference is a string (split with the toolkit's
sentence splitter) or a list of sentences.  A line that cannot be used yields a
:class:`RecordError` naming the file and line instead of stopping the read.
"""

from __future__ import annotations

import gzip
import math
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from eval.json_records import BadJSON, parse_record
from eval.meta.correlate import Judgments
from eval.rouge.score import RougeConfig, resolve_language, score_summary, validate_types
from eval.rouge155.flags import Rouge155Config

__all__ = [
    "LAYOUTS",
    "ROUGE_PARTS",
    "Collection",
    "FieldNames",
    "JudgmentRecord",
    "RecordError",
    "UnknownDimensionError",
    "collect_judgments",
    "is_rouge_metric",
    "parse_metrics",
    "read_judgments",
    "rouge155_metrics",
    "rouge_types_of",
]

#: Input layouts; ``auto`` decides per line (``nested`` when it has a systems list).
LAYOUTS = ("auto", "nested", "flat")
#: Metric-name suffix -> attribute of :class:`eval.rouge.Score`.
ROUGE_PARTS = {"p": "precision", "r": "recall", "f": "fmeasure"}

Text = str | tuple[str, ...]


def _names(spec: str | Sequence[str], what: str, noun: str = "field name") -> tuple[str, ...]:
    names = tuple(n.strip() for n in (spec.split(",") if isinstance(spec, str) else spec) if n.strip())
    if not names:
        raise ValueError(f"{what}: give at least one {noun}")
    return names


@dataclass(frozen=True)
class FieldNames:
    """Record field names, each a tuple of fall-backs tried in order.

    ``system``, ``summary`` and ``scores`` are looked up in a flat record or in
    each entry of a nested record's ``systems`` list; ``document``,
    ``references`` and ``article`` in the record (a nested entry may override
    ``references``).  Comma-separated strings are accepted.
    """

    system: tuple[str, ...] = ("system", "model_id")
    document: tuple[str, ...] = ("doc_id", "id")
    summary: tuple[str, ...] = ("summary", "decoded")
    references: tuple[str, ...] = ("references",)
    scores: tuple[str, ...] = ("scores", "expert_mean")
    article: tuple[str, ...] = ("article",)
    systems: str = "systems"

    def __post_init__(self) -> None:
        for name in ("system", "document", "summary", "references", "scores", "article"):
            object.__setattr__(self, name, _names(getattr(self, name), f"{name} field"))
        if not str(self.systems).strip():
            raise ValueError("systems field: give a field name")


@dataclass(frozen=True)
class JudgmentRecord:
    """One summary with its references and human scores.

    ``where`` is ``path:line`` (plus ``systems[i]`` in the nested layout).
    """

    where: str
    system: str
    document: str
    summary: Text
    references: tuple[Text, ...]
    scores: Mapping[str, float]
    article: Text | None = None


@dataclass(frozen=True)
class RecordError:
    """A record that could not be used, and why."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class _Bad(Exception):
    """A field problem inside one record (becomes a :class:`RecordError`)."""


def _first(record: Mapping[str, Any], names: tuple[str, ...], *, required: bool = True) -> Any:
    for name in names:
        if record.get(name) is not None:
            return record[name]
    if required:
        raise _Bad("no " + " or ".join(repr(n) for n in names) + " field")
    return None


def _ident(record: Mapping[str, Any], names: tuple[str, ...]) -> str:
    value = _first(record, names)
    if isinstance(value, bool) or not isinstance(value, (str, int)) or str(value).strip() == "":
        raise _Bad(f"field {_which(record, names)!r} must be a non-empty string or integer id, got {value!r}")
    return str(value)


def _which(record: Mapping[str, Any], names: tuple[str, ...]) -> str:
    return next((n for n in names if record.get(n) is not None), names[0])


def _text(value: Any, what: str) -> Text:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(s, str) for s in value):
        return tuple(value)
    raise _Bad(f"{what} must be a string or a list of sentence strings, got {type(value).__name__}")


def _references(record: Mapping[str, Any], names: tuple[str, ...]) -> tuple[Text, ...]:
    value = _first(record, names, required=False)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list):
        raise _Bad(f"field {_which(record, names)!r} must be a list of references, got {type(value).__name__}")
    return tuple(_text(ref, f"reference {i}") for i, ref in enumerate(value))


def _scores(record: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, float]:
    value = _first(record, names)
    name = _which(record, names)
    if not isinstance(value, dict) or not value:
        raise _Bad(f"field {name!r} must be a non-empty object of human score name -> number")
    out = {}
    for key, score in value.items():
        if isinstance(score, bool) or not isinstance(score, (int, float)) or not math.isfinite(score):
            raise _Bad(f"human score {name}.{key} must be a finite number, got {score!r}")
        out[str(key)] = float(score)
    return out


def _entry(where: str, entry: Mapping[str, Any], document: str, references: tuple[Text, ...],
           article: Text | None, fields: FieldNames) -> JudgmentRecord:
    system = _ident(entry, fields.system)
    summary = _text(_first(entry, fields.summary), f"field {_which(entry, fields.summary)!r}")
    own = _references(entry, fields.references)
    return JudgmentRecord(where, system, document, summary, own or references, _scores(entry, fields.scores), article)


def _parse(where: str, record: Any, fields: FieldNames, layout: str) -> Iterator[JudgmentRecord | RecordError]:
    if not isinstance(record, dict):
        yield RecordError(where, f"expected a JSON object, got {type(record).__name__}")
        return
    nested = isinstance(record.get(fields.systems), list)
    if layout == "nested" and not nested:
        yield RecordError(where, f"no {fields.systems!r} list (the nested layout needs one per document)")
        return
    try:
        document = _ident(record, fields.document)
        references = _references(record, fields.references)
        raw_article = _first(record, fields.article, required=False)
        article = None if raw_article is None else _text(raw_article, "article")
        if not (nested and layout != "flat"):
            yield _entry(where, record, document, references, article, fields)
            return
    except _Bad as exc:
        yield RecordError(where, str(exc))
        return
    entries = record[fields.systems]
    if not entries:
        yield RecordError(where, f"document {document}: empty {fields.systems!r} list")
    for i, entry in enumerate(entries):
        at = f"{where}: {fields.systems}[{i}]"
        if not isinstance(entry, dict):
            yield RecordError(at, f"expected an object, got {type(entry).__name__}")
            continue
        try:
            yield _entry(at, entry, document, references, article, fields)
        except _Bad as exc:
            label = next((str(entry[n]) for n in fields.system if isinstance(entry.get(n), (str, int))), None)
            yield RecordError(at + (f" ({label})" if label else ""), str(exc))


def read_judgments(path: str, *, fields: FieldNames = FieldNames(), layout: str = "auto",
                   warn: Callable[[str], None] | None = None) -> Iterator[JudgmentRecord | RecordError]:
    """Yield the records of a JSON-lines file (``.gz`` ok), or an error per unusable line.

    Parameters
    ----------
    path : str
    fields : FieldNames
    layout : {"auto", "nested", "flat"}
        ``auto``: a line whose ``fields.systems`` value is a list is nested.
    warn : callable, optional
        Receives the repairs made (lone surrogates replaced with U+FFFD).

    A ``.gz`` file that breaks off (truncated or corrupt) yields the records
    before the break and then one :class:`RecordError` for the rest.

    Raises
    ------
    OSError
        The file cannot be opened (``FileNotFoundError`` ...).
    ValueError
        An unknown ``layout``.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}; got {layout!r}")
    opener = gzip.open if path.endswith(".gz") else open
    lineno = 0
    try:
        with opener(path, "rb") as handle:
            for lineno, raw in enumerate(handle, start=1):
                where = f"{path}:{lineno}"
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                except UnicodeDecodeError:
                    yield RecordError(where, "not valid UTF-8; re-encode the file as UTF-8")
                    continue
                if not line.strip():
                    continue
                try:
                    # Malformed, too deep, numbers Python will not convert: one error; lone surrogates repaired.
                    record, repaired = parse_record(line)
                except BadJSON as exc:
                    yield RecordError(where, str(exc))
                    continue
                if repaired and warn is not None:
                    warn(f"{where}: {repaired} lone surrogate escape(s) such as \\ud800 replaced with U+FFFD")
                yield from _parse(where, record, fields, layout)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        # As `summarize run` and `eval` do: the records before the break count, the rest is one error.
        yield RecordError(f"{path}:{lineno + 1}", f"broken gzip file ({exc}); the rest of the file is skipped")


def _measure_names() -> tuple[str, ...]:
    from eval.measures import MEASURE_NAMES

    return tuple(MEASURE_NAMES)


def is_rouge_metric(name: str) -> bool:
    """True for ``TYPE_p``, ``TYPE_r`` and ``TYPE_f`` names of a ROUGE type."""
    rouge_type, _, part = name.rpartition("_")
    try:
        validate_types([rouge_type])
    except ValueError:
        return False
    return part in ROUGE_PARTS


def parse_metrics(spec: str | Sequence[str] | None, default_types: Sequence[str]) -> tuple[str, ...]:
    """Metric names from a comma list.

    ``TYPE_p``, ``TYPE_r``, ``TYPE_f`` (ROUGE precision, recall, F1), ``TYPE``
    alone for all three, with ``TYPE`` in ``rouge1`` .. ``rouge9``, ``rougeL``,
    ``rougeLsum``; or a reference-free measure of :mod:`eval.measures`
    (``words``, ``compression``, ``coverage``, ``density``, ``novel_1`` ..
    ``novel_3``, ``redundancy``, ``flesch``, ``position``), which needs the
    record's article.  ``None`` gives every type of ``default_types`` with
    ``_p``, ``_r`` and ``_f``.

    Raises
    ------
    ValueError
        An unknown name (the message lists the valid forms), or no name.
    """
    if spec is None:
        return tuple(f"{t}_{part}" for t in validate_types(default_types) for part in ROUGE_PARTS)
    measures = _measure_names()
    out: list[str] = []
    for name in _names(spec, "--metrics", "metric name"):
        if name in measures or is_rouge_metric(name):
            expanded: tuple[str, ...] = (name,)
        elif is_rouge_metric(f"{name}_f"):
            expanded = tuple(f"{name}_{part}" for part in ROUGE_PARTS)
        else:
            raise ValueError(f"unknown metric {name!r}: use TYPE_p, TYPE_r or TYPE_f (ROUGE precision, recall, F1) "
                             "or TYPE alone for all three, TYPE in rouge1..rouge9, rougeL, rougeLsum; "
                             f"or a measure: {', '.join(measures)}")
        out.extend(m for m in expanded if m not in out)
    return tuple(out)


def rouge155_metrics(config: Rouge155Config) -> tuple[str, ...]:
    """The metric names of ROUGE-1.5.5's measures: ``ROUGE-1_r``, ``ROUGE-1_p``, ``ROUGE-1_f``, ``ROUGE-L_r`` ..."""
    return tuple(f"{name}_{part}" for name in config.measures() for part in ROUGE_PARTS)


def rouge_types_of(metrics: Sequence[str]) -> tuple[str, ...]:
    """The ROUGE types that ``metrics`` (from :func:`parse_metrics`) need, in order (maybe none)."""
    return tuple(dict.fromkeys(m.rpartition("_")[0] for m in metrics if is_rouge_metric(m)))


@dataclass(frozen=True)
class Collection:
    """What :func:`collect_judgments` made of the records.

    Attributes
    ----------
    judgments : Judgments or None
        ``None`` when nothing usable is left; ``reason`` says why.
    used, errors : int
        Records used, and records (or lines) skipped with an error.
    incomplete : tuple of str
        Documents left out because some system has no judgment for them.
    reason : str
    dimensions : tuple of str
        The human score names used.
    """

    judgments: Judgments | None
    used: int
    errors: int
    incomplete: tuple[str, ...] = ()
    reason: str = ""
    dimensions: tuple[str, ...] = ()


def _sentences(text: Text, split: Callable[[str], Sequence[str]]) -> tuple[str, ...]:
    return tuple(split(text)) if isinstance(text, str) else text


def _split_lines(text: str) -> list[str]:
    """One sentence per non-empty line (white space squeezed)."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


class UnknownDimensionError(ValueError):
    """A requested human score name that no record has (a usage error: the message lists the names there are)."""


def collect_judgments(items: Iterable[JudgmentRecord | RecordError], *, metrics: Sequence[str],
                      rouge: RougeConfig, dimensions: Sequence[str] | None = None,
                      on_error: Callable[[RecordError], None] | None = None,
                      split: Callable[[str], Sequence[str]] | None = None,
                      rouge155: Rouge155Config | None = None) -> Collection:
    """Score every record with ``metrics`` and arrange the systems x documents matrices.

    Each summary is scored against its references with :func:`eval.rouge.score_summary`
    and beside its article with :func:`eval.measures.summary_measures` (strings
    are split into sentences with ``split``).  The
    human score names are ``dimensions`` or, by default, those of the first
    usable record; a record missing one, without references, or repeating a
    (system, document) pair is an error.  Only documents judged for every
    system are kept (the others are listed in ``incomplete``).

    Parameters
    ----------
    items : iterable of JudgmentRecord or RecordError
        E.g. from :func:`read_judgments`; errors are passed to ``on_error``.
    metrics : sequence of str
        Names from :func:`parse_metrics`.
    rouge : RougeConfig
        Stemming and multi-reference mode (its types are replaced by those
        ``metrics`` need; unused when they name no ROUGE metric).
    dimensions : sequence of str, optional
    on_error : callable, optional
        Called with each :class:`RecordError` as it happens (records missing a
        requested dimension that no record has had so far are held back until
        one has it).
    split : callable, optional
        Sentence splitter for summaries, references and articles given as one
        string (ROUGE-Lsum and the measures need sentences); the command line
        passes the toolkit's splitter.  Default: one sentence per non-empty line.
    rouge155 : Rouge155Config, optional
        ROUGE-1.5.5's measures (:mod:`eval.rouge155`) for the metrics named
        ``<measure>_r``, ``_p`` or ``_f`` (:func:`rouge155_metrics`).

    Raises
    ------
    UnknownDimensionError
        If a name in ``dimensions`` is in no record's human scores (checked
        after reading them all, so a mistyped name fails once, not record by record).
    """
    split_sentences = split or _split_lines
    rouge_types = rouge_types_of(metrics)
    config = replace(rouge, types=rouge_types) if rouge_types else None
    measures = [m for m in metrics if not is_rouge_metric(m) and not m.startswith("ROUGE-")]
    scorer155 = None
    if rouge155 is not None:
        from eval.rouge155 import Rouge155Scorer

        scorer155 = Rouge155Scorer(rouge155)
    if measures:
        from eval.measures import summary_measures
    wanted = tuple(dimensions) if dimensions else None
    rows: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
    first_seen: dict[tuple[str, str], str] = {}
    systems: dict[str, None] = {}
    documents: dict[str, None] = {}
    split_cache: dict[Text, tuple[str, ...]] = {}
    configs: dict[tuple[Text, ...], RougeConfig] = {}
    errors = 0
    unseen = dict.fromkeys(wanted or ())  # requested names no record has had yet
    names_seen: dict[str, None] = {}
    held: list[RecordError] = []  # missing-dimension errors while some requested name is unseen

    def fail(error: RecordError) -> None:
        nonlocal errors
        errors += 1
        if on_error is not None:
            on_error(error)

    for item in items:
        if isinstance(item, RecordError):
            fail(item)
            continue
        key = (item.system, item.document)
        if key in first_seen:
            fail(RecordError(item.where, f"system {item.system!r} on document {item.document!r} again "
                                         f"(first at {first_seen[key]}); skipped"))
            continue
        if wanted is None:
            wanted = tuple(item.scores)
        if unseen:
            names_seen.update(dict.fromkeys(item.scores))
            for name in item.scores:
                unseen.pop(name, None)
            if not unseen:  # every requested name exists: the held records were really missing it
                for error in held:
                    fail(error)
                held.clear()
        missing = [d for d in wanted if d not in item.scores]
        if missing:
            error = RecordError(item.where, "no human score " + ", ".join(repr(d) for d in missing)
                                + f" (has {', '.join(item.scores) or 'none'})")
            if unseen:
                held.append(error)
            else:
                fail(error)
            continue
        summary = _sentences(item.summary, split_sentences)
        values: dict[str, float] = {}
        if config is not None or scorer155 is not None:
            if not item.references:
                fail(RecordError(item.where, "no references to score the summary against"))
                continue
            refs = []
            for ref in item.references:
                if ref not in split_cache:
                    split_cache[ref] = _sentences(ref, split_sentences)
                refs.append(split_cache[ref])
            if config is not None:
                refs_key = tuple(item.references)  # the systems of a document share its references: detect once
                if refs_key not in configs:
                    configs[refs_key] = resolve_language(config, (s for ref in refs for s in ref))
                for name, score in score_summary(summary, refs, configs[refs_key]).items():
                    values.update({f"{name}_{p}": getattr(score, attr) for p, attr in ROUGE_PARTS.items()})
            if scorer155 is not None:
                for name, s155 in scorer155.score(summary, refs).items():
                    values.update({f"{name}_{p}": getattr(s155, attr) for p, attr in ROUGE_PARTS.items()})
        if measures:
            if item.article is None:
                fail(RecordError(item.where, f"no article, needed by the measure(s) {', '.join(measures)}"))
                continue
            if item.article not in split_cache:
                split_cache[item.article] = _sentences(item.article, split_sentences)
            values.update(summary_measures(split_cache[item.article], summary).as_dict())
            undefined = [m for m in measures if not math.isfinite(values[m])]
            if undefined:
                fail(RecordError(item.where, f"measure(s) {', '.join(undefined)} undefined for this summary "
                                             "(e.g. empty, or no trigram for redundancy)"))
                continue
        rows[key] = ([values[m] for m in metrics], [item.scores[d] for d in wanted])
        first_seen[key] = item.where
        systems.setdefault(item.system)
        documents.setdefault(item.document)

    if unseen and held:
        raise UnknownDimensionError(
            f"--dimensions: no record has the human score {', '.join(map(repr, unseen))}; the records have: "
            f"{', '.join(names_seen) or 'none'}")
    used = len(rows)
    dims = wanted or ()
    if not rows:
        return Collection(None, 0, errors, reason="no usable record", dimensions=dims)
    complete = [d for d in documents if all((s, d) in rows for s in systems)]
    kept = set(complete)
    incomplete = tuple(d for d in documents if d not in kept)
    if len(systems) < 2:
        return Collection(None, used, errors, incomplete, f"only one system ({next(iter(systems))}); "
                          "correlations need at least two", dims)
    if not complete:
        return Collection(None, used, errors, incomplete,
                          f"no document has a judged summary from all {len(systems)} systems", dims)
    order = list(systems)
    cube_m = np.array([[rows[s, d][0] for d in complete] for s in order])  # (systems, documents, metrics)
    cube_h = np.array([[rows[s, d][1] for d in complete] for s in order])
    judgments = Judgments(tuple(order), tuple(complete),
                          {m: cube_m[:, :, i] for i, m in enumerate(metrics)},
                          {d: cube_h[:, :, i] for i, d in enumerate(dims)})
    return Collection(judgments, used, errors, incomplete, "", dims)
