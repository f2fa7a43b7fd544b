"""The charts' legends: tighter than pyqtgraph's, as many entries a line as fit, labels that toggle too."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy


class Legend(pg.LegendItem):
    """pyqtgraph's legend, tighter, where a click on an entry's label toggles its series too (not only
    a click on the small sample beside it)."""

    MAX_COLUMNS = 4

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.layout.setContentsMargins(4, 2, 4, 2)
        # Its own height, not the height of a taller legend beside it (which would centre the
        # markers lower than their labels).
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def relayout(self) -> None:
        """Lay the entries out again (after one was removed: no hole where it stood)."""
        columns, self.columnCount = self.columnCount, 0
        self.setColumnCount(columns)

    def fit(self, width: float) -> bool:
        """As many entries a line as fit in ``width`` (one at least); True when that changed."""
        gap = self.layout.horizontalSpacing()
        entries = [20 + 2 * gap + label.item.boundingRect().width() for _sample, label in self.items]
        columns = 1
        for n in range(min(self.MAX_COLUMNS, len(entries)), 0, -1):
            if sum(max(entries[i::n]) for i in range(n)) + 8 <= width:  # column i holds entries i, i+n, ...
                columns = n
                break
        if columns == self.columnCount:
            return False
        self.setColumnCount(columns)
        return True

    def addItem(self, item, name):  # noqa: N802 (pyqtgraph API)
        super().addItem(item, name)
        sample, label = self.items[-1]
        # pyqtgraph's scene delivers clicks to an item's mouseClickEvent attribute
        label.mouseClickEvent = sample.mouseClickEvent
        label.setCursor(Qt.CursorShape.PointingHandCursor)
        sample.setCursor(Qt.CursorShape.PointingHandCursor)


class NoteSample(pg.ItemSample):
    """A legend sample that explains a way of drawing; it stands for no series to toggle."""

    def mouseClickEvent(self, event):  # noqa: N802 (pyqtgraph API)
        event.accept()
