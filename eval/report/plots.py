"""The plots of the HTML report, drawn with matplotlib and encoded as PNG.

:func:`make_plots` draws the three plots of :func:`eval.report.html.render_html`
(per-article score distributions, the system comparison, the positions of
the selected sentences) with matplotlib's Agg canvas, no pyplot, and the
default style whatever the user's ``matplotlibrc`` says; the PNGs carry no
``Software`` tag, so the same data gives the same bytes.  The module also
holds the system colours (:data:`SYSTEM_COLORS`, :func:`system_color`,
:func:`tint`), shared with the report's tables and detail view, and the
number helpers the plots need (:func:`finite`, :func:`measure_scale`).
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eval.extras import require
from eval.report.marks import clean_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from eval.report.data import ReportData

__all__ = [
    "Plot",
    "SYSTEM_COLORS",
    "finite",
    "make_plots",
    "measure_scale",
    "system_color",
    "tint",
]

# matplotlib's "tab10" palette, spelled out so the colours of the plots and of
# the highlighted sentences agree and do not depend on the user's rcParams.
SYSTEM_COLORS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
)

# Plot resolution: images are drawn at _DPI and shown at _CSS_DPI, so they
# stay sharp on high-density screens without being huge.
_DPI = 144
_CSS_DPI = 96


# --------------------------------------------------------------------------
# Numbers


def finite(value: object) -> bool:
    """Whether ``value`` is a finite ``int`` or ``float`` (``bool``, ``nan``, ``inf`` and other types are not)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def measure_scale(measure: str) -> float:
    """Display factor of a measure: 100 for ROUGE F scores (names ending in ``_f``), else 1.

    The toolkit prints ROUGE F x100; other measures (``coverage``,
    ``density``, ``words``, ...) keep their own units.
    """
    return 100.0 if measure.endswith("_f") else 1.0


def _finite_values(values: Iterable[float] | None) -> list[float]:
    if values is None:
        return []
    return [float(v) for v in values if finite(v)]


# --------------------------------------------------------------------------
# Colours and labels


def tint(color: str, amount: float = 0.28) -> str:
    """``color`` mixed with white (``amount`` of the colour), for highlighted backgrounds."""
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * amount) for c in (r, g, b)]
    return "#" + "".join(f"{c:02x}" for c in mix)


def system_color(index: int) -> str:
    """The colour of the system at ``index`` in :attr:`ReportData.systems <eval.report.html.ReportData.systems>`."""
    return SYSTEM_COLORS[index % len(SYSTEM_COLORS)]


def _plot_label(text: str) -> str:
    """Text for matplotlib: a ``$`` would start mathtext (and an odd one raises), so escape it."""
    return clean_text(text).replace("$", r"\$")


# --------------------------------------------------------------------------
# Plots


@dataclass(frozen=True)
class Plot:
    """One plot of the report, or the note shown instead of it.

    Attributes
    ----------
    title, caption : str
        Heading and caption (plain text; the report escapes them).
    png : bytes or None
        The PNG image; ``None`` if there is nothing to plot.
    width, height : int
        Display size of the image in CSS pixels.
    note : str
        Shown instead of the image when ``png`` is ``None``.
    """

    title: str
    caption: str
    png: bytes | None  # None: nothing to plot, show ``note`` instead
    width: int = 0
    height: int = 0
    note: str = ""


def _new_figure(width: float, height: float) -> Figure:
    # A bare Figure with an Agg canvas: no pyplot, so no global figure
    # registry, no GUI backend and nothing to close; safe in threads and
    # whatever backend the caller's process selected.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=_DPI, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure) -> tuple[bytes, int, int]:
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


