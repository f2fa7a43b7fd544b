"""The Tables tab as a reader sees it: charts in the theme, at small sizes, with few rows, and their hovers.

Each test looks at what is drawn: pixels of a grab, or the geometry of the drawn items.
"""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QAction


def pixels(widget) -> np.ndarray:
    """The widget as drawn on screen, an H x W x 3 array of 0-255 values."""
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.bytesPerLine() * height)
    return data.reshape(height, image.bytesPerLine())[:, : width * 3].reshape(height, width, 3).copy()


def luminance(rgb) -> np.ndarray:
    c = np.asarray(rgb, dtype=float) / 255
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c[..., 0] * 0.2126 + c[..., 1] * 0.7152 + c[..., 2] * 0.0722


def contrast(a, b) -> np.ndarray:
    la, lb = luminance(a), luminance(b)
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def near_white_share(rgb: np.ndarray) -> float:
    return float((rgb.min(axis=2) > 225).mean())


def widget_rect(chart, item) -> QRectF:
    """Where a graphics item is drawn, in the chart widget's pixels."""
    return chart.mapFromScene(item.sceneBoundingRect()).boundingRect().toRectF()


def text_contrast(chart, item) -> float:
    """The strongest contrast between the text pixels of an item's area and its background (its commonest colour)."""
    r = widget_rect(chart, item).toRect()
    crop = pixels(chart)[max(r.top(), 0): r.bottom(), max(r.left(), 0): r.right()].reshape(-1, 3)
    colours, counts = np.unique(crop, axis=0, return_counts=True)
    background = colours[counts.argmax()]
    return float(contrast(crop, background).max()), background


@pytest.fixture
def restore_light_theme(qapp):
    yield
    from oqu.ui.theme import apply_theme

    apply_theme("light")


def wait_laid_out(qtbot, chart):
    """Until pyqtgraph has laid the chart out (a new zoom or arrangement takes a few passes; until then
    its plots are half a pixel high)."""
    qtbot.waitUntil(lambda: min(p.plot.vb.height() for p in chart.panels) > 20, timeout=3000)


def table_page(window, qtbot, table_id=1):
    window.show_tab("tables")
    window.tables_view.show_table(table_id)
    page = window.tables_view.page(table_id)
    qtbot.waitExposed(page.chart)
    qtbot.wait(50)
    return page


# -- theme -------------------------------------------------------------------------

def assert_chart_dark(chart):
    rgb = pixels(chart)
    assert near_white_share(rgb) < 0.05, f"{near_white_share(rgb):.0%} of the dark chart is near-white"
    assert luminance(np.median(rgb.reshape(-1, 3), axis=0)) < 0.05  # the background itself is dark
    for panel in chart.panels:
        for name in ("left", "bottom"):
            axis = panel.plot.getAxis(name)
            if not axis.isVisible() or axis.width() < 20 and name == "left":
                continue  # the bar panel beside the dots names no countries
            ratio, background = text_contrast(chart, axis)
            assert luminance(background) < 0.05
            assert ratio >= 4.5, f"{name} axis text at {ratio:.1f}:1"


def test_charts_switch_to_the_dark_theme_live(window, qtbot, restore_light_theme):
    """View > Theme > Dark turns a white chart dark with light axis text (≥ 4.5:1), and back."""
    page = table_page(window, qtbot)
    assert near_white_share(pixels(page.chart)) > 0.5  # light: a white chart
    window.findChild(QAction, "theme-dark").trigger()
    qtbot.wait(50)
    assert_chart_dark(page.chart)
    for table_id in (2, 3):
        assert_chart_dark(table_page(window, qtbot, table_id).chart)
    window.findChild(QAction, "theme-light").trigger()
    qtbot.wait(50)
    assert near_white_share(pixels(page.chart)) > 0.5


def test_charts_are_dark_when_the_theme_is_set_at_start(qtbot, restore_light_theme):
    """A dark theme remembered from the last session: the charts are built dark."""
    from oqu.ui.main_window import MainWindow
    from oqu.ui.settings import open_settings

    settings = open_settings()
    settings.setValue("ui/theme", "dark")
    settings.sync()
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = table_page(window, qtbot, 2)
    assert_chart_dark(page.chart)


# -- few points ----------------------------------------------------------------------

