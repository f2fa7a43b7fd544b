"""The tables tab: one tab per indicator table, each page (``oqu.ui.tables.page``: its table and
live chart) built when it is first shown, so the window paints before pyqtgraph loads. A World
Bank indicator file, or one of Table 1's sources, can be opened from disk: it goes to its table.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from oqu.core import table_sources, worldbank
from oqu.core.model import Paper
from oqu.core.sourcefile import HOW_TO_GET_CSV_SENTENCE, WORLD_BANK_SITE, describe
from oqu.i18n import _
from oqu.ui.common import Retranslating

if TYPE_CHECKING:
    from oqu.ui.tables.page import TablePage


class TablesView(Retranslating, QWidget):
    referenceRequested = Signal(int)  # a table's source was clicked: show reference n
    pageBuilt = Signal()  # a table's page was built: its widgets join the Tab order

    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tablesView")
        self.paper = paper
        self.pages: dict[int, TablePage] = {}
        self.zoom = 100
        self.error_box: QMessageBox | None = None
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tableTabs")
        self.holders: list[QWidget] = []
        for _table in paper.tables:
            holder = QWidget(self)  # empty until the tab is first shown; then it holds the page
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.holders.append(holder)
        self._chosen = 0  # the table's index to open, until the tabs are added
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._current_changed)
        self.retranslate()

    def add_tabs(self) -> None:
        """The tables' tabs, added when the view is first shown (or a table is asked for). Adding a
        first tab selects it, which Qt reports on the accessibility bus whether it is shown or not:
        added with the window, Orca said "Table 1 page tab" at the start, on the abstract."""
        if self.tabs.count() == 0 and self.holders:
            self.tabs.blockSignals(True)  # the first tab, selected on the way, is no page to build
            for holder in self.holders:
                self.tabs.addTab(holder, "")
            self.tabs.setCurrentIndex(self._chosen)
            self.tabs.blockSignals(False)
            self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setAccessibleName(_("Indicator tables"))
        for i, table in enumerate(self.paper.tables):
            self.tabs.setTabText(i, _("Table {n}").format(n=table.id))
        # Built pages get LanguageChange themselves (they are child widgets).

    # -- building on first show ------------------------------------------------
    # Each page (its model, table and chart) is built when it is first shown: opening
    # the tab draws one chart, not three.
    def showEvent(self, event):  # noqa: N802 (Qt API)
        self.add_tabs()
        self.ensure_page(self.tabs.currentIndex())
        super().showEvent(event)

    def _current_changed(self, index: int) -> None:
        if self.isVisible():
            self.ensure_page(index)

    def ensure_page(self, index: int) -> TablePage | None:
        if not 0 <= index < len(self.paper.tables):
            return None
        table = self.paper.tables[index]
        if table.id not in self.pages:
            # In a window too small for all of it (a long comparison summary at 1024 x 640, say) the
            # page scrolls instead of squeezing its chart below the height its labels need.
            scroller = QScrollArea(self.holders[index])
            scroller.setObjectName("tablePageScroller")
            # Not a Tab stop of its own (Tab reaches the page's controls and it scrolls to them);
            # named for a screen reader that walks the tree.
            scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            scroller.setAccessibleName(_("Table {n}").format(n=table.id))
            scroller.setWidgetResizable(True)
            scroller.setFrameShape(QScrollArea.Shape.NoFrame)
            scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            from oqu.ui.tables.page import TablePage  # pyqtgraph: on first show (oqu.ui.startup)

            page = TablePage(self.paper, table, scroller)
            scroller.setWidget(page)
            page.referenceRequested.connect(self.referenceRequested)
            page.worldBankRequested.connect(lambda p=page: self.open_compare_file(p.has_sources))
            self.holders[index].layout().addWidget(scroller)
            self.pages[table.id] = page
            self.pageBuilt.emit()
            if self.zoom != 100:
                page.set_zoom(self.zoom)
        return self.pages[table.id]

    def focus_chain(self) -> list[QWidget]:
        chain = [self.tabs.tabBar()]
        for table in self.paper.tables:  # hidden pages are skipped by Tab
            if table.id in self.pages:
                chain += self.pages[table.id].focus_chain()
        return chain

    def build_all_pages(self) -> None:
        """Build every page now (tests and tools that walk all the charts)."""
        for index in range(len(self.paper.tables)):
            self.ensure_page(index)

    def _index_of(self, table_id: int) -> int:
        for index, table in enumerate(self.paper.tables):
            if table.id == table_id:
                return index
        raise KeyError(table_id)

    def show_table(self, table_id: int) -> None:
        if any(table.id == table_id for table in self.paper.tables):
            index = self._index_of(table_id)
            self.add_tabs()
            self.tabs.setCurrentIndex(index)
            self.ensure_page(index)

    def choose_table(self, table_id: int) -> None:
        """The table whose tab is open when the view is shown (a restored window): no page is built,
        and no tab is added before the reader comes to the tables."""
        index = self._index_of(table_id)
        if self.tabs.count():
            self.tabs.setCurrentIndex(index)
        else:
            self._chosen = index

    def set_zoom(self, percent: int) -> None:
        """The reader's zoom: each table's text and its chart's labels (pages built later too)."""
        self.zoom = percent
        for page in self.pages.values():
            page.set_zoom(percent)

    def current_table(self) -> int | None:
        """The id of the table whose tab is open (the window remembers it)."""
        index = self.tabs.currentIndex() if self.tabs.count() else self._chosen
        return self.paper.tables[index].id if 0 <= index < len(self.paper.tables) else None

    def page(self, table_id: int) -> TablePage:
        return self.ensure_page(self._index_of(table_id))

    # -- World Bank files -------------------------------------------------------
    def open_compare_file(self, for_sources: bool = False) -> None:
        """A table's compare button: the file chosen goes to the table it belongs to, by its content
        (Table 1's button asks for its sources, the others' for a World Bank download)."""
        if for_sources:
            title = _("Open a source file of Table 1")
            name_filter = _("TI's CPI table or the DAI workbook (*.xlsx *.csv);;All files (*)")
        else:
            title = _("Open a World Bank indicator file")
            name_filter = _("World Bank downloads (*.zip *.csv *.xls *.xlsx *.txt);;All files (*)")
        path, _chosen = QFileDialog.getOpenFileName(self, title, str(Path.home()), name_filter)
        if path:
            self.load_compare_file(path)

    def load_compare_file(self, path: str) -> bool:
        """Table 1's sources (TI's CPI table, the DAI workbook) go to Table 1; anything else is read as a
        World Bank indicator file (and refused with a message if it is not one)."""
        if table_sources.recognise(path):
            return self.load_source_file(path)
        return self.load_worldbank(path)

    def load_source_file(self, path: str) -> bool:
        """Show one of Table 1's source files beside it; on any problem say what is wrong and keep what was shown."""
        try:
            src = table_sources.read_source(path, self.paper)
            table = table_sources.table_for(self.paper, src)
            checks = table_sources.compare(self.paper, src)
        except table_sources.SourceFileError as exc:
            self._error(_("“{name}” cannot be compared with the paper.").format(name=os.path.basename(path)),
                        explain_source_error(exc))
            return False
        self.page(table.id).set_source(src, checks)
        self.show_table(table.id)
        return True

    def load_worldbank(self, path: str) -> bool:
        """Show a World Bank file beside its table; on any problem say what is wrong and keep what was shown."""
        try:
            wb = worldbank.read_worldbank(path)
            table = worldbank.table_for(self.paper, wb)
        except worldbank.WorldBankError as exc:
            self._error(_("“{name}” cannot be used as a World Bank indicator file.").format(
                name=os.path.basename(path)), explain(exc))
            return False
        self.page(table.id).set_overlay(wb)
        self.show_table(table.id)
        return True

    def _error(self, text: str, detail: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, _("Cannot use this file"), text, parent=self)
        box.setObjectName("worldBankError")
        box.setInformativeText(detail)
        box.open()  # not modal to the whole app: the tables stay as they were
        self.error_box = box