def _plot_distributions(data: ReportData) -> Plot:
    measures = _distribution_measures(data)
    title = "Per-article score distributions"
    caption = ("Per-article scores (ROUGE F x100) of each system: the box spans the quartiles, the line is the "
               "median, the triangle the mean, whiskers reach 1.5 IQR; NaN values are left out.")
    series = {(m, s): _finite_values(data.per_article.get(s, {}).get(m)) for m in measures for s in data.systems}
    measures = [m for m in measures if any(series[m, s] for s in data.systems)]
    if not measures:
        return Plot(title, caption, None, note="No finite per-article scores to plot.")
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
            patch.set_facecolor(tint(system_color(i), 0.6))
            patch.set_edgecolor(system_color(i))
        ax.set_xticks(range(len(present)), [_plot_label(s) for _, s in present], rotation=20 if len(present) > 2 else 0)
        ax.set_title(_plot_label(measure) + (" x100" if measure_scale(measure) != 1 else ""), fontsize=10)
        ax.tick_params(labelsize=8)
        ax.grid(axis="y", alpha=0.3)
    png, width, height = _png(fig)
    return Plot(title, caption, png, width, height)


def _plot_comparison(data: ReportData) -> Plot:
    title = "System comparison"
    caption = (f"Mean of each measure per system with its {data.confidence * 100:g}% bootstrap confidence interval; "
               "one panel per measure, each with its own scale (ROUGE F x100).")
    points = {(m, s): data.aggregate.get(s, {}).get(m) for m in data.measures for s in data.systems}

    def plottable(measure: str, system: str) -> bool:
        point = points[measure, system]
        return point is not None and finite(point.mean)

    measures = [m for m in data.measures if any(plottable(m, s) for s in data.systems)]
    if not measures:
        return Plot(title, caption, None, note="No finite aggregate scores to plot.")
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
            p = points[measure, system]
            if p is None or not plottable(measure, system):  # plottable() checks None too; this narrows the type
                continue
            # Missing bounds draw no bar rather than failing the whole plot.
            below = max(0.0, (p.mean - p.low) * scale) if finite(p.low) else 0.0
            above = max(0.0, (p.high - p.mean) * scale) if finite(p.high) else 0.0
            ax.errorbar([i], [p.mean * scale], yerr=[[below], [above]], fmt="o", capsize=4, markersize=5,
                        color=system_color(i))
        ax.set_xlim(-0.6, k - 0.4)
        ax.set_xticks(range(k), [_plot_label(s) for s in data.systems], rotation=30 if k > 2 else 0,
                      ha="right" if k > 2 else "center")
        ax.set_title(_plot_label(measure) + (" x100" if scale != 1 else ""), fontsize=10)
        ax.tick_params(labelsize=8)
        ax.grid(axis="y", alpha=0.3)
    png, width, height = _png(fig)
    return Plot(title, caption, png, width, height)


def _plot_positions(data: ReportData) -> Plot:
    title = "Positions of the selected sentences"
    caption = ("Share of each system's selected sentences by relative position in the article "
               "(0 = first sentence, 1 = last), in ten bins.")
    values = {s: [min(1.0, max(0.0, v)) for v in _finite_values(data.positions.get(s))] for s in data.systems}
    present = [(i, s) for i, s in enumerate(data.systems) if values[s]]
    if not present:
        return Plot(title, caption, None, note="No sentence positions to plot (summaries without known positions).")
    import numpy as np

    edges = np.linspace(0.0, 1.0, 11)
    fig = _new_figure(7.5, 3.2)
    ax = fig.subplots()
    width = 0.1 / (len(present) + 0.5)
    for k, (i, system) in enumerate(present):
        counts, _ = np.histogram(values[system], bins=edges)
        share = counts / counts.sum()
        ax.bar(edges[:-1] + (k + 0.75) * width, share, width=width, align="center", color=system_color(i),
               label=f"{_plot_label(system)} (n={len(values[system])})")
    ax.set_xticks(edges)
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("relative position in the article", fontsize=9)
    ax.set_ylabel("share of selected sentences", fontsize=9)
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=8)
    png, width_px, height_px = _png(fig)
    return Plot(title, caption, png, width_px, height_px)


def make_plots(data: ReportData) -> list[Plot]:
    """The report's three plots, in order: score distributions, system comparison, sentence positions.

    Parameters
    ----------
    data : eval.report.html.ReportData

    Returns
    -------
    list of Plot
        One per plot; a plot with nothing to show has ``png=None`` and a note.
    """
    style = require("matplotlib.style", "plots", "The HTML report's plots")

    # The default style, not the user's matplotlibrc: same data, same bytes.
    with style.context("default"):
        return [_plot_distributions(data), _plot_comparison(data), _plot_positions(data)]
