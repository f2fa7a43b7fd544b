"""The three indicator tables."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from oqu.core.model import Paper
from oqu.i18n import _
from oqu.ui.common import Retranslating
from oqu.ui.paper_view import table_html


class TablesView(Retranslating, QWidget):
    referenceRequested = Signal(int)  # a table's source was clicked: show reference n
    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tablesView")
        self.paper = paper
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tableTabs")
        for table in paper.tables:
            view = QTextBrowser(self)
            view.setHtml(table_html(table))
            self.tabs.addTab(view, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        for i, table in enumerate(self.paper.tables):
            self.tabs.setTabText(i, _("Table {n}").format(n=table.id))