def tick_strings(axis) -> list[str]:
    """The tick labels the axis draws for its current range."""
    low, high = sorted(axis.range)
    length = axis.geometry().width() if axis.orientation in ("top", "bottom") else axis.geometry().height()
    strings = []
    for spacing, values in axis.tickValues(low, high, length):
        strings += axis.tickStrings(values, axis.autoSIPrefixScale, spacing)
    return strings


@pytest.mark.parametrize("text, n", [("Kazakhstan", 1), ("zzz", 0), ("er", 2)])
def test_scatter_with_few_points_has_plain_ticks_and_no_rho(window, qtbot, text, n):
    """Table 1 filtered to 0, 1 or 2 countries: whole-number rank ticks, and ρ replaced by its reason."""
    page = table_page(window, qtbot)
    page.filter.insert(text)  # "er": Switzerland and the Netherlands
    qtbot.wait(50)
    scatter = page.chart.panels[-1]
    assert scatter.correlation.n == n, [r["country"] for r in page.visible_rows()]
    for name in ("bottom", "left"):
        strings = tick_strings(scatter.plot.getAxis(name))
        assert len(strings) >= 2, strings
        for s in strings:
            assert s.lstrip("-").isdigit() and len(s) <= 4, strings  # "94", never "93.9999999999997"
    assert "ρ =" not in scatter.heading.text()
    assert "fewer than 3 countries" in scatter.heading.text() and f"n = {n}" in scatter.heading.text()


# -- hover ---------------------------------------------------------------------------

def hover_every_mark(chart):
    """Hover each mark of each panel; yield (mark, the box's rect in scene coordinates)."""
    for panel in chart.panels:
        for mark in panel.marks:
            if mark.item is None or not mark.item.isVisible():
                continue
            where = mark.rect.center() if mark.rect is not None else mark.point
            chart.hover_at(panel.plot.vb.mapViewToScene(where))
            assert chart.hover.isVisible(), mark
            yield mark, chart.hover.sceneBoundingRect()


@pytest.mark.parametrize("size, zoom", [((1280, 800), 100), ((1024, 640), 100), ((1024, 640), 150)])
def test_hover_box_is_never_cut_off_and_keeps_off_the_labels(window, qtbot, size, zoom):
    """Over every bar and dot of every chart the box lies inside the chart, clear of axis labels,
    legends and headings, and its text names the country — also zoomed to 150 %, its text larger."""
    window.resize(*size)
    window.set_zoom(zoom)
    for table_id in (1, 2, 3):
        page = table_page(window, qtbot, table_id)
        chart = page.chart
        wait_laid_out(qtbot, chart)
        visible = chart.mapToScene(chart.viewport().rect()).boundingRect()
        count = 0
        for mark, box in hover_every_mark(chart):
            count += 1
            assert visible.contains(box), (mark.country, mark.measure, box, visible)
            for area in chart.labels_areas():
                assert not box.intersects(area), (mark.country, mark.measure)
            assert chart.hover.text().splitlines()[0] == mark.country
        assert count >= 10


def test_world_bank_hover_rounds_like_the_differences_table(window, qtbot):
    """The file's figure reads the same in the chart's hover and in the differences table (2 decimals)."""
    from helpers import WORLDBANK
    from PySide6.QtCore import Qt

    path = next(WORLDBANK.glob("API_IT.CEL.SETS*.csv"))
    assert window.tables_view.load_worldbank(str(path))
    page = table_page(window, qtbot, 2)
    model = page.differences.model()
    shown = {}
    for r in range(model.rowCount()):
        cells = [model.index(r, c).data(Qt.ItemDataRole.DisplayRole) for c in range(4)]
        shown[(cells[0], cells[1])] = cells[3]
    checked = 0
    panel = page.chart.panels[0]
    for mark in panel.marks:
        if mark.measure.startswith("World Bank file, ") and "latest" not in mark.measure:
            checked += 1
            line = mark.text().splitlines()[1]
            expected = shown[(mark.country, str(mark.year))]
            assert line.endswith(": " + expected + " per 100 people"), (line, expected)
    assert checked >= 5
    texts = [m.text() for m in panel.marks]
    assert not any("138.566" in t for t in texts)
    assert any("138.57" in t for t in texts)


