"""A table's chart: its panels and legends, optionally framed by the title and the source line.

On screen the page around the chart shows the title and sources; an exported chart
is ``framed`` so that the picture carries its title, units and source by itself.
"""
from __future__ import annotations

import atexit
import weakref
from pathlib import Path

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics

from oqu import i18n
from oqu.core.model import Paper, Table
from oqu.i18n import _
from oqu.ui.tables.charts.hover import HoverBox
from oqu.ui.tables.charts.keyboard import ChartKeyboard
from oqu.ui.tables.charts.panels import Mark, Panel, panels_for, unit_text
from oqu.ui.tables.charts.source_marks import draw_source_legend, draw_source_marks
from oqu.ui.tables.charts.style import LIGHT, ChartStyle, style_for
from oqu.ui.tables.charts.text_block import TextBlock
from oqu.ui.textdoc import zoomed_font

pg.setConfigOptions(antialias=True, background="w", foreground="k")

_alive: "weakref.WeakSet[ChartFigure]" = weakref.WeakSet()


@atexit.register
def _delete_charts() -> None:
    """Destroy the charts while Python is still whole.

    Left to interpreter shutdown, Qt's last events reach pyqtgraph's Python
    overrides after their modules are gone and the process dies with SIGSEGV
    (seen with ``oqu screenshot --tab tables``, which exits without app.exec()).
    """
    for chart in list(_alive):
        if shiboken6.isValid(chart):
            shiboken6.delete(chart)


def chart_title(table: Table) -> str:
    return _("Table {n}: {title}").format(n=table.id, title=table.title_in(i18n.current_language()))


def source_line(paper: Paper, table: Table, overlay=None, source_files=None) -> str:
    """Units and sources in the UI language: "Units: ... Source: title [n]; ..." ."""
    units = ", ".join(dict.fromkeys(unit_text(c.unit) for c in table.columns))
    refs = []
    for n in table.sources:
        ref = paper.reference(n)
        refs.append(f"{ref.title} [{n}]" if ref and ref.title else f"[{n}]")
    text = _("Units: {units}. Source: {sources}, as printed in the paper.").format(
        units=units, sources="; ".join(refs))
    if overlay is not None:
        text += " " + _("Compared with the World Bank file {indicator} (updated {date}).").format(
            indicator=overlay.indicator, date=overlay.updated or "?")
    for src, _checks in (source_files or {}).values():
        text += " " + _("Compared with {dataset} ({name}).").format(dataset=_(src.name), name=Path(src.path).name)
    return text


