"""A second, different paper (tests/fixtures/other_bundle/: two tables on five other countries, a
World Bank indicator of its own, four references, one reference list) works end to end: checked,
shown, searched, charted, exported and compared -- the paper's facts live in the bundle, not in code."""
from __future__ import annotations

import csv
import io

import pytest
from PIL import Image

from oqu.core import load_bundle
from oqu.core.search import SearchIndex
from oqu.core.worldbank import WorldBankError, compare_file, read_worldbank, table_for

from helpers import FIXTURES, WORLDBANK, run_cli

OTHER = FIXTURES / "other_bundle"
OTHER_WB = FIXTURES / "worldbank-other" / "API_IT.NET.BBND.P2_DS2_en_csv_v2_oqu-test.csv"


@pytest.fixture(scope="module")
def other():
    result = load_bundle(OTHER)
    assert result.problems == []
    return result.paper


def test_oqu_check_accepts_the_other_bundle():
    """``oqu check --bundle`` validates it and counts its own sections, markers, tables and references."""
    result = run_cli("check", "--bundle", str(OTHER))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("3 sections, 9 citation markers, 2 tables, 4 references")


def test_its_facts_come_from_its_files(other):
    """Indicator, export size, reference-list heading, spellings and which way is better: all from the bundle."""
    assert [t.world_bank_indicator for t in other.tables] == ["IT.NET.BBND.P2", None]
    assert [t.chart_export_size for t in other.tables] == [None, (1200, 700)]
    assert other.reference_lists == {"printed": "Literature"}
    assert ("Tbilisi", "Тбилиси") in other.spellings
    assert [c.lower_is_better for c in other.table(2).columns] == [True, True]
    assert [r["iso3"] for r in other.table(1).rows] == ["ARM", "AZE", "GEO", "MDA", "BLR"]


def test_search_uses_its_own_spellings(other):
    """"Тбилиси" finds Tbilisi (its spellings.json); the embedded paper's names mean nothing here."""
    index = SearchIndex.for_paper(other)
    found = {h.unit.text[h.start:h.end] for h in index.search("Тбилиси")}
    assert found == {"Tbilisi", "Тбилиси"}
    assert index.count("Тбилиси") == index.count("tbilisi") == 5  # body, keywords en/ru/kk, reference 4
    assert index.count("Ереван") == 1 and index.count("Kazakhstan") == 0
    assert {h.unit.kind for h in index.search("Beridze")} == {"paragraph", "reference"}
    assert not [u for u in index.units if u.kind == "reference-transliterated"]  # it prints one list


def test_compared_with_a_world_bank_file_of_its_own_indicator(other):
    """Its table 1 is compared with a broadband file; the embedded paper's indicators are refused."""
    wb = read_worldbank(OTHER_WB)
    assert table_for(other, wb) is other.table(1)
    text = compare_file(other, OTHER_WB)
    assert text.startswith("# the paper's Table 1 against World Bank indicator IT.NET.BBND.P2 ")
    rows = list(csv.DictReader(line for line in io.StringIO(text) if not line.startswith("#")))
    assert len(rows) == 10
    disagree = [(r["country"], r["year"]) for r in rows if r["agrees"] == "no"]
    assert disagree == [("Georgia", "2020")]  # 24.7 printed, 25.12 in the file
    missing = [(r["country"], r["year"]) for r in rows if r["agrees"] == ""]
    assert missing == [("Moldova", "2020")]  # the file has 2019, not 2020
    assert rows[7]["note"] == "no value for that year in the file"
    with pytest.raises(WorldBankError, match=r"IT\.CEL\.SETS\.P2 .*IT\.NET\.BBND\.P2 \(Table 1\)"):
        compare_file(other, WORLDBANK / "API_IT.CEL.SETS.P2_DS2_en_csv_v2_887311.csv")
    result = run_cli("compare", str(OTHER_WB), "--bundle", str(OTHER))
    assert result.returncode == 0, result.stderr
    assert "Georgia,GEO,2020,24.7,25.12,0.42,no," in result.stdout


def test_exports_its_tables_and_references():
    """``oqu export`` writes its tables and references, read back by independent libraries."""
    import bibtexparser
    import pandas as pd

    result = run_cli("export", "table", "2", "--bundle", str(OTHER))  # as printed: its own headers
    assert result.returncode == 0, result.stderr
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert list(frame.columns) == ["Country", "EGDI rank 2018", "EGDI rank 2020"]
    assert list(frame["EGDI rank 2020"]) == [68, 70, 65, 79, 40]
    result = run_cli("export", "table", "2", "--ids", "--bundle", str(OTHER))
    assert pd.read_csv(io.StringIO(result.stdout))["egdi_2020"].tolist() == [68, 70, 65, 79, 40]
    result = run_cli("export", "references", "--format", "bibtex", "--bundle", str(OTHER))
    assert result.returncode == 0, result.stderr
    entries = bibtexparser.parse_string(result.stdout).entries
    assert [e.key for e in entries] == ["ref1", "ref2", "ref3", "ref4"]
    assert "Beridze" in entries[3]["author"]


@pytest.mark.parametrize("number,size", [(1, (1000, 620)), (2, (1200, 700))])
def test_charts_export_at_the_size_its_tables_ask(tmp_path, number, size):
    """``oqu export chart``: table 2 asks for 1200 x 700 in tables.json, table 1 gets the default."""
    out = tmp_path / f"chart{number}.png"
    result = run_cli("export", "chart", str(number), "--format", "png", "-o", str(out), "--bundle", str(OTHER))
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.size == size
        assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or range(1 << 16)) > 20  # drawn, not blank


def test_the_window_shows_it(qtbot, other):
    """The window opens on it: every tab draws, its tables and chart panels, its one reference list."""
    from oqu.ui.headless import blank
    from oqu.ui.main_window import MainWindow

    win = MainWindow(other, remember_language=False)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    for tab in ("abstract", "paper", "tables"):
        win.show_tab(tab)
        qtbot.wait(10)
        assert not blank(win.tabs.currentWidget().grab()), tab
    text = win.paper_view.text.toPlainText()
    assert "Literature" in text and "Spisok" not in text and "Beridze N. Digital services" in text
    tables = win.tables_view
    assert tables.tabs.count() == 2
    broadband, egov = tables.page(1), tables.page(2)
    assert broadband.proxy.rowCount() == egov.proxy.rowCount() == 5
    assert not broadband.worldbank_button.isHidden() and egov.worldbank_button.isHidden()
    dots = egov.chart.panels[0]
    assert dots.plot.vb.state["xInverted"] and dots.heading.text() == "Ranks, lower is better"
    assert hasattr(egov.chart.panels[-1], "correlation") and egov.chart.panels[-1].correlation.n == 5
    assert tables.load_worldbank(str(OTHER_WB))
    assert broadband.chart.overlay is not None and tables.tabs.currentIndex() == 0
    assert win.citation_pane.list.count() == 4
