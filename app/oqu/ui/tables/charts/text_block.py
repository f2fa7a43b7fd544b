"""A paragraph of plain text inside a pyqtgraph layout that wraps to the layout's width.

pyqtgraph's LabelItem neither wraps nor escapes: a long Kazakh title would be cut off,
and bundle text would be read as HTML. This item shows text as text and grows in height.
An equation in it ("n = 10", "ρ = 0,77", "1 = best") stays on one line.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QTextOption
from PySide6.QtWidgets import QGraphicsTextItem, QSizePolicy


NO_BREAK = "\u00a0"


def unbroken(text: str) -> str:
    """No-break spaces around each " = ": a narrow scatter's heading wrapped "… n" / "= 10"."""
    return text.replace(" = ", f"{NO_BREAK}={NO_BREAK}")


class TextBlock(pg.GraphicsWidget):
    def __init__(self, point_size: float, *, bold: bool = False, color: str = "#000000",
                 align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignHCenter):
        super().__init__()
        self.item = QGraphicsTextItem(self)
        font = QFont()
        font.setPointSizeF(point_size)
        font.setBold(bold)
        self.item.setFont(font)
        self.item.setDefaultTextColor(QColor(color))
        self.item.document().setDefaultTextOption(QTextOption(align))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._width = 0.0

    def set_point_size(self, size: float) -> None:
        """The text's size (the reader's zoom); the block takes the height of the text at that size."""
        font = self.item.font()
        font.setPointSizeF(size)
        self.item.setFont(font)
        self._fit(force=True)

    def setColor(self, color: str) -> None:  # noqa: N802 (pyqtgraph style)
        self.item.setDefaultTextColor(QColor(color))

    def text(self) -> str:
        """The text shown (its no-break spaces as spaces)."""
        return self.item.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 (pyqtgraph style)
        self.item.setPlainText(unbroken(text))
        self._fit(force=True)

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        self._fit()

    def _fit(self, force: bool = False) -> None:
        width = self.size().width()
        if width <= 1 or (width == self._width and not force):
            return
        self._width = width
        self.item.setTextWidth(width - 8)
        self.item.setPos(4, 0)
        height = self.item.boundingRect().height() if self.text() else 0
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.updateGeometry()