def test_hover_says_unit_and_year_once(window, qtbot):
    """'DAI 2016: 67%' for Kazakhstan in Table 1 — no '%: 67 (percent)', no 'Year: 2016' after it."""
    page = table_page(window, qtbot, 1)
    bars = page.chart.panels[1]
    mark = next(m for m in bars.marks if m.iso2 == "KZ" and "2016" in m.measure)
    assert mark.text().splitlines() == ["Kazakhstan", "DAI 2016: 67%"]


# -- small windows -------------------------------------------------------------------

def tick_text_rects(axis) -> list[QRectF]:
    """The rectangles pyqtgraph draws the axis' tick labels in (axis coordinates)."""
    from PySide6.QtGui import QImage, QPainter

    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [QRectF(rect) for rect, _flags, text in specs[2] if text] if specs else []


def text_rect(item) -> QRectF:
    """A pyqtgraph TextItem's lines of text in scene coordinates, without the document's margin."""
    inner = item.textItem
    m = inner.document().documentMargin()
    return inner.mapRectToScene(inner.boundingRect().adjusted(m, m, -m, -m))


def assert_apart(rects, what):
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not a.intersects(b), (what, a, b)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_tables_tab_fits_1024x640_with_readable_charts(window, qtbot, lang):
    """At 1024 x 640 the window keeps that size on every table, and each chart keeps its words apart:
    country names, "+n" and year labels, legend entries, the scatter's axis titles and heading."""
    from oqu.ui.language import manager

    manager().apply(lang)
    window.resize(1024, 640)
    for table_id in (1, 2, 3):
        page = table_page(window, qtbot, table_id)
        window.resize(1024, 640)
        qtbot.wait(50)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1024 and hint.height() <= 640, (table_id, hint)
        assert window.size().toTuple() == (1024, 640)
        chart = page.chart
        assert chart.height() >= chart.needed_height() >= 150  # rows, headings, axes and legends all fit
        scroller = page.parentWidget().parentWidget()
        assert scroller.objectName() == "tablePageScroller"
        assert not scroller.verticalScrollBar().isVisible()  # all of it in view, nothing to scroll
        assert_words_apart(chart, page, table_id)


def assert_words_apart(chart, page, what):
    """Each panel of the chart keeps its words apart and in view: country names and tick labels,
    "+n" and year labels (inside their plot), legend entries, the axis titles (off the heading and
    off the tick labels)."""
    visible = chart.mapToScene(chart.viewport().rect()).boundingRect()
    for panel in chart.panels:
        for name in ("left", "bottom"):
            axis = panel.plot.getAxis(name)
            ticks = [axis.mapRectToScene(r) for r in tick_text_rects(axis)]
            assert_apart(ticks, (what, name, "country names" if panel.has_rows and name == "left" else "ticks"))
            if name == "bottom" or not panel.has_rows:
                assert len(ticks) >= 2, (what, name, "fewer than two tick labels")
            title = axis.label
            if axis.isVisible() and title.isVisible() and panel.axis_titles.get(name):
                m = title.document().documentMargin()
                rect = title.mapRectToScene(title.boundingRect().adjusted(m, m, -m, -m))
                assert not rect.intersects(panel.heading.sceneBoundingRect()), (what, name)
                assert visible.contains(rect), (what, name, "an axis title is cut off")
                assert not any(rect.intersects(t) for t in ticks), (what, name, "the axis title on its ticks")
        names = tick_text_rects(panel.plot.getAxis("left"))
        if panel.has_rows and panel.show_names:
            assert len(names) == len(page.visible_rows())
        tags = [text_rect(item) for item in panel.plot.items
                if type(item).__name__ == "TextItem" and item.isVisible() and item.toPlainText()]
        assert_apart(tags, (what, "labels in the plot"))
        plot_area = panel.plot.vb.sceneBoundingRect().adjusted(-1, -1, 1, 1)
        for tag in tags:
            assert plot_area.contains(tag), (what, "a label in the plot is cut off", tag, plot_area)
        entries = [label.item.sceneBoundingRect() for _sample, label in panel.legend.items]  # the text
        assert_apart(entries, (what, "legend entries"))
        for entry in entries:
            assert visible.contains(entry), (what, "a legend entry is cut off", entry)


# -- the legend and the table ---------------------------------------------------------

