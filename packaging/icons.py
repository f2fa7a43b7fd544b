#!/usr/bin/env python3
"""Render the icon set from its one source, resources/icons/oqu.svg.

    python packaging/icons.py        write oqu-16.png .. oqu-512.png, oqu.ico and oqu.icns

The PNGs are drawn with QtSvg (the renderer the app itself uses); the Windows
.ico and the macOS .icns are packed from those PNGs with Pillow. All of them
are small and committed, so a build needs neither step; run this after
editing the SVG (tests/test_desktop_files.py notices a stale PNG).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SVG = ICONS / "oqu.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / f"oqu-{size}.png"


def render(size: int, svg: Path = SVG):
    """The SVG drawn on a transparent size x size QImage."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"icons.py: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    for size in PNG_SIZES:
        if not render(size).save(str(png_path(size)), "PNG"):
            raise SystemExit(f"icons.py: cannot write {png_path(size)}")
    images = {size: Image.open(png_path(size)) for size in PNG_SIZES}
    # .ico: one PNG-compressed entry per size (Windows picks the nearest).
    images[256].save(ICONS / "oqu.ico", format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                     append_images=[images[s] for s in ICO_SIZES if s != 256])
    # .icns: Pillow packs 16..512 (and @2x) from the given images.
    images[512].save(ICONS / "oqu.icns", format="ICNS",
                     append_images=[images[s] for s in (16, 32, 64, 128, 256)])
    print(f"icons.py: wrote {len(PNG_SIZES)} PNGs, oqu.ico and oqu.icns in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
