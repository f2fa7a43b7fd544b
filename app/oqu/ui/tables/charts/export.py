"""Charts to PNG and SVG, from the window and from ``oqu export chart`` (oqu.ui.headless).

pyqtgraph 0.14.0's own SVGExporter raises ValueError on this Qt (Qt's SVG writer
now emits a 'Z' close-path token its correctCoordinates does not expect), so the
SVG is drawn through Qt's QSvgGenerator, which writes text as <text> elements, at the
widget's resolution (its default of 72 dpi would shrink the text against a chart drawn at 96).
Both exports paint in pyqtgraph's export mode: a scatter then draws each marker as a vector
path instead of copying it from its bitmap atlas (which an SVG would embed as images), and
``svg_cleanup`` makes Qt's SVG read the same in librsvg and browsers.
"""
from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication

from oqu.ui.tables.charts.figure import ChartFigure, chart_title, source_line
from oqu.ui.tables.charts.svg_cleanup import clean_svg

DEFAULT_SIZE = (1000, 620)  # a table may ask for another (chart_export_size in tables.json)


def framed_copy(figure=None, *, paper=None, table=None):
    """A chart with title and source line, at export size, laid out off screen.

    From ``figure`` (the one on screen) it keeps the rows shown, the World Bank overlay and
    Table 1's source files.
    """
    paper = paper or figure.paper
    table = table or figure.table
    chart = ChartFigure(paper, table, framed=True)
    if figure is not None:
        chart.rows = figure.rows
        chart.overlay = figure.overlay
        chart.checks, chart.source_files = figure.checks, figure.source_files  # Table 1's source files
        chart.redraw()
        hide_as_on_screen(figure, chart)
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.resize(*(table.chart_export_size or DEFAULT_SIZE))
    chart.show()
    for _ in range(3):  # the wrapped title settles its height over a couple of layout passes
        QApplication.processEvents()
    return chart


def hide_as_on_screen(figure, chart) -> None:
    """The series the reader hid in the legend stay hidden in the export, and out of its legend
    (whose crossed-out eye is a bitmap)."""
    for shown, copy in zip(figure.panels, chart.panels):
        hidden = [k for k, (sample, _label) in enumerate(shown.legend.items) if not sample.item.isVisible()]
        items = [copy.legend.items[k][0].item for k in hidden if k < len(copy.legend.items)]
        for item in items:
            item.setVisible(False)
            copy.legend.removeItem(item)
        if items:
            copy.legend.relayout()


class ExportMode:
    """pyqtgraph's export mode on every item of the chart while it is painted to a file."""

    def __init__(self, chart):
        self.items = [i for i in chart.scene().items() if hasattr(i, "setExportMode")]

    def __enter__(self):
        for item in self.items:
            item.setExportMode(True, {"antialias": True, "resolutionScale": 1.0})

    def __exit__(self, *exc):
        for item in self.items:
            item.setExportMode(False)


def render_png(chart) -> bytes:
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    with ExportMode(chart):
        chart.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def render_svg(chart, title: str = "", description: str = "") -> bytes:
    from PySide6.QtSvg import QSvgGenerator  # Qt's SVG library: loaded by the first SVG export

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(chart.size())
    generator.setResolution(chart.logicalDpiX())
    generator.setViewBox(QRect(0, 0, chart.width(), chart.height()))
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter(generator)
    with ExportMode(chart):
        chart.render(painter)
    painter.end()
    return clean_svg(bytes(buffer.data()))


def render(chart, fmt: str) -> bytes:
    if fmt == "png":
        return render_png(chart)
    if fmt == "svg":
        return render_svg(chart, chart_title(chart.table), source_line(chart.paper, chart.table, chart.overlay,
                                                                             chart.source_files))
    raise ValueError(f"unknown chart format {fmt!r}")