class Click:  # the event pyqtgraph's legend items read
    def button(self):
        from PySide6.QtCore import Qt

        return Qt.MouseButton.LeftButton

    def accept(self):
        pass


def grey_pixels(chart, panel, colour=(0xbb, 0xbb, 0xbb)) -> int:
    """Pixels of the connector lines' grey inside a panel's plot area."""
    r = widget_rect(chart, panel.plot.vb).toRect()
    crop = pixels(chart)[r.top(): r.bottom(), r.left(): r.right()].astype(int)
    return int((np.abs(crop - colour).max(axis=2) <= 6).sum())


def test_clicking_a_legend_label_toggles_its_series_and_its_connector_lines(window, qtbot):
    """The label (not only the small marker) toggles a series; with CPI ranks hidden the grey lines
    joining them to the IMD ranks go too, in the drawn picture."""
    page = table_page(window, qtbot, 1)
    dots = page.chart.panels[0]
    before = grey_pixels(page.chart, dots)
    assert before > 200  # the connector lines are drawn
    cpi_item = dots.scatters[1][0]
    _sample, label = dots.legend.items[1]
    label.mouseClickEvent(Click())
    qtbot.wait(20)
    assert not cpi_item.isVisible()
    hidden = grey_pixels(page.chart, dots)
    label.mouseClickEvent(Click())
    qtbot.wait(20)
    assert cpi_item.isVisible()
    assert hidden * 10 < min(before, grey_pixels(page.chart, dots))  # gone, and back again


def test_faded_bars_are_explained_in_the_legend(window, qtbot):
    """Table 3's lighter bars (2017 figures under 2018) have a legend entry drawn like them; Table 2 none."""
    page = table_page(window, qtbot, 3)
    legend = page.chart.panels[0].legend
    notes = [(s, l) for s, l in legend.items if "earlier year" in l.text]
    assert len(notes) == 1
    sample, label = notes[0]
    assert sample.item.opts["brush"].color().alpha() == 127
    label.mouseClickEvent(Click())  # explains, hides nothing
    assert all(item.isVisible() for item, *_rest in page.chart.panels[0].bars)
    page2 = table_page(window, qtbot, 2)
    assert not any("earlier year" in l.text for _s, l in page2.chart.panels[0].legend.items)


def test_last_column_is_not_stretched_and_table_1_offers_no_world_bank_export(window, qtbot):
    """The last column is as wide as its contents, not the free width; Table 1's Export menu offers no
    World Bank differences (Table 1 has none: it compares with its own source files); Tables 2 and 3 do."""
    page = table_page(window, qtbot, 1)
    header = page.view.horizontalHeader()
    last = header.count() - 1
    assert not header.stretchLastSection()
    assert header.sectionSize(last) <= max(header.sectionSizeHint(last), page.view.sizeHintForColumn(last)) + 2
    assert header.length() < page.view.viewport().width()  # free width stays free at 1280 x 800

    def offered(p):
        return [a.text() for a in p.export_button.menu().actions() if a.isVisible()]

    assert not any("World Bank" in text for text in offered(page))
    assert "Differences from the World Bank file as CSV…" in offered(table_page(window, qtbot, 2))


