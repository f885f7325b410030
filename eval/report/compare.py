"""Text and Markdown tables of a :class:`~eval.compare.Comparison` (systems x metrics, paired tests)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eval.report.markdown import format_p, format_value, markdown_table

if TYPE_CHECKING:
    from eval.compare import Comparison
    from eval.report.data import ReportData
    from eval.stats.bootstrap import Interval

__all__ = ["comparison_report_data", "format_value", "render_compare_markdown", "render_compare_text"]

def _cell(metric: str, interval: Interval) -> str:
    if interval.mean != interval.mean:
        return "-"
    return (f"{format_value(metric, interval.mean)} "
            f"[{format_value(metric, interval.low)}, {format_value(metric, interval.high)}]")


def _tables(c: Comparison) -> tuple[list[list[str]], list[list[str]]]:
    # One row per metric, one column per system: fits a terminal for any number of measures.
    main = [["metric", *c.systems]]
    main += [[m, *(_cell(m, c.aggregate[s][m]) for s in c.systems)] for m in c.metrics]
    tests = [["system", "vs", "metric", "n", "difference [CI]", "p bootstrap", "p permutation"]]
    for t in c.tests:
        diff = (f"{format_value(t.metric, t.mean_difference)} "
                f"[{format_value(t.metric, t.low)}, {format_value(t.metric, t.high)}]")
        tests.append([t.system, t.baseline, t.metric, str(t.n), diff, format_p(t.p_bootstrap, t.n_samples),
                      format_p(t.p_permutation)])
    return main, tests


def _fixed(rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]


def _headline(c: Comparison) -> str:
    return (f"{len(c.systems)} systems on {c.n_compared} articles ({len(c.skipped)} skipped); "
            f"means with {c.confidence * 100:g}% bootstrap intervals; ROUGE F x100")


def render_compare_text(c: Comparison) -> str:
    """Fixed-width tables for the terminal, skip reasons and the signature."""
    main, tests = _tables(c)
    lines = [_headline(c), *_fixed(main)]
    if c.tests:
        lines += ["", f"paired tests against {c.baseline} (two-sided p-values):", *_fixed(tests)]
    lines += [f"skipped {ident}: {reason}" for _, ident, reason in c.skipped]
    lines.append(f"signature: {c.signature}")
    return "\n".join(lines)


def render_compare_markdown(c: Comparison) -> str:
    """Markdown tables with the headline and the signature."""
    def table(rows: list[list[str]]) -> list[str]:
        return markdown_table(rows[0], rows[1:])

    main, tests = _tables(c)
    lines = [f"**{_headline(c)}**", "", *table(main)]
    if c.tests:
        lines += ["", f"Paired tests against {c.baseline} (two-sided p-values):", "", *table(tests)]
    lines += ["", f"Signature: `{c.signature}`", ""]
    return "\n".join(lines)


def comparison_report_data(c: Comparison, *, title: str) -> ReportData:
    """The :class:`eval.report.html.ReportData` of a comparison (for :func:`eval.report.html.write_html`)."""
    from eval.report.data import ArticleView, ReportData, SignificanceRow, SystemArticle

    per_article = {s: {m: c.values[s][:, k].tolist() for k, m in enumerate(c.metrics)} for s in c.systems}
    articles = [
        ArticleView(a.id, a.article, a.references,
                    {s: SystemArticle(o.sentences, o.selected, dict(zip(c.metrics, o.values)))
                     for s, o in a.outputs.items()})
        for a in c.articles
    ]
    tests = [SignificanceRow(t.system, t.baseline, t.metric, t.mean_difference, t.p_bootstrap, t.p_permutation,
                             t.n_samples) for t in c.tests]
    return ReportData(
        title=title, signature=c.signature, systems=c.systems, measures=c.metrics, aggregate=c.aggregate,
        confidence=c.confidence, per_article=per_article, positions=c.positions, significance=tests,
        articles=articles, n_articles=c.n_compared, skipped=[(ident, reason) for _, ident, reason in c.skipped],
        tokenizer=c.tokenizer,
    )
