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

SOURCE_COLOR = "#222222"
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
                              brush=pg.mkBrush(SOURCE_COLOR), pen=pg.mkPen("#ffffff", width=1))
    item.setZValue(20)
    for _x, _yy, mark in diamonds:
        mark.item = item
        panel.marks.append(mark)
    panel.plot.addItem(item)
    datasets = sorted({by_key[k].dataset for k in by_key if k[1] in {c.name for c in panel.columns}})
    panel.legend.addItem(item, _("{source} file").format(source=", ".join(source_short_name(d) for d in datasets)))
    if rings:
        ring = pg.ScatterPlotItem(x=[r[0] for r in rings], y=[r[1] for r in rings], symbol="o", size=19,
                                  brush=pg.mkBrush(None), pen=pg.mkPen(DIFFERS_RING, width=2.5))
        ring.setZValue(19)
        panel.plot.addItem(ring)
        panel.legend.addItem(ring, _("differs from the source"))


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
    c = spearman(xs, ys)
    datasets = sorted({check.dataset for (iso3, name), check in by_key.items() if name in (xcol.name, ycol.name)})
    names = ", ".join(source_short_name(d) for d in datasets)
    if c.rho is None:
        extra = _("with the {source} file: too few countries (n = {n})").format(source=names, n=c.n)
    else:
        extra = _("with the {source} file: ρ = {rho}, n = {n}").format(
            source=names, rho=i18n.format_number(c.rho, decimals=2), n=c.n)
    panel.source_correlation = c
    panel.heading.setText(panel.summary() + "; " + extra)
