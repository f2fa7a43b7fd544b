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
from PySide6.QtCore import QPointF, Qt, Signal

from oqu import i18n
from oqu.core.model import Paper, Table
from oqu.i18n import _
from oqu.ui.tables.charts.panels import Mark, Panel, panels_for, unit_text
from oqu.ui.tables.charts.text_block import TextBlock

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
        self.ci.setContentsMargins(6, 6, 12, 6)
        width = len(self.panels)
        row = 0
        if framed:
            self.title_block = TextBlock(13, bold=True)
            self.ci.addItem(self.title_block, row=row, col=0, colspan=width)
            row += 1
        for k, panel in enumerate(self.panels):
            self.ci.addItem(panel.heading, row=row, col=k)
            self.ci.addItem(panel.plot, row=row + 1, col=k)
            self.ci.addItem(panel.legend, row=row + 2, col=k)
            self.ci.layout.setColumnStretchFactor(k, panel.stretch)
            if width > 1:
                panel.legend.setColumnCount(1)  # narrow panels: one entry a line
        row += 3
        if framed:
            self.source_block = TextBlock(9, color="#333333", align=Qt.AlignmentFlag.AlignLeft)
            self.ci.addItem(self.source_block, row=row, col=0, colspan=width)
        self.scene().sigMouseMoved.connect(self.hover_at)
        self.scene().sigMouseClicked.connect(self._clicked)
        self.redraw()

    # -- state -------------------------------------------------------------
    def set_rows(self, rows: list[dict]) -> None:
        """The table's visible rows in its current order (after sorting and filtering)."""
        self.rows = rows
        self.redraw()

    def set_highlight(self, iso2s: set[str]) -> None:
        self.highlight = set(iso2s)
        for panel in self.panels:
            panel.restyle(self.highlight)

    def set_overlay(self, overlay) -> None:
        """A World Bank file (``oqu.core.worldbank.WorldBankFile``) to show beside the paper, or None."""
        self.overlay = overlay
        self.redraw()

    def set_zoom(self, percent: int) -> None:
        """The reader's zoom (View ▸ Zoom in): tick labels and axis titles grow with the text."""
        from oqu.ui.textdoc import zoomed_font

        font = zoomed_font(percent)
        for panel in self.panels:
            for name in ("left", "bottom"):
                axis = panel.plot.getAxis(name)
                axis.setStyle(tickFont=font)
                axis.label.setFont(font)
        self.redraw()  # the names' axis is measured again in the new font

    def set_checks(self, checks: list, source_files: dict) -> None:
        """Table 1's source files beside the paper's figures: their values drawn, differing figures ringed."""
        self.checks = list(checks)
        self.source_files = dict(source_files)
        self.redraw()

    def retranslate(self) -> None:
        self.redraw()

    def redraw(self) -> None:
        from oqu.ui.tables.charts.source_marks import draw_source_legend, draw_source_marks

        for panel in self.panels:
            panel.draw(self.rows, self.overlay)
            if self.checks:
                draw_source_marks(panel, self.rows, self.checks)
            panel.restyle(self.highlight)
        draw_source_legend(self.panels, self.checks)
        if self.framed:
            self.title_block.setText(chart_title(self.table))
            self.source_block.setText(source_line(self.paper, self.table, self.overlay, self.source_files))
        self.hover_text = ""

    # -- pointing ----------------------------------------------------------
    def mark_at(self, scene_pos: QPointF) -> tuple[Panel, Mark] | None:
        for panel in self.panels:
            mark = panel.hit(scene_pos)
            if mark is not None:
                return panel, mark
        return None

    def hover_at(self, scene_pos: QPointF) -> None:
        found = self.mark_at(scene_pos)
        for panel in self.panels:
            panel.show_hover(found[1] if found and found[0] is panel else None)
        self.hover_text = found[1].text() if found else ""

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
