"""World Bank indicator files: read as downloaded, checked against the paper, shown beside it."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from oqu.core.worldbank import WorldBankError, compare, compare_file, parse_worldbank, read_worldbank, table_for
from helpers import WORLDBANK
from helpers import run_cli

YEARS = list(range(1960, 2021))


def worldbank_file(path, indicator="IT.NET.USER.ZS", name="Individuals using the Internet (% of population)",
                   values=None, newline="\r\n"):
    """A file in the World Bank's real layout: BOM, four metadata lines, every field quoted,
    a trailing comma on every line, "" for missing, some numbers with exponents."""
    values = values or {}
    header = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"] + [str(y) for y in YEARS]
    lines = ['"Data Source","World Development Indicators",', "", '"Last Updated Date","2022-07-01",', "",
             ",".join(f'"{h}"' for h in header) + ","]
    for code, country in (("ABW", "Aruba"), ("KAZ", "Kazakhstan"), ("KGZ", "Kyrgyz Republic"),
                          ("TJK", "Tajikistan"), ("TKM", "Turkmenistan"), ("UZB", "Uzbekistan"),
                          ("WLD", "World")):
        cells = [values.get((code, y), "") for y in YEARS]
        lines.append(",".join(f'"{v}"' for v in [country, code, name, indicator, *cells]) + ",")
    path.write_bytes(b"\xef\xbb\xbf" + newline.join(lines).encode("utf-8") + newline.encode())
    return path


INTERNET = {("KAZ", 2010): "31.6", ("KAZ", 2018): "78.9", ("KAZ", 2021): "", ("KAZ", 2020): "85.9",
            ("UZB", 2010): "15.9", ("UZB", 2018): "55.2", ("KGZ", 2010): "16.3", ("KGZ", 2017): "38",
            ("TJK", 2010): "11.6", ("TJK", 2017): "21.96", ("TKM", 2010): "3", ("TKM", 2017): "2.1E1",
            ("ABW", 1990): "6.27E-05"}


def test_reads_the_real_layout(tmp_path):
    """A file in the World Bank's layout reads its indicator, date, years and values; empty is missing, never 0."""
    wb = read_worldbank(worldbank_file(tmp_path / "API_IT.NET.USER.ZS_DS2_en_csv_v2_1.csv", values=INTERNET))
    assert wb.indicator == "IT.NET.USER.ZS" and wb.updated == "2022-07-01"
    assert wb.years == YEARS and len(wb.frame) == 7
    assert wb.value("ABW", 1990) == pytest.approx(6.27e-05)  # exponent
    assert wb.value("TKM", 2017) == 21.0
    assert wb.value("KAZ", 2011) is None  # "" is missing, never 0
    assert wb.latest("KAZ") == (2020, 85.9)
    assert wb.names["KGZ"] == "Kyrgyz Republic"


def test_compare_flags_the_differences_with_the_observation_year(tmp_path, paper):
    """Table 3 is compared with the file at each figure's own year; a figure agrees when it is the file's value rounded
    as printed."""
    wb = read_worldbank(worldbank_file(tmp_path / "f.csv", values=INTERNET))
    diffs = {(d.iso3, d.year): d for d in compare(paper, wb)}
    assert len(diffs) == 10  # five countries x two columns of Table 3
    assert diffs[("KGZ", 2017)].official == 38  # "38 (in 2017)" is compared with 2017
    assert diffs[("KAZ", 2018)].agrees is False and diffs[("KAZ", 2018)].difference == pytest.approx(2.5)
    assert diffs[("UZB", 2018)].agrees is True  # 55 printed without decimals: 55.2 rounds to it
    assert diffs[("TJK", 2017)].agrees is True  # 22 printed, 21.96: the paper rounded


@pytest.mark.parametrize("damage, message", [
    (lambda text: text.replace('"Country Name"', '"Name"'), "no header line"),
    (lambda text: text[: text.index('"Tajikistan"') + 60], "fields where the header has"),
    (lambda text: text.replace('"31.6"', '"31,6"'), "'31,6' is not a number"),
    (lambda text: text.replace('"KGZ"', '"Kyrgyzstan"'), "not a three-letter country code"),
    (lambda text: text.replace('"2019","2020"', '"2019","Total"'), "must be years"),
])
def test_damaged_files_are_refused_with_a_clear_message(tmp_path, damage, message):
    """A damaged World Bank file (header, short row, decimal comma, bad code, non-year column) is refused saying why."""
    path = worldbank_file(tmp_path / "f.csv", values=INTERNET, newline="\n")
    text = path.read_text(encoding="utf-8-sig")
    with pytest.raises(WorldBankError, match=message):
        parse_worldbank(damage(text))


def test_binary_and_non_utf8_files_are_refused(tmp_path):
    """A binary file, a non-UTF-8 file and a missing file are each refused with a plain message."""
    png = tmp_path / "a.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(WorldBankError, match="binary"):
        read_worldbank(png)
    latin = tmp_path / "b.csv"
    latin.write_bytes('"Data Source","Côte"'.encode("latin-1"))
    with pytest.raises(WorldBankError, match="not UTF-8"):
        read_worldbank(latin)
    with pytest.raises(WorldBankError, match="cannot read"):
        read_worldbank(tmp_path / "missing.csv")


def test_another_indicator_is_named_in_the_message(tmp_path, paper):
    """A file of an indicator no table uses is refused naming its indicator and the ones the tables use."""
    path = worldbank_file(tmp_path / "gdp.csv", indicator="NY.GDP.MKTP.CD", name="GDP (current US$)")
    with pytest.raises(WorldBankError, match="NY.GDP.MKTP.CD .*IT.CEL.SETS.P2"):
        compare_file(paper, path)


