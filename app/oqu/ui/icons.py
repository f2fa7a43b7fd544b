"""Icons from resources/icons."""
from __future__ import annotations

from PySide6.QtGui import QIcon

from oqu.resources import resource


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resource("icons")
    for path in sorted(folder.glob("oqu-*.png")):
        icon.addFile(str(path))
    svg = folder / "oqu.svg"
    if icon.isNull() and svg.exists():
        icon.addFile(str(svg))
    return icon