def test_world_bank_comparison_at_1024x640_in_the_dark_theme(window, qtbot, restore_light_theme):
    """With a World Bank file on Table 2 in a small dark window: every legend entry shows whole and apart,
    the year labels in the plot stay apart, and the differing rows' light red cells keep readable text."""
    from helpers import WORLDBANK

    window.findChild(QAction, "theme-dark").trigger()
    window.resize(1024, 640)
    assert window.tables_view.load_worldbank(str(next(WORLDBANK.glob("API_IT.CEL.SETS*.csv"))))
    page = table_page(window, qtbot, 2)
    window.resize(1024, 640)
    qtbot.wait(50)
    chart = page.chart
    panel = chart.panels[0]
    visible = chart.mapToScene(chart.viewport().rect()).boundingRect()
    entries = [label.item.sceneBoundingRect() for _sample, label in panel.legend.items]
    assert len(entries) == 5  # 2010, 2018, 2019, the file's latest year, the file's same year
    assert_apart(entries, "legend entries")
    assert all(visible.contains(e) for e in entries), "a legend entry is cut off"
    tags = [text_rect(item) for item in panel.plot.items
            if type(item).__name__ == "TextItem" and item.isVisible() and item.toPlainText()]
    assert_apart(tags, "year labels")
    view = page.differences
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 5).data() == "differs")
    cell = view.visualRect(model.index(row, 0)).translated(view.viewport().pos())
    crop = pixels(view)[cell.top() + 1: cell.bottom(), cell.left() + 1: cell.right()].reshape(-1, 3)
    colours, counts = np.unique(crop, axis=0, return_counts=True)
    background = colours[counts.argmax()]
    assert luminance(background) > 0.6  # the light red of a difference
    assert float(contrast(crop, background).max()) >= 4.5


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_data_cells_are_readable_in_both_themes(window, qtbot, restore_light_theme, theme):
    """Uzbekistan's missing IMD rank ("no data", in grey) keeps 4.5:1 against the table, measured in pixels."""
    window.findChild(QAction, f"theme-{theme}").trigger()
    page = table_page(window, qtbot, 1)
    view = page.view
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "no data")
    index = model.index(row, 1)
    view.scrollTo(index)
    view.clearSelection()
    qtbot.wait(20)
    cell = view.visualRect(index).translated(view.viewport().pos())
    crop = pixels(view)[cell.top() + 1: cell.bottom(), cell.left() + 1: cell.right()].reshape(-1, 3)
    colours, counts = np.unique(crop, axis=0, return_counts=True)
    background = colours[counts.argmax()]
    assert (luminance(background) < 0.05) == (theme == "dark")
    assert float(contrast(crop, background).max()) >= 4.5


def test_export_leaves_out_the_series_hidden_on_screen(window, qtbot, tmp_path, monkeypatch):
    """CPI ranks hidden in Table 1's legend: the exported SVG has no CPI dots, no CPI legend entry and
    no bitmap (the legend's crossed-out eye)."""
    import xml.etree.ElementTree as ET

    from PySide6.QtWidgets import QFileDialog

    page = table_page(window, qtbot, 1)
    dots = page.chart.panels[0]
    dots.legend.items[1][1].mouseClickEvent(Click())
    assert not dots.scatters[1][0].isVisible()
    svg = tmp_path / "chart.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(svg), ""))
    page.export_chart("svg")
    data = svg.read_bytes()
    assert b"<image" not in data
    texts = ["".join(el.itertext()).strip() for el in ET.fromstring(data).iter() if el.tag.endswith("}text")]
    assert "IMD rank 2020" in texts and "CPI rank 2020" not in texts
    assert dots.scatters[1][0].isVisible() is False  # the window keeps the reader's choice


def test_a_long_comparison_summary_scrolls_the_page_not_the_chart_away(window, qtbot):
    """Table 1 compared with both source files at 1024 x 640: the summary needs more lines than the window
    has; the page scrolls and the chart keeps the height its labels need (it was squeezed before)."""
    from helpers import SOURCES

    window.resize(1024, 640)
    view = window.tables_view
    page = table_page(window, qtbot, 1)
    assert view.load_compare_file(str(SOURCES / "CPI2020_GlobalTablesTS_210125.xlsx"))
    assert view.load_compare_file(str(SOURCES / "DAIforweb.xlsx"))
    window.resize(1024, 640)
    qtbot.wait(50)
    assert window.size().toTuple() == (1024, 640)
    assert page.chart.height() >= page.chart.needed_height()
    scroller = page.parentWidget().parentWidget()
    assert scroller.verticalScrollBar().isVisible() and scroller.verticalScrollBar().maximum() > 0


# -- the scatter's heading -------------------------------------------------------------

def laid_out_lines(block) -> list[str]:
    """A chart TextBlock's text as Qt laid it out, line by line (no-break spaces read as spaces)."""
    document = block.item.document()
    lines, paragraph = [], document.firstBlock()
    while paragraph.isValid():
        layout = paragraph.layout()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            lines.append(paragraph.text()[line.textStart(): line.textStart() + line.textLength()])
        paragraph = paragraph.next()
    return [line.replace("\u00a0", " ").strip() for line in lines]


