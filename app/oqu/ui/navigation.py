"""Where the reader is, and going back there: the window's Back / Forward.

A ``Place`` is what a jump leaves behind: the main tab, the view inside it (the abstract's
language, the table), the document position at the top of the text, and the reference
selected in the References pane. The history itself is ``oqu.core.history.History``.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF
from PySide6.QtGui import QBrush, QColor, QIcon, QKeySequence, QPainter, QPainterPath, QPalette, QPixmap, QPolygonF


@dataclass(frozen=True)
class Place:
    tab: str
    view: str = ""  # the abstract's language tab, or the table's id
    position: int = 0  # document position at the top of the text
    reference: int | None = None


def shortcuts(standard: QKeySequence.StandardKey, extra: str) -> list[QKeySequence]:
    """The platform's standard keys for Back or Forward, and Alt+Left/Right everywhere."""
    keys = list(QKeySequence.keyBindings(standard))
    if not any(k.toString() == extra for k in keys):
        keys.insert(0, QKeySequence(extra))
    return keys


class MouseButtons(QObject):
    """The mouse's back and forward buttons, anywhere in ``window``, go Back / Forward.

    It listens to the whole application from the window's first paint on: before it, the filter
    would be handed every object of the start, and wrapping each for Python builds the types
    (and enums) of all of Qt's QObject classes -- start-up time, for a window nobody can click yet."""

    def __init__(self, window, back, forward):
        super().__init__(window)
        self.window, self.back, self.forward = window, back, forward
        self.listening = False
        window.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if not self.listening:
            if obj is self.window and event.type() == QEvent.Type.Paint:
                self.listening = True
                obj.removeEventFilter(self)
                QCoreApplication.instance().installEventFilter(self)
            return False
        if event.type() == QEvent.Type.MouseButtonPress and obj.isWidgetType() and obj.window() is self.window:
            from PySide6.QtCore import Qt

            if event.button() == Qt.MouseButton.BackButton:
                self.back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
        return False


# An arrow pointing left, on a 24-pixel square: head and shaft.
_ARROW = ((3, 12), (11, 4), (11, 9), (21, 9), (21, 15), (11, 15), (11, 20))


def arrow_icon(color: QColor, disabled: QColor, *, left: bool, size: int = 24) -> QIcon:
    """A plain arrow in ``color`` (the theme's text colour: the style's own icons are dark on dark),
    and in ``disabled`` when there is no step to take."""
    icon = QIcon(_arrow(QBrush(color), left, size))
    icon.addPixmap(_arrow(QBrush(disabled), left, size), QIcon.Mode.Disabled)
    return icon


def palette_arrow_icon(palette: QPalette, *, left: bool, size: int = 24) -> QIcon:
    """The arrow in ``palette``'s text colour, and faint when disabled, for the first paint.

    As ``arrow_icon`` draws it, but with the palette's own brush: making a QBrush of a colour
    builds the Qt namespace's enums (~20 ms of the start). Faint is the text colour at
    ``FAINT`` opacity, which on the window's ground is the colour ``arrow_icon`` is given."""
    brush = palette.brush(QPalette.ColorRole.WindowText)
    icon = QIcon(_arrow(brush, left, size))
    icon.addPixmap(_arrow(brush, left, size, FAINT), QIcon.Mode.Disabled)
    return icon


FAINT = 0.35  # a disabled arrow: this much of the text colour over the ground


def _arrow(brush: QBrush, left: bool, size: int, opacity: float = 1.0) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(0, 0, 0, 0))
    scale = size / 24
    path = QPainterPath()
    path.addPolygon(QPolygonF([QPointF((x if left else 24 - x) * scale, y * scale) for x, y in _ARROW]))
    path.closeSubpath()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setOpacity(opacity)
    painter.fillPath(path, brush)  # filled, no outline (a pen would need the Qt namespace's enums)
    painter.end()
    return pixmap
