"""The plots of a table's chart: bars by country, rank dots, and a rank-vs-rank scatter.

Each panel draws the rows it is given (the table's visible rows, in the table's
order), remembers a ``Mark`` for everything a reader can point at (for hover and
click), and restyles itself when rows are selected in the table.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics

from oqu import i18n
from oqu.core.model import Column, Table
from oqu.core.stats import spearman
from oqu.i18n import N_, _
from oqu.ui.tables.charts.axis import Axis
from oqu.ui.tables.charts.legend import Legend, NoteSample
from oqu.ui.tables.charts.style import LIGHT, ChartStyle
from oqu.ui.tables.charts.text_block import TextBlock
from oqu.ui.tables.model import FILE_DECIMALS, cell_value, column_label, country_name

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b")
DIMMED_ALPHA = 60  # bars of rows not selected, while some rows are selected
HIT_PIXELS = 12  # how near the pointer must be to a dot
HEADING_SCALE = 7 / 6  # a heading's size to the text's (10.5 pt over 9 pt)

UNIT_TEXT = {"rank": N_("rank (1 = best)"), "percent": N_("percent"),
             "per_100_people": N_("per 100 people")}


def unit_text(unit: str) -> str:
    return _(UNIT_TEXT[unit]) if unit in UNIT_TEXT else unit


def value_text(value: float, unit: str, decimals: int | None = None) -> str:
    """A figure with its unit, as the locale writes it: "67%", "67 %", "118.3 per 100 people", "36"."""
    if unit == "percent":
        if decimals is None:  # as printed: as many decimals as the figure has
            digits = f"{value:.3f}".rstrip("0").split(".")[1]
            decimals = len(digits)
        return i18n.format_percent(value, decimals=decimals)
    number = i18n.format_number(value, decimals=decimals)
    if unit == "per_100_people":
        return _("{value} per 100 people").format(value=number)
    return number if unit == "rank" else f"{number} {unit}"


def measure_name(label: str, unit: str) -> str:
    """A series' label without the unit sign the value will carry ("DAI 2016, %" -> "DAI 2016")."""
    return re.sub(r",?\s*%$", "", label) if unit == "percent" else label


@dataclass
class Mark:
    """One thing drawn for one country: what the hover says and where it is."""
    iso2: str
    country: str
    measure: str
    value: float
    year: int | None
    unit: str
    item: object  # the graphics item (hidden by the legend -> not hoverable)
    point: QPointF  # in data coordinates
    rect: QRectF | None = None  # a bar's area in data coordinates
    label_year: int | None = None  # the year the measure's name already says (no "Figure for" line then)
    decimals: int | None = None  # None: as printed in the paper; a file's figures: FILE_DECIMALS

    def text(self) -> str:
        value = value_text(self.value, self.unit, self.decimals)
        lines = [self.country, _("{measure}: {value}").format(measure=measure_name(self.measure, self.unit),
                                                              value=value)]
        if self.year is not None and self.year != self.label_year:
            lines.append(_("Figure for {year}").format(year=self.year))
        return "\n".join(lines)


def row_year(row: dict, col: Column) -> int | None:
    year = cell_value(row.get(col.year_column)) if col.year_column else None
    return int(year) if year is not None else col.year


