"""The charts: Spearman from the data shown, hover, selection both ways, legend, language, exports."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pandas as pd
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from oqu.core.stats import average_ranks, spearman
from helpers import edit_bundle_json, run_cli


# -- Spearman ----------------------------------------------------------------------

def test_average_ranks_share_ties():
    """Tied values share the average of their ranks, as Spearman's rho needs."""
    assert average_ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1]


def test_spearman_of_table_1_equals_pandas(paper):
    """IMD vs CPI rank over the countries that have both (Uzbekistan has no IMD rank)."""
    frame = pd.DataFrame(paper.table(1).rows)
    result = spearman(frame["imd_rank"], frame["cpi_rank"])
    both = frame[["imd_rank", "cpi_rank"]].dropna().astype(float)
    assert result.n == len(both) == 10
    # DataFrame.corr ranks in pandas' own C code (Series.corr would need scipy, not a dependency).
    assert result.rho == pytest.approx(both.corr(method="spearman").iloc[0, 1], abs=1e-12)


def test_spearman_by_the_textbook_formula_without_ties():
    """rho = 1 - 6 sum d^2 / (n (n^2 - 1)) when no value repeats."""
    xs, ys = [1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 6, 5]
    d2 = sum((a - b) ** 2 for a, b in zip(average_ranks(xs), average_ranks(ys)))
    assert spearman(xs, ys).rho == pytest.approx(1 - 6 * d2 / (6 * 35))
    assert spearman([1, 2], [2, 1]).rho is None  # too few pairs to say anything


# -- the chart on screen -------------------------------------------------------------

@pytest.fixture
def tables(window, qtbot):
    window.show_tab("tables")
    view = window.tables_view
    view.build_all_pages()
    return view


def test_table_1_chart_shows_spearman_of_the_rows_shown(tables, paper):
    """Table 1's scatter gives Spearman's rho and n of the rows shown, recomputed when the filter hides rows."""
    page = tables.page(1)
    tables.show_table(1)
    scatter = next(p for p in page.chart.panels if hasattr(p, "correlation"))
    assert scatter.correlation.n == 10
    assert "n = 10" in scatter.heading.text()
    page.filter.insert("i")  # keeps the names with an "i" in English: the figure follows the rows shown
    shown = page.visible_rows()
    frame = pd.DataFrame(shown)[["imd_rank", "cpi_rank"]].dropna().astype(float)
    assert scatter.correlation.n == len(frame) < 10
    assert scatter.correlation.rho == pytest.approx(frame.corr(method="spearman").iloc[0, 1])


def test_scatter_labels_of_close_countries_are_merged_not_drawn_over_each_other(tables, paper):
    """Countries at (nearly) the same point of the scatter share one label; every country is named exactly once."""
    from oqu.ui.tables.charts.panels import label_groups

    scatter = next(p for p in tables.page(1).chart.panels if hasattr(p, "correlation"))
    codes = [c for _x, _y, group in scatter.labels for c in group]
    assert sorted(codes) == sorted(scatter.codes)  # every country named once
    rows = {r["iso2"]: r for r in paper.table(1).rows}
    top = next(group for _x, _y, group in scatter.labels if "SG" in group)
    # Singapore, Denmark, Sweden, Switzerland, the Netherlands: ranks 1-8 on both indices
    assert set(top) == {"SG", "DK", "SE", "CH", "NL"}, [rows[c]["cpi_rank"] for c in top]
    for i, (x1, y1, _g) in enumerate(scatter.labels):
        for x2, y2, _h in scatter.labels[i + 1:]:
            assert (x1, y1) != (x2, y2)
    assert label_groups([(0, 0, "A"), (50, 50, "B"), (1, 1, "C")]) == [(0, 0, ["A", "C"]), (50, 50, ["B"])]


def test_rank_axis_reads_lower_is_better(tables):
    """Table 1's ranks are lower-is-better (tables.json): rank 1 at the right, further right is better."""
    dots = tables.page(1).chart.panels[0]
    assert dots.plot.vb.state["xInverted"]
    assert dots.heading.text() == "Ranks, lower is better"


