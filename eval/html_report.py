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
* three plots (matplotlib, Agg, no pyplot): per-article score distributions of
  the ROUGE F measures, the system comparison (means with their confidence
  intervals) and a histogram of the relative positions of the selected
  sentences;
* a per-article table (click a header to sort, type in the box to filter by id
  or text) and a detail view of one article: its sentences with those selected
  by the chosen system highlighted, the reference(s) beside it, and the
  system's summary, with the n-gram overlap between summary and reference
  marked (see :func:`overlap_marks`).

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
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import math
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .bootstrap import Interval

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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

# matplotlib's "tab10" palette, spelled out so the colours of the plots and of
# the highlighted sentences agree and do not depend on the user's rcParams.
SYSTEM_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)

# Same word tokens as rouge-score's default tokenizer (lower-cased runs of
# ASCII letters and digits; no stemming), so marked overlap is what ROUGE-2
# counts, up to stemming and sentence boundaries.
_TOKEN = re.compile(r"[A-Za-z0-9]+")
_DASH = "\u2013"  # shown for missing / NaN numbers
# Plot resolution: images are drawn at _DPI and shown at _CSS_DPI, so they
# stay sharp on high-density screens without being huge.
_DPI = 144
_CSS_DPI = 96


@dataclass(frozen=True)
class SystemArticle:
    """One system's output for one article.

    Attributes
    ----------
    sentences : tuple of str
        The summary sentences.
    selected : tuple of int
        Index in :attr:`ArticleView.article` of each summary sentence; empty
        if unknown (e.g. summaries read from a file), then no article
        sentence is highlighted for this system.
    scores : Mapping of str to float
        Measure name -> value for this article (e.g. ``"rouge1_f": 0.41``),
        in its own units (ROUGE F on the 0..1 scale); ``nan`` allowed.
    """

    sentences: tuple[str, ...]
    selected: tuple[int, ...] = ()
    scores: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class ArticleView:
    """One article with its references and the output of every system.

    Attributes
    ----------
    id : str
        The record's id.
    article : tuple of str
        Article sentences in order.
    references : tuple of tuple of str
        Each reference as a tuple of sentences (may be empty).
    systems : Mapping of str to SystemArticle
        System name -> its output; a system may be missing.
    """

    id: str
    article: tuple[str, ...]
    references: tuple[tuple[str, ...], ...] = ()
    systems: Mapping[str, SystemArticle] = field(default_factory=dict)


@dataclass(frozen=True)
class SignificanceRow:
    """A paired test of ``system`` against ``baseline`` on one measure.

    Attributes
    ----------
    system, baseline, measure : str
    mean_difference : float
        ``mean(system - baseline)`` in the measure's own units (ROUGE F shown x100).
    p_bootstrap : float
        p-value of the paired bootstrap (:func:`eval.significance.paired_bootstrap`).
    p_permutation : float
        p-value of the permutation test (:func:`eval.significance.permutation_test`).
    """

    system: str
    baseline: str
    measure: str
    mean_difference: float
    p_bootstrap: float
    p_permutation: float


@dataclass(frozen=True)
class ReportData:
    """Everything one HTML report shows.

    Attributes
    ----------
    title : str
        Page title and heading.
    signature : str
        The evaluation signature (:class:`eval.signature.Signature` as text).
    systems : tuple of str
        Display order; the first system is the baseline of comparisons.
    measures : tuple of str
        Columns of the aggregate and per-article tables, e.g.
        ``("rouge1_f", "rouge2_f", "rougeL_f", "rougeLsum_f", "coverage")``.
    aggregate : Mapping of str to Mapping of str to Interval
        System -> measure -> mean with its bootstrap interval (ROUGE F on the 0..1 scale).
    confidence : float
        Coverage of the intervals, e.g. 0.95 (for the headers).
    per_article : Mapping of str to Mapping of str to Sequence of float
        System -> measure -> per-article values, for the distribution plots.
    positions : Mapping of str to Sequence of float
        System -> relative position in [0, 1] of every selected sentence
        (0 = first sentence; see :func:`relative_position`).
    significance : Sequence of SignificanceRow
        Paired tests of each system against the baseline.
    articles : Sequence of ArticleView
        Rows of the per-article table and its detail view (the CLI caps
        this, e.g. to the first 500).
    n_articles : int
        Total number of articles evaluated (may exceed ``len(articles)``);
        0 means ``len(articles)``.
    skipped : Sequence of tuple of (str, str)
        ``(id, reason)`` of the records that could not be scored.
    """

    title: str
    signature: str
    systems: tuple[str, ...]
    measures: tuple[str, ...]
    aggregate: Mapping[str, Mapping[str, Interval]]
    confidence: float
    per_article: Mapping[str, Mapping[str, Sequence[float]]]
    positions: Mapping[str, Sequence[float]]
    significance: Sequence[SignificanceRow] = ()
    articles: Sequence[ArticleView] = ()
    n_articles: int = 0
    skipped: Sequence[tuple[str, str]] = ()