class Panel:
    """A PlotItem, its legend, and the marks of what it draws."""

    def __init__(self, table: Table, columns: list[Column]):
        self.table = table
        self.columns = columns
        self.plot = pg.PlotItem(axisItems={name: Axis(name) for name in ("left", "bottom")})
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.vb.setMouseEnabled(x=False, y=False)  # a reading aid, not an explorer
        self.legend = Legend(colCount=Legend.MAX_COLUMNS)
        self.legend_changed = lambda: None  # the chart re-measures its height
        # A wrapping heading instead of the plot's own title, whose width would crowd out the other panels.
        self.heading = TextBlock(10.5)
        self.text_font = QFont()  # the labels' font, at the reader's zoom (ChartFigure.set_zoom)
        self.marks: list[Mark] = []
        self.rows: list[dict] = []
        self.style = LIGHT
        self.axis_titles: dict[str, str] = {}
        self.apply_style(LIGHT)
        self.plot.vb.sigResized.connect(self._fit_axis_titles)
        self.plot.vb.sigResized.connect(self.fit_legend)

    def apply_style(self, style: ChartStyle) -> None:
        """Colours of the theme for the axes, legend and heading; the next draw uses them for the rest."""
        self.style = style
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(style.text)
            axis.setTextPen(style.text)
        self.legend.setLabelTextColor(style.text)
        self.heading.setColor(style.text)

    def set_text_font(self, font: QFont) -> None:
        """Every word of the panel in ``font`` (the reader's zoom): tick labels, axis titles, the labels
        in the plot and the legend's, and the heading a little larger. The next draw lays them out."""
        self.text_font = QFont(font)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setStyle(tickFont=font)
            axis.label.setFont(font)
        self.plot.getAxis("bottom").reserve_height()
        self.legend.setLabelTextSize(f"{font.pointSizeF():.2f}pt")
        self.heading.set_point_size(font.pointSizeF() * HEADING_SCALE)

    PLOT_EMS = 9  # the least width of a plot area, in lines of its text

    def least_width(self, names: bool) -> float:
        """The width this panel needs beside others: its left axis (the countries' ``names``, or the
        rank ticks and the axis title) and a plot area of a few ems, at its text's size."""
        em = QFontMetrics(self.text_font).height()
        if not self.has_rows:
            axis = 4.5 * em  # tick labels of up to three digits and the axis title
        elif names:
            axis = self.names_width([country_name(row) for row in self.rows])
        else:
            axis = 8
        return axis + self.PLOT_EMS * em

    def names_width(self, names: list[str]) -> int:
        """The left axis' width for the countries' names in its tick font."""
        metrics = QFontMetrics(self.plot.getAxis("left").tick_font())
        return max((metrics.horizontalAdvance(n) for n in names), default=20) + 16

    def fit_legend(self, *_args) -> None:
        """Legend entries side by side as far as the panel's width allows, then on more lines."""
        width = self.plot.geometry().width()
        # A long entry may run on beside the next panel, not out of the chart (the view's edge).
        views = self.legend.scene().views() if self.legend.scene() else []
        room = views[0].sceneRect().right() - self.legend.sceneBoundingRect().left() - 4 if views else width
        if width > 1 and self.legend.fit(width, room):
            self.legend_changed()

    def set_axis_title(self, name: str, text: str) -> None:
        """An axis title, shortened with "…" where the axis is shorter (the whole text in its tooltip),
        so a long Russian or Kazakh title never runs into the heading or out of the chart."""
        self.axis_titles[name] = text
        self.plot.setLabel(name, html.escape(text))
        self.plot.getAxis(name).label.setToolTip(text)
        self._fit_axis_titles()

    def _fit_axis_titles(self, *_args) -> None:
        vb = self.plot.vb
        for name, text in self.axis_titles.items():
            axis = self.plot.getAxis(name)
            room = (vb.height() if name == "left" else vb.width()) - 6  # a title is centred on its axis
            if room <= 0:
                continue

            def width(shown: str, axis=axis) -> float:  # as laid out (the label is rich text, in its own font)
                axis.setLabel(html.escape(shown))
                m = axis.label.document().documentMargin()
                return axis.label.boundingRect().width() - 2 * m

            if width(text) <= room:
                axis.resizeEvent()  # pyqtgraph centres its title only on a resize: centre the new text
                continue
            low, high = 0, len(text)  # the longest start of the text that fits with "…"
            while low < high:
                mid = (low + high + 1) // 2
                if width(text[:mid].rstrip() + "…") <= room:
                    low = mid
                else:
                    high = mid - 1
            width(text[:low].rstrip() + "…")
            axis.resizeEvent()

    # -- drawing ---------------------------------------------------------
    def clear(self) -> None:
        self.plot.clear()
        self.legend.clear()
        self.marks = []

    def tag(self, text: str, anchor=(0, 0.5)) -> pg.TextItem:
        """A small label in the plot (a change, a year, "no data", country codes)."""
        item = pg.TextItem(text, color=self.style.muted, anchor=anchor)
        item.setFont(self.text_font)
        self.plot.addItem(item)
        return item

    def draw(self, rows: list[dict], overlay=None) -> None:
        raise NotImplementedError

    def restyle(self, highlight: set[str]) -> None:
        raise NotImplementedError

    show_names = True  # False beside a panel that already names the countries on the same rows
    has_rows = True  # a line per row down the left axis (not the scatter)
    lines_per_row = 1  # lines of text a row may carry in the plot (a year tag per bar, say)
    stretch = 2  # the panel's share of the chart's width

    def categories(self, rows: list[dict]) -> None:
        """Countries down the left axis, the first row at the top."""
        axis = self.plot.getAxis("left")
        self.plot.vb.invertY(True)
        self.plot.setYRange(-0.6, max(len(rows), 1) - 0.4, padding=0)
        if not self.show_names:
            axis.setTicks([[(i, "") for i in range(len(rows))]])
            axis.setWidth(8)
            return
        names = [country_name(row) for row in rows]
        axis.setTicks([[(i, name) for i, name in enumerate(names)]])
        # Reserve the width of the longest name now: pyqtgraph would widen the axis only after
        # the first paint, and a first frame (or a screenshot) would show no names at all.
        axis.setWidth(self.names_width(names))

    # -- pointing --------------------------------------------------------
    def hit(self, scene_pos: QPointF) -> Mark | None:
        vb = self.plot.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return None
        view = vb.mapSceneToView(scene_pos)
        best, best_d = None, HIT_PIXELS
        for mark in self.marks:
            if not mark.item.isVisible():
                continue
            if mark.rect is not None and mark.rect.contains(view):
                return mark
            d = (vb.mapViewToScene(mark.point) - scene_pos).manhattanLength()
            if d < best_d:
                best, best_d = mark, d
        return best