def test_which_way_is_better_comes_from_the_bundle(qtbot, bundle_copy):
    """Ranks whose ``lower_is_better`` is false are drawn with the higher ones to the right."""
    from oqu.core import load_bundle
    from oqu.ui.tables.charts.figure import ChartFigure

    def higher_is_better(tables):
        for column in tables[0]["columns"]:
            column["lower_is_better"] = False
    edit_bundle_json(bundle_copy / "tables.json", higher_is_better)
    paper = load_bundle(bundle_copy).paper
    chart = ChartFigure(paper, paper.table(1))
    qtbot.addWidget(chart)
    dots, scatter = chart.panels[0], chart.panels[-1]
    assert not dots.plot.vb.state["xInverted"] and dots.heading.text() == "Ranks, higher is better"
    assert hasattr(scatter, "correlation")
    assert not scatter.plot.vb.state["xInverted"] and not scatter.plot.vb.state["yInverted"]


def test_hover_shows_country_measure_value_and_year(tables, qtbot, paper):
    """Hovering a bar shows the country, the value with its unit, and the year of the figure when it is not the series'
    own; moving away hides it."""
    page = tables.page(3)
    tables.show_table(3)
    chart = page.chart
    assert chart.hover_text == ""
    kg = chart.scene_pos_of("KG")
    # The second mark of Kyrgyzstan is its "in 2018" bar, which the paper marks as 2017.
    panel = chart.panels[0]
    mark = [m for m in panel.marks if m.iso2 == "KG"][1]
    chart.scene().sigMouseMoved.emit(panel.plot.vb.mapViewToScene(mark.rect.center()))
    # The unit once, with the value; the year only where it is not the series' own.
    row = next(r for r in paper.table(3).rows if r["iso2"] == "KG")
    assert row["y2018_year"] != 2018
    assert chart.hover_text.splitlines() == ["Kyrgyzstan", f"2018: {row['y2018']:g}%",
                                             f"Figure for {row['y2018_year']}"]
    assert chart.hover.isVisible() and "Kyrgyzstan" in chart.hover.text()
    chart.scene().sigMouseMoved.emit(kg * 0)  # far from every bar: the box goes away
    assert chart.hover_text == "" and not chart.hover.isVisible()


def test_row_selection_highlights_the_bars(tables, qtbot):
    """Selecting a row in the table dims the other countries' bars and outlines the selected one."""
    page = tables.page(2)
    tables.show_table(2)
    item = page.chart.panels[0].bars[0][0]  # the 2010 bars

    def alphas():
        return [b.color().alpha() for b in item.opts["brushes"]]

    assert set(alphas()) == {255}
    page.view.selectRow(0)  # Kazakhstan
    assert alphas()[0] == 255 and set(alphas()[1:]) == {60}
    assert item.opts["pens"][0].widthF() == 2


def test_clicking_a_bar_selects_its_row(tables, qtbot):
    """A real click on a country's bar selects that country's row in the table."""
    page = tables.page(2)
    tables.show_table(2)
    qtbot.waitExposed(page.chart)
    chart = page.chart
    tj = chart.scene_pos_of("TJ")
    where = chart.mapFromScene(tj)
    qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(where.x(), where.y()))
    assert page.selected_codes() == {"TJ"}
    assert page.view.selectionModel().selectedRows()[0].data() == "Tajikistan"


def test_legend_toggles_a_series(tables, qtbot):
    """A click on a legend entry hides its series (and its hover) and a second click shows it again."""
    page = tables.page(2)
    tables.show_table(2)
    qtbot.waitExposed(page.chart)
    chart = page.chart
    legend = chart.panels[0].legend
    sample, _label = legend.items[0]
    item = chart.panels[0].bars[0][0]
    assert item.isVisible()

    class Click:  # the event pyqtgraph's legend sample reads
        def button(self):
            return Qt.MouseButton.LeftButton

        def accept(self):
            pass

    mark = chart.panels[0].marks[0]  # Kazakhstan's 2010 bar
    centre = chart.panels[0].plot.vb.mapViewToScene(mark.rect.center())
    chart.hover_at(centre)
    assert chart.hover_text.splitlines()[1].startswith("2010:")
    sample.mouseClickEvent(Click())
    assert not item.isVisible()
    chart.hover_at(centre)  # a hidden series is not hovered
    assert chart.hover_text == ""
    sample.mouseClickEvent(Click())
    assert item.isVisible()