def explain(exc) -> str:
    """A WorldBankError in the reader's language where its case is a common one (an empty file, another
    kind of file, a workbook of no known kind); otherwise its own words, which name the line at fault."""
    how = _(HOW_TO_GET_CSV_SENTENCE).format(**WORLD_BANK_SITE)

    if exc.reason == "empty":
        return _("The file is empty: it holds no data. Was the download interrupted?")
    if exc.reason == "foreign" and exc.kind:
        return _("This is {what}, not a World Bank indicator file.").format(what=_(describe(exc.kind))) + " " + how
    if exc.reason == "workbook":
        return _("This Excel workbook has no sheet in the World Bank's indicator layout.") + " " + how
    return str(exc)


def explain_source_error(exc) -> str:
    """A Table 1 source file's problem (``table_sources.SourceFileError``) in the reader's language where
    its case is a common one; otherwise its own words."""
    d = exc.details
    if exc.reason == "damaged":
        return _("The workbook cannot be read: it may be damaged.")
    if exc.reason == "no rows":
        return _("The file has a header but no rows of data.")
    if exc.reason == "number" and d.get("sheet") is not None:
        return _("Sheet “{sheet}”, row {row}, column “{column}”: “{text}” is not a number.").format(**d)
    if exc.reason == "number":
        return _("Line {row}, column “{column}”: “{text}” is not a number.").format(**d)
    if exc.reason == "years":
        return _("This file holds the years {held}; the paper's figures are from {wanted}.").format(
            held=", ".join(map(str, d["held"])), wanted=", ".join(map(str, d["wanted"])))
    return str(exc)
