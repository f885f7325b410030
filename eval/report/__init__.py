"""Reports: text, Markdown and CSV tables of evaluations, and the self-contained HTML report.

Modules: :mod:`~eval.report.tables` (text/Markdown/CSV of an evaluation),
:mod:`~eval.report.markdown`, :mod:`~eval.report.compare` (comparison tables),
:mod:`~eval.report.html` with :mod:`~eval.report.plots`, :mod:`~eval.report.marks`
and :mod:`~eval.report.assets` (the HTML report).
"""

from eval.report.tables import (
    PARTIAL_ROWS,
    REPORT_FILES,
    PerArticleWriter,
    aggregate_frame,
    per_article_columns,
    per_article_frame,
    per_article_row,
    read_rows,
    render_markdown,
    render_text,
    write_report,
)

__all__ = ["REPORT_FILES", "PARTIAL_ROWS", "PerArticleWriter", "aggregate_frame", "per_article_columns",
           "per_article_frame", "per_article_row", "read_rows", "render_markdown", "render_text", "write_report"]
