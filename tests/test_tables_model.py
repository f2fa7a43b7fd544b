"""The indicator tables: models over the pandas frames hold the seed's values and present them."""
from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from oqu.ui.tables.model import VALUE_ROLE, IndicatorTableModel, sorting_proxy


def seed_block(seed_text: str, table_id: int) -> list[str]:
    """The seed's lines of a table: from its title to its "Source:" line."""
    lines = seed_text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"Table {table_id}:"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Source:"))
    return [line for line in lines[start + 1:end] if "\t" in line]


def number(text: str) -> float:
    return float(text.replace(",", "."))


def column_values(model: IndicatorTableModel, column: str) -> list[float | None]:
    c = 1 + [col.name for col in model.table.columns].index(column)
    return [model.index(r, c).data(VALUE_ROLE) for r in range(model.rowCount())]


@pytest.mark.parametrize("table_id", [2, 3])
def test_models_of_tables_2_and_3_hold_the_seeds_numbers(qtbot, paper, seed_text, table_id):
    """Each printed number (comma decimals) is the model's number, in the printed order."""
    model = IndicatorTableModel(paper.table(table_id))
    rows = [line.split("\t") for line in seed_block(seed_text, table_id)[1:]]  # skip the header line
    assert [r[1] for r in rows] == [model.row(i)["country"] for i in range(model.rowCount())]
    for k, col in enumerate(model.table.columns):
        printed = [number(re.match(r"[\d,]+", r[2 + k]).group()) for r in rows]
        assert column_values(model, col.name) == printed


def test_model_of_table_1_holds_the_seeds_ranks_and_dai(qtbot, paper, seed_text):
    """Table 1's model holds the seed's IMD and CPI ranks and DAI figures; "no data" is missing."""
    model = IndicatorTableModel(paper.table(1))
    lines = seed_block(seed_text, 1)[1:]  # skip the header line
    imd, cpi, d14, d16 = [], [], [], []
    for line in lines:
        a, b, c = line.split("\t")
        m = re.search(r"#\s*(\d+)", a)
        imd.append(float(m.group(1)) if m else None)  # "Uzbekistan - no data"
        cpi.append(float(re.search(r"#\s*(\d+)", b).group(1)))
        pair = re.search(r"(\d+)\s*/\s*(\d+)", c)
        d14.append(float(pair.group(1)))
        d16.append(float(pair.group(2)))
    assert column_values(model, "imd_rank") == imd
    assert column_values(model, "cpi_rank") == cpi
    assert column_values(model, "dai_2014") == d14
    assert column_values(model, "dai_2016") == d16


def test_missing_value_reads_no_data_and_year_marked_values_carry_their_year(qtbot, paper, seed_text):
    """Uzbekistan's IMD rank is "no data" (not 0); Table 3's 2017 values read as printed."""
    t1 = IndicatorTableModel(paper.table(1))
    uz = next(r for r in range(t1.rowCount()) if t1.row(r)["iso3"] == "UZB")
    assert t1.index(uz, 1).data() == "no data"
    t3 = IndicatorTableModel(paper.table(3))
    shown = [t3.index(r, 2).data() for r in range(t3.rowCount())]
    printed = [line.split("\t")[3].replace(",", ".") for line in seed_block(seed_text, 3)[1:]]
    assert shown == printed  # "76.4", "55", "38 (in 2017)", ...


def test_numbers_and_names_follow_the_ui_language(qtbot, paper):
    """The table's numbers, country names and year headers follow the UI language."""
    from oqu import i18n

    model = IndicatorTableModel(paper.table(2))
    assert model.index(0, 1).data() == "118.3"
    i18n.set_language("ru")
    model.retranslate()
    assert model.index(0, 1).data() == "118,3"
    assert model.index(0, 0).data() == "Казахстан"
    i18n.set_language("kk")
    assert model.index(0, 0).data() == "Қазақстан"
    assert model.headerData(1, Qt.Orientation.Horizontal) == "2010 ж."


