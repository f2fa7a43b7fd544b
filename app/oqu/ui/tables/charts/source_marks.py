"""Table 1's source files on its chart: each source value as a black diamond beside the paper's figure,
each figure that differs from its source ringed in red, and Spearman's ρ recomputed from the sources.

Drawn over what a panel has drawn (``Panel.draw``), at the same places: a panel's figure for row i and
column k sits at the y its panel gives it (bars: one slot per column; rank dots: a small step per column).
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF

from oqu import i18n
from oqu.core.stats import spearman
from oqu.i18n import _
from oqu.ui.tables.charts.panels import BarPanel, Mark, Panel, RankDotPanel, RankScatterPanel
from oqu.ui.tables.model import cell_value, column_label, country_name, source_short_name

# The source's value is drawn in the theme's colour for an official figure (dark on light, light on dark).
DIFFERS_RING = "#d62728"


def _y(panel: Panel, i: int, k: int) -> float:
    """Where the panel drew row i's figure of its column k (see BarPanel.draw, RankDotPanel.draw)."""
    n = len(panel.columns)
    if isinstance(panel, BarPanel):
        height = 0.84 / n  # Table 1 has no World Bank overlay: one slot per column
        return i + (k - (n - 1) / 2) * height
    return i + (k - (n - 1) / 2) * 0.12


def draw_source_marks(panel: Panel, rows: list[dict], checks: list) -> None:
    by_key = {(c.iso3, c.column): c for c in checks}
    if isinstance(panel, RankScatterPanel):
        _scatter_rho(panel, rows, by_key)
        return
    if not isinstance(panel, (BarPanel, RankDotPanel)):
        return
    diamonds: list[tuple[float, float, Mark]] = []
    rings: list[tuple[float, float]] = []
    for k, col in enumerate(panel.columns):
        for i, row in enumerate(rows):
            check = by_key.get((row.get("iso3"), col.name))
            if check is None or check.scaled is None:
                continue
            y = _y(panel, i, k)
            measure = _("{source} file, {label}").format(source=source_short_name(check.dataset),
                                                          label=column_label(col))
            diamonds.append((check.scaled, y, Mark(row["iso2"], country_name(row), measure, check.scaled,
                                                   check.year, col.unit, None, QPointF(check.scaled, y))))
            paper_value = cell_value(row.get(col.name))
            if check.agrees is False and paper_value is not None:
                rings.append((paper_value, y))
    if not diamonds:
        return
    item = pg.ScatterPlotItem(x=[d[0] for d in diamonds], y=[d[1] for d in diamonds], symbol="d", size=10,
                              brush=pg.mkBrush(panel.style.official), pen=pg.mkPen(panel.style.outline, width=1))
    item.setZValue(20)
    for _x, _yy, mark in diamonds:
        mark.item = item
        panel.marks.append(mark)
    panel.plot.addItem(item)
    if rings:
        ring = pg.ScatterPlotItem(x=[r[0] for r in rings], y=[r[1] for r in rings], symbol="o", size=19,
                                  brush=pg.mkBrush(None), pen=pg.mkPen(DIFFERS_RING, width=2.5))
        ring.setZValue(19)
        panel.plot.addItem(ring)


def draw_source_legend(panels: list[Panel], checks: list) -> None:
    """One legend for the marks of every panel, under the scatter (whose legend is otherwise empty), so
    the other legends keep their size and the plots their height."""
    if not checks or not panels:
        return
    panel = next((p for p in panels if isinstance(p, RankScatterPanel)), panels[-1])
    datasets = sorted({c.dataset for c in checks})
    diamond = pg.ScatterPlotItem(symbol="d", size=10, brush=pg.mkBrush(panel.style.official),
                                 pen=pg.mkPen(panel.style.outline))
    ring = pg.ScatterPlotItem(symbol="o", size=14, brush=pg.mkBrush(None), pen=pg.mkPen(DIFFERS_RING, width=2.5))
    panel.legend.addItem(diamond, _("source file's value ({source})").format(
        source=", ".join(source_short_name(d) for d in datasets)))
    panel.legend.addItem(ring, _("differs from the source"))
    panel.legend_samples = (diamond, ring)  # kept alive with the legend that draws them


def _scatter_rho(panel: RankScatterPanel, rows: list[dict], by_key: dict) -> None:
    """The paper's ρ and, beside it, ρ with the source files' values where the paper took them."""
    xcol, ycol = panel.columns[:2]

    def values(col) -> tuple[list, bool]:
        out, replaced = [], False
        for row in rows:
            check = by_key.get((row.get("iso3"), col.name))
            if check is not None and check.scaled is not None:
                out.append(check.scaled)
                replaced = True
            else:
                out.append(cell_value(row.get(col.name)))
        return out, replaced

    xs, x_replaced = values(xcol)
    ys, y_replaced = values(ycol)
    if not (x_replaced or y_replaced):
        return
    # Where a source moves a country, its place by the source: a diamond beside the paper's dot.
    moved = [(x, y, row) for x, y, row in zip(xs, ys, rows)
             if x is not None and y is not None
             and (x, y) != (cell_value(row.get(xcol.name)), cell_value(row.get(ycol.name)))]
    if moved:
        item = pg.ScatterPlotItem(x=[m[0] for m in moved], y=[m[1] for m in moved], symbol="d", size=10,
                                  brush=pg.mkBrush(panel.style.official), pen=pg.mkPen(panel.style.outline))
        panel.plot.addItem(item)
        for x, y, row in moved:
            names_ = ", ".join(source_short_name(by_key[k].dataset) for k in by_key
                               if k[0] == row.get("iso3") and k[1] in (xcol.name, ycol.name))
            mark = Mark(row["iso2"], country_name(row), _("{source} file, {label}").format(
                source=names_, label=column_label(ycol)), y, ycol.year, "rank", item, QPointF(x, y))
            panel.marks.append(mark)
    c = spearman(xs, ys)
    datasets = sorted({check.dataset for (iso3, name), check in by_key.items() if name in (xcol.name, ycol.name)})
    names = ", ".join(source_short_name(d) for d in datasets)
    panel.source_correlation = c
    paper = panel.correlation
    if paper.rho is None or c.rho is None or c.n != paper.n:  # rare: say each in full
        extra = _("{source}: ρ = {rho}, n = {n}").format(
            source=names, rho="—" if c.rho is None else i18n.format_number(c.rho, decimals=2), n=c.n)
        panel.heading.setText(panel.summary() + "; " + extra)
        return
    # Short, so the heading stays within two lines over the narrow scatter.
    panel.heading.setText(_("Spearman ρ = {rho} ({source}: {source_rho}), n = {n}").format(
        rho=i18n.format_number(paper.rho, decimals=2), source=names,
        source_rho=i18n.format_number(c.rho, decimals=2), n=c.n))