# --------------------------------------------------------------------------
# Numbers


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def measure_scale(measure: str) -> float:
    """Display factor of a measure: 100 for ROUGE F scores (names ending in ``_f``), else 1.

    The toolkit prints ROUGE F x100; other measures (``coverage``,
    ``density``, ``words``, ...) keep their own units.
    """
    return 100.0 if measure.endswith("_f") else 1.0


def format_score(value: float, measure: str | None = None) -> str:
    """A value as the toolkit prints it; ``nan`` -> ``"–"``.

    Without ``measure``, a 0..1 score x100 with two decimals (``"41.96"``).
    With it, :func:`eval.compare_report.format_value`'s rule (the one of
    ``summarize compare``): ROUGE F x100 with two decimals, shares in [0, 1]
    (``coverage``, ``novel_1``, ...) with three, other measures with two.
    """
    if not _finite(value):
        return _DASH
    if measure is None:
        return f"{value * 100:.2f}"
    from .compare_report import format_value  # one rule for the terminal and the HTML tables

    return format_value(measure, value)


def format_interval(interval: Interval, measure: str | None = None) -> str:
    """``"41.96 [40.10, 43.80]"`` (see :func:`format_score`); bounds left out if not finite, ``"–"`` if the mean is not."""
    if not _finite(interval.mean):
        return _DASH
    mean = format_score(interval.mean, measure)
    if not (_finite(interval.low) and _finite(interval.high)):
        return mean
    return f"{mean} [{format_score(interval.low, measure)}, {format_score(interval.high, measure)}]"


def _format_difference(value: float, measure: str) -> str:
    if not _finite(value):
        return _DASH
    text = format_score(value, measure)
    return text if text.startswith("-") else f"+{text}"


def _format_p(value: float) -> str:
    return f"{value:.4f}" if _finite(value) else _DASH


def relative_position(index: int, n_sentences: int) -> float:
    """Relative position of sentence ``index`` of an ``n_sentences``-sentence article.

    ``index / (n_sentences - 1)``: 0 for the first sentence, 1 for the last,
    0 for a one-sentence article.  Use it to fill :attr:`ReportData.positions`.
    """
    if not 0 <= index < n_sentences:
        raise ValueError(f"sentence index {index} out of range for {n_sentences} sentences")
    return index / (n_sentences - 1) if n_sentences > 1 else 0.0


# --------------------------------------------------------------------------
# n-gram overlap


def word_tokens(sentence: str) -> list[tuple[int, int, str]]:
    """``(start, end, token)`` of every word token of ``sentence``.

    A token is a run of ASCII letters and digits, lower-cased: rouge-score's
    default tokenizer without stemming.  ``start``/``end`` index ``sentence``.
    """
    return [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(sentence)]


def bigrams(sentences: Iterable[str]) -> set[tuple[str, str]]:
    """The word bigrams of ``sentences``; a bigram never spans two sentences."""
    found: set[tuple[str, str]] = set()
    for sentence in sentences:
        tokens = [t for _, _, t in word_tokens(sentence)]
        found.update(zip(tokens, tokens[1:]))
    return found


