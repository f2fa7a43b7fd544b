"""Make the SVG Qt's QSvgGenerator writes draw the same picture in every renderer.

What in Qt's output is read differently elsewhere (librsvg, browsers, Inkscape):

- pyqtgraph draws with cosmetic pens (a width in pixels whatever the transform), which Qt
  writes as ``vector-effect="non-scaling-stroke"`` under the group's ``transform``. Under the
  plot's non-uniform data-to-pixel transform librsvg scales the stroke anyway: a 2 px line
  becomes a grey block, a marker's 1 px white outline covers the whole marker. So the
  transform is applied to the coordinates here, and the stroke is drawn at its width.
- the width and height are written in millimetres, a pixel off once rounded: they become pixels.
- ``font-family`` names Qt's own alias ("Sans Serif"), which other renderers do not know.
  It gets the fonts Oqu ships (DejaVu Sans, also a system package) and the generic family.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
BUNDLED_FAMILY = "DejaVu Sans"
QT_GENERIC = {"sans serif": "sans-serif", "sansserif": "sans-serif", "sans": "sans-serif",
              "serif": "serif", "monospace": "monospace"}
_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_MATRIX = re.compile(r"matrix\(([^)]*)\)")


def clean_svg(data: bytes) -> bytes:
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
    root = ET.fromstring(data)
    # The size in CSS pixels (96 dpi, as the chart is drawn), not Qt's millimetres: rounded to
    # three decimals those come back a pixel larger in librsvg.
    box = root.get("viewBox", "").split()
    if len(box) == 4:
        root.set("width", box[2])
        root.set("height", box[3])
    for element in root.iter():
        if "font-family" in element.attrib:
            element.set("font-family", font_families(element.get("font-family")))
        if element.tag == f"{{{SVG_NS}}}g":
            _bake_transform(element)
    return b'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' + ET.tostring(root, encoding="utf-8")


def font_families(value: str) -> str:
    """Qt's family list as CSS: real names quoted, the bundled font, then a generic family."""
    names, generic = [], "sans-serif"
    for name in (n.strip().strip("'\"") for n in value.split(",")):
        if not name:
            continue
        if name.lower() in QT_GENERIC:
            generic = QT_GENERIC[name.lower()]
        elif name not in names:
            names.append(name)
    if BUNDLED_FAMILY not in names:
        names.append(BUNDLED_FAMILY)
    return ", ".join([f"'{n}'" for n in names] + [generic])


def _matrix(group: ET.Element) -> tuple[float, ...] | None:
    match = _MATRIX.fullmatch(group.get("transform", "").strip())
    if not match:
        return None
    values = tuple(float(v) for v in re.findall(_NUMBER, match.group(1)))
    return values if len(values) == 6 else None


def _bake_transform(group: ET.Element) -> None:
    """Apply a scaling transform to the coordinates of the group's non-scaling strokes."""
    m = _matrix(group)
    if m is None or (m[0], m[1], m[2], m[3]) == (1, 0, 0, 1):
        return  # a translation (or nothing) keeps stroke widths: every renderer agrees
    children = list(group)
    if not any(c.get("vector-effect") == "non-scaling-stroke" for c in children):
        return
    converted = [_as_path(c, m) for c in children]
    if any(c is None for c in converted):
        return  # something we cannot transform (text, an image): leave the group as Qt wrote it
    for old, new in zip(children, converted):
        group.remove(old)
        group.append(new)
    group.set("transform", "matrix(1,0,0,1,0,0)")


def _as_path(element: ET.Element, m: tuple[float, ...]) -> ET.Element | None:
    """The element as a <path> in the parent's coordinates (its points mapped by ``m``)."""
    tag = element.tag.split("}")[-1]
    a = element.attrib
    if tag == "path":
        d = a.get("d", "")
        if re.search(r"[^MLCQZz\d\s,.eE+-]", d):
            return None  # only absolute move/line/curve commands, as Qt writes them
        numbers = [float(v) for v in re.findall(_NUMBER, d)]
        points = [_map(m, numbers[i], numbers[i + 1]) for i in range(0, len(numbers) - 1, 2)]
        it = iter(points)
        d = re.sub(_NUMBER + r"\s*,\s*" + _NUMBER, lambda _m: "%s,%s" % _fmt(next(it)), d)
    elif tag in ("polyline", "polygon"):
        numbers = [float(v) for v in re.findall(_NUMBER, a.get("points", ""))]
        points = [_map(m, numbers[i], numbers[i + 1]) for i in range(0, len(numbers) - 1, 2)]
        d = "M" + " L".join("%s,%s" % _fmt(p) for p in points) + (" Z" if tag == "polygon" else "")
    elif tag == "line":
        p1 = _map(m, float(a.get("x1", 0)), float(a.get("y1", 0)))
        p2 = _map(m, float(a.get("x2", 0)), float(a.get("y2", 0)))
        d = "M%s,%s L%s,%s" % (*_fmt(p1), *_fmt(p2))
    elif tag == "rect":
        x, y = float(a.get("x", 0)), float(a.get("y", 0))
        w, h = float(a.get("width", 0)), float(a.get("height", 0))
        corners = [_map(m, x, y), _map(m, x + w, y), _map(m, x + w, y + h), _map(m, x, y + h)]
        d = "M" + " L".join("%s,%s" % _fmt(p) for p in corners) + " Z"
    else:
        return None
    path = ET.Element(f"{{{SVG_NS}}}path")
    for key, value in a.items():
        if key not in {"d", "points", "x", "y", "width", "height", "x1", "y1", "x2", "y2", "vector-effect"}:
            path.set(key, value)
    path.set("d", d)
    return path


def _map(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _fmt(point: tuple[float, float]) -> tuple[str, str]:
    return tuple(f"{v:.3f}".rstrip("0").rstrip(".") for v in point)
