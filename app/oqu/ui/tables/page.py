"""One indicator table: title, units and sources; the table (sortable, filterable); its chart;
the comparison with a World Bank file or the table's own sources.

Imports pyqtgraph (through the charts): the tables tab imports this module when it first shows
a table, and ``oqu.ui.startup`` warms it up after the window's first paint.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
                               QMessageBox, QSplitter, QTableView, QToolButton, QVBoxLayout, QWidget)

from oqu import i18n
from oqu.core import table_sources, worldbank
from oqu.core.model import READABLE_DATASETS, Paper, Table
from oqu.core.tables import table_csv
from oqu.i18n import _
from oqu.ui.common import Retranslating, esc, name_line_edit
from oqu.ui.focus import announce_focus_first
from oqu.ui.saving import ask_save_path, save_data
from oqu.ui.tables.charts.export import framed_copy, render
from oqu.ui.tables.charts.figure import ChartFigure, chart_title
from oqu.ui.tables.charts.panels import unit_text
from oqu.ui.tables.model import (ISO2_ROLE, DifferencesModel, IndicatorTableModel, SourceChecksModel, agrees_meaning,
                                 country_name, sorting_proxy, tooltip)
from oqu.ui.textdoc import zoomed_font


def compact_rows(view: QTableView) -> None:
    """Rows one line high, so a whole table fits above its chart."""
    header = view.verticalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultSectionSize(view.fontMetrics().height() + 8)


class Split(QSplitter):
    """A splitter that says when it has been resized (after it has shared out the new size)."""

    resized = Signal()

    def sizeHint(self):  # noqa: N802 (Qt API)
        # Ask for no more than the least: the page's scroll area reads its preferred height as the
        # height it must have, and would scroll where table and chart still fit.
        return self.minimumSizeHint()

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.resized.emit()


class TablePage(Retranslating, QWidget):
    """Title, units and sources; the table (sortable, filterable); the chart; World Bank differences."""

    referenceRequested = Signal(int)
    worldBankRequested = Signal()

    def __init__(self, paper: Paper, table: Table, parent: QWidget | None = None):
        super().__init__(parent)

        self.setObjectName(f"tablePage{table.id}")
        self.paper, self.table = paper, table
        self.model = IndicatorTableModel(table, self)
        self.proxy = sorting_proxy(self.model, self)
        self.differences_model = None
        self.overlay = None
        self.source_files: dict[str, tuple] = {}  # dataset -> (SourceFile, its checks): Table 1's sources

        self.title = QLabel(self)
        self.title.setObjectName("tableTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.units = QLabel(self)
        self.units.setObjectName("tableUnits")
        self.units.setWordWrap(True)
        self.sources = QLabel(self)
        self.sources.setObjectName("tableSources")
        self.sources.setWordWrap(True)
        self.sources.setTextFormat(Qt.TextFormat.RichText)
        self.sources.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)  # links by Tab
        self.sources.linkActivated.connect(self._source_clicked)
        self.comparison = QLabel(self)
        self.comparison.setObjectName("comparisonStatus")
        self.comparison.setWordWrap(True)
        self.remove_comparison = QToolButton(self)
        self.remove_comparison.setObjectName("removeComparison")
        self.remove_comparison.clicked.connect(self.clear_overlay)
        comparison_row = QHBoxLayout()
        comparison_row.addWidget(self.comparison, 1)
        comparison_row.addWidget(self.remove_comparison, 0, Qt.AlignmentFlag.AlignTop)
        self.comparison.hide()
        self.remove_comparison.hide()

        self.filter = QLineEdit(self)
        self.filter.setObjectName("countryFilter")
        self.filter.setClearButtonEnabled(True)
        announce_focus_first(self.filter)  # Tab into it was silent in Orca (oqu.ui.focus.FocusFirst)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.export_button = QToolButton(self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_csv = QAction(self, objectName="exportTableCsv", triggered=self.export_table_csv)
        self.export_png = QAction(self, objectName="exportChartPng", triggered=lambda: self.export_chart("png"))
        self.export_svg = QAction(self, objectName="exportChartSvg", triggered=lambda: self.export_chart("svg"))
        self.export_diff = QAction(self, objectName="exportDifferencesCsv", triggered=self.export_differences_csv)
        self.export_diff.setEnabled(False)
        menu.addActions([self.export_csv, self.export_png, self.export_svg, self.export_diff])
        self.export_button.setMenu(menu)
        self.worldbank_button = QToolButton(self)
        self.worldbank_button.setObjectName("worldBankButton")
        self.worldbank_button.clicked.connect(self.worldBankRequested)

        # Table 1 is compared with its own sources (TI's CPI table, the DAI workbook), named in tables.json.
        self.has_sources = any(c.source_data and c.source_data.open_data
                               and c.source_data.dataset in READABLE_DATASETS for c in table.columns)
        comparable = table.world_bank_indicator is not None or self.has_sources
        self.worldbank_button.setVisible(comparable)
        self.export_diff.setVisible(comparable)  # never offer what this table can never have
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.worldbank_button)
        bar.addWidget(self.export_button)

        self.view = QTableView(self)
        self.view.setObjectName("tableView")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the paper's order until a header is clicked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.verticalHeader().hide()
        self.view.setTabKeyNavigation(False)  # Tab leaves the table; the arrows move inside it
        # Sorting by keyboard: the context menu (Menu key, Shift+F10) of the current column.
        self.sort_ascending = QAction(self, objectName="sortAscending",
                                      triggered=lambda: self.sort_current(Qt.SortOrder.AscendingOrder))
        self.sort_descending = QAction(self, objectName="sortDescending",
                                       triggered=lambda: self.sort_current(Qt.SortOrder.DescendingOrder))
        self.sort_paper = QAction(self, objectName="sortAsPrinted",
                                  triggered=lambda: self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.view.addActions([self.sort_ascending, self.sort_descending, self.sort_paper])
        compact_rows(self.view)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(False)  # no column spread over the free width
        self.differences = QTableView(self)
        self.differences.setObjectName("differencesView")
        self.differences.setSortingEnabled(True)
        self.differences.verticalHeader().hide()
        self.differences.setTabKeyNavigation(False)
        compact_rows(self.differences)
        self.differences.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.differences.hide()

        self.chart = ChartFigure(paper, table, parent=self)  # its minimum height fits every row's label
        self.chart.rowClicked.connect(self.select_country)

        tables = QSplitter(Qt.Orientation.Horizontal, self)
        tables.addWidget(self.view)
        tables.addWidget(self.differences)
        self.splitter = Split(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("tableSplitter")
        self.splitter.addWidget(tables)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)  # tight: at 1024 x 640 every pixel goes to the chart
        layout.addWidget(self.title)
        layout.addWidget(self.units)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(comparison_row)
        layout.addWidget(self.sources)

        for signal in (self.proxy.layoutChanged, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.modelReset):
            signal.connect(self._rows_changed)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self._set_texts()  # the chart has just drawn the rows in this language: no second drawing
        # The table shows all its rows when there is room (up to a limit); in a small window it gives
        # way down to two rows and scrolls, and the chart keeps the height its labels need.
        self._tables = tables
        self._keep_two_rows()
        self.split_by_hand = False  # once the reader drags the handle, the split is theirs
        self.splitter.splitterMoved.connect(self._split_moved)
        self.splitter.resized.connect(self._share_height)
        self.chart.neededHeightChanged.connect(self._share_height)
        self._share_height()

    # -- the split between table and chart ------------------------------------
    TABLE_MAX = 220  # beyond this the table scrolls and the chart has the room

    def _share_height(self) -> None:
        """The table gets room for all its rows (up to TABLE_MAX) as far as the chart can spare it."""
        if self.split_by_hand:
            return
        total = sum(self.splitter.sizes())
        if total <= 0:  # not laid out yet
            self.splitter.setSizes([min(self._table_height(), self.TABLE_MAX), 10_000])
            return
        chart = self.chart.needed_height(roomy=True)
        table = max(min(self._table_height(), self.TABLE_MAX, total - chart), 0)
        self.splitter.setSizes([table, total - table])

    def _keep_two_rows(self) -> None:
        """The table's least height: its headings and two rows, in the present font (the zoom)."""
        header = self.view.horizontalHeader().sizeHint().height() + 8
        self._tables.setMinimumHeight(header + 2 * self.view.verticalHeader().defaultSectionSize())

    def _table_height(self) -> int:
        return (self.view.verticalHeader().length() + self.view.horizontalHeader().sizeHint().height() + 8
                + (self.view.horizontalScrollBar().sizeHint().height()
                   if self.view.horizontalScrollBar().isVisible() else 0))

    def _split_moved(self, *_args) -> None:
        self.split_by_hand = True

    def focus_chain(self) -> list[QWidget]:
        return [self.filter, self.worldbank_button, self.export_button, self.view, self.differences, self.chart,
                self.remove_comparison, self.sources]

    def set_zoom(self, percent: int) -> None:
        """The reader's zoom: the page's text, the tables' headers and rows and the chart's labels."""
        self.setFont(zoomed_font(percent))  # the labels, the filter and both tables' cells inherit it
        for view in (self.view, self.differences):
            for header in (view.horizontalHeader(), view.verticalHeader()):
                header.setFont(zoomed_font(percent, like=header))
            compact_rows(view)
        self._keep_two_rows()
        self.chart.set_zoom(percent)

    # -- texts -------------------------------------------------------------
    def retranslate(self) -> None:
        self._set_texts()
        self.model.retranslate()
        if self.differences_model is not None:
            self.differences_model.retranslate()
            self._comparison_text()
        self.proxy.invalidate()  # names changed: filtering and sorting by name follow the language
        self._rows_changed()

    def _set_texts(self) -> None:
        self.title.setText(chart_title(self.table))
        self.title.setToolTip(tooltip("\n".join(self.table.notes_in(i18n.current_language()))))
        units = ", ".join(dict.fromkeys(unit_text(c.unit) for c in self.table.columns))
        # The units on a line of their own; how to use the chart in their tooltip (a small window
        # has no line to spare for it).
        self.units.setText(_("Units: {units}.").format(units=units))
        self.units.setToolTip(_("Hover over the chart for values; click a bar to select its row."))
        links = []
        for n in self.table.sources:
            ref = self.paper.reference(n)
            name = f"[{n}] {ref.title}" if ref and ref.title else f"[{n}]"
            links.append(f'<a href="ref:{n}">{esc(name)}</a>')
        # Our label, then the sources' titles as printed: a list, not a sentence of two languages.
        self.sources.setText(esc(_("The paper's sources:")) + " " + "; ".join(links))
        self.sources.setToolTip(tooltip(self.table.source_note))
        self.filter.setPlaceholderText(_("Filter countries…"))
        n = self.table.id
        name_line_edit(self.filter, _("Filter the countries of Table {n}").format(n=n), _("Clear the filter"))
        self.view.setAccessibleName(_("Table {n}").format(n=n))
        self.view.setAccessibleDescription(chart_title(self.table))
        self.differences.setAccessibleName(_("Table {n}: differences from the World Bank file").format(n=n))
        self.export_button.setAccessibleName(_("Export Table {n} or its chart").format(n=n))
        self.export_button.setText(_("Export"))
        self.sort_ascending.setText(_("Sort by this column, ascending"))
        self.sort_descending.setText(_("Sort by this column, descending"))
        self.sort_paper.setText(_("Rows in the paper's order"))
        self.export_csv.setText(_("Table as CSV…"))
        self.export_png.setText(_("Chart as PNG…"))
        self.export_svg.setText(_("Chart as SVG…"))
        self.remove_comparison.setText(_("Remove the comparison"))
        self.remove_comparison.setToolTip(_("Show the paper's figures alone again"))
        if self.has_sources:
            self.export_diff.setText(_("Comparison with the source files as CSV…"))
            self.worldbank_button.setText(_("Compare with a source file…"))
            self.worldbank_button.setToolTip(_("Open Transparency International's CPI table (.xlsx, or its sheet "
                                               "saved as .csv) or the World Bank's Digital Adoption Index "
                                               "workbook and show their figures beside the paper's."))
        else:
            self.export_diff.setText(_("Differences from the World Bank file as CSV…"))
            self.worldbank_button.setText(_("Compare with a World Bank file…"))
            self.worldbank_button.setToolTip(_("Open an indicator file downloaded from the World Bank (the zip, "
                                               "the API_….csv in it, or the Excel file) and show its values "
                                               "beside the paper's."))

    def sort_current(self, order: Qt.SortOrder) -> None:
        """Sort by the column of the current cell (the first when there is none)."""
        self.view.sortByColumn(max(0, self.view.currentIndex().column()), order)

    # -- table <-> chart -----------------------------------------------------
    def visible_rows(self) -> list[dict]:
        return [self.model.row(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]

    def selected_codes(self) -> set[str]:
        return {i.data(ISO2_ROLE) for i in self.view.selectionModel().selectedRows()}

    def _rows_changed(self, *_args) -> None:
        self.chart.set_rows(self.visible_rows())
        self.chart.set_highlight(self.selected_codes())

    def _selection_changed(self, *_args) -> None:
        self.chart.set_highlight(self.selected_codes())

    def select_country(self, iso2: str) -> None:
        """A click on a bar or dot: select that country's row (and so highlight it)."""
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if index.data(ISO2_ROLE) == iso2:
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                self.view.selectionModel().select(QItemSelection(index, index), flags)
                self.view.scrollTo(index)
                return

    def _source_clicked(self, link: str) -> None:
        if link.startswith("ref:"):
            self.referenceRequested.emit(int(link[4:]))

    # -- World Bank ----------------------------------------------------------
    def set_overlay(self, wb) -> None:
        differences = worldbank.compare(self.paper, wb)
        self.overlay = wb
        self.differences_model = DifferencesModel(differences, self)
        self.differences.setModel(sorting_proxy(self.differences_model, self.differences))
        self.differences.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.differences.show()
        self.export_diff.setEnabled(True)
        self._comparison_text()
        self.remove_comparison.show()
        self.chart.set_overlay(wb)

    def set_source(self, src, checks: list) -> None:
        """One of Table 1's source files beside the paper: a second file of the same data set replaces
        the first; TI's and the DAI's are shown together (they check different columns)."""
        self.source_files[src.dataset] = (src, checks)
        every = [c for _src, cs in self.source_files.values() for c in cs]
        self.differences_model = SourceChecksModel(self.table, every, self)
        self.differences.setModel(sorting_proxy(self.differences_model, self.differences))
        self.differences.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.differences.show()
        self.export_diff.setEnabled(True)
        self.model.set_checks(every)
        self.view.resizeColumnsToContents()
        split = self.differences.parentWidget()
        if isinstance(split, QSplitter):  # the paper's table whole; the list takes the rest
            table_width = self.view.horizontalHeader().length() + self.view.verticalScrollBar().sizeHint().width() + 4
            split.setSizes([table_width, max(split.width() - table_width, 200)])
        self._comparison_text()
        self.remove_comparison.show()
        self.chart.set_checks(every, self.source_files)

    def clear_overlay(self) -> None:
        """Back to the paper's figures alone: the file's values leave the chart and the table."""
        if self.source_files:
            self.source_files = {}
            self.differences_model = None
            self.model.set_checks([])
            self.chart.set_checks([], {})
            self.differences.setModel(None)
            self.differences.hide()
            self.export_diff.setEnabled(False)
            self.comparison.hide()
            self.remove_comparison.hide()
            return
        if self.overlay is None:
            return
        self.overlay = self.differences_model = None
        self.differences.setModel(None)
        self.differences.hide()
        self.export_diff.setEnabled(False)
        self.comparison.hide()
        self.remove_comparison.hide()
        self.chart.set_overlay(None)

    def _comparison_text(self) -> None:
        """Which table, indicator, release and file were compared, the count that agrees, why the others
        could not be checked, and what "agrees" means; for Table 1's sources, a line per source file."""
        self.comparison.setToolTip("")
        if self.source_files:
            lines, names = [], []
            for src, checks in self.source_files.values():
                lines.append(Path(src.path).name + ": " + table_sources.summary_text(self.paper, src, checks))
                names.append(_("{name} ({dataset})").format(name=Path(src.path).name, dataset=_(src.name)))
            self.comparison.setText("\n".join(lines))
            self.comparison.setToolTip(tooltip("\n".join(names)))
            self.comparison.show()
            return

        wb, diffs = self.overlay, self.differences_model.differences
        number = i18n.format_number
        checked = [d for d in diffs if d.agrees is not None]
        parts = [_("Table {table} compared with the World Bank indicator {indicator} ({indicator_name}), "
                   "release of {date}, read from {origin}.").format(
                     table=self.table.id, indicator=wb.indicator, indicator_name=wb.indicator_name,
                     date=wb.updated or "?", origin=wb.origin),
                 i18n.ngettext("{agree} of {checked} figure agrees with the paper.",
                               "{agree} of {checked} figures agree with the paper.", len(checked)).format(
                     agree=number(sum(1 for d in checked if d.agrees)), checked=number(len(checked)))]
        no_year = sum(1 for d in diffs if d.missing == "year")
        if no_year:
            parts.append(i18n.ngettext("{n} figure has no value for its year in the file.",
                                       "{n} figures have no value for their year in the file.",
                                       no_year).format(n=number(no_year)))
        absent = sorted({country_name({"iso2": d.iso2, "country": d.country}) for d in diffs
                         if d.missing == "country"})
        if absent:
            parts.append(_("Not in the file: {countries}.").format(countries=", ".join(absent)))
        parts.append(agrees_meaning())
        self.comparison.setText(" ".join(parts))
        self.comparison.show()

    # -- export --------------------------------------------------------------
    def export_table_csv(self) -> None:
        path = ask_save_path(self, _("Export the table as CSV"), f"oqu-table-{self.table.id}.csv",
                             _("CSV files (*.csv)"), ".csv")
        if path:
            save_data(self, path, table_csv(self.table))

    def export_differences_csv(self) -> None:
        if self.differences_model is None:
            return
        if self.source_files:
            path = ask_save_path(self, _("Export the comparison as CSV"), f"oqu-table-{self.table.id}-sources.csv",
                                 _("CSV files (*.csv)"), ".csv")
            if path and any(_same_file(path, src.path) for src, _checks in self.source_files.values()):
                QMessageBox.warning(self, _("Cannot save"), _("“{name}” is a source file being compared. "
                                                              "Choose another name.").format(name=path.name))
                return
            if path:
                save_data(self, path, table_sources.comparison_csv(self.differences_model.differences))
            return
        path = ask_save_path(self, _("Export the differences as CSV"),
                             f"oqu-table-{self.table.id}-worldbank.csv", _("CSV files (*.csv)"), ".csv")
        if path and _same_file(path, self.overlay.path):  # never over the reader's World Bank download
            QMessageBox.warning(self, _("Cannot save"), _("“{name}” is the World Bank file being compared. "
                                                          "Choose another name.").format(name=path.name))
            return
        if path:
            data = worldbank.comparison_csv(self.differences_model.differences, self.overlay, self.table)
            save_data(self, path, data)

    def export_chart(self, fmt: str) -> None:
        name_filter = _("PNG images (*.png)") if fmt == "png" else _("SVG drawings (*.svg)")
        path = ask_save_path(self, _("Export the chart"), f"oqu-chart-{self.table.id}.{fmt}", name_filter,
                             f".{fmt}")
        if not path:
            return
        chart = framed_copy(self.chart)
        try:
            data = render(chart, fmt)
        finally:
            chart.close()
            chart.deleteLater()
        save_data(self, path, data)


def _same_file(a, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False

