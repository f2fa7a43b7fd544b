"""Exported SVG charts draw the PNG's picture in Qt's renderer and in librsvg, with text as text."""
from __future__ import annotations

import io
import shutil
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image, ImageFilter

# Both pictures are blurred a little (Gaussian, radius 2 px) before comparing, which forgives what
# legitimately differs between two rasterisers: antialiasing, glyph hinting, half-pixel placement of
# 1 px lines, a glyph advance or two in long titles (librsvg lays text out with Pango). What is left
# must agree: fewer than 2 % of the pixels may differ by more than 32 of 255 grey levels. Measured:
# at most 0.01 % (Qt) and 0.9 % (librsvg) now; 13-20 % with the old export (plot at 0.75 scale,
# small text, markers as bitmaps, grey blocks for connector lines).
BLUR = 2
LEVELS = 32
MAX_DIFFERING = 0.02


def grey(png: bytes) -> np.ndarray:
    image = Image.open(io.BytesIO(png)).convert("RGBA")
    white = Image.new("RGBA", image.size, "white")
    return np.asarray(Image.alpha_composite(white, image).convert("L").filter(ImageFilter.GaussianBlur(BLUR)),
                      dtype=float)


def differing(a: np.ndarray, b: np.ndarray) -> float:
    assert a.shape == b.shape
    return float((np.abs(a - b) > LEVELS).mean())


def qt_render(svg: bytes, size) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(QByteArray(svg))
    assert renderer.isValid()
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def rsvg_render(svg: bytes, size=None) -> bytes:
    """librsvg's picture of the SVG, at ``size`` or (None) at the size the SVG itself gives."""
    tool = shutil.which("rsvg-convert")
    assert tool, "rsvg-convert is missing: dev.py installs librsvg2-bin"
    scale = ["-w", str(size.width()), "-h", str(size.height())] if size is not None else []
    result = subprocess.run([tool, *scale, "-b", "white"], input=svg, capture_output=True, check=True, timeout=60)
    return result.stdout


@pytest.fixture
def exported(qapp, paper):
    """(png, svg, size) of a table's chart in a language, as `oqu export chart` writes them."""
    from oqu.ui.language import manager
    from oqu.ui.tables.charts.export import framed_copy, render

    made = []

    def export(table_id: int, lang: str):
        manager().apply(lang)
        chart = framed_copy(paper=paper, table=paper.table(table_id))
        made.append(chart)
        return render(chart, "png"), render(chart, "svg"), chart.size()

    yield export
    for chart in made:
        chart.close()
        chart.deleteLater()
    manager().apply("en")


@pytest.mark.parametrize("lang", ["en", "kk"])
@pytest.mark.parametrize("table_id", [1, 2, 3])
def test_svg_renders_like_the_png_in_qt_and_librsvg(exported, table_id, lang):
    """Each chart's SVG, rendered by QSvgRenderer and by rsvg-convert at the PNG's size, is the PNG's picture."""
    png, svg, size = exported(table_id, lang)
    reference = grey(png)
    assert Image.open(io.BytesIO(png)).size == (size.width(), size.height())
    root = ET.fromstring(svg)
    assert root.get("viewBox") == f"0 0 {size.width()} {size.height()}"  # the PNG's proportions
    # and its size in CSS pixels (at 72 dpi librsvg made it 4/3 larger; in mm, a pixel taller)
    assert Image.open(io.BytesIO(rsvg_render(svg))).size == (size.width(), size.height())
    for name, rendered in (("Qt", qt_render(svg, size)), ("librsvg", rsvg_render(svg, size))):
        share = differing(reference, grey(rendered))
        assert share < MAX_DIFFERING, f"{name}: {share:.1%} of the pixels differ from the PNG"


@pytest.mark.parametrize("table_id", [1, 2, 3])
def test_svg_has_vectors_and_text_not_bitmaps(exported, paper, table_id):
    """No embedded images (markers are paths), text stays <text>, strokes are never non-scaling under
    a scaling transform, and the fonts named include the bundled one and a generic family."""
    from oqu.ui.tables.charts.svg_cleanup import _matrix

    png, svg, size = exported(table_id, "kk")
    root = ET.fromstring(svg)
    tags = [el.tag.split("}")[-1] for el in root.iter()]
    assert "image" not in tags and b"<image" not in svg
    texts = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text"))
    assert "Қазақстан" in texts and paper.table(table_id).title_in("kk").split()[0] in texts
    scaling = [group for group in root.iter("{http://www.w3.org/2000/svg}g")
               if (m := _matrix(group)) is not None and (m[0], m[1], m[2], m[3]) != (1, 0, 0, 1)]
    assert scaling  # the plots' own transforms: the check below has groups to look at
    for group in scaling:
        assert all(c.get("vector-effect") != "non-scaling-stroke" for c in group), group.attrib
    families = {el.get("font-family") for el in root.iter() if el.get("font-family")}
    assert families and all("'DejaVu Sans'" in f and f.endswith("sans-serif") for f in families)
    assert all("Sans Serif" not in f for f in families)  # Qt's alias, unknown to other renderers
    if table_id == 1:  # the rank dots and the scatter: one vector path per marker, 11+10+10 at least
        paths = sum(1 for el in root.iter() if el.tag.endswith("}path"))
        assert paths >= 31