class ChartFigure(pg.GraphicsLayoutWidget):
    rowClicked = Signal(str)  # iso2 of the country whose bar or dot was clicked
    neededHeightChanged = Signal()  # rows or headings changed what the chart needs (its page re-splits)

    def __init__(self, paper: Paper, table: Table, *, framed: bool = False, parent=None):
        super().__init__(parent)
        self.setObjectName(f"chart{table.id}")
        _alive.add(self)
        self.paper = paper
        self.table = table
        self.framed = framed
        self.rows: list[dict] = table.records()
        self.highlight: set[str] = set()
        self.overlay = None
        self.checks: list = []  # Table 1's source files' figures (oqu.core.table_sources.SourceCheck)
        self.source_files: dict = {}  # dataset -> (SourceFile, checks)
        self.hover_text = ""
        self.panels: list[Panel] = panels_for(table)
        self.ci.setContentsMargins(6, 0, 12, 0)  # (the headings and legends have margins of their own)
        width = len(self.panels)
        row = 0
        if framed:
            self.title_block = TextBlock(13, bold=True)
            self.ci.addItem(self.title_block, row=row, col=0, colspan=width)
            row += 1
        self.arrangement: list[list[Panel]] = [list(self.panels)]  # the rows of panels: see _arrange
        for k, panel in enumerate(self.panels):
            self.ci.addItem(panel.heading, row=row, col=k)
            self.ci.addItem(panel.plot, row=row + 1, col=k)
            self.ci.addItem(panel.legend, row=row + 2, col=k)
            self.ci.layout.setColumnStretchFactor(k, panel.stretch)
            panel.legend_changed = self._legend_changed
        row += 3
        if framed:
            self.source_block = TextBlock(9, align=Qt.AlignmentFlag.AlignLeft)
            self.ci.addItem(self.source_block, row=row, col=0, colspan=width)
        self.hover = HoverBox()
        self.scene().addItem(self.hover)
        self.scene().sigMouseMoved.connect(self.hover_at)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.style: ChartStyle = LIGHT
        self._apply_style()
        self.keyboard = None if framed else ChartKeyboard(self, chart_title)  # an exported copy is not read
        self.redraw()

    # -- theme -------------------------------------------------------------
    def _apply_style(self) -> bool:
        """Take the colours of the window's theme (an exported chart stays light); True if they changed."""
        style = LIGHT if self.framed else style_for(self.palette())
        changed = style != self.style
        self.style = style
        self.setBackground(style.background)
        self.hover.set_style(style)
        for panel in self.panels:
            panel.apply_style(style)
        if self.framed:
            self.title_block.setColor(style.text)
            self.source_block.setColor(style.muted)
        return changed

    def changeEvent(self, event):  # noqa: N802 (Qt API)
        # A theme switched live reaches every widget as a palette change. Not while pyqtgraph's own
        # __init__ runs, nor once the scene has deleted its items (a closing window still gets one).
        ready = "style" in self.__dict__ and shiboken6.isValid(self.hover)
        if event.type() == QEvent.Type.PaletteChange and ready and self._apply_style():
            self.redraw()
        super().changeEvent(event)

    # -- state -------------------------------------------------------------
    def set_rows(self, rows: list[dict]) -> None:
        """The table's visible rows in its current order (after sorting and filtering)."""
        self.rows = rows
        self.redraw()
        self._arrange()  # shorter names may leave room for the panels side by side, longer ones not

    def set_highlight(self, iso2s: set[str]) -> None:
        self.highlight = set(iso2s)
        for panel in self.panels:
            panel.restyle(self.highlight)

    def set_overlay(self, overlay) -> None:
        """A World Bank file (``oqu.core.worldbank.WorldBankFile``) to show beside the paper, or None."""
        self.overlay = overlay
        self.redraw()

    def set_zoom(self, percent: int) -> None:
        """The reader's zoom (View ▸ Zoom in): every word of the chart grows with the window's text —
        tick labels, axis titles, headings, legends, the labels in the plots and the hover box."""
        font = zoomed_font(percent)
        for panel in self.panels:
            panel.set_text_font(font)
        self.hover.set_font(font)
        self.redraw()  # the names' axis, the legends and the labels are laid out again in the new font
        self._arrange()

    def set_checks(self, checks: list, source_files: dict) -> None:
        """Table 1's source files beside the paper's figures: their values drawn, differing figures ringed."""
        self.checks = list(checks)
        self.source_files = dict(source_files)
        self.redraw()

    def redraw(self) -> None:
        for panel in self.panels:
            panel.draw(self.rows, self.overlay)
            if self.checks:
                draw_source_marks(panel, self.rows, self.checks)
            panel.restyle(self.highlight)
        draw_source_legend(self.panels, self.checks)
        for panel in self.panels:
            panel.fit_legend()
        if self.framed:
            self.title_block.setText(chart_title(self.table))
            self.source_block.setText(source_line(self.paper, self.table, self.overlay, self.source_files))
        self.hover.hide()
        self.hover_text = ""
        if self.keyboard is not None:
            self.keyboard.reset()
        self._hovered = None
        self._fit_minimum()

    # -- size --------------------------------------------------------------
    SCATTER_LINES = 8  # the plot area of a panel without rows (the scatter), in lines of its text

    def _arrange(self) -> None:
        """The panels side by side where the chart is wide enough for their words; else the last one
        (Table 1's scatter) under the others, or each on a row of its own, as wide as the chart: at
        150 % zoom three panels side by side left each too little room (ticks ran together, labels
        were cut off). The first panel of a row names the countries."""
        if self.framed or len(self.panels) < 2 or self.width() <= 1:
            return
        panels = self.panels
        options = [[panels], [panels[:-1], panels[-1:]], [[p] for p in panels]]
        room = self.width() - sum(self.ci.layout.getContentsMargins()[::2]) - 8
        fits = [o for o in options if all(self._row_width(row) <= room for row in o)]
        arrangement = (fits or options)[0]
        for row in arrangement:  # each plot its few ems, where they fit (the layout would share out less)
            for k, panel in enumerate(row):
                panel.plot.setMinimumWidth(panel.least_width(names=k == 0) if fits else 0)
        if arrangement == self.arrangement:
            return
        self.arrangement = arrangement
        layout = self.ci.layout
        for panel in panels:
            for item in (panel.heading, panel.plot, panel.legend):
                layout.removeAt(next(i for i in range(layout.count()) if layout.itemAt(i) is item))
        width = len(arrangement[0])
        for r, row in enumerate(arrangement):
            for k, panel in enumerate(row):
                span = width - k if k == len(row) - 1 else 1  # the last of a row takes what is left
                for i, item in enumerate((panel.heading, panel.plot, panel.legend)):
                    layout.addItem(item, 3 * r + i, k, 1, span)
        for k in range(len(panels)):
            layout.setColumnStretchFactor(k, arrangement[0][k].stretch if k < width else 0)
        for row in arrangement:
            for k, panel in enumerate(row):
                if panel.show_names != (k == 0):
                    panel.show_names = k == 0  # the countries' names go to the first panel of each row
                    if panel.has_rows:
                        panel.categories(self.rows)  # only its axis (a whole redraw costs ~80 ms)
        self._fit_minimum()

    @staticmethod
    def _row_width(row: list[Panel]) -> float:
        return sum(panel.least_width(names=k == 0) for k, panel in enumerate(row))

    def needed_height(self, roomy: bool = False) -> int:
        """The least height at which each row's name and labels get a line of their own and every
        legend entry shows: headings, axes and legends at their sizes, plus a text line per row.
        ``roomy``: with a third of a line between rows, what the chart gets when the window has room."""
        layout = self.ci.layout
        top, bottom = layout.getContentsMargins()[1::2]  # (the layout's: pyqtgraph sets those)
        fixed = top + bottom + layout.verticalSpacing() * (3 * len(self.arrangement) - 1)
        if self.framed:
            fixed += self.title_block.minimumHeight() + self.source_block.minimumHeight()
            fixed += 2 * layout.verticalSpacing()
        for panels, plot in zip(self.arrangement, self._plot_heights(roomy)):  # a row of panels
            fixed += max(p.heading.minimumHeight() for p in panels)
            fixed += max(p.legend.minimumHeight() for p in panels)
            fixed += plot
        return int(fixed + 1)

    def _plot_heights(self, roomy: bool = False) -> list[float]:
        """For each row of panels, the height its plots need with their bottom axes."""
        tick_font = self.panels[0].plot.getAxis("left").tick_font()  # (zoomed, too)
        line = QFontMetrics(tick_font).height() + 1
        pitch = line * (1.3 if roomy else 1)
        rows = max(len(self.rows), 1) + 0.2  # the categories' range is -0.6 .. n - 0.4
        heights = []
        for panels in self.arrangement:
            axis = max(p.plot.getAxis("bottom").maximumHeight() for p in panels) + 4
            heights.append(axis + max((rows * pitch * p.lines_per_row) if p.has_rows else self.SCATTER_LINES * line
                                      for p in panels))
        return heights

    def _fit_minimum(self) -> None:
        # Not for an export (it has its own fixed size), nor while hidden: a chart not yet laid
        # out is a few pixels wide, its headings wrapped word by word, and would ask for far too much.
        if not self.framed and self.isVisible():
            if self.range.size().toSize() == self.size() and self.ci.geometry() != self.range:
                # Laid out while its words needed more room (a legend wrapped at an older width, the
                # font before a zoom), the layout kept that larger size: fit it to the view again.
                self.ci.setGeometry(self.range)
            needed = (self.needed_height(), self.needed_height(roomy=True))
            self.setMinimumHeight(needed[0])
            stacked = len(self.arrangement) > 1  # each row's plots their own height (not an equal share)
            for panels, plot in zip(self.arrangement, self._plot_heights()):
                for panel in panels:
                    panel.plot.setMinimumHeight(plot if stacked else 0)
            if needed != self.__dict__.get("_needed"):
                self._needed = needed
                # After this resize has been handled: a resize from within it would leave
                # pyqtgraph's view at the older size.
                QTimer.singleShot(0, self, self.neededHeightChanged.emit)

    def _legend_changed(self) -> None:
        # A legend on more or fewer lines changes the height the chart needs; measured once the
        # layout has settled.
        QTimer.singleShot(0, self, self._fit_minimum)

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        if "style" in self.__dict__ and not self.closed:  # (closing: its items are gone)
            self._arrange()
            for panel in self.panels:
                panel.fit_legend()  # a long entry wraps at the chart's edge
            self._fit_minimum()  # headings wrap onto more lines when narrower

    # -- pointing ----------------------------------------------------------
    def mark_at(self, scene_pos: QPointF) -> tuple[Panel, Mark] | None:
        for panel in self.panels:
            mark = panel.hit(scene_pos)
            if mark is not None:
                return panel, mark
        return None

    def hover_at(self, scene_pos: QPointF) -> None:
        found = self.mark_at(scene_pos)
        if found is None:
            self.show_mark(None, None)
            return
        panel, mark = found
        if mark is self._hovered and self.hover.isVisible():
            return  # the pointer moves over the same mark: the box stays where it is
        self.show_mark(panel, mark)

    def show_mark(self, panel: Panel | None, mark: Mark | None) -> None:
        """The hover box for ``mark`` of ``panel`` (None: no box), for the pointer and the keyboard."""
        if mark is None:
            self.hover.hide()
            self.hover_text = ""
            self._hovered = None
            return
        self._hovered = mark
        self.hover_text = mark.text()
        area = self.mapToScene(self.viewport().rect()).boundingRect()
        # Beside the middle of a bar's end, or beside the dot.
        where = QPointF(mark.point.x(), mark.rect.center().y()) if mark.rect is not None else mark.point
        self.hover.show_at(self.hover_text, panel.plot.vb.mapViewToScene(where), area, self.labels_areas())

    def labels_areas(self) -> list:
        """Where the chart's words are, in scene coordinates: the hover box keeps off them."""
        areas = []
        for panel in self.panels:
            for item in (panel.plot.getAxis("left"), panel.plot.getAxis("bottom"), panel.legend, panel.heading):
                if item.isVisible():
                    areas.append(item.sceneBoundingRect())
        return areas

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        found = self.mark_at(event.scenePos())
        if found:
            self.rowClicked.emit(found[1].iso2)

    def scene_pos_of(self, iso2: str, panel: int = 0) -> QPointF | None:
        """Where the first mark of a country is drawn, in scene coordinates (for tests and tools)."""
        p = self.panels[panel]
        for mark in p.marks:
            if mark.iso2 == iso2:
                return p.plot.vb.mapViewToScene(mark.point if mark.rect is None else mark.rect.center())
        return None
