"""Evaluate a summarizer on a corpus: summarize each article, score it with ROUGE, aggregate.

The loop of ``summarize eval`` (and of the Python API's :func:`evaluate`):
records flow in input order through a batch engine
(:mod:`summarize.experiment.batch`); per-summary scores and their aggregate
come from the :mod:`eval` library.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from functools import partial
from typing import Any, Protocol

import numpy as np

from eval.results import ArticleResult, EvaluationReport, aggregate_values, score_row
from eval.rouge.score import RougeConfig, non_ascii_warning, score_summary
from eval.signature import Signature
from eval.stats.bootstrap import BootstrapConfig
from summarize.experiment.batch import BatchConfig, ordered_map
from summarize.io.readers import RecordError
from summarize.text.article import Article, MissingReferenceError
from summarize.text.sentences import SPLITTER_NAME

__all__ = ["NO_REFERENCE", "NO_SENTENCES", "evaluate", "score_article", "warn_non_ascii_articles"]

# Why an article cannot be scored; shared with the compare loop so both commands say the same.
NO_SENTENCES = "no body sentences to summarize"
NO_REFERENCE = "no reference (no own summary found; see --reference)"


class _Summarizer(Protocol):
    def summarize(self, article: Article) -> Any: ...


def score_article(
    index: int, item: Article | RecordError, summarizer: _Summarizer, config: RougeConfig
) -> ArticleResult:
    """Summarize one article and score it; never raises for bad records.

    Records that cannot be scored come back with ``skipped`` set: unreadable
    records, articles without a reference, articles without body sentences,
    and articles the method rejects (e.g. the oracle without a reference).
    """
    if isinstance(item, RecordError):
        return ArticleResult(index, item.id, skipped=item.message)
    kinds = item.reference_kinds
    language = item.language
    if not item.sentences:
        return ArticleResult(index, item.id, reference_kinds=kinds, skipped=NO_SENTENCES, language=language)
    if not item.references:
        reason = NO_REFERENCE
        try:
            # Still summarized: users see the summary even without a reference.
            summary = summarizer.summarize(item)
        except MissingReferenceError:
            return ArticleResult(index, item.id, skipped=reason, language=language)
        return ArticleResult(index, item.id, tuple(summary.sentences), tuple(summary.indices), skipped=reason,
                             language=language)
    summary = summarizer.summarize(item)
    # the article's own language (given, from its record, or detected when it was read)
    scores = score_summary(summary.sentences, item.references, config.for_language(language))
    return ArticleResult(index, item.id, tuple(summary.sentences), tuple(summary.indices), scores, kinds,
                         language=language)


def _score_safely(summarizer: _Summarizer, config: RougeConfig, indexed: tuple[int, Article | RecordError]
                  ) -> ArticleResult:
    """:func:`score_article` for batch engines: one article the method rejects must not end the batch."""
    index, item = indexed
    try:
        return score_article(index, item, summarizer, config)
    except (TypeError, ValueError) as exc:
        return ArticleResult(index, getattr(item, "id", str(index)), skipped=f"cannot summarize: {exc}")


def evaluate(
    items: Iterable[Article | RecordError],
    summarizer: _Summarizer,
    *,
    rouge: RougeConfig = RougeConfig(),
    bootstrap: BootstrapConfig = BootstrapConfig(),
    reference: str = "auto",
    on_result: Callable[[ArticleResult], None] | None = None,
    batch: BatchConfig | None = None,
    keep_results: bool = True,
    prior: Iterable[ArticleResult] = (),
) -> EvaluationReport:
    """Summarize and score every item; aggregate the scored ones.

    Parameters
    ----------
    items : iterable of Article or RecordError
        E.g. the output of :func:`summarize.io.readers.read_articles`.
    summarizer : object with ``summarize(article)``
        Any summarizer of this toolkit.
    rouge : RougeConfig
    bootstrap : BootstrapConfig
    reference : str
        The reference choice, recorded in the signature.
    on_result : callable, optional
        Called with each :class:`ArticleResult` as it is produced, in input
        order (progress, error reporting).
    batch : BatchConfig, optional
        Parallel engine (local processes or Dask); default: this process.
        Results are identical for every engine and number of workers.
    keep_results : bool
        Keep every :class:`ArticleResult` in the report (default).  With
        ``False`` only the scores are kept, as 8-byte floats (``3 x types``
        per article), plus the skipped records' ids and reasons: memory stays
        flat for corpora of millions of articles; use ``on_result`` to write
        the per-article rows as they come.
    prior : iterable of ArticleResult
        Results of the first records from an interrupted run (``--resume``),
        in input order; ``items`` then holds only the records after them.
        They are aggregated as if computed now (``on_result`` is not called).

    Returns
    -------
    EvaluationReport
    """
    results = []
    values = array("d")  # per-article P/R/F rows, flat: far smaller than Score objects
    n_scored = 0
    work = partial(_score_safely, summarizer, rouge)

    def outcomes() -> Iterable[ArticleResult]:
        start = 0
        for result in prior:
            start += 1
            yield result
        # The records after the resumed ones keep their input positions.
        for result in ordered_map(work, enumerate(items, start=start), batch or BatchConfig(jobs=1)):
            if on_result is not None:
                on_result(result)
            yield result

    languages: set[str] = set()
    for result in outcomes():
        if result.scores is not None:
            values.extend(score_row(result.scores, rouge.types))
            n_scored += 1
            if result.language:
                languages.add(result.language)
            if keep_results:
                results.append(result)
        else:
            results.append(result if keep_results else ArticleResult(result.index, result.id, skipped=result.skipped))
    table = np.frombuffer(values, dtype=np.float64).reshape(n_scored, 3 * len(rouge.types))
    signature = Signature.create(rouge, bootstrap, splitter=SPLITTER_NAME, reference=reference,
                                 languages=tuple(languages))
    system = {"method": getattr(summarizer, "method", type(summarizer).__name__)}
    if hasattr(summarizer, "get_params"):
        system["params"] = summarizer.get_params()
    return EvaluationReport(tuple(results), aggregate_values(table, rouge.types, bootstrap), signature, system,
                            n_scored)


# Enough of an article body to tell its script.
_BODY_SAMPLE = 2000


def warn_non_ascii_articles(items: Iterable[Any], tokenizer: str = "rouge-score") -> Iterator[Any]:
    """Pass ``items`` through; the first article whose letters are mostly not ASCII gets a warning.

    With rouge-score's default tokenizer such an article (its references and the
    start of its body, where the summary comes from) would be scored on almost
    no tokens.  The warning, added to :attr:`~summarize.text.article.Article.warnings`,
    says to use ``--tokenizer unicode``; it is given once per run.
    """
    if tokenizer != "rouge-score":
        yield from items
        return
    warned = False
    for item in items:
        if not warned and isinstance(item, Article):
            texts = [s for ref in item.references for s in ref]
            texts.append(item.text[:_BODY_SAMPLE])
            message = non_ascii_warning(texts, tokenizer, what="references and body")
            if message is not None:
                warned = True
                item = replace(item, warnings=item.warnings + (
                    f"{item.id}: {message} (said once; other records may be alike)",))
        yield item