def assert_equations_whole(block, what):
    """Every "x = y" of the heading ("n = 10", "ρ = 0,77") lies on one laid-out line, and no line is
    wider than the heading (a group kept whole must not run out of it instead)."""
    import re

    lines = laid_out_lines(block)
    text = " ".join(lines)
    groups = re.findall(r"\S+ = [^\s,;)]+", text)
    assert groups, (what, text)
    for group in groups:
        assert any(group in line for line in lines), (what, group, lines)
    for line in lines:
        assert not line.startswith("="), (what, lines)
    width = block.item.textWidth()
    for i in range(block.item.document().firstBlock().layout().lineCount()):
        assert block.item.document().firstBlock().layout().lineAt(i).naturalTextWidth() <= width + 0.5, (what, lines)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_scatter_heading_keeps_n_and_rho_whole_at_1024x640(window, qtbot, lang):
    """At 1024 x 640 the scatter's heading ("ρ Спирмена = 0,77, n = 10") wraps between its groups, never
    inside "n = 10" or "= 0,77" (it wrapped as "… n" / "= 10" in Russian); so too with a source file's ρ
    beside the paper's. The heading's text still reads with plain spaces."""
    from helpers import SOURCES

    from oqu.ui.language import manager

    manager().apply(lang)
    window.resize(1024, 640)
    page = table_page(window, qtbot, 1)
    qtbot.wait(50)
    heading = page.chart.panels[-1].heading
    assert "n = 10" in heading.text() and "\u00a0" not in heading.text()
    assert_equations_whole(heading, (lang, "paper"))
    assert window.tables_view.load_compare_file(str(SOURCES / "CPI2020_GlobalTablesTS_210125.xlsx"))
    qtbot.wait(50)
    assert heading.text().count(" = ") >= 2, heading.text()
    assert_equations_whole(heading, (lang, "with CPI"))


# -- the reader's zoom -------------------------------------------------------------------

def word_sizes(chart) -> dict[str, float]:
    """The point sizes the chart's words are drawn in: ticks, axis titles, headings, legend, labels, hover."""
    first = chart.panels[0]
    tags = [item for p in chart.panels for item in p.plot.items if type(item).__name__ == "TextItem"]
    legend_label = first.legend.items[0][1]
    return {"ticks": first.plot.getAxis("left").tick_font().pointSizeF(),
            "axis title": first.plot.getAxis("bottom").label.font().pointSizeF(),
            "heading": first.heading.item.font().pointSizeF(),
            "legend": (legend_label.item.boundingRect().height()  # rich text: its lines' height, no margins
                       - 2 * legend_label.item.document().documentMargin()),
            "labels": tags[0].textItem.font().pointSizeF(),
            "hover": chart.hover.text_item.font().pointSizeF()}


@pytest.mark.parametrize("zoom", [150, 200])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_chart_words_follow_the_zoom_and_keep_apart(window, qtbot, lang, zoom):
    """View → Zoom in to 150 % and 200 % at 1024 x 640: every word of the charts grows like the window's
    text (tick labels, axis titles, headings, legends, the labels in the plots, the hover box), and the
    words still keep apart and in view — Table 1's panels go under one another where they no longer fit
    side by side (each first one naming the countries); the chart keeps the height it needs, and the
    scatter's heading keeps "n = 10" whole."""
    from oqu.ui.language import manager

    manager().apply(lang)
    window.resize(1024, 640)
    page = table_page(window, qtbot, 1)
    chart = page.chart
    before = word_sizes(chart)
    assert len(chart.arrangement) == 1  # at 100 %, three panels side by side
    window.set_zoom(zoom)
    qtbot.wait(100)
    after = word_sizes(chart)
    for what, size in before.items():
        assert after[what] == pytest.approx(size * zoom / 100, rel=0.15), (what, size, after[what])
    assert len(chart.arrangement) >= 2, "at this zoom Table 1's panels cannot stand side by side"
    for row in chart.arrangement:
        assert row[0].show_names or not row[0].has_rows
    for table_id in (1, 2, 3):
        chart = table_page(window, qtbot, table_id).chart
        wait_laid_out(qtbot, chart)
        assert chart.height() >= chart.needed_height(), table_id
        assert_words_apart(chart, table_page(window, qtbot, table_id), (table_id, lang, zoom))
    assert_equations_whole(table_page(window, qtbot, 1).chart.panels[-1].heading, (lang, zoom))