def test_sorting_uses_numbers_and_puts_missing_last(qtbot, paper):
    """Sorting a column orders by number and puts missing values last."""
    model = IndicatorTableModel(paper.table(1))
    proxy = sorting_proxy(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    ranks = [proxy.index(r, 1).data(VALUE_ROLE) for r in range(proxy.rowCount())]
    assert ranks[-1] is None  # Uzbekistan, no IMD rank
    assert ranks[:-1] == sorted(r for r in ranks if r is not None)
    proxy.sort(3, Qt.SortOrder.DescendingOrder)
    rows = paper.table(1).rows
    assert [proxy.index(r, 3).data(VALUE_ROLE) for r in range(proxy.rowCount())] == \
        sorted((r["dai_2014"] for r in rows), reverse=True)
    assert proxy.index(0, 0).data() == max(rows, key=lambda r: r["dai_2014"])["country"]  # Singapore


def test_tables_tab_title_units_and_sources_link_to_references(window, qtbot):
    """A table's page shows its title, units and sources; a source link selects its reference in the pane."""
    from PySide6.QtWidgets import QLabel

    window.show_tab("tables")
    view = window.tables_view
    view.show_table(2)
    page = view.page(2)
    title = page.findChild(QLabel, "tableTitle").text()
    assert "mobile cellular subscriptions per 100 people" in title
    assert "per 100 people" in page.findChild(QLabel, "tableUnits").text()
    sources = page.findChild(QLabel, "tableSources")
    assert 'href="ref:9"' in sources.text()
    with qtbot.waitSignal(view.referenceRequested) as signal:
        sources.linkActivated.emit("ref:9")
    assert signal.args == [9]
    assert window.citation_pane.current_reference() == 9


def test_sorting_and_filtering_in_the_view_redraw_the_chart(window, qtbot, paper):
    """Sorting and filtering the table redraw the chart with the rows shown, in their order."""
    from oqu.ui.tables.charts.panels import country_name

    window.show_tab("tables")
    page = window.tables_view.page(2)
    window.tables_view.show_table(2)
    page.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # 2019, highest first
    axis = page.chart.panels[0].plot.getAxis("left")
    names = [name for _pos, name in axis._tickLevels[0]]
    by_2019 = sorted(paper.table(2).rows, key=lambda r: r["y2019"], reverse=True)
    assert (names[0], names[-1]) == (by_2019[0]["country"], by_2019[-1]["country"])  # Turkmenistan ... Uzbekistan
    page.filter.insert("stan")  # non-ASCII-safe typing; every Central Asian name has it
    assert page.proxy.rowCount() == page.model.rowCount() == 5
    page.filter.clear()
    page.filter.insert("Turk")
    assert page.proxy.rowCount() == 1
    assert [m.country for m in page.chart.panels[0].marks] == ["Turkmenistan"] * 3
    page.filter.clear()
    page.filter.insert("Kaz")
    assert page.proxy.rowCount() == 1
    assert [m.country for m in page.chart.panels[0].marks] == [country_name(page.model.row(0))] * 3


def test_first_window_paints_before_pandas_and_pyqtgraph_load(tmp_path):
    """pyqtgraph loads when the tables tab is first shown, not with the window; the table in
    view is built then, the others when they are first shown."""
    code = """
import os, sys
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from oqu.ui.app import application
from oqu.ui.main_window import MainWindow
app = application(); w = MainWindow(); w.show(); app.processEvents()
before = [m for m in ('pandas', 'pyqtgraph') if m in sys.modules]
w.show_tab('tables'); app.processEvents()
after = [m for m in ('pandas', 'pyqtgraph') if m in sys.modules]
shown = len(w.tables_view.pages)
w.tables_view.tabs.setCurrentIndex(1); app.processEvents()
import json; print(json.dumps([before, after, shown, len(w.tables_view.pages)]))
"""
    env = {"OQU_CONFIG_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-800:]
    before, after, shown, later = json.loads(result.stdout.splitlines()[0])
    assert before == [] and "pyqtgraph" in after
    assert (shown, later) == (1, 2)
