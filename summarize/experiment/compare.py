"""Compare several systems on a corpus: summarize each article with every system, then compare.

The loop of ``summarize compare`` and ``summarize report`` (and of the Python
API's :func:`compare`).  A *system* is either a summarizer of this toolkit
(anything with ``summarize(article)``) or a mapping ``id -> summary
sentences`` (external summaries, e.g. read with
:func:`summarize.io.pairs.read_summaries`).  Every system is scored on the
same articles: an article counts only if it has a reference and every system
has a summary for it, so the paired tests compare like with like.  Scores,
intervals and tests come from :mod:`eval.compare`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
from typing import Any

from eval.compare import ArticleComparison, Comparison, check_systems, compare_results, score_outputs
from eval.measures import MEASURE_NAMES, align_sentences
from eval.rouge.score import RougeConfig
from eval.stats.bootstrap import BootstrapConfig
from summarize.experiment.batch import BatchConfig, ordered_map
from summarize.experiment.evaluate import NO_REFERENCE, NO_SENTENCES
from summarize.io.readers import RecordError
from summarize.text.article import Article, MissingReferenceError
from summarize.text.sentences import SPLITTER_NAME

__all__ = ["compare"]


def _summarize_all(systems: Mapping[str, Any], external: Mapping[str, Sequence[str] | None], article: Article
                   ) -> dict[str, tuple[tuple[str, ...], tuple[int, ...]]] | str:
    """Each system's (sentences, selected), or the reason the article cannot be compared."""
    out = {}
    for name, system in systems.items():
        if name in external:
            sentences = external[name]
            if sentences is None:
                return f"system {name!r} has no summary with id {article.id!r}"
            out[name] = (tuple(sentences), align_sentences(article.sentences, sentences))
        else:
            summary = system.summarize(article)
            out[name] = (tuple(summary.sentences), tuple(summary.indices))
    return out


def _compare_one(systems: Mapping[str, Any], config: RougeConfig, measures: tuple[str, ...],
                 packed: tuple[int, Article | RecordError, Mapping[str, Sequence[str] | None]]) -> ArticleComparison:
    """Per-record work (picklable for batch engines); bad records become ``skipped``, never exceptions."""
    index, item, external = packed
    if isinstance(item, RecordError):
        return ArticleComparison(index, item.id, skipped=item.message)
    if not item.sentences:
        return ArticleComparison(index, item.id, skipped=NO_SENTENCES)
    if not item.references:
        return ArticleComparison(index, item.id, skipped=NO_REFERENCE)
    try:
        summaries = _summarize_all(systems, external, item)
    except (TypeError, ValueError, MissingReferenceError) as exc:
        return ArticleComparison(index, item.id, skipped=f"cannot summarize: {exc}")
    if isinstance(summaries, str):
        return ArticleComparison(index, item.id, skipped=summaries)
    # the article's language, known since it was read: no detection per system
    outputs = score_outputs(item.sentences, item.references, summaries, config.for_language(item.language), measures)
    return ArticleComparison(index, item.id, tuple(item.sentences), tuple(item.references), outputs)


def compare(
    items: Iterable[Article | RecordError],
    systems: Mapping[str, Any],
    *,
    rouge: RougeConfig = RougeConfig(),
    bootstrap: BootstrapConfig = BootstrapConfig(),
    measures: Sequence[str] = MEASURE_NAMES,
    baseline: str | None = None,
    n_permutations: int = 10000,
    reference: str = "auto",
    keep_articles: int = 500,
    batch: BatchConfig | None = None,
    on_result: Callable[[ArticleComparison], None] | None = None,
) -> Comparison:
    """Score every system on every article; aggregate with intervals; test against the baseline.

    Parameters
    ----------
    items : iterable of Article or RecordError
    systems : mapping of str to summarizer or mapping
        Name -> a summarizer, or a mapping ``article id -> summary sentences``.
    rouge, bootstrap : RougeConfig, BootstrapConfig
    measures : sequence of str
        Quality measures (subset of :data:`eval.measures.MEASURE_NAMES`).
    baseline : str, optional
        The system the others are tested against (default: the first).
    n_permutations : int
        Rounds of the permutation test (the paired bootstrap uses ``bootstrap.n_samples``).
    reference : str
        Reference choice, recorded in the signature.
    keep_articles : int
        How many compared articles keep their text (for the HTML report).
    batch : BatchConfig, optional
        Parallel engine; results do not depend on it.
    on_result : callable, optional
        Called with each record's :class:`~eval.compare.ArticleComparison`, in input order.

    Raises
    ------
    ValueError
        For no systems, an unknown baseline or an unknown measure.
    """
    names = tuple(systems)
    measures = tuple(measures)
    check_systems(names, baseline, measures)  # before any work
    external = {n: s for n, s in systems.items() if not hasattr(s, "summarize")}
    ours = {n: s for n, s in systems.items() if n not in external}

    def packed() -> Iterable[tuple[int, Article | RecordError, dict[str, Sequence[str] | None]]]:
        # External summaries are looked up here, so workers receive only this article's.
        for index, item in enumerate(items):
            key = getattr(item, "id", None)
            yield index, item, {n: s.get(key) if isinstance(item, Article) else None for n, s in external.items()}

    # External systems travel as None: their summaries come with each record (see packed()).
    work = partial(_compare_one, {n: (ours[n] if n in ours else None) for n in names}, rouge, measures)
    results = ordered_map(work, packed(), batch or BatchConfig(jobs=1))
    return compare_results(results, names, rouge=rouge, bootstrap=bootstrap, measures=measures, baseline=baseline,
                           n_permutations=n_permutations, splitter=SPLITTER_NAME, reference=reference,
                           keep_articles=keep_articles, on_result=on_result)
