"""Per-record work of ``summarize run``, as a picklable function for batch engines."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summarize.io.readers import RecordError
from summarize.text.article import Article

__all__ = ["RunResult", "summarize_record"]


@dataclass(frozen=True)
class RunResult:
    """The outcome for one input record: a summary, or the reason there is none."""

    index: int
    id: str
    sentences: tuple[str, ...] = ()
    indices: tuple[int, ...] = ()
    n_source: int = 0
    error: str | None = None
    unreadable: bool = False  # the reader rejected the record (already reported with its file and line)
    source: str | None = None  # file:line of a record the reader rejected
    language: str | None = None  # the language whose rules split and analysed the article


def summarize_record(summarizer: Any, indexed: tuple[int, Article | RecordError]) -> RunResult:
    """Summarize record ``indexed = (index, item)``; bad records become ``RunResult.error``, never exceptions."""
    index, item = indexed
    if isinstance(item, RecordError):
        return RunResult(index, item.id, error=item.message, unreadable=True, source=item.source)
    try:
        summary = summarizer.summarize(item)
    except (TypeError, ValueError) as exc:
        return RunResult(index, item.id, error=str(exc))
    language = summarizer.language if getattr(summarizer, "language", "auto") != "auto" else item.language
    return RunResult(index, item.id, tuple(summary.sentences), tuple(summary.indices), len(item.sentences),
                     language=language)
