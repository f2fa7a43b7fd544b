"""Icons from resources/icons."""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from oqu.resources import resource


def app_icon() -> QIcon:
    """The app's icon in every size shipped (oqu-<size>.png), the SVG where no PNG is."""
    icon = QIcon()
    folder = resource("icons")
    for path in sorted(folder.glob("oqu-*.png")):
        size = path.stem.rpartition("-")[2]
        # With its size given, QIcon reads a file only when that size is drawn (start-up time).
        icon.addFile(str(path), QSize(int(size), int(size)) if size.isdigit() else QSize())
    svg = folder / "oqu.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon
