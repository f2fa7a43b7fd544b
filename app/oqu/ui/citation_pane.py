"""The citation pane: the 26 references beside every tab."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QListWidget, QListWidgetItem, QWidget

from oqu.core.model import Paper
from oqu.i18n import _
from oqu.ui.common import Retranslating

REF_ROLE = Qt.ItemDataRole.UserRole


class CitationPane(Retranslating, QDockWidget):
    referenceSelected = Signal(int)  # n of the reference the reader selected
    markerRequested = Signal(int)  # index of a marker whose place the reader wants to see

    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("citationPane")
        self.paper = paper
        self.list = QListWidget(self)
        self.list.setObjectName("referenceList")
        self.list.setWordWrap(True)
        for ref in paper.references:
            item = QListWidgetItem(f"[{ref.n}] {ref.printed}")
            item.setData(REF_ROLE, ref.n)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(
            lambda item, _prev: item and self.referenceSelected.emit(item.data(REF_ROLE)))
        self.setWidget(self.list)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("References"))

    def select_reference(self, n: int) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(REF_ROLE) == n:
                self.list.setCurrentRow(row)
                self.list.scrollToItem(self.list.item(row))
                return

    def current_reference(self) -> int | None:
        item = self.list.currentItem()
        return item.data(REF_ROLE) if item else None