def _brush(color: str, alpha: int = 255, pattern=Qt.BrushStyle.SolidPattern) -> QBrush:
    c = QColor(color)
    c.setAlpha(alpha)
    return QBrush(c, pattern)


class BarPanel(Panel):
    """Horizontal bars by country, one bar per column; with a World Bank file, its values beside."""

    def __init__(self, table: Table, columns: list[Column], *, show_change: bool = False):
        super().__init__(table, columns)
        self.show_change = show_change  # title "Change 2014 → 2016" and the change beside each country
        self.bars: list[tuple[pg.BarGraphItem, list[str], str, list[bool], Qt.BrushStyle]] = []
        self.top = 1.0  # the longest bar
        self.plot.vb.sigResized.connect(self._fit_range)

    def draw(self, rows: list[dict], overlay=None) -> None:
        self.clear()
        self.rows = rows
        self.bars = []
        self.categories(rows)
        unit = self.columns[0].unit
        slots = len(self.columns) + (1 if overlay is not None else 0)
        height = 0.84 / slots
        official_pts: list[tuple[float, float, Mark]] = []
        for k, col in enumerate(self.columns):
            offset = (k - (slots - 1) / 2) * height
            label = column_label(col)
            ys, widths, codes, other_year = [], [], [], []
            for i, row in enumerate(rows):
                value = cell_value(row.get(col.name))
                y = i + offset
                year = row_year(row, col)
                if value is None:
                    self._no_data(y)
                else:
                    ys.append(y)
                    widths.append(value)
                    codes.append(row["iso2"])
                    other_year.append(year != col.year)
                    self.marks.append(Mark(row["iso2"], country_name(row), label, value, year, unit, None,
                                           QPointF(value, y), QRectF(0, y - height / 2, value, height),
                                           label_year=col.year))
                    if year != col.year:
                        self._year_tag(value, y, year)
                if overlay is not None and year is not None:
                    official = overlay.value(row["iso3"], year)
                    if official is not None:
                        official_pts.append((official, y, Mark(
                            row["iso2"], country_name(row), _("World Bank file, {label}").format(label=label),
                            official, year, unit, None, QPointF(official, y), label_year=col.year,
                            decimals=FILE_DECIMALS)))
            item = pg.BarGraphItem(x0=0, y=ys, height=height * 0.9, width=widths,
                                   brush=PALETTE[k % len(PALETTE)], pen=pg.mkPen(None))
            self._own(item)
            self.plot.addItem(item)
            self.legend.addItem(item, label)
            self.bars.append((item, codes, PALETTE[k % len(PALETTE)], other_year, Qt.BrushStyle.SolidPattern))
        self._explain_faded_bars()
        # With a World Bank file a row has its latest year written beside it too.
        self.lines_per_row = 2 if overlay is not None else 1
        if overlay is not None:
            self._draw_latest(rows, overlay, (slots - 1 - (slots - 1) / 2) * height, height, unit)
            self._draw_official(official_pts)
        self.set_axis_title("bottom", unit_text(unit))
        values = [m.value for m in self.marks] or [1.0]
        self.top = max(values)
        if self.show_change and len(self.columns) >= 2:
            self._change_tags(rows)
        else:
            self.heading.setText("")
        self._fit_range()

    def _fit_range(self, *_args) -> None:
        """Room right of the bars for the labels at their ends ("+10", a year), in pixels: a fixed
        15 % was too little for labels zoomed to 150 % ("+1" was cut off). A label beside a bar
        off its row's middle is moved in just enough to stay within its row (the last row's ran
        into the axis)."""
        upper = self.top * 1.15
        width, height = self.plot.vb.width(), self.plot.vb.height()
        if width <= 1 or height <= 1:
            return
        rows = max(len(self.rows), 1) + 0.2  # the rows' range, -0.6 .. n - 0.4
        for item in self.plot.items:
            if not isinstance(item, pg.TextItem) or not item.toPlainText():
                continue
            box = item.textItem.boundingRect()
            margin = item.textItem.document().documentMargin()
            room = width - box.width() + margin - 1  # the text starts a margin right of the item
            if room > 0:
                upper = max(upper, item.pos().x() * width / room)
            y = item.__dict__.setdefault("bar_y", item.pos().y())  # where it was put, beside its bar
            half = (box.height() / 2 - margin + 1) * rows / height  # half its line, in rows
            row = round(y)
            item.setPos(item.pos().x(), min(max(y, row - 0.5 + half), row + 0.5 - half) if half < 0.5 else row)
        self.plot.setXRange(0, upper, padding=0)

    def _explain_faded_bars(self) -> None:
        """A legend entry for the faded bars of figures from another year than their column's
        (Table 3's "38 (in 2017)" under 2018), drawn like them; clicking it hides nothing."""
        for _item, _codes, color, other_year, _pattern in self.bars:
            if any(other_year):
                sample = pg.BarGraphItem(x0=[0], y=[0], height=[1], width=[1], brush=_brush(color, 255 // 2),
                                        pen=pg.mkPen(None))
                self.legend.addItem(NoteSample(sample), _("faded bar: a figure from an earlier year "
                                                          "(its year is written beside it)"))
                return

    def _change_tags(self, rows) -> None:
        first, last = self.columns[0], self.columns[-1]
        self.heading.setText(_("Change {first} → {last}").format(first=first.year, last=last.year))
        for i, row in enumerate(rows):
            a, b = cell_value(row.get(first.name)), cell_value(row.get(last.name))
            if a is None or b is None:
                continue
            change = b - a
            text = ("+" if change > 0 else "") + i18n.format_number(change)
            # Beside the pair of bars, on the row's middle: a line of text there stays within the row
            # (beside the last bar the bottom row's label ran into the axis).
            self.tag(text).setPos(max(a, b), i)

    def _own(self, item) -> None:
        for mark in self.marks:
            if mark.item is None:
                mark.item = item

    def _draw_latest(self, rows, overlay, offset, height, unit) -> None:
        """The file's most recent value per country: what came after the paper."""
        ys, widths, codes = [], [], []
        for i, row in enumerate(rows):
            latest = overlay.latest(row["iso3"])
            if latest is None:
                self._no_data(i + offset)
                continue
            year, value = latest
            ys.append(i + offset)
            widths.append(value)
            codes.append(row["iso2"])
            self.marks.append(Mark(row["iso2"], country_name(row), _("World Bank file, latest year"), value,
                                   year, unit, None, QPointF(value, i + offset),
                                   QRectF(0, i + offset - height / 2, value, height), decimals=FILE_DECIMALS))
            self._year_tag(value, i + offset, year)
        item = pg.BarGraphItem(x0=0, y=ys, height=height * 0.9, width=widths,
                               brush=_brush("#7f7f7f", 255, Qt.BrushStyle.BDiagPattern), pen=pg.mkPen("#7f7f7f"))
        self._own(item)
        self.plot.addItem(item)
        self.legend.addItem(item, _("World Bank file, latest year"))
        self.bars.append((item, codes, "#7f7f7f", [False] * len(codes), Qt.BrushStyle.BDiagPattern))

    def _draw_official(self, points) -> None:
        """The file's value for each of the paper's figures, as a black diamond on its bar."""
        item = pg.ScatterPlotItem(x=[p[0] for p in points], y=[p[1] for p in points], symbol="d", size=11,
                                  brush=pg.mkBrush(self.style.official), pen=pg.mkPen(self.style.outline, width=1))
        for _x, _y, mark in points:
            mark.item = item
            self.marks.append(mark)
        self.plot.addItem(item)
        self.legend.addItem(item, _("World Bank file, same year"))

    def _no_data(self, y: float) -> None:
        self.tag(_("no data")).setPos(0, y)

    def _year_tag(self, value: float, y: float, year: int | None) -> None:
        """The observation year at the end of a bar whose year is not the column's."""
        self.tag(str(year)).setPos(value, y)

    def restyle(self, highlight: set[str]) -> None:
        for item, codes, color, other_year, pattern in self.bars:
            if not codes:
                continue  # pyqtgraph 0.14's BarGraphItem fails on an empty list of pens
            brushes, pens = [], []
            for code, odd in zip(codes, other_year):
                chosen = not highlight or code in highlight
                alpha = 255 if chosen else DIMMED_ALPHA
                # A value observed in another year is drawn lighter, its year written beside it.
                brushes.append(_brush(color, alpha // 2 if odd else alpha, pattern))
                pens.append(pg.mkPen(self.style.selected, width=2) if highlight and code in highlight
                            else pg.mkPen(None))
            item.setOpts(brushes=brushes, pens=pens)


class RankDotPanel(Panel):
    """Ranks as dots by country; better is to the right: where lower is better (``lower_is_better``
    in tables.json) the axis runs from the worst rank to 1."""

    SYMBOLS = ("o", "s", "t", "d")

    def draw(self, rows: list[dict], overlay=None) -> None:
        self.clear()
        self.rows = rows
        self.scatters: list[tuple[pg.ScatterPlotItem, list[str], str]] = []
        self.categories(rows)
        lower_is_better = all(c.lower_is_better for c in self.columns)
        self.plot.vb.invertX(lower_is_better)
        n = len(self.columns)
        self.connector = pg.PlotCurveItem(pen=pg.mkPen(self.style.connector, width=2))
        self.plot.addItem(self.connector)
        for k, col in enumerate(self.columns):
            label = column_label(col)
            px, py, codes = [], [], []
            for i, row in enumerate(rows):
                value = cell_value(row.get(col.name))
                if value is None:
                    continue
                y = i + (k - (n - 1) / 2) * 0.12
                px.append(value)
                py.append(y)
                codes.append(row["iso2"])
                self.marks.append(Mark(row["iso2"], country_name(row), label, value, row_year(row, col),
                                       col.unit, None, QPointF(value, y), label_year=col.year))
            color = PALETTE[k % len(PALETTE)]
            item = pg.ScatterPlotItem(x=px, y=py, symbol=self.SYMBOLS[k % 4], size=11,
                                      brush=pg.mkBrush(color), pen=pg.mkPen(self.style.outline))
            for mark in self.marks:
                if mark.item is None:
                    mark.item = item
            self.plot.addItem(item)
            self.legend.addItem(item, label)
            self.scatters.append((item, codes, color))
            item.visibleChanged.connect(self._connect_ranks)
        self._connect_ranks()
        if lower_is_better:
            self.set_axis_title("bottom", _("rank (1 = best), better →"))
            self.heading.setText(_("Ranks, lower is better"))
        else:
            self.set_axis_title("bottom", _("rank, better →"))
            self.heading.setText(_("Ranks, higher is better"))
        worst = max((m.value for m in self.marks), default=10.0)
        # a little room left of rank 1 (drawn at the right edge) so its marker is not cut
        self.plot.setXRange(-worst * 0.03, worst * 1.08, padding=0)

    def _connect_ranks(self) -> None:
        """A thin line joins a country's ranks, so the gap between them reads at a glance: only the
        ranks of the series shown (hiding one in the legend takes its lines away too)."""
        shown = [col for col, (item, _c, _k) in zip(self.columns, self.scatters) if item.isVisible()]
        xs, ys = [], []
        for i, row in enumerate(self.rows):
            present = [r for r in (cell_value(row.get(c.name)) for c in shown) if r is not None]
            if len(present) >= 2:
                xs += [min(present), max(present)]
                ys += [i, i]
        self.connector.setData(x=xs, y=ys, connect="pairs")

    def restyle(self, highlight: set[str]) -> None:
        for item, codes, color in self.scatters:
            brushes = [_brush(color, 255 if not highlight or c in highlight else DIMMED_ALPHA) for c in codes]
            sizes = [15 if c in highlight else 11 for c in codes]
            item.setBrush(brushes)
            item.setSize(sizes)


class RankScatterPanel(Panel):
    """One rank against another, with Spearman's rho and n of the countries shown."""

    has_rows = False
    CORNERS = ((1, 1), (0, 1), (1, 0), (0, 0))  # text left-above, right-above, left-below, right-below

    def __init__(self, table: Table, columns: list[Column]):
        super().__init__(table, columns)
        self.tags: list[pg.TextItem] = []
        self.plot.vb.sigResized.connect(self.place_labels)
        self.plot.vb.sigRangeChanged.connect(self.place_labels)

    def place_labels(self, *_args) -> None:
        """Put each country label at the corner of its point where it stays inside the plot and
        clear of the labels placed before it (in pixels, so it holds at any size). A label with no
        free corner joins the label it would cover ("SG, DK, SE, CH, NL, US")."""
        placed: list[tuple[pg.TextItem, list[str]]] = []
        for tag in sorted(self.tags, key=lambda t: -len(t.codes)):  # the big groups first
            tag.show()
            rect, free = self._corner(tag, tag.codes, [self._rect(t) for t, _c in placed])
            if free or not placed:
                placed.append((tag, list(tag.codes)))
                continue
            target, codes = min(placed, key=lambda p: 0 if self._rect(p[0]).intersects(rect) else 1)
            codes += tag.codes
            tag.hide()
            others = [self._rect(t) for t, _c in placed if t is not target]
            self._corner(target, codes, others)

    @staticmethod
    def _wrap(codes: list[str]) -> str:
        return ",\n".join(", ".join(codes[i:i + 3]) for i in range(0, len(codes), 3))  # narrow: 3 a line

    def _rect(self, tag) -> QRectF:
        inner = tag.textItem
        m = inner.document().documentMargin()
        return inner.mapRectToScene(inner.boundingRect().adjusted(m, m, -m, -m))

    def _corner(self, tag, codes: list[str], taken: list[QRectF]) -> tuple[QRectF, bool]:
        """Give ``tag`` the text of ``codes`` and its best corner; (its text's rect there, whether free)."""
        tag.setText(self._wrap(codes))
        vb = self.plot.vb
        area = vb.sceneBoundingRect()
        inner = tag.textItem
        margin = inner.document().documentMargin()
        size = inner.boundingRect().size()
        point = vb.mapViewToScene(tag.pos())
        options = []
        for ax, ay in self.CORNERS:
            rect = QRectF(point.x() - ax * size.width(), point.y() - ay * size.height(), size.width(),
                          size.height()).adjusted(margin, margin, -margin, -margin)
            options.append(((ax, ay), rect))
        fits = [o for o in options if area.contains(o[1])]
        free = [o for o in fits if not any(o[1].intersects(r) for r in taken)]
        clear = [o for o in free if not any(o[1].intersects(d) for d in self._dots())]  # off the dots too
        anchor, rect = (clear or free or fits or options)[0]
        tag.setAnchor(anchor)
        return rect, bool(free)

    def _dots(self) -> list[QRectF]:
        vb = self.plot.vb
        half = 6  # the markers are 11 px across
        return [QRectF(p.x() - half, p.y() - half, 2 * half, 2 * half)
                for p in (vb.mapViewToScene(m.point) for m in self.marks)]

    def draw(self, rows: list[dict], overlay=None) -> None:
        self.clear()
        self.rows = rows
        xcol, ycol = self.columns[:2]
        pairs = [(cell_value(r.get(xcol.name)), cell_value(r.get(ycol.name)), r) for r in rows]
        self.correlation = spearman([p[0] for p in pairs], [p[1] for p in pairs])
        complete = [p for p in pairs if p[0] is not None and p[1] is not None]
        self.codes = [p[2]["iso2"] for p in complete]
        self.item = pg.ScatterPlotItem(x=[p[0] for p in complete], y=[p[1] for p in complete], size=11,
                                       brush=pg.mkBrush(PALETTE[3]), pen=pg.mkPen(self.style.outline))
        self.plot.addItem(self.item)
        for x, y, row in complete:
            measure = f"{column_label(xcol)} / {column_label(ycol)}"
            mark = Mark(row["iso2"], country_name(row), measure, x, xcol.year, "rank", self.item, QPointF(x, y))
            mark.text = (lambda m=mark, x=x, y=y: "\n".join(
                [m.country, _("{measure}: {value}").format(measure=column_label(xcol), value=i18n.format_number(x)),
                 _("{measure}: {value}").format(measure=column_label(ycol), value=i18n.format_number(y))]))
            self.marks.append(mark)
        self.labels = label_groups([(x, y, row["iso2"]) for x, y, row in complete])
        self.tags = []
        for x, y, codes in self.labels:
            text = ",\n".join(", ".join(codes[i:i + 3]) for i in range(0, len(codes), 3))  # narrow: 3 a line
            tag = self.tag(text, anchor=(0, 1))
            tag.setPos(x, y)
            tag.codes = codes
            self.tags.append(tag)
        self.plot.vb.invertX(xcol.lower_is_better)  # better is right and up (lower_is_better in tables.json)
        self.plot.vb.invertY(ycol.lower_is_better)
        self.set_axis_title("bottom", _("{label}, better →").format(label=column_label(xcol)))
        self.set_axis_title("left", _("{label}, better →").format(label=column_label(ycol)))
        self.heading.setText(self.summary())
        for name, values in (("bottom", [p[0] for p in complete]), ("left", [p[1] for p in complete])):
            low, high = rank_range(values)
            (self.plot.setXRange if name == "bottom" else self.plot.setYRange)(low, high, padding=0)
            self.plot.getAxis(name).setTickSpacing(levels=[(rank_step(high - low), 0)])  # whole ranks only
            if name == "left":
                self.plot.getAxis(name).reserve_width([str(round(v)) for v in (low, high)])
        self.place_labels()

    def summary(self) -> str:
        c = self.correlation
        if c.rho is None and c.n < 3:
            return _("Spearman ρ not shown: fewer than 3 countries (n = {n})").format(n=c.n)
        if c.rho is None:
            return _("Spearman ρ not shown: the ranks shown do not vary (n = {n})").format(n=c.n)
        return _("Spearman ρ = {rho}, n = {n}").format(rho=i18n.format_number(c.rho, decimals=2), n=c.n)

    def restyle(self, highlight: set[str]) -> None:
        color = PALETTE[3]
        self.item.setBrush([_brush(color, 255 if not highlight or c in highlight else DIMMED_ALPHA)
                            for c in self.codes])
        self.item.setSize([15 if c in highlight else 11 for c in self.codes])


def rank_range(values: list[float]) -> tuple[float, float]:
    """An axis range around ranks, never narrower than a few ranks.

    Left to pyqtgraph, one point (or several on the same rank) gets a range of a
    millionth around it and ticks like "93.9999999999997".
    """
    if not values:
        return 0.0, 10.0
    low, high = min(values), max(values)
    pad = max((high - low) * 0.08, 3.0)
    # Below rank 1 only a sliver, enough for a marker's edge: no tick at a rank below zero.
    return max(low - pad, -0.03 * (high - low + 2 * pad)), high + pad


def rank_step(span: float, ticks: int = 4) -> int:
    """A whole, round distance between rank ticks (1, 2, 5, 10, 20, 50, ...) giving about ``ticks`` ticks."""
    step = 1
    while span / step > ticks:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return step


def label_groups(points: list[tuple[float, float, str]],
                 tolerance: float = 0.06) -> list[tuple[float, float, list[str]]]:
    """Points that would draw their labels over each other share one label.

    ``points`` are (x, y, code). A point closer than ``tolerance`` of the axis ranges (on both
    axes) to any point of a group joins it; the group is labelled at its first point, with
    every code in it. Hovering a point still names that one country.
    """
    if not points:
        return []
    span_x = (max(p[0] for p in points) - min(p[0] for p in points)) or 1.0
    span_y = (max(p[1] for p in points) - min(p[1] for p in points)) or 1.0

    def near(a, b) -> bool:
        return abs(a[0] - b[0]) / span_x < tolerance and abs(a[1] - b[1]) / span_y < tolerance

    groups: list[list[tuple[float, float, str]]] = []
    for point in points:
        joined = [g for g in groups if any(near(point, member) for member in g)]
        merged = [m for g in joined for m in g] + [point]
        groups = [g for g in groups if g not in joined] + [merged]
    groups.sort(key=lambda g: points.index(g[0]))
    return [(g[0][0], g[0][1], [m[2] for m in g]) for g in groups]


def panels_for(table: Table) -> list[Panel]:
    """Ranks get dots (and a scatter when there are two); other measures get bars, one panel per unit."""
    ranks = [c for c in table.columns if c.unit == "rank"]
    panels: list[Panel] = []
    if ranks:
        panels.append(RankDotPanel(table, ranks))
        panels[0].stretch = 3  # it carries the country names
    units: dict[str, list[Column]] = {}
    for col in table.columns:
        if col.unit != "rank":
            units.setdefault(col.unit, []).append(col)
    for cols in units.values():
        # Beside ranks (Table 1) the bars are a before/after pair: say how much each country moved.
        panel = BarPanel(table, cols, show_change=bool(ranks))
        panel.show_names = not panels  # the same rows as the panel to its left: no second set of names
        panels.append(panel)
    if len(ranks) >= 2:
        panels.append(RankScatterPanel(table, ranks[:2]))
    return panels
