"""CSV cells that a spreadsheet would run as formulas, neutralised.

Spreadsheets (Excel, LibreOffice, Google Sheets) evaluate a cell that starts
with ``=``, ``+``, ``-`` or ``@`` as a formula (``=HYPERLINK(...)``,
``=cmd|' /C calc'!A0``), and a leading tab or carriage return can hide such a
start.  Ids and summaries come from the input, so every CSV file the toolkit
writes (``per_article.csv``, ``aggregate.csv``, ``trials.csv``) prefixes such
text cells with an apostrophe, which a spreadsheet shows as text and does not
display (OWASP's advice for CSV injection).  Numbers are written as numbers:
``-0.5`` stays a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FORMULA_STARTS", "safe_cell", "safe_frame", "safe_rows"]

#: First characters that make a spreadsheet read a text cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """``"'" + value`` for a string that starts with one of :data:`FORMULA_STARTS`; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_rows(rows: Iterable[Sequence[Any]]) -> Iterable[list[Any]]:
    """Each row with :func:`safe_cell` applied to every cell."""
    return ([safe_cell(value) for value in row] for row in rows)


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with :func:`safe_cell` applied to its text columns and column names."""
    from pandas.api.types import is_numeric_dtype

    out = frame.copy()
    for column in out.columns:
        if not is_numeric_dtype(out[column]):  # object or string columns (numbers stay numbers)
            out[column] = out[column].map(safe_cell)
    out.columns = [safe_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out