def test_switching_language_relabels_the_chart(tables, qtbot, paper):
    """A live language switch relabels the axis countries, the legend and the rho (decimal comma) of the chart."""
    from oqu.ui.language import manager

    page = tables.page(1)
    axis = page.chart.panels[0].plot.getAxis("left")

    def names():
        return [n for _p, n in axis._tickLevels[0]]

    manager().apply("ru")
    qtbot.waitUntil(lambda: "Казахстан" in names())  # LanguageChange arrives as an event
    assert "Kazakhstan" not in names()
    legend_texts = [label.text for _s, label in page.chart.panels[0].legend.items]
    assert "Рейтинг IMD, 2020" in legend_texts
    scatter = page.chart.panels[-1]
    frame = pd.DataFrame(paper.table(1).rows)[["imd_rank", "cpi_rank"]].dropna().astype(float)
    rho = f"{frame.corr(method='spearman').iloc[0, 1]:.2f}"
    assert rho.replace(".", ",") in scatter.heading.text()  # the decimal comma of the locale
    manager().apply("kk")
    qtbot.waitUntil(lambda: "Қазақстан" in names())


# -- exports -------------------------------------------------------------------------

def distinct_colours(png: bytes) -> int:
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 24))


def svg_texts(svg: bytes) -> str:
    root = ET.fromstring(svg)
    return " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))


@pytest.mark.parametrize("table_id", [1, 2, 3])
def test_cli_exports_chart_png_and_svg(tmp_path, paper, table_id):
    """``oqu export chart`` writes a drawn PNG and an SVG whose text (title, countries, source) is Russian text."""
    png, svg = tmp_path / "c.png", tmp_path / "c.svg"
    assert run_cli("export", "chart", str(table_id), "--format", "png", "-o", str(png)).returncode == 0
    result = run_cli("export", "chart", str(table_id), "--format", "svg", "-o", str(svg), "--lang", "ru")
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert distinct_colours(png.read_bytes()) > 20  # bars, text, antialiasing: not blank
    texts = svg_texts(svg.read_bytes())
    title = paper.table(table_id).title_in("ru")
    assert title.split()[0] in texts and "Казахстан" in texts  # text kept as text, in Russian
    assert f"[{paper.table(table_id).sources[0]}]" in texts  # the source line


def test_gui_exports_ask_before_replacing_and_parse_back(tables, qtbot, tmp_path, monkeypatch, paper):
    """The tables tab exports the table as CSV (asking before replacing a file), the chart as SVG with its title and as
    PNG with the suffix added."""
    page = tables.page(3)
    target = tmp_path / "table3.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    page.export_table_csv()
    frame = pd.read_csv(target)  # the table as printed, like `oqu export table 3`
    assert list(frame["Country"]) == [r["country"] for r in paper.table(3).rows]
    kg = [r["iso2"] for r in paper.table(3).rows].index("KG")  # its 2018 figure is of 2017
    row = paper.table(3).rows[kg]
    assert frame["in 2018"].tolist()[kg] == f"{row['y2018']:g} (in {row['y2018_year']})"
    # A second save over the same file asks; "No" leaves it as it was.
    target.write_text("keep me", encoding="utf-8")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    page.export_table_csv()
    assert asked and target.read_text(encoding="utf-8") == "keep me"

    svg = tmp_path / "chart.svg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(svg), ""))
    page.export_chart("svg")
    assert "The number of individuals using the Internet" in svg_texts(svg.read_bytes())
    png = tmp_path / "chart"  # the suffix is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(png), ""))
    page.export_chart("png")
    assert distinct_colours((tmp_path / "chart.png").read_bytes()) > 20
