"""A self-contained HTML evaluation report (``eval --html``, ``summarize report``).

:func:`render_html` turns a :class:`ReportData` into ONE HTML document that
needs no network access: CSS and JavaScript are inline and the plots are PNG
images embedded as ``data:`` URIs.  The document holds

* the signature and the number of articles evaluated (and skipped);
* the aggregate table: one row per system, one column per measure, each cell
  ``mean [low, high]`` formatted as ``summarize compare`` prints them (ROUGE F
  x100 with two decimals, shares such as ``coverage`` with three, other
  measures with two; see :func:`format_score`);
* paired significance tests of every system against the baseline (the first
  system), if given;
* three plots (matplotlib, Agg, no pyplot; see :mod:`eval.report.plots`):
  per-article score distributions of the ROUGE F measures, the system
  comparison (means with their confidence intervals) and a histogram of the
  relative positions of the selected sentences;
* a per-article table (click a header to sort, type in the box to filter by id
  or text) and a detail view of one article: its sentences with those selected
  by the chosen system highlighted, the reference(s) beside it, and the
  system's summary, with the n-gram overlap between summary and reference
  marked (see :func:`eval.report.marks.overlap_marks`).

Security
--------
Article, reference and summary text, ids, system and measure names and the
skip reasons are untrusted.  Text that goes into the markup is escaped with
``html.escape(..., quote=True)``.  The per-article texts are embedded once as
JSON in a ``<script type="application/json">`` element (so 500 articles do
not become 500 pre-rendered DOM trees); ``<``, ``>`` and ``&`` are written as
``\\u003c``, ``\\u003e`` and ``\\u0026`` there, so no ``</script>`` can end the
element early, and the script builds the detail view with ``textContent`` and
DOM calls only, never ``innerHTML``.  As defence in depth, a
Content-Security-Policy ``<meta>`` allows no network access at all, images
only from ``data:`` URIs and scripts only if their SHA-256 hash equals that of
the report's own inline script: even an injected ``<script>`` or ``onerror=``
attribute would not run.

Output is deterministic: the same :class:`ReportData` gives byte-identical
HTML (no timestamps; PNGs are written without the ``Software`` tag and with
matplotlib's default style, whatever the user's ``matplotlibrc`` says).

Modules
-------
This module holds the number formatting, the HTML sections and the writing
of the file.  The data (:class:`ReportData` and its parts) are in
:mod:`eval.report.data`, the word tokens and overlap marks in
:mod:`eval.report.marks`, the plots and system colours in
:mod:`eval.report.plots`, the CSS and JavaScript in :mod:`eval.report.assets`.
Their names in this module's ``__all__`` (:data:`SYSTEM_COLORS`,
:func:`bigrams`, :func:`measure_scale`, :func:`overlap_marks`,
:func:`word_tokens`) are re-exported here, so imports from this module keep
working.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# Private names here, as before the split (tests read html_report._JS).
from eval.report.assets import CSS as _CSS
from eval.report.assets import JS as _JS
from eval.report.data import ArticleView, ReportData, SignificanceRow, SystemArticle
from eval.report.markdown import format_value
from eval.report.marks import bigrams, clean_text, overlap_marks, utf16_offsets, word_tokens
from eval.report.plots import SYSTEM_COLORS, Plot, finite, make_plots, measure_scale, system_color, tint
from eval.stats.bootstrap import Interval

__all__ = [
    "ArticleView",
    "ReportData",
    "SignificanceRow",
    "SystemArticle",
    "SYSTEM_COLORS",
    "bigrams",
    "format_interval",
    "format_score",
    "measure_scale",
    "overlap_marks",
    "relative_position",
    "render_html",
    "word_tokens",
    "write_html",
]

_DASH = "\u2013"  # shown for missing / NaN numbers


def format_score(value: float, measure: str | None = None) -> str:
    """A value as the toolkit prints it; ``nan`` -> ``"–"``.

    Without ``measure``, a 0..1 score x100 with two decimals (``"41.96"``).
    With it, :func:`eval.report.markdown.format_value`'s rule (the one of
    ``summarize compare``): ROUGE F x100 with two decimals, shares in [0, 1]
    (``coverage``, ``novel_1``, ...) with three, other measures with two.
    """
    if not finite(value):
        return _DASH
    if measure is None:
        return f"{value * 100:.2f}"

    return format_value(measure, value)


def format_interval(interval: Interval, measure: str | None = None) -> str:
    """``"41.96 [40.10, 43.80]"`` (see :func:`format_score`); bounds left out if not finite, ``"–"`` if the mean
    is not."""
    if not finite(interval.mean):
        return _DASH
    mean = format_score(interval.mean, measure)
    if not (finite(interval.low) and finite(interval.high)):
        return mean
    return f"{mean} [{format_score(interval.low, measure)}, {format_score(interval.high, measure)}]"


def _format_difference(value: float, measure: str) -> str:
    if not finite(value):
        return _DASH
    text = format_score(value, measure)
    return text if text.startswith("-") else f"+{text}"


def _format_p(value: float) -> str:
    return f"{value:.4f}" if finite(value) else _DASH


def relative_position(index: int, n_sentences: int) -> float:
    """Relative position of sentence ``index`` of an ``n_sentences``-sentence article.

    ``index / (n_sentences - 1)``: 0 for the first sentence, 1 for the last,
    0 for a one-sentence article.  Use it to fill :attr:`ReportData.positions`.
    """
    if not 0 <= index < n_sentences:
        raise ValueError(f"sentence index {index} out of range for {n_sentences} sentences")
    return index / (n_sentences - 1) if n_sentences > 1 else 0.0


# --------------------------------------------------------------------------
# Escaping


def _esc(text: object) -> str:
    return html.escape(clean_text(text), quote=True)


def _json_for_script(value: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` appears raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


# --------------------------------------------------------------------------
# HTML


def _aggregate_section(data: ReportData) -> list[str]:
    ci = f"{data.confidence * 100:g}% CI"
    out = ['<h2 id="aggregate">Aggregate scores</h2>', '<div class="scroll"><table id="aggregate-table">']
    out.append("<caption>Mean over the scored articles (ROUGE F x100) with the "
               f"{_esc(ci)} of a percentile bootstrap: <code>mean [low, high]</code>.</caption>")
    out.append('<thead><tr><th class="name">system</th>'
               + "".join(f'<th scope="col">{_esc(m)} <small>({_esc(ci)})</small></th>' for m in data.measures)
               + "</tr></thead><tbody>")
    for i, system in enumerate(data.systems):
        cells = data.aggregate.get(system, {})
        row = [f'<tr data-system="{_esc(system)}"><td class="name">'
               f'<span class="swatch" style="background:{system_color(i)}"></span>{_esc(system)}'
               + (' <small class="legend">(baseline)</small>' if i == 0 and len(data.systems) > 1 else "")
               + "</td>"]
        for measure in data.measures:
            interval = cells.get(measure)
            row.append(f"<td>{_esc(format_interval(interval, measure)) if interval is not None else _DASH}</td>")
        out.append("".join(row) + "</tr>")
    out.append("</tbody></table></div>")
    return out


def _significance_section(data: ReportData) -> list[str]:
    if not data.significance:
        return []
    alpha = 1.0 - data.confidence
    out = ['<h2 id="significance">Paired significance tests</h2>',
           '<div class="scroll"><table id="significance-table">',
           f"<caption>Mean per-article difference (ROUGE F x100) of each system minus the baseline, with the p-values "
           f"of the paired bootstrap and the permutation test; rows with both p &lt; {alpha:g} are bold."
           "</caption>",
           '<thead><tr><th class="name">system</th><th class="name">baseline</th><th class="name">measure</th>'
           "<th>\u0394 mean</th><th>p bootstrap</th><th>p permutation</th></tr></thead><tbody>"]
    for row in data.significance:
        significant = finite(row.p_bootstrap) and finite(row.p_permutation) and max(
            row.p_bootstrap, row.p_permutation) < alpha
        out.append(
            ('<tr class="sig">' if significant else "<tr>") + f'<td class="name">{_esc(row.system)}</td>'
            f'<td class="name">{_esc(row.baseline)}</td><td class="name">{_esc(row.measure)}</td>'
            f"<td>{_esc(_format_difference(row.mean_difference, row.measure))}</td>"
            f'<td class="p">{_format_p(row.p_bootstrap)}</td><td class="p">{_format_p(row.p_permutation)}</td></tr>'
        )
    out.append("</tbody></table></div>")
    return out


def _plots_section(plots: Sequence[Plot]) -> list[str]:
    out = ['<h2 id="plots">Plots</h2>', '<div class="plots">']
    for plot in plots:
        out.append(f"<figure><h3>{_esc(plot.title)}</h3>")
        if plot.png is None:
            out.append(f'<p class="note">{_esc(plot.note)}</p>')
        else:
            encoded = base64.b64encode(plot.png).decode("ascii")
            out.append(f'<img src="data:image/png;base64,{encoded}" width="{plot.width}" height="{plot.height}" '
                       f'alt="{_esc(plot.title)}">')
        out.append(f"<figcaption>{_esc(plot.caption)}</figcaption></figure>")
    out.append("</div>")
    return out


_GROUP = ' class="group"'


def _sort_value(value: float) -> str:
    return repr(float(value)) if finite(value) else ""


def _articles_section(data: ReportData) -> tuple[list[str], list[dict[str, Any]]]:
    """The per-article table (static rows) and the JSON records the detail view is drawn from."""
    if not data.articles:
        return [], []
    total = max(data.n_articles, len(data.articles))
    shown = len(data.articles)
    out = ['<h2 id="articles">Articles</h2>']
    if total > shown:
        out.append(f'<p class="meta">The table holds the first {shown} of {total} evaluated articles.</p>')
    out.append('<div class="toolbar"><label>Filter <input id="article-filter" type="search" '
               'placeholder="id or text" autocomplete="off"></label>'
               '<span id="article-count" class="legend"></span>'
               '<span class="legend">Click a header to sort, an id to open the article.</span>'
               '<label>Detail view for <select id="detail-system">'
               + "".join(f'<option value="{i}">{_esc(s)}</option>' for i, s in enumerate(data.systems))
               + "</select></label></div>")
    out.append('<div class="table-wrap"><table id="articles-table"><thead><tr>'
               '<th rowspan="2" class="sortable" data-column="0" data-type="num" tabindex="0" scope="col">#</th>'
               '<th rowspan="2" class="sortable name" data-column="1" data-type="text" tabindex="0" scope="col">id</th>'
               '<th rowspan="2" class="sortable" data-column="2" data-type="num" tabindex="0" scope="col" '
               'title="number of article sentences">sent.</th>')
    if data.measures:
        out.extend(f'<th colspan="{len(data.measures)}" scope="colgroup" class="group">'
                   f'<span class="swatch" style="background:{system_color(i)}"></span>{_esc(s)}</th>'
                   for i, s in enumerate(data.systems))
    out.append("</tr><tr>")
    column = 3
    for _ in data.systems:
        for j, measure in enumerate(data.measures):
            # A heavier rule where each system's columns begin.
            group = " group" if j == 0 else ""
            out.append(f'<th class="sortable{group}" data-column="{column}" data-type="num" tabindex="0" scope="col">'
                       f"{_esc(measure)}</th>")
            column += 1
    out.append("</tr></thead><tbody>")

    records: list[dict[str, Any]] = []
    for index, view in enumerate(data.articles):
        article = [clean_text(s) for s in view.article]
        references = [[clean_text(s) for s in ref] for ref in view.references]
        reference_sentences = [s for ref in references for s in ref]
        cells = [f'<tr data-index="{index}"><td>{index + 1}</td>'
                 f'<td class="id"><button type="button" class="open" title="{_esc(view.id)}">'
                 f"{_esc(view.id)}</button></td>"
                 f"<td>{len(article)}</td>"]
        outputs: list[dict[str, Any] | None] = []
        for system in data.systems:
            output = view.systems.get(system)
            if output is None:
                cells.extend(f'<td{_GROUP if j == 0 else ""} data-v="">{_DASH}</td>' for j in range(len(data.measures)))
                outputs.append(None)
                continue
            values = [output.scores.get(m, math.nan) for m in data.measures]
            cells.extend(f'<td{_GROUP if j == 0 else ""} data-v="{_sort_value(v)}">{_esc(format_score(v, m))}</td>'
                         for j, (m, v) in enumerate(zip(data.measures, values)))
            summary = [clean_text(s) for s in output.sentences]
            selected = [int(i) for i in output.selected if 0 <= int(i) < len(article)]
            if len(selected) != len(output.selected):
                selected = []  # an index outside the article: positions are not trustworthy
            # A summary sentence that is the article sentence at its index is
            # stored as that index: extractive summaries then cost no text twice.
            stored: list[str | int] = list(summary)
            if len(selected) == len(summary):
                stored = [i if article[i] == s else s for s, i in zip(summary, selected)]
            outputs.append({
                "t": stored,
                "p": selected,
                "v": [format_score(v, m) for m, v in zip(data.measures, values)],
                "m": [utf16_offsets(s, spans)
                      for s, spans in zip(summary, overlap_marks(summary, reference_sentences, data.tokenizer))],
                "rm": [[utf16_offsets(s, spans) for s, spans in zip(ref, overlap_marks(ref, summary, data.tokenizer))]
                       for ref in references],
            })
        out.append("".join(cells) + "</tr>")
        records.append({"id": clean_text(view.id), "a": article, "r": references, "s": outputs})
    out.append("</tbody></table></div>")
    out.append('<section id="article-detail" hidden><h3 class="title" id="detail-title"></h3>'
               '<div id="detail-body"></div></section>')
    out.append('<noscript><p class="note">The sortable table and the article view need JavaScript.</p></noscript>')
    return out, records


def _skipped_section(data: ReportData) -> list[str]:
    if not data.skipped:
        return []
    out = ['<details class="skipped" id="skipped">',
           f"<summary>{len(data.skipped)} record{'s' if len(data.skipped) != 1 else ''} could not be scored"
           "</summary><ul>"]
    out.extend(f"<li><code>{_esc(record_id)}</code>: {_esc(reason)}</li>" for record_id, reason in data.skipped)
    out.append("</ul></details>")
    return out


def render_html(data: ReportData) -> str:
    """The report as one self-contained HTML document.

    Parameters
    ----------
    data : ReportData

    Returns
    -------
    str
        The document; the same ``data`` always gives the same string.
    """
    plots = make_plots(data)
    articles_html, records = _articles_section(data)
    total = max(data.n_articles, len(data.articles))
    body: list[str] = [
        "<main>",
        f"<h1>{_esc(data.title)}</h1>",
        f'<p class="meta" id="counts">{total} article{"s" if total != 1 else ""} evaluated'
        + (f", {len(data.skipped)} skipped" if data.skipped else "")
        + f"; {len(data.systems)} system{'s' if len(data.systems) != 1 else ''}; ROUGE F scores x100.</p>",
        f'<p class="meta">Signature:</p><code class="signature" id="signature">{_esc(data.signature)}</code>',
    ]
    body += _aggregate_section(data)
    body += _significance_section(data)
    body += _plots_section(plots)
    body += articles_html
    body += _skipped_section(data)
    body.append("</main>")

    script_parts: list[str] = []
    if records:
        payload = {
            "systems": [clean_text(s) for s in data.systems],
            "measures": [clean_text(m) for m in data.measures],
            "colors": [system_color(i) for i in range(len(data.systems))],
            "tints": [tint(system_color(i)) for i in range(len(data.systems))],
            "articles": records,
        }
        script_parts.append(f'<script type="application/json" id="report-data">{_json_for_script(payload)}</script>')
        script_parts.append(f"<script>{_JS}</script>")
    # Only a script whose hash is listed may run: the report's own one.
    script_hash = base64.b64encode(hashlib.sha256(_JS.encode("utf-8")).digest()).decode("ascii")
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
           f"script-src 'sha256-{script_hash}'; base-uri 'none'; form-action 'none'")
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{_esc(data.title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join(head + body + script_parts + ["</body>", "</html>", ""])


def write_html(data: ReportData, path: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Render ``data`` and write it to ``path`` atomically.

    The document goes to a temporary file in the same directory, which then
    takes the final name in one step, so readers never see half a report and
    an interrupted run leaves nothing behind.  Missing parent directories are
    created.  The file gets mode 0644.

    Parameters
    ----------
    data : ReportData
    path : str or os.PathLike
        The HTML file to write.
    force : bool
        Overwrite an existing file.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``force`` is false.
    IsADirectoryError
        If ``path`` is a directory.

    A device, FIFO or socket at ``path`` is never replaced (``FileExistsError``, even with ``force``).
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(f"{path} is a directory; --html needs a file name")
    if target.exists() and not target.is_file():  # the rename below would replace a device node or FIFO
        raise FileExistsError(f"{path} is not a regular file (a device, FIFO or socket); give a file path")
    if target.exists() and not force:
        raise FileExistsError(f"{path} exists; use --force to overwrite or pick another --html path")
    text = render_html(data)  # before touching the file system: a rendering error writes nothing
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a report is meant to be shared
        if force:
            os.replace(tmp, target)
        else:
            # link() fails if the name was taken since the check above, so a
            # file created concurrently is never overwritten without --force.
            try:
                os.link(tmp, target)
            except FileExistsError:
                raise FileExistsError(f"{path} exists; use --force to overwrite or pick another --html path") from None
            except OSError:  # no hard links on this file system: the check above has to do
                os.replace(tmp, target)
            else:
                os.unlink(tmp)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return target
