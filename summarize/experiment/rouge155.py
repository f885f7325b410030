"""Score paired summaries with ROUGE-1.5.5 (``--rouge155 FLAGS``): the loop behind ``summarize score``.

Each pair's summary and references keep their sentences (one line each in
the script's SPL files); the pair's id is the script's eval id, which orders
its resampling.  :func:`rouge155_run` streams one JSONL row per pair
(:func:`eval.rouge155.report.jsonl_row`) and computes the script's averages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eval.rouge155 import Average, Rouge155Config, Rouge155Score, Rouge155Scorer, average_scores, parse_flags, rouge155
from eval.rouge155.report import jsonl_row

if TYPE_CHECKING:
    from summarize.io.pairs import Pair, PairingIssue

__all__ = ["Rouge155Run", "rouge155", "rouge155_files", "rouge155_run"]

_ROWS_PER_WRITE = 256


@dataclass(frozen=True)
class Rouge155Run:
    """The scored pairs (in input order), their script averages and the records not scored."""

    config: Rouge155Config
    ids: tuple[str, ...]
    scores: tuple[dict[str, Rouge155Score], ...]
    averages: dict[str, Average]
    skipped: tuple[PairingIssue, ...]

    @property
    def count(self) -> int:
        return len(self.ids)


def rouge155_run(pairs: Sequence[Pair], issues: Sequence[PairingIssue], config: Rouge155Config, *,
                 rows: Callable[[str], Any] | None = None, aggregate: bool = True,
                 progress: Callable[[Sequence[Pair]], Any] | None = None,
                 scorer: Rouge155Scorer | None = None, system: str | None = None) -> Rouge155Run:
    """Score every pair with ROUGE-1.5.5; stream JSONL rows; average as the script does.

    Parameters
    ----------
    pairs, issues
        From :func:`summarize.io.pairs.pair_files`; the issues get a JSONL
        error row each (:func:`summarize.experiment.score.jsonl_error_row`)
        after the scored rows.
    config : Rouge155Config
    rows : callable, optional
        Given the JSONL text in chunks of whole lines, e.g. ``sys.stdout.write``.
    aggregate : bool
        Compute the averages and intervals (not needed for JSONL alone).
    progress : callable, optional
        Wraps the pairs for a progress bar.
    scorer : Rouge155Scorer, optional
        Shared by the systems of one run, so that each reference is read once.
    system : str, optional
        The system id: in each JSONL row (after ``id``) and as the script's system id, which orders its
        resampling (default ``"A"``).
    """
    from summarize.experiment.score import jsonl_error_row

    scorer = scorer or Rouge155Scorer(config)
    scores = []
    buffer: list[str] = []
    for pair in (progress(pairs) if progress is not None else pairs):
        result = scorer.score(pair.summary, pair.references)
        scores.append(result)
        if rows is not None:
            buffer.append(jsonl_row(pair.id, result, system))
            if len(buffer) == _ROWS_PER_WRITE:
                rows("".join(buffer))
                buffer.clear()
    if rows is not None:
        buffer.extend(jsonl_error_row(issue, len(scores) + k) for k, issue in enumerate(issues))
        if buffer:
            rows("".join(buffer))
    ids = tuple(p.id for p in pairs)
    averages = average_scores(ids, scores, config, system or "A") if aggregate and scores else {}
    return Rouge155Run(config, ids, tuple(scores), averages, tuple(issues))


def rouge155_files(candidates: str, references: str, flags: str | Rouge155Config, *, layout: str = "auto",
                   id_field: str = "id", summary_field: str = "summary", references_field: str = "references",
                   sentence_sep: str | None = None) -> Rouge155Run:
    """``summarize score CANDIDATES REFERENCES --rouge155 FLAGS`` in Python: pair the files
    (:func:`summarize.io.pairs.pair_files`, same options) and score them.

    Example
    -------
    >>> run = rouge155_files("system.jsonl", "references.jsonl", "-c 95 -r 1000 -n 2 -a -m")  # doctest: +SKIP
    >>> run.averages["ROUGE-2"].fmeasure, run.scores[0]["ROUGE-1"].recall  # doctest: +SKIP

    Raises
    ------
    FlagError
        For unknown or unsupported flags (a ``ValueError``).
    """
    from summarize.io.pairs import pair_files

    config = flags if isinstance(flags, Rouge155Config) else parse_flags(flags)
    pairs, issues = pair_files(candidates, references, layout=layout, id_field=id_field, summary_field=summary_field,
                               references_field=references_field, sentence_sep=sentence_sep)
    return rouge155_run(pairs, issues, config)
