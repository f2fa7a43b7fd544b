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

    def fit(self, width: float, room: float | None = None) -> bool:
        """As many entries a line as fit in ``width`` (one at least), an entry longer than ``room`` (the
        chart's width right of the legend) wrapped: a long Russian note at 150 % zoom ran out of the
        chart. True when that changed."""
        gap = self.layout.horizontalSpacing()
        wrapped = [label.item.textWidth() for _sample, label in self.items]
        for _sample, label in self.items:
            label.item.setTextWidth(-1)
        entries = [20 + 2 * gap + label.item.boundingRect().width() for _sample, label in self.items]
        columns = 1
        for n in range(min(self.MAX_COLUMNS, len(entries)), 0, -1):
            if sum(max(entries[i::n]) for i in range(n)) + 8 <= width:  # column i holds entries i, i+n, ...
                columns = n
                break
        room = max(width, room or 0)
        text_room = room - 8 - 20 - 2 * gap
        for (_sample, label), entry, before in zip(self.items, entries, wrapped):
            if columns == 1 and entry + 8 > room and text_room > 20:
                label.item.setTextWidth(text_room)
            if label.item.textWidth() != before:
                label.updateMin()
        changed = wrapped != [label.item.textWidth() for _sample, label in self.items]
        if columns == self.columnCount and not changed:
            return False
        self.columnCount = 0  # laid out again, whether the columns or an entry's height changed
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
