"""The panes' title-bar buttons (float and close) in the theme's text colour, named in the UI language.

Qt's Fusion style draws them from fixed grey pictures: on the dark theme's title bar they stood out
only 2.2-2.6:1, below the 3:1 WCAG asks of an icon (SC 1.4.11). Drawn here in the colour of the
pane's title they stand out as much as it does, in every theme. Qt gives them English names and
puts its own icons back whenever the style changes or the pane floats: they are dressed again then.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QAbstractButton

from oqu.i18n import _

FLOAT, CLOSE = "qt_dockwidget_floatbutton", "qt_dockwidget_closebutton"  # Qt's names for them
SIZES = (10, 13, 15, 20, 30)  # Fusion draws them at 10 px; the rest for larger fonts and screens


def title_button_icon(kind: str, color: QColor) -> QIcon:
    """Qt's float (two windows) or close (a cross) picture, in ``color``."""
    icon = QIcon()
    for size in SIZES:
        icon.addPixmap(_picture(kind, color, size))
    return icon


def _picture(kind: str, color: QColor, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    unit = size / 10
    width = max(1.0, round(unit * 1.2))
    if kind == CLOSE:
        painter.setPen(QPen(color, width * 1.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        a, b = 1.5 * unit, size - 1.5 * unit
        painter.drawLine(QPointF(a, a), QPointF(b, b))
        painter.drawLine(QPointF(b, a), QPointF(a, b))
    else:  # two windows, the front one over the back one
        half = width / 2
        side = size - 3 * unit - width
        back = QRectF(3 * unit + half, half, side, side)
        front = QRectF(half, 3 * unit + half, side, side)
        painter.setPen(QPen(color, width))
        painter.drawRect(back)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
        painter.fillRect(front, Qt.GlobalColor.transparent)  # the back window hides behind the front one
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.drawRect(front)
    painter.end()
    return pixmap


class ThemedTitleButtons:
    """Mixin for a QDockWidget (before it in the bases): call ``dress_title_buttons()`` once built."""

    def changeEvent(self, event):  # noqa: N802 (Qt API)
        super().changeEvent(event)
        # After Qt's own handling: a change of style has just put the grey pictures back.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange, QEvent.Type.LanguageChange):
            self.dress_title_buttons()

    def dress_title_buttons(self) -> None:
        if not self.property("oqu-dressed"):
            self.setProperty("oqu-dressed", True)
            self.topLevelChanged.connect(lambda _floating: self.dress_title_buttons())
        color = self.palette().color(QPalette.ColorRole.WindowText)  # the title's own colour
        floating = self.isFloating()
        texts = {
            FLOAT: (_("Attach the pane") if floating else _("Detach the pane"),
                    _("Put this pane back into the main window") if floating
                    else _("Detach this pane into a window of its own")),
            CLOSE: (_("Close the pane"), _("Close this pane (the View menu shows it again)")),
        }
        for name, (label, tip) in texts.items():
            button = self.findChild(QAbstractButton, name)
            if button is None:
                continue
            button.setIcon(title_button_icon(name, color))
            button.setAccessibleName(label)
            button.setAccessibleDescription(tip)
            button.setToolTip(tip)
