"""The box that names what the pointer is over, placed where it is neither cut off nor in the way.

It lives in the chart's scene, not inside a plot: a plot clips what it holds, so a box near its
edge was cut off. It goes beside the mark, on the first side where it fits inside the chart's
visible area without covering axis labels, legends or headings.
"""
from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsTextItem

from oqu.ui.tables.charts.style import ChartStyle

PADDING = 4
GAP = 10  # between the mark and the box


class HoverBox(QGraphicsRectItem):
    def __init__(self):
        super().__init__()
        self.text_item = QGraphicsTextItem(self)
        self.setZValue(1000)
        self.hide()

    def set_font(self, font: QFont) -> None:
        """The text's font: the chart's, at the reader's zoom."""
        self.text_item.setFont(font)

    def set_style(self, style: ChartStyle) -> None:
        self.setBrush(QBrush(QColor(*style.hover_fill)))
        self.setPen(QPen(QColor(style.hover_border)))
        self.text_item.setDefaultTextColor(QColor(style.text))

    def text(self) -> str:
        return self.text_item.toPlainText() if self.isVisible() else ""

    def show_at(self, text: str, anchor: QPointF, area: QRectF, avoid: list[QRectF]) -> None:
        """Show ``text`` beside ``anchor`` (scene coordinates) inside ``area``, clear of ``avoid``."""
        self.text_item.setPlainText(text)
        self.text_item.setPos(PADDING, PADDING)
        size = self.text_item.boundingRect().size()
        w, h = size.width() + 2 * PADDING, size.height() + 2 * PADDING
        self.setRect(0, 0, w, h)
        x, y = anchor.x(), anchor.y()
        area = area.adjusted(1, 1, -1, -1)  # room for the border
        # Beside the mark, slid along or across, or against an edge of the chart: the nearest that
        # fits and covers no words (nor the mark itself).
        xs = [x + GAP, x - GAP - w, x - w / 2, area.left(), area.right() - w]
        ys = [y + GAP, y - GAP - h, y - h / 2, area.top(), area.bottom() - h]
        for a in avoid:  # just beside each area of words
            xs += [a.left() - w - 2, a.right() + 2]
            ys += [a.top() - h - 2, a.bottom() + 2]
        # (plain numbers while sorting: a hover must be quick)
        ax, ay = anchor.x(), anchor.y()
        spots = sorted({(abs(cx + w / 2 - ax) + abs(cy + h / 2 - ay), cx, cy) for cy in ys for cx in xs})
        mark = QRectF(x - GAP / 2, y - GAP / 2, GAP, GAP)
        best = first_inside = None
        for _distance, cx, cy in spots:
            r = QRectF(cx, cy, w, h)
            if not area.contains(r) or r.intersects(mark):
                continue
            first_inside = first_inside or r
            if not any(r.adjusted(-1, -1, 1, 1).intersects(a) for a in avoid):  # (the border)
                best = r
                break
        best = best or first_inside or clamped(QRectF(x + GAP, y + GAP, w, h), area)
        self.setPos(best.topLeft())
        self.show()


def clamped(rect: QRectF, area: QRectF) -> QRectF:
    """``rect`` moved (not resized) to lie within ``area`` as far as it can."""
    x = min(max(rect.left(), area.left()), max(area.right() - rect.width(), area.left()))
    y = min(max(rect.top(), area.top()), max(area.bottom() - rect.height(), area.top()))
    return QRectF(x, y, rect.width(), rect.height())
