"""ROUGE-1.5.5 over a set of summaries: per-summary scores and the script's averages.

Example
-------
>>> from eval.rouge155 import rouge155
>>> result = rouge155(["the cat sat on the mat ."], [["a cat sat on a mat ."]], "-n 2 -m")
>>> result.scores[0]["ROUGE-1"].recall, result.averages["ROUGE-1"].recall
(0.66667, 0.66667)

Each summary is a sequence of sentences (one line each in the script's SPL
files) and has one or more references.  The script's equivalent run has one
``<EVAL ID="...">`` per summary with the summary as peer ``A`` and the
references as models, in order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from eval.rouge155.bootstrap import Average, bootstrap_averages, test_order
from eval.rouge155.flags import Rouge155Config, parse_flags
from eval.rouge155.measures import Prepared, Rouge155Score, prepare, score_prepared

__all__ = ["Rouge155Result", "Rouge155Scorer", "average_scores", "rouge155"]

PEER_ID = "A"


class Rouge155Scorer:
    """Scores summaries under one set of flags, reading each distinct reference once.

    Parameters
    ----------
    config : Rouge155Config or str
        Flags (:func:`~eval.rouge155.flags.parse_flags`) or their result.
    """

    def __init__(self, config: Rouge155Config | str | Sequence[str]) -> None:
        self.config = config if isinstance(config, Rouge155Config) else parse_flags(
            config if isinstance(config, str) else list(config))
        self._references: dict[tuple[str, ...], Prepared] = {}

    def _reference(self, sentences: Sequence[str]) -> Prepared:
        key = tuple(sentences)
        prepared = self._references.get(key)
        if prepared is None:
            if len(self._references) > 100_000:
                self._references.clear()
            prepared = self._references[key] = prepare(key, self.config)
        return prepared

    def score(self, summary: Sequence[str], references: Sequence[Sequence[str]]) -> dict[str, Rouge155Score]:
        """The measures of one summary (a sequence of sentences) against its references, in order.

        Raises
        ------
        ValueError
            If there is no reference.
        """
        if not references:
            raise ValueError("ROUGE-1.5.5 needs at least one reference per summary")
        models = [self._reference(r) for r in references]
        return score_prepared(prepare(summary, self.config), models, self.config)


@dataclass(frozen=True)
class Rouge155Result:
    """Per-summary scores and the script's averages.

    Attributes
    ----------
    config : Rouge155Config
    ids : tuple of str
    scores : tuple of dict
        Per summary, measure name to :class:`~eval.rouge155.measures.Rouge155Score`.
    averages : dict
        Measure name to :class:`~eval.rouge155.bootstrap.Average` (the printed
        ``Average_R/P/F`` and their intervals).
    """

    config: Rouge155Config
    ids: tuple[str, ...]
    scores: tuple[dict[str, Rouge155Score], ...]
    averages: dict[str, Average]


def average_scores(ids: Sequence[str], scores: Sequence[Mapping[str, Rouge155Score]], config: Rouge155Config,
                   peer_id: str = PEER_ID) -> dict[str, Average]:
    """The script's ``Average_R/P/F`` with ``-c`` intervals of ``-r`` resamples (:mod:`eval.rouge155.bootstrap`).

    ``ids`` must be distinct: with ``peer_id`` (the script's system id) they set the script's order of the
    summaries, which the resampling follows.
    """
    if len(set(ids)) != len(ids):
        raise ValueError("summary ids must be distinct: they order the resampling as the script's eval ids do")
    names = config.measures()
    order = test_order(ids, peer_id)
    matrix = np.array([[getattr(scores[k][name], field) for name in names
                        for field in ("recall", "precision", "fmeasure")] for k in order], dtype=np.float64)
    matrix = matrix.reshape(len(order), 3 * len(names))
    return dict(zip(names, bootstrap_averages(matrix, config.resamples, config.confidence), strict=True))


def rouge155(summaries: Iterable[Sequence[str]], references: Iterable[Sequence[Sequence[str]]],
             flags: Rouge155Config | str | Sequence[str], ids: Sequence[str] | None = None,
             peer_id: str = PEER_ID) -> Rouge155Result:
    """ROUGE-1.5.5 as the Perl script computes it, without Perl.

    Parameters
    ----------
    summaries : iterable of sequence of str
        Each summary's sentences (or one string per summary, taken as one sentence).
    references : iterable of sequence of sequence of str
        Each summary's references, each a sequence of sentences.
    flags : str, sequence of str or Rouge155Config
        The script's flags, e.g. ``"-c 95 -2 -1 -U -r 1000 -n 4 -w 1.2 -a -m"``.
    ids : sequence of str, optional
        Distinct ids of the summaries (default ``"1"``, ``"2"``, ...): the
        script's eval ids, whose sorted order the bootstrap follows.
    peer_id : str
        The script's system id (default ``"A"``); it is part of the sorted test ids.

    Returns
    -------
    Rouge155Result

    Raises
    ------
    FlagError
        For unknown or unsupported flags (a ``ValueError``).
    ValueError
        If the lengths differ, a summary has no reference or ids repeat.
    """
    scorer = Rouge155Scorer(flags)
    summary_list = [[s] if isinstance(s, str) else list(s) for s in summaries]
    reference_list = [[[r] if isinstance(r, str) else list(r) for r in refs] for refs in references]
    if len(summary_list) != len(reference_list):
        raise ValueError(f"{len(summary_list)} summaries but {len(reference_list)} reference sets")
    ident = tuple(ids) if ids is not None else tuple(str(k + 1) for k in range(len(summary_list)))
    if len(ident) != len(summary_list):
        raise ValueError(f"{len(ident)} ids for {len(summary_list)} summaries")
    scores = tuple(scorer.score(s, r) for s, r in zip(summary_list, reference_list, strict=True))
    averages = average_scores(ident, scores, scorer.config, peer_id) if scores else {}
    return Rouge155Result(scorer.config, ident, scores, averages)