def overlap_marks(sentences: Sequence[str], other: Iterable[str]) -> list[list[tuple[int, int]]]:
    """Character spans of ``sentences`` to mark as n-gram overlap with ``other``.

    The rule: take the word tokens of each sentence (:func:`word_tokens`);
    every pair of adjacent tokens of a sentence whose bigram also occurs in
    ``other`` (within one of its sentences, :func:`bigrams`) covers the text
    from the start of its first token to the end of its second.  Overlapping
    covers are merged, so ``"the cat sat"`` is one span when both ``the cat``
    and ``cat sat`` are shared, while two shared bigrams that merely touch
    (``a b`` and ``c d`` in ``a b c d`` without ``b c``) stay two spans and
    the gap between them is not marked.  A word alone (a shared unigram) is
    never marked.

    Parameters
    ----------
    sentences : Sequence of str
        The text to mark, e.g. the summary sentences.
    other : Iterable of str
        The sentences to compare with, e.g. those of all references.

    Returns
    -------
    list of list of (int, int)
        For each sentence, sorted, disjoint ``(start, end)`` spans
        (Python string indices).
    """
    shared = bigrams(other)
    marks: list[list[tuple[int, int]]] = []
    for sentence in sentences:
        tokens = word_tokens(sentence)
        spans: list[tuple[int, int]] = []
        for (start, _, first), (_, end, second) in zip(tokens, tokens[1:]):
            if (first, second) not in shared:
                continue
            if spans and start < spans[-1][1]:  # shares its first token with the previous cover
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        marks.append(spans)
    return marks


# --------------------------------------------------------------------------
# Text hygiene


def _clean(text: object) -> str:
    """``str(text)`` with lone surrogates replaced, so it can be written as UTF-8."""
    return str(text).encode("utf-8", "replace").decode("utf-8")


def _esc(text: object) -> str:
    return html.escape(_clean(text), quote=True)


