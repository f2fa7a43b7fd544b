"""The shipped fonts: DejaVu Sans covers Kazakh Cyrillic on any machine; DejaVu Serif is the
serif reading font (View > Reading font).

Each is registered when first needed (``register``): fontconfig reads every glyph of a font file
as it is added, a few milliseconds a file, so the window's start adds none when the system's own
font has the Kazakh letters, and DejaVu Serif only when the serif reading font is chosen.
"""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from oqu.resources import resource

FALLBACK_FAMILY = "DejaVu Sans"
SERIF_FAMILY = "DejaVu Serif"
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
FILES = {FALLBACK_FAMILY: ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"),
         SERIF_FAMILY: ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf")}

_registered: dict[str, bool] = {}  # family -> whether all its files were added


def covers(font: QFont, text: str = KAZAKH_LETTERS) -> bool:
    # QFontMetrics.inFont() answers wrongly for some letters in PySide6 6.12; inFontUcs4 is right.
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in text)


def register(family: str) -> bool:
    """Add the shipped files of ``family`` to the application's fonts (once); whether they all loaded."""
    if family not in _registered:
        from PySide6.QtGui import QFontDatabase  # here: its type (and enums) cost start-up time

        ids = [QFontDatabase.addApplicationFont(str(resource("fonts") / name)) for name in FILES[family]]
        _registered[family] = all(i >= 0 for i in ids)
    return _registered[family]


def install_fonts(app: QApplication) -> None:
    """Put DejaVu Sans behind the default font, or before it (registered) when the default lacks
    the Kazakh letters."""
    font = app.font()
    if covers(font):  # the system's font draws the paper: ours stays a name until it is needed
        if font.family() != FALLBACK_FAMILY:
            font.setFamilies([font.family(), FALLBACK_FAMILY])
    else:
        register(FALLBACK_FAMILY)
        font.setFamilies([FALLBACK_FAMILY])
    app.setFont(font)
