"""Markdown (GitHub-flavoured) tables for the reports (one renderer, cells escaped) and the number format of
every table."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["format_p", "format_value", "markdown_table"]


def _cell(value: object) -> str:
    # A "|" inside a cell would end it, and a line break would end the row: system and file names
    # come from users, so both are escaped (\|) or flattened (space).
    return " ".join(str(value).split("\n")).replace("|", "\\|")


def markdown_table(header: Sequence[object], rows: Sequence[Sequence[object]], *,
                   left_columns: int | None = None) -> list[str]:
    """The lines of a Markdown table.

    Parameters
    ----------
    header : sequence
        Column titles.
    rows : sequence of sequence
        Cells, converted with ``str``.
    left_columns : int, optional
        Only the first ``left_columns`` columns are left-aligned (``---``), the
        others right-aligned (``---:``); by default every column is ``---``.

    Examples
    --------
    >>> markdown_table(["system", "R1"], [["a|b", "41.9"]], left_columns=1)
    ['| system | R1 |', '|---|---:|', '| a\\\\|b | 41.9 |']
    """
    rule = ["---" if left_columns is None or i < left_columns else "---:" for i in range(len(header))]
    return ["| " + " | ".join(map(_cell, header)) + " |", "|" + "|".join(rule) + "|",
            *("| " + " | ".join(map(_cell, row)) + " |" for row in rows)]


# Measures that are shares in [0, 1]: three decimals; ROUGE: x100 with two, as everywhere in the toolkit.
_SHARES = {"coverage", "novel_1", "novel_2", "novel_3", "redundancy", "position"}


def format_p(value: float, n_samples: int = 0) -> str:
    """A p-value with 4 decimals; below ``1 / n_samples`` (a bootstrap p of 0 with B resamples) as ``<1/B``.

    ``format_p(0.0, 1000) == "<0.001"``: with B resamples a p-value is only known to that resolution, so
    0.0000 would claim more than the test showed.  ``-`` when undefined.
    """
    if value != value:
        return "-"
    if n_samples and value < 1 / n_samples:
        return f"<{1 / n_samples:.4g}"
    return f"{value:.4f}"


def format_value(metric: str, value: float) -> str:
    """ROUGE F x100 with 2 decimals; shares with 3; other measures with 2; ``-`` when undefined."""
    if value != value:
        return "-"
    if metric.endswith("_f"):
        return f"{value * 100:.2f}"
    return f"{value:.3f}" if metric in _SHARES else f"{value:.2f}"