def _utf16_offsets(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Spans as a flat list of UTF-16 offsets: JavaScript strings index code units, not code points."""
    if text.isascii():
        return [i for span in spans for i in span]
    prefix = [0]
    for char in text:
        prefix.append(prefix[-1] + (2 if ord(char) > 0xFFFF else 1))
    return [prefix[i] for span in spans for i in span]


def _json_for_script(value: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` appears raw."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _plot_label(text: str) -> str:
    """Text for matplotlib: a ``$`` would start mathtext (and an odd one raises), so escape it."""
    return _clean(text).replace("$", r"\$")


# --------------------------------------------------------------------------
# Plots


def _tint(color: str, amount: float = 0.28) -> str:
    """``color`` mixed with white (``amount`` of the colour), for highlighted backgrounds."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def _color(index: int) -> str:
    return SYSTEM_COLORS[index % len(SYSTEM_COLORS)]


def _finite_values(values: Iterable[float] | None) -> list[float]:
    if values is None:
        return []
    return [float(v) for v in values if _finite(v)]


@dataclass(frozen=True)
class _Plot:
    title: str
    caption: str
    png: bytes | None  # None: nothing to plot, show ``note`` instead
    width: int = 0
    height: int = 0
    note: str = ""


def _new_figure(width: float, height: float) -> "Figure":
    # A bare Figure with an Agg canvas: no pyplot, so no global figure
    # registry, no GUI backend and nothing to close; safe in threads and
    # whatever backend the caller's process selected.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig: "Figure") -> tuple[bytes, int, int]:
    buffer = io.BytesIO()
    # No "Software" tag: the bytes then do not change with the matplotlib
    # version, and matplotlib writes no timestamp into PNGs.
    fig.savefig(buffer, format="png", dpi=_DPI, metadata={"Software": None})
    width, height = fig.get_size_inches()
    return buffer.getvalue(), round(width * _CSS_DPI), round(height * _CSS_DPI)


def _distribution_measures(data: ReportData) -> list[str]:
    """The ROUGE F measures (``rouge*_f``/``rouge*_fmeasure``), else every measure."""
    rouge_f = [m for m in data.measures if m.startswith("rouge") and (m.endswith("_f") or m.endswith("_fmeasure"))]
    return rouge_f or list(data.measures)


def _plot_distributions(data: ReportData) -> _Plot:
    measures = _distribution_measures(data)
    title = "Per-article score distributions"
    caption = ("Per-article scores (ROUGE F x100) of each system: the box spans the quartiles, the line is the "
               "median, the triangle the mean, whiskers reach 1.5 IQR; NaN values are left out.")
    series = {(m, s): _finite_values(data.per_article.get(s, {}).get(m)) for m in measures for s in data.systems}
    measures = [m for m in measures if any(series[m, s] for s in data.systems)]
    if not measures:
        return _Plot(title, caption, None, note="No finite per-article scores to plot.")
    columns = min(4, len(measures))
    rows = math.ceil(len(measures) / columns)
    fig = _new_figure(2.6 * columns + 0.6, 2.6 * rows + 0.4)
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax in axes.flat[len(measures):]:
        ax.set_visible(False)
    for ax, measure in zip(axes.flat, measures):
        present = [(i, s) for i, s in enumerate(data.systems) if series[measure, s]]
        boxes = ax.boxplot(
            [[v * measure_scale(measure) for v in series[measure, s]] for _, s in present],
            positions=list(range(len(present))),
            widths=0.6,
            showmeans=True,
            patch_artist=True,
            medianprops={"color": "black"},
            meanprops={"marker": "^", "markerfacecolor": "white", "markeredgecolor": "black", "markersize": 5},
            flierprops={"marker": ".", "markersize": 3, "alpha": 0.5},
        )
        for patch, (i, _) in zip(boxes["boxes"], present):
            patch.set_facecolor(_tint(_color(i), 0.6))
            patch.set_edgecolor(_color(i))
        ax.set_xticks(range(len(present)), [_plot_label(s) for _, s in present], rotation=20 if len(present) > 2 else 0)
        ax.set_title(_plot_label(measure) + (" x100" if measure_scale(measure) != 1 else ""), fontsize=10)
        ax.tick_params(labelsize=8)
        ax.grid(axis="y", alpha=0.3)
    png, width, height = _png(fig)
    return _Plot(title, caption, png, width, height)


def _plot_comparison(data: ReportData) -> _Plot:
    title = "System comparison"
    caption = (f"Mean of each measure per system with its {data.confidence * 100:g}% bootstrap confidence interval; "
               "one panel per measure, each with its own scale (ROUGE F x100).")
    points = {(m, s): data.aggregate.get(s, {}).get(m) for m in data.measures for s in data.systems}

    def plottable(measure: str, system: str) -> bool:
        point = points[measure, system]
        return point is not None and _finite(point.mean)

    measures = [m for m in data.measures if any(plottable(m, s) for s in data.systems)]
    if not measures:
        return _Plot(title, caption, None, note="No finite aggregate scores to plot.")
    # Small multiples: measures differ in units and range (ROUGE x100 next to
    # word counts), so one shared axis would flatten most of them.
    columns = min(5, len(measures))
    rows = math.ceil(len(measures) / columns)
    k = len(data.systems)
    fig = _new_figure(max(2.1 * columns, 0.55 * k * columns) + 0.4, 2.3 * rows + 0.3)
    axes = fig.subplots(rows, columns, squeeze=False)
    for ax in axes.flat[len(measures):]:
        ax.set_visible(False)
    for ax, measure in zip(axes.flat, measures):
        scale = measure_scale(measure)
        for i, system in enumerate(data.systems):
            if not plottable(measure, system):
                continue
            p = points[measure, system]
            assert p is not None
            # Missing bounds draw no bar rather than failing the whole plot.
            below = max(0.0, (p.mean - p.low) * scale) if _finite(p.low) else 0.0
            above = max(0.0, (p.high - p.mean) * scale) if _finite(p.high) else 0.0
            ax.errorbar([i], [p.mean * scale], yerr=[[below], [above]], fmt="o", capsize=4, markersize=5,
                        color=_color(i))
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_xticks(range(k), [_plot_label(s) for s in data.systems], rotation=30 if k > 2 else 0,
                      ha="right" if k > 2 else "center")
        ax.set_title(_plot_label(measure) + (" x100" if scale != 1 else ""), fontsize=10)
        ax.tick_params(labelsize=8)
        ax.grid(axis="y", alpha=0.3)
    png, width, height = _png(fig)
    return _Plot(title, caption, png, width, height)


def _plot_positions(data: ReportData) -> _Plot:
    title = "Positions of the selected sentences"
    caption = ("Share of each system's selected sentences by relative position in the article "
               "(0 = first sentence, 1 = last), in ten bins.")
    values = {s: [min(1.0, max(0.0, v)) for v in _finite_values(data.positions.get(s))] for s in data.systems}
    present = [(i, s) for i, s in enumerate(data.systems) if values[s]]
    if not present:
        return _Plot(title, caption, None, note="No sentence positions to plot (summaries without known positions).")
    import numpy as np

    edges = np.linspace(0.0, 1.0, 11)
    fig = _new_figure(7.5, 3.2)
    ax = fig.subplots()
    width = 0.1 / (len(present) + 0.5)
    for k, (i, system) in enumerate(present):
        counts, _ = np.histogram(values[system], bins=edges)
        share = counts / counts.sum()
        ax.bar(edges[:-1] + (k + 0.75) * width, share, width=width, align="center", color=_color(i),
               label=f"{_plot_label(system)} (n={len(values[system])})")
    ax.set_xticks(edges)
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("relative position in the article", fontsize=9)
    ax.set_ylabel("share of selected sentences", fontsize=9)
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    png, width_px, height_px = _png(fig)
    return _Plot(title, caption, png, width_px, height_px)


def _plots(data: ReportData) -> list[_Plot]:
    import matplotlib.style

    # The default style, not the user's matplotlibrc: same data, same bytes.
    with matplotlib.style.context("default"):
        return [_plot_distributions(data), _plot_comparison(data), _plot_positions(data)]


# --------------------------------------------------------------------------
# HTML

_CSS = """
:root { --fg: #1d2330; --muted: #5b6475; --line: #d9dde5; --head: #f3f5f9; --accent: #2452a4; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--fg); background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 20px 24px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 12px 0 6px; }
.meta { color: var(--muted); margin: 0 0 8px; }
.signature { display: block; font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--head);
  border: 1px solid var(--line); border-radius: 4px; padding: 6px 8px; overflow-wrap: anywhere; white-space: pre-wrap; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: right; white-space: nowrap; }
th { background: var(--head); font-weight: 600; }
th.name, td.name { text-align: left; }
caption { caption-side: bottom; text-align: left; color: var(--muted); font-size: 12px; padding-top: 4px; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: 0; }
tr.sig td.p { font-weight: 700; }
.plots { display: flex; flex-direction: column; gap: 18px; }
figure { margin: 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 4px; }
figcaption { color: var(--muted); font-size: 12px; }
.note { color: var(--muted); font-style: italic; }
.toolbar { display: flex; gap: 12px; align-items: center; margin: 6px 0; flex-wrap: wrap; }
.toolbar input { font: inherit; padding: 4px 8px; width: 320px; max-width: 100%; border: 1px solid #b7bfcc; border-radius: 4px; }
.table-wrap { max-height: 420px; overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
.table-wrap table { min-width: 100%; font-size: 12px; }
.table-wrap th, .table-wrap td { padding: 3px 6px; }
.table-wrap .group { border-left: 2px solid #aeb6c4; }
.table-wrap thead tr:first-child th.group { text-align: center; }
.table-wrap thead th { position: sticky; z-index: 1; }
.table-wrap thead tr:first-child th { top: 0; }
.table-wrap thead tr:nth-child(2) th { top: var(--head-row, 29px); }
th.sortable { cursor: pointer; user-select: none; }
th.sortable::after { content: " \\2195"; color: #9aa3b2; font-weight: 400; }
th[aria-sort="ascending"]::after { content: " \\25B2"; color: var(--accent); }
th[aria-sort="descending"]::after { content: " \\25BC"; color: var(--accent); }
td.id { text-align: left; }
button.open { font: inherit; color: var(--accent); background: none; border: 0; padding: 0; cursor: pointer;
  text-decoration: underline; text-align: left; display: inline-block; max-width: 170px; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; vertical-align: bottom; }
tr.current td { background: #eef3fc; }
#article-detail { margin-top: 16px; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; }
#article-detail h3.title { font-size: 15px; margin-top: 0; overflow-wrap: anywhere; }
.detail-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 20px; }
@media (max-width: 900px) { .detail-grid { grid-template-columns: minmax(0, 1fr); } }
ol.sentences { margin: 0; padding-left: 34px; }
ol.sentences li { padding: 2px 6px; margin: 1px 0; border-left: 4px solid transparent; border-radius: 2px; }
ol.sentences li.selected { background: var(--tint); border-left-color: var(--color); }
.badge { display: inline-block; min-width: 16px; padding: 0 4px; margin-left: 4px; border-radius: 8px; color: #fff;
  font-size: 10px; line-height: 15px; text-align: center; vertical-align: 1px; }
.box { border: 1px solid var(--line); border-radius: 4px; padding: 6px 10px; margin-bottom: 10px; }
.box p { margin: 3px 0; }
mark { background: #ffe27a; color: inherit; padding: 0 1px; border-radius: 2px; }
.legend { color: var(--muted); font-size: 12px; }
.legend mark { font-size: 12px; }
.detail-scores th, .detail-scores td { font-size: 12px; padding: 2px 6px; }
details.skipped li { overflow-wrap: anywhere; }
"""

# The script only reads the embedded JSON and builds nodes with
# createElement/textContent: no innerHTML, no eval, no string-built markup.
_JS = r"""
(function () {
  "use strict";
  var source = document.getElementById("report-data");
  if (!source) { return; }
  var data = JSON.parse(source.textContent);
  var table = document.getElementById("articles-table");
  if (!table) { return; }
  var tbody = table.tBodies[0];
  var rows = Array.prototype.slice.call(tbody.rows);
  var filterBox = document.getElementById("article-filter");
  var countOut = document.getElementById("article-count");
  var detail = document.getElementById("article-detail");
  var systemSelect = document.getElementById("detail-system");
  var current = -1;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function summaryText(article, sentence) {
    // A summary sentence equal to an article sentence is stored as its index.
    return typeof sentence === "number" ? article.a[sentence] : sentence;
  }

  // Search text per row, built once: id, article, references and summaries.
  var haystack = rows.map(function (row) {
    var article = data.articles[Number(row.getAttribute("data-index"))];
    var parts = [article.id].concat(article.a);
    article.r.forEach(function (ref) { parts = parts.concat(ref); });
    article.s.forEach(function (sys) {
      if (sys) { sys.t.forEach(function (s) { parts.push(summaryText(article, s)); }); }
    });
    return parts.join("\n").toLowerCase();
  });

  function updateCount() {
    var shown = rows.filter(function (row) { return !row.hidden; }).length;
    countOut.textContent = shown === rows.length ? rows.length + " articles" : shown + " of " + rows.length + " articles";
  }

  filterBox.addEventListener("input", function () {
    var query = filterBox.value.trim().toLowerCase();
    rows.forEach(function (row, i) { row.hidden = query !== "" && haystack[i].indexOf(query) === -1; });
    updateCount();
  });

  // Sorting: numbers compare numerically with missing values (NaN) last in
  // both directions; ties keep the original order, so sorting is stable.
  function key(row, column, numeric) {
    var cell = row.cells[column];
    var value = cell.hasAttribute("data-v") ? cell.getAttribute("data-v") : cell.textContent;
    if (!numeric) { return value; }
    return value === "" ? NaN : Number(value);
  }
  var headers = Array.prototype.slice.call(table.querySelectorAll("th.sortable"));
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  function sortBy(th) {
    var column = Number(th.getAttribute("data-column"));
    var numeric = th.getAttribute("data-type") === "num";
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sign = ascending ? 1 : -1;
    var keyed = Array.prototype.slice.call(tbody.rows).map(function (row) {
      return { row: row, key: key(row, column, numeric), order: Number(row.getAttribute("data-index")) };
    });
    keyed.sort(function (a, b) {
      var c;
      if (numeric) {
        var an = isNaN(a.key), bn = isNaN(b.key);
        if (an || bn) { c = an && bn ? 0 : (an ? 1 : -1); if (c) { return c; } }
        else { c = sign * (a.key - b.key); }
      } else {
        c = sign * collator.compare(a.key, b.key);
      }
      return c || a.order - b.order;
    });
    keyed.forEach(function (item) { tbody.appendChild(item.row); });
  }
  headers.forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sortBy(th); }
    });
  });

  // The sticky second header row sits below the first one, whatever its height.
  var firstHeadRow = table.tHead.rows[0];
  if (table.tHead.rows.length > 1) {
    table.parentNode.style.setProperty("--head-row", firstHeadRow.getBoundingClientRect().height + "px");
  }

  function appendMarked(parent, text, spans) {
    var position = 0;
    for (var k = 0; k + 1 < spans.length; k += 2) {
      if (spans[k] > position) { parent.appendChild(document.createTextNode(text.slice(position, spans[k]))); }
      parent.appendChild(el("mark", "", text.slice(spans[k], spans[k + 1])));
      position = spans[k + 1];
    }
    if (position < text.length) { parent.appendChild(document.createTextNode(text.slice(position))); }
  }

  function render(index) {
    var article = data.articles[index];
    var chosen = Number(systemSelect.value);
    var output = article.s[chosen];
    var body = document.getElementById("detail-body");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    document.getElementById("detail-title").textContent = "Article " + article.id;

    var scores = el("table", "detail-scores");
    var head = scores.createTHead().insertRow();
    head.appendChild(el("th", "name", "system"));
    data.measures.forEach(function (m) { head.appendChild(el("th", "", m)); });
    var scoreBody = scores.createTBody();
    data.systems.forEach(function (name, i) {
      var row = scoreBody.insertRow();
      var cell = el("td", "name");
      var swatch = el("span", "swatch");
      swatch.style.background = data.colors[i];
      cell.appendChild(swatch);
      cell.appendChild(document.createTextNode(name));
      row.appendChild(cell);
      var sys = article.s[i];
      data.measures.forEach(function (m, j) { row.appendChild(el("td", "", sys ? sys.v[j] : "\u2013")); });
    });
    var scoresWrap = el("div", "scroll");
    scoresWrap.appendChild(scores);
    body.appendChild(scoresWrap);

    var grid = el("div", "detail-grid");
    var left = el("div", "article-col");
    left.appendChild(el("h3", "", "Article (" + article.a.length + " sentences)"));
    var note = el("p", "legend");
    if (!output) {
      note.textContent = data.systems[chosen] + " has no output for this article.";
    } else if (output.p.length === 0) {
      note.textContent = "Positions of " + data.systems[chosen] + "'s sentences are unknown; nothing highlighted.";
    } else {
      note.textContent = "Highlighted: sentences selected by " + data.systems[chosen] +
        ". Badges: systems that selected the sentence.";
    }
    left.appendChild(note);
    var list = el("ol", "sentences");
    var chosenSet = output ? output.p : [];
    article.a.forEach(function (sentence, i) {
      var li = el("li", "", sentence);
      if (chosenSet.indexOf(i) !== -1) {
        li.className = "selected";
        li.style.setProperty("--tint", data.tints[chosen]);
        li.style.setProperty("--color", data.colors[chosen]);
      }
      article.s.forEach(function (sys, k) {
        if (sys && sys.p.indexOf(i) !== -1) {
          var badge = el("span", "badge", String(k + 1));
          badge.style.background = data.colors[k];
          badge.title = data.systems[k];
          li.appendChild(badge);
        }
      });
      list.appendChild(li);
    });
    left.appendChild(list);

    var right = el("div", "reference-col");
    var legend = el("p", "legend");
    legend.appendChild(el("mark", "", "marked"));
    legend.appendChild(document.createTextNode(
      " text: word bigrams shared by the summary and the references (lower-cased, within a sentence)."));
    right.appendChild(legend);
    right.appendChild(el("h3", "", "Summary of " + data.systems[chosen]));
    var summaryBox = el("div", "box summary");
    if (output && output.t.length) {
      output.t.forEach(function (sentence, k) {
        var p = el("p");
        var text = summaryText(article, sentence);
        if (output.p.length === output.t.length) { p.appendChild(el("span", "legend", "[" + (output.p[k] + 1) + "] ")); }
        appendMarked(p, text, output.m[k] || []);
        summaryBox.appendChild(p);
      });
    } else {
      summaryBox.appendChild(el("p", "note", output ? "(empty summary)" : "(no output)"));
    }
    right.appendChild(summaryBox);
    if (article.r.length === 0) {
      right.appendChild(el("h3", "", "Reference"));
      right.appendChild(el("p", "note", "(no reference)"));
    }
    article.r.forEach(function (ref, j) {
      right.appendChild(el("h3", "", article.r.length > 1 ? "Reference " + (j + 1) : "Reference"));
      var box = el("div", "box reference");
      ref.forEach(function (sentence, k) {
        var p = el("p");
        appendMarked(p, sentence, output && output.rm[j] ? output.rm[j][k] || [] : []);
        box.appendChild(p);
      });
      right.appendChild(box);
    });
    grid.appendChild(left);
    grid.appendChild(right);
    body.appendChild(grid);
  }

  function open(index) {
    current = index;
    rows.forEach(function (row) {
      row.classList.toggle("current", Number(row.getAttribute("data-index")) === index);
    });
    detail.hidden = false;
    render(index);
    detail.scrollIntoView({ block: "start" });
  }

  tbody.addEventListener("click", function (event) {
    var button = event.target.closest("button.open");
    if (button) { open(Number(button.closest("tr").getAttribute("data-index"))); }
  });
  systemSelect.addEventListener("change", function () { if (current >= 0) { render(current); } });
  updateCount();
})();
"""


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
               f'<span class="swatch" style="background:{_color(i)}"></span>{_esc(system)}'
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
    out = ['<h2 id="significance">Paired significance tests</h2>', '<div class="scroll"><table id="significance-table">',
           f"<caption>Mean per-article difference (ROUGE F x100) of each system minus the baseline, with the p-values "
           f"of the paired bootstrap and the permutation test; rows with both p &lt; {alpha:g} are bold."
           "</caption>",
           '<thead><tr><th class="name">system</th><th class="name">baseline</th><th class="name">measure</th>'
           "<th>\u0394 mean</th><th>p bootstrap</th><th>p permutation</th></tr></thead><tbody>"]
    for row in data.significance:
        significant = _finite(row.p_bootstrap) and _finite(row.p_permutation) and max(
            row.p_bootstrap, row.p_permutation) < alpha
        out.append(
            ('<tr class="sig">' if significant else "<tr>") + f'<td class="name">{_esc(row.system)}</td>'
            f'<td class="name">{_esc(row.baseline)}</td><td class="name">{_esc(row.measure)}</td>'
            f"<td>{_esc(_format_difference(row.mean_difference, row.measure))}</td>"
            f'<td class="p">{_format_p(row.p_bootstrap)}</td><td class="p">{_format_p(row.p_permutation)}</td></tr>'
        )
    out.append("</tbody></table></div>")
    return out


def _plots_section(plots: Sequence[_Plot]) -> list[str]:
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
    return repr(float(value)) if _finite(value) else ""


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
                   f'<span class="swatch" style="background:{_color(i)}"></span>{_esc(s)}</th>'
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
        article = [_clean(s) for s in view.article]
        references = [[_clean(s) for s in ref] for ref in view.references]
        reference_sentences = [s for ref in references for s in ref]
        cells = [f'<tr data-index="{index}"><td>{index + 1}</td>'
                 f'<td class="id"><button type="button" class="open" title="{_esc(view.id)}">{_esc(view.id)}</button></td>'
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
            summary = [_clean(s) for s in output.sentences]
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
                "m": [_utf16_offsets(s, spans) for s, spans in zip(summary, overlap_marks(summary, reference_sentences))],
                "rm": [[_utf16_offsets(s, spans) for s, spans in zip(ref, overlap_marks(ref, summary))]
                       for ref in references],
            })
        out.append("".join(cells) + "</tr>")
        records.append({"id": _clean(view.id), "a": article, "r": references, "s": outputs})
    out.append("</tbody></table></div>")
    out.append('<section id="article-detail" hidden><h3 class="title" id="detail-title"></h3>'
               '<div id="detail-body"></div></section>')
    out.append('<noscript><p class="note">The sortable table and the article view need JavaScript.</p></noscript>')
    return out, records


def _skipped_section(data: ReportData) -> list[str]:
    if not data.skipped:
        return []
    out = ['<details class="skipped" id="skipped">',
           f"<summary>{len(data.skipped)} record{'s' if len(data.skipped) != 1 else ''} could not be scored</summary><ul>"]
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
    plots = _plots(data)
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
            "systems": [_clean(s) for s in data.systems],
            "measures": [_clean(m) for m in data.measures],
            "colors": [_color(i) for i in range(len(data.systems))],
            "tints": [_tint(_color(i)) for i in range(len(data.systems))],
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
    """
    target = Path(path)
    if target.is_dir():
        raise IsADirectoryError(f"{path} is a directory; --html needs a file name")
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