REAL = sorted(WORLDBANK.glob("API_*.csv"))
assert REAL, "the real World Bank files are missing from tests/fixtures/worldbank"


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_world_bank_files_load_and_compare(path, paper):
    """The real downloaded World Bank files load with the values pandas reads, and compare every cell of their table."""
    wb = read_worldbank(path)
    assert wb.indicator in ("IT.CEL.SETS.P2", "IT.NET.USER.ZS")
    assert len(wb.frame) > 250 and wb.years[0] == 1960
    # Cross-check one value with pandas reading the same file its own way.
    raw = pd.read_csv(path, skiprows=4, encoding="utf-8-sig", index_col="Country Code")
    assert wb.value("KAZ", 2010) == pytest.approx(raw.loc["KAZ", "2010"])
    rows = pd.read_csv(io.StringIO(compare_file(paper, path)), comment="#")
    table = table_for(paper, wb)
    assert len(rows) == len(table.rows) * len(table.columns)
    assert set(rows["iso3"]) == {r["iso3"] for r in table.rows}
    # Each economy's latest value: the last year with a value in the raw file.
    years = [c for c in raw.columns if c.isdigit()]
    for iso3 in raw.index:
        present = raw.loc[iso3, years].dropna()
        want = (int(present.index[-1]), pytest.approx(float(present.iloc[-1]))) if len(present) else None
        assert wb.latest(iso3) == want, iso3


def test_cli_compare_writes_csv(tmp_path, paper):
    """``oqu compare`` writes a CSV of the paper's and the file's figures; a file that is not the World Bank's exits 1
    saying why."""
    src = worldbank_file(tmp_path / "API_IT.NET.USER.ZS_DS2_en_csv_v2_9.csv", values=INTERNET)
    out = tmp_path / "out.csv"
    result = run_cli("compare", str(src), "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = pd.read_csv(out, comment="#")
    assert list(rows.columns) == ["country", "iso3", "year", "paper_value", "file_value", "difference", "agrees",
                                  "note"]
    kaz = rows[(rows["iso3"] == "KAZ") & (rows["year"] == 2018)].iloc[0]
    assert (kaz["paper_value"], kaz["file_value"], kaz["agrees"]) == (76.4, 78.9, "no")
    bad = tmp_path / "bad.csv"
    bad.write_text("hello,world\n", encoding="utf-8")
    result = run_cli("compare", str(bad))
    assert result.returncode == 1 and "no header line" in result.stderr


# -- in the window ------------------------------------------------------------------

def test_gui_import_overlays_the_file_and_lists_differences(window, qtbot, tmp_path):
    """Importing a file in the tables tab draws its figures beside Table 3's and lists the differences; a damaged file
    is refused in a dialog and removing the comparison restores the paper's chart."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    window.show_tab("tables")
    view = window.tables_view
    path = worldbank_file(tmp_path / "API_IT.NET.USER.ZS_DS2_en_csv_v2_9.csv", values=INTERNET)
    assert view.load_worldbank(str(path))
    page = view.page(3)
    assert view.tabs.currentIndex() == 2  # Table 3 is shown
    panel = page.chart.panels[0]
    official = [m for m in panel.marks if m.measure.startswith("World Bank file,") and m.iso2 == "KZ"]
    assert {(m.year, m.value) for m in official} >= {(2010, 31.6), (2018, 78.9), (2020, 85.9)}
    model = page.differences_model
    shown = {(model.index(r, 0).data(), model.index(r, 1).data()): r for r in range(model.rowCount())}
    kz = shown[("Kazakhstan", "2018")]
    assert model.index(kz, 5).data() == "differs"
    assert model.index(kz, 4).data() == "+2.50"
    assert model.index(kz, 0).data(Qt.ItemDataRole.BackgroundRole) is not None  # flagged
    assert "9 of 10 figures agree" in page.comparison.text()  # all but Kazakhstan 2018

    # A damaged file: a clear message, and the comparison already shown stays.
    broken = tmp_path / "broken.csv"
    broken.write_bytes(path.read_bytes()[:900])
    assert not view.load_worldbank(str(broken))
    assert view.error_box is not None and "broken.csv" in view.error_box.text()
    assert "fields where the header has" in view.error_box.informativeText()
    assert page.overlay is not None and page.chart.overlay is not None
    view.error_box.close()

    # The reader removes the comparison: the paper's figures alone again, as before the import.
    remove = page.findChild(QToolButton, "removeComparison")
    assert remove.isVisible()
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert page.overlay is None and page.chart.overlay is None and not remove.isVisible()
    assert not page.differences.isVisible() and not page.comparison.isVisible()
    assert not page.export_diff.isEnabled()
    assert not [m for m in page.chart.panels[0].marks if m.measure.startswith("World Bank file,")]


def test_gui_import_of_mobile_file_goes_to_table_2(window, qtbot, tmp_path):
    """A mobile-subscriptions file opens Table 2 and is compared with it."""
    window.show_tab("tables")
    path = worldbank_file(tmp_path / "m.csv", indicator="IT.CEL.SETS.P2",
                          name="Mobile cellular subscriptions (per 100 people)",
                          values={("KAZ", 2010): "119.38", ("KAZ", 2019): "146.9"})
    assert window.tables_view.load_worldbank(str(path))
    page = window.tables_view.page(2)
    assert window.tables_view.tabs.currentIndex() == 1
    diffs = {(d.iso3, d.year): d for d in page.differences_model.differences}
    assert diffs[("KAZ", 2010)].agrees is False and diffs[("TKM", 2018)].official is None
