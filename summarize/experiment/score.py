"""Score summaries that already exist against their references: the loop of ``summarize score``.

:func:`score_pairs` yields each pair's scores (``==`` rouge-score's) in
input order; :func:`score_report` runs it over paired files
(:func:`summarize.io.pairs.pair_files`), streams one JSONL row per pair
(:func:`jsonl_row`, byte for byte what ``json.dumps`` writes) and builds the
:class:`~eval.results.EvaluationReport`, computing only what is asked for: the
per-pair results (for report files) and the bootstrap aggregate (for the
aggregate formats) cost time and memory that a JSONL stream does not need.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from typing import TYPE_CHECKING, Any

from eval.rouge.score import RougeConfig, Score, non_ascii_warning, resolve_language, score_summary

if TYPE_CHECKING:
    from eval.results import EvaluationReport
    from eval.signature import Signature
    from eval.stats.bootstrap import BootstrapConfig
    from summarize.io.pairs import Pair, PairingIssue

__all__ = ["jsonl_error_row", "jsonl_row", "score_pairs", "score_report"]

# json.dumps's own string encoder (ensure_ascii=True, the default).
_encode_string = json.encoder.encode_basestring_ascii
# Pairs per write: few system calls, and rows still come out while the rest is scored.
_ROWS_PER_WRITE = 512


def score_pairs(pairs: Iterable[Pair], rouge: RougeConfig, *, warn: Callable[[str], None] | None = None,
                languages: set[str] | None = None) -> Iterator[tuple[Pair, Mapping[str, Score]]]:
    """Score each pair's summary against its references, in order.

    Parameters
    ----------
    pairs : iterable of Pair
        E.g. from :func:`summarize.io.pairs.pair_files`.
    rouge : RougeConfig
    warn : callable, optional
        Called with ``"<id>: <message>"`` for each pair whose letters are
        mostly not ASCII (see :func:`eval.rouge.score.non_ascii_warning`).
    languages : set, optional
        Filled with the language of each pair (with ``rouge.language == "auto"``,
        the one detected from its references: :func:`eval.rouge.score.resolve_language`).

    Yields
    ------
    (Pair, dict of str to Score)
        The scores of :func:`eval.rouge.score.score_summary`.
    """
    # With a detected language each pair gets its language's words: nothing to warn about.
    tokenizer = rouge.word_rule if rouge.language != "auto" else None
    for pair in pairs:
        if warn is not None and tokenizer is not None:
            message = non_ascii_warning(list(chain(pair.summary, *pair.references)), tokenizer,
                                        what="summary and references")
            if message:
                warn(f"{pair.id}: {message}")
        config = resolve_language(rouge, chain.from_iterable(pair.references))
        if languages is not None:
            languages.add(config.language)
        yield pair, score_summary(pair.summary, pair.references, config)


def _template(types: Sequence[str]) -> str:
    """The ``%`` template of one row: the id, then precision, recall and F1 of each type."""
    parts = ['{"id": %s']
    for name in types:
        key = _encode_string(name).replace("%", "%%")
        parts.append(f', {key}: {{"precision": %s, "recall": %s, "fmeasure": %s}}')
    parts.append("}\n")
    return "".join(parts)


_TEMPLATES: dict[tuple[str, ...], str] = {}
# repr of the floats in (0, 1) met so far: ROUGE values are ratios of small counts and recur often
# (e.g. 10k distinct among the 138k values of the CNN/DailyMail test set), and repr is the cost of a
# row.  Only floats strictly between 0 and 1 are kept, so an int 0 or 1 (== 0.0, 1.0) or a -0.0
# never finds another type's or sign's spelling.
_REPRS: dict[float, str] = {}
_MAX_REPRS = 1 << 17


def _repr(value: Any) -> str:
    text = repr(value)
    if type(value) is float and 0.0 < value < 1.0 and len(_REPRS) < _MAX_REPRS:
        _REPRS[value] = text
    return text


def jsonl_row(ident: str, scores: Mapping[str, Any]) -> str:
    """One ``summarize score --format jsonl`` line: ``{"id", <type>: {"precision", "recall", "fmeasure"}}``.

    Exactly ``json.dumps(row) + "\n"`` for that row (types in the order of
    ``scores``), written with one ``%`` format: ``json.dumps`` writes a finite
    float as its ``repr`` too, and an int as its ``repr``.  A value that is not
    finite (which ROUGE never gives) takes ``json.dumps`` itself.
    """
    types = tuple(scores)
    template = _TEMPLATES.get(types)
    if template is None:
        template = _TEMPLATES[types] = _template(types)
    values: list[Any] = []
    for s in scores.values():
        values += (s.precision, s.recall, s.fmeasure)
    if not math.isfinite(sum(values)):  # NaN or inf: json.dumps's spelling (NaN, Infinity)
        row: dict[str, Any] = {"id": ident}
        row.update({t: {"precision": s.precision, "recall": s.recall, "fmeasure": s.fmeasure}
                    for t, s in scores.items()})
        return json.dumps(row) + "\n"
    get = _REPRS.get
    return template % (_encode_string(ident), *[get(v) or _repr(v) for v in values])


def jsonl_error_row(issue: PairingIssue, index: int) -> str:
    """The JSONL line of a record that was not scored: its id (or file and 1-based line when no id was read),
    its ``index`` among all records and the ``error``."""
    row: dict[str, Any] = {"file": issue.file, "line": issue.line} if issue.line is not None else {"id": issue.id}
    return json.dumps({**row, "index": index, "error": issue.message}) + "\n"


def score_report(
    pairs: Sequence[Pair],
    issues: Sequence[PairingIssue],
    rouge: RougeConfig,
    bootstrap: BootstrapConfig,
    signature: Signature,
    *,
    system: Mapping[str, Any] | None = None,
    rows: Callable[[str], Any] | None = None,
    keep_results: bool = True,
    aggregate: bool = True,
    warn: Callable[[str], None] | None = None,
) -> EvaluationReport:
    """Score every pair; stream JSONL rows; the report of the run.

    Parameters
    ----------
    pairs, issues
        From :func:`summarize.io.pairs.pair_files`: the pairs to score and the
        records that could not be paired (they are the report's skipped records,
        after the scored ones).
    rouge, bootstrap, signature
        What to compute, the aggregate's intervals and the run's signature.
    system : mapping, optional
        The report's ``system`` entry.
    rows : callable, optional
        Given the JSONL text (:func:`jsonl_row` lines, then one
        :func:`jsonl_error_row` per issue) in chunks of whole lines, e.g.
        ``sys.stdout.write``.
    keep_results : bool
        Keep every scored :class:`~eval.results.ArticleResult` in the report
        (needed for per-article report files).  With ``False`` the report holds
        the count and the skipped records only.
    aggregate : bool
        Compute the means and bootstrap intervals.  With ``False`` the
        report's ``aggregate`` is empty: for output that shows no aggregate.
    warn : callable, optional
        As in :func:`score_pairs`.

    Returns
    -------
    EvaluationReport
        Scored results in pair order, then the skipped records.  The same
        numbers whatever ``rows``, ``keep_results`` and ``aggregate`` are.
    """
    from eval.results import ArticleResult, EvaluationReport

    results: list[ArticleResult] = []
    values = array("d")  # P/R/F rows for the aggregate
    buffer: list[str] = []
    n_scored = 0
    kinds = ("references",)
    types = rouge.types
    seen: set[str] = set()
    for pair, scores in score_pairs(pairs, rouge, warn=warn, languages=seen):
        n_scored += 1
        if rows is not None:
            buffer.append(jsonl_row(pair.id, scores))
            if len(buffer) == _ROWS_PER_WRITE:
                rows("".join(buffer))
                buffer.clear()
        if aggregate:
            for name in types:
                s = scores[name]
                values.extend((s.precision, s.recall, s.fmeasure))
        if keep_results:
            results.append(ArticleResult(pair.index, pair.id, pair.summary, (), scores, kinds))
    skipped = tuple(ArticleResult(n_scored + k, i.id, skipped=i.message) for k, i in enumerate(issues))
    if rows is not None:
        buffer.extend(jsonl_error_row(issue, record.index) for record, issue in zip(skipped, issues))
        if buffer:
            rows("".join(buffer))
    table: dict[str, Any] = {}
    if aggregate:
        import numpy as np

        from eval.results import aggregate_values

        matrix = np.frombuffer(values, dtype=np.float64).reshape(n_scored, 3 * len(types))
        table = aggregate_values(matrix, types, bootstrap)
    if rouge.language == "auto":
        from dataclasses import replace

        signature = replace(signature, languages=tuple(sorted(seen)))
    return EvaluationReport(tuple(results) + skipped, table, signature, dict(system or {}), n_scored)
