"""The shipped fonts: DejaVu Sans covers Kazakh Cyrillic on any machine; DejaVu Serif is the
serif reading font (View > Reading font)."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

from oqu.resources import resource

FALLBACK_FAMILY = "DejaVu Sans"
SERIF_FAMILY = "DejaVu Serif"
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def covers(font: QFont, text: str = KAZAKH_LETTERS) -> bool:
    # QFontMetrics.inFont() answers wrongly for some letters in PySide6 6.12; inFontUcs4 is right.
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in text)


def install_fonts(app: QApplication) -> None:
    """Register the shipped fonts and put DejaVu Sans behind (or before) the default."""
    for path in sorted(resource("fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(path))
    font = app.font()
    if covers(font) and font.family() != FALLBACK_FAMILY:
        font.setFamilies([font.family(), FALLBACK_FAMILY])
    else:
        font.setFamilies([FALLBACK_FAMILY])
    app.setFont(font)
