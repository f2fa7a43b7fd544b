"""Table 1 against its own sources: TI's CPI 2020 table (xlsx and CSV) and the World Bank's DAI workbook."""
from __future__ import annotations

import io
import shutil
import zipfile

import openpyxl
import pandas as pd
import pytest

from helpers import SOURCES, run_cli
from oqu.core.table_sources import (SourceFileError, compare, compare_file, how_it_matches, read_source,
                                    recognise, summary_text)

CPI_XLSX = SOURCES / "CPI2020_GlobalTablesTS_210125.xlsx"
CPI_CSV = SOURCES / "CPI2020_GlobalTablesTS_210125.csv"
DAI_XLSX = SOURCES / "DAIforweb.xlsx"


def checks_by(paper, path):
    return {(c.iso3, c.column): c for c in compare(paper, read_source(path, paper))}


def test_the_csv_fixture_is_the_sheet_as_excel_saves_it():
    """The committed CSV has TI's two title rows, a byte-order mark and CRLF, and the sheet's cells."""
    raw = CPI_CSV.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfCorruption Perceptions Index 2020")
    assert raw.count(b"\r\n") == raw.count(b"\n") == 183
    sheet = pd.read_excel(CPI_XLSX, sheet_name="CPI2020", header=2)
    text = pd.read_csv(CPI_CSV, skiprows=2, encoding="utf-8-sig")
    assert list(text.columns) == list(sheet.columns)
    assert text["Rank"].tolist() == sheet["Rank"].tolist() and text["ISO3"].tolist() == sheet["ISO3"].tolist()


@pytest.mark.parametrize("path, dataset", [(CPI_XLSX, "ti-cpi"), (CPI_CSV, "ti-cpi"), (DAI_XLSX, "wb-dai")],
                         ids=["cpi-xlsx", "cpi-csv", "dai-xlsx"])
def test_files_are_recognised_by_content_not_name(tmp_path, path, dataset):
    """A renamed copy (no telling name, wrong extension) is still recognised; other files are not."""
    copy = tmp_path / "download (3).dat"
    shutil.copyfile(path, copy)
    assert recognise(path) == dataset and recognise(copy) == dataset
    other = tmp_path / "CPI2020_GlobalTablesTS_210125.csv"
    other.write_text("Country,Score\nDenmark,88\n", encoding="utf-8")
    assert recognise(other) is None
    assert recognise(tmp_path / "missing.xlsx") is None


def test_the_ti_workbook_is_read_by_content_skipping_the_added_sheet(paper):
    """Both of TI's sheets are read (2020 from the global table, earlier years from the time series);
    the third party's "Sheet1" is skipped, not taken for data; values agree with openpyxl's own reading."""
    src = read_source(CPI_XLSX, paper)
    assert src.dataset == "ti-cpi"
    assert src.sheets == ["CPI2020", "CPI Timeseries 2012 - 2020"] and src.skipped == ["Sheet1"]
    assert len(src.names) == 180 and src.names["RUS"] == "Russia" and src.names["USA"] == "United States of America"
    assert src.years("rank") == list(range(2017, 2021)) and src.years("score") == list(range(2012, 2021))
    sheet = openpyxl.load_workbook(CPI_XLSX, read_only=True, data_only=True)["CPI Timeseries 2012 - 2020"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    russia = next(r for r in rows if r[1] == "RUS")
    assert src.value("RUS", "rank", 2019) == russia[header.index("Rank 2019")] == 137
    assert src.value("RUS", "rank", 2020) == 129 and src.value("KAZ", "score", 2020) == 38


def test_the_csv_form_reads_as_the_sheet(paper):
    """TI's sheet saved as CSV (BOM, CRLF, title rows) gives the sheet's ranks and scores; a
    semicolon-separated save with decimal commas (Excel in Russian) reads the same."""
    from_csv = read_source(CPI_CSV, paper)
    from_xlsx = read_source(CPI_XLSX, paper)
    assert from_csv.is_csv and from_csv.skipped == []
    assert from_csv.values[("rank", 2020)] == from_xlsx.values[("rank", 2020)]
    assert from_csv.values[("score", 2020)] == from_xlsx.values[("score", 2020)]
    assert from_csv.years("rank") == [2020]  # a CSV holds one sheet: no time series


def test_semicolon_csv_with_decimal_commas(tmp_path, paper):
    """Excel in a Russian or Kazakh locale saves CSV with ';' and decimal commas: still read."""
    text = CPI_CSV.read_text(encoding="utf-8-sig")
    frame = pd.read_csv(io.StringIO(text), skiprows=2)
    semi = tmp_path / "cpi.csv"
    body = frame.to_csv(sep=";", index=False, decimal=",", lineterminator="\r\n")
    semi.write_bytes(("Corruption Perceptions Index 2020: Global Scores;;\r\n;;\r\n" + body).encode("utf-8-sig"))
    src = read_source(semi, paper)
    assert src.value("RUS", "rank", 2020) == 129 and src.value("DNK", "score", 2020) == 88


def test_a_windows_excel_csv_and_a_zipped_copy_read_as_the_sheet(tmp_path, paper):
    """Excel's "CSV (Comma delimited)" on Windows writes cp1252 ("Côte d'Ivoire" in one byte per letter);
    a zip holding the CSV is opened like the World Bank's download: both read as the UTF-8 file does."""
    text = CPI_CSV.read_text(encoding="utf-8-sig")
    windows = tmp_path / "cpi-windows.csv"
    windows.write_bytes(text.encode("cp1252"))
    assert recognise(windows) == "ti-cpi"
    src = read_source(windows, paper)
    assert src.names["CIV"] == "Côte d'Ivoire" and src.values == read_source(CPI_CSV, paper).values
    zipped = tmp_path / "cpi.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(CPI_CSV, CPI_CSV.name)
    assert recognise(zipped) == "ti-cpi" and read_source(zipped, paper).values == src.values


def test_the_dai_saved_as_csv_reads_as_the_workbook(tmp_path, paper):
    """The DAI sheet saved as CSV (no BOM, LF) gives the same comparison as the workbook."""
    path = tmp_path / "dai.csv"
    pd.read_excel(DAI_XLSX).to_csv(path, index=False)
    assert recognise(path) == "wb-dai"
    assert compare(paper, read_source(path, paper)) == compare(paper, read_source(DAI_XLSX, paper))


def test_cpi_ranks_against_the_paper(paper):
    """Ranks agree when equal: 10 of the 11 CPI ranks do; Russia is printed 124, TI ranks it 129
    (and no year of TI's time series ranks it 124)."""
    for path in (CPI_XLSX, CPI_CSV):
        checks = checks_by(paper, path)
        assert len(checks) == 11 and {c[1] for c in checks} == {"cpi_rank"}  # IMD has no open data
        differing = {k[0]: (c.paper, c.source) for k, c in checks.items() if not c.agrees}
        assert differing == {"RUS": (124, 129)}
        assert checks[("RUS", "cpi_rank")].equals_year is None
        assert all(c.match == "equal" for c in checks.values() if c.agrees)


def test_dai_percents_rounded_truncated_or_not_at_all(paper):
    """DAI shares printed as whole percents: the Netherlands' 0.826 is printed 82 (truncated, rounding
    gives 83); the USA's 2014 0.71995 is printed 72 (rounded only); Ukraine's "2016" 45 is the file's 2014
    value and its 2014 figure 43 matches no year; Singapore's 2016 88 matches nothing."""
    checks = checks_by(paper, DAI_XLSX)
    assert len(checks) == 22
    nld = checks[("NLD", "dai_2014")]
    assert nld.source == pytest.approx(0.826161, abs=1e-6) and nld.match == "truncated" and nld.agrees
    assert checks[("USA", "dai_2014")].match == "rounded"
    assert checks[("KAZ", "dai_2016")].match == "both"
    ukr = checks[("UKR", "dai_2016")]
    assert ukr.match == "differs" and ukr.equals_year == 2014 and ukr.scaled == pytest.approx(53.78, abs=0.01)
    assert checks[("UKR", "dai_2014")].match == "differs" and checks[("UKR", "dai_2014")].equals_year is None
    assert checks[("SGP", "dai_2016")].match == "differs"
    from collections import Counter

    assert Counter(c.match for c in checks.values()) == {"both": 10, "truncated": 7, "rounded": 2, "differs": 3}
    # The file's names differ from the paper's: "Russian Federation", "Venezuela, RB", "United States".
    src = read_source(DAI_XLSX, paper)
    assert src.names["RUS"] == "Russian Federation" and src.names["VEN"] == "Venezuela, RB"
    assert src.names["USA"] == "United States"


@pytest.mark.parametrize("paper_value, value, match", [
    (82, 82.6161, "truncated"), (72, 71.9952, "rounded"), (79, 79.1159, "both"), (45, 53.78, "differs"),
    (129, 129.0, "equal"), (124, 129.0, "differs"), (118.3, 118.349, "both"), (118.3, 118.36, "truncated"),
    (None, 1.0, "missing"), (3, None, "missing"),
])
def test_how_a_value_gives_a_printed_figure(paper_value, value, match):
    """Rounding and truncation are taken at the printed figure's own decimals, half up."""
    assert how_it_matches(paper_value, value) == match


def test_summaries_in_three_languages(paper):
    """The one-line summaries carry the real figures and are translated (country names too)."""
    from oqu import i18n

    cpi = read_source(CPI_XLSX, paper)
    dai = read_source(DAI_XLSX, paper)
    assert summary_text(paper, cpi, compare(paper, cpi)) == "CPI rank 2020: 10 of 11 agree; Russia: paper 124, TI 129."
    dai_text = summary_text(paper, dai, compare(paper, dai))
    assert dai_text == ("DAI: 19 of 22 agree (7 only when truncated, 2 only when rounded); Singapore 2016: paper 88, "
                        "DAI 87.1; Ukraine 2014: paper 43, DAI 45.1; Ukraine 2016: paper 45, DAI 53.8 "
                        "(the paper's figure is the 2014 value).")
    try:
        i18n.set_language("ru")
        ru = summary_text(paper, dai, compare(paper, dai))
        assert "Украина" in ru and "53,8" in ru and "2014" in ru and "agree" not in ru
        i18n.set_language("kk")
        kk = summary_text(paper, cpi, compare(paper, cpi))
        assert "Ресей" in kk and "129" in kk and "agree" not in kk
    finally:
        i18n.set_language("en")


def test_damaged_and_foreign_files_get_a_clear_message(tmp_path, paper):
    """A bad rank names its sheet, row and column; a workbook of neither data set says so."""
    wb = openpyxl.load_workbook(CPI_XLSX)
    ws = wb["CPI2020"]
    ws["E5"] = "third"
    damaged = tmp_path / "damaged.xlsx"
    wb.save(damaged)
    with pytest.raises(SourceFileError, match=r"sheet “CPI2020”, row 5, Rank: .third. is not a number"):
        read_source(damaged, paper)
    other = openpyxl.Workbook()
    other.active.append(["name", "value"])
    other_path = tmp_path / "other.xlsx"
    other.save(other_path)
    assert recognise(other_path) is None
    with pytest.raises(SourceFileError, match="neither a Transparency International CPI table"):
        read_source(other_path, paper)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(CPI_XLSX.read_bytes()[:3000])
    with pytest.raises(SourceFileError, match="cannot be read"):
        read_source(broken, paper)


def test_another_years_cpi_file_says_which_years_it_holds(tmp_path, paper):
    """A CPI table of another year cannot check the paper's 2020 ranks: the message names both."""
    text = CPI_CSV.read_text(encoding="utf-8-sig").replace("CPI score 2020", "CPI score 2021")
    path = tmp_path / "cpi2021.csv"
    path.write_text(text, encoding="utf-8-sig")
    with pytest.raises(SourceFileError, match="needs rank 2020 .* this file holds rank 2021, score 2021"):
        compare_file(paper, path)


def test_bundle_names_each_columns_source(paper):
    """tables.json gives Table 1's columns their data set, field and year; IMD is marked as no open data."""
    sources = {c.name: c.source_data for c in paper.table(1).columns}
    cpi = sources["cpi_rank"]
    assert (cpi.dataset, cpi.field, cpi.year) == ("ti-cpi", "rank", 2020)
    assert sources["dai_2016"].scale == 100 and sources["dai_2016"].year == 2016
    assert sources["imd_rank"].open_data is False
    assert paper.country_names["venezuela rb"] == "VEN"


def test_cli_compare_dispatches_by_content(tmp_path):
    """`oqu compare` takes TI's xlsx, its CSV and the DAI workbook like a World Bank file; the CSV it writes
    parses back; the summary is printed in the chosen language."""
    out = tmp_path / "cpi.csv"
    result = run_cli("compare", str(CPI_CSV), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "CPI rank 2020: 10 of 11 agree; Russia: paper 124, TI 129."
    rows = pd.read_csv(out)
    russia = rows[rows["iso3"] == "RUS"].iloc[0]
    assert (russia["paper_value"], russia["source_value"], russia["agrees"]) == (124, 129, "no")
    result = run_cli("compare", str(DAI_XLSX), "--lang", "kk")
    assert result.returncode == 0, result.stderr
    rows = pd.read_csv(io.StringIO(result.stdout))
    ukr = rows[(rows["iso3"] == "UKR") & (rows["year"] == 2016)].iloc[0]
    assert ((ukr["match"], ukr["equals_year"], ukr["source_rounded"], ukr["source_truncated"])
            == ("differs", 2014, 54, 53))
    nld = rows[(rows["iso3"] == "NLD") & (rows["year"] == 2014)].iloc[0]
    assert (nld["match"], nld["agrees"]) == ("truncated", "yes")
    result = run_cli("compare", str(CPI_XLSX), "-o", str(out), "--lang", "ru")
    assert result.returncode == 0 and "Россия" in result.stdout


# -- in the window ------------------------------------------------------------------

def _marks(panel, prefix):
    return {(m.iso2, m.measure): m for m in panel.marks if m.measure.startswith(prefix)}


def test_gui_compare_button_loads_ti_and_marks_cells_and_chart(window, qtbot, monkeypatch):
    """Table 1's *Compare with a source file…* opens TI's workbook: Russia's CPI cell is marked and shows
    TI's rank, the summary has the real figures, the chart draws TI's ranks where the paper's are and
    rings Russia's."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    window.show_tab("tables")
    view = window.tables_view
    page = view.page(1)
    assert not page.worldbank_button.isHidden() and page.worldbank_button.text() == "Compare with a source file…"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(CPI_XLSX), ""))
    qtbot.mouseClick(page.worldbank_button, Qt.MouseButton.LeftButton)
    assert set(page.source_files) == {"ti-cpi"}
    assert "CPI rank 2020: 10 of 11 agree; Russia: paper 124, TI 129." in page.comparison.text()
    model = page.model
    cpi = 1 + [c.name for c in page.table.columns].index("cpi_rank")
    rows = {model.row(r)["iso3"]: r for r in range(model.rowCount())}
    russia = model.index(rows["RUS"], cpi)
    assert russia.data() == "124 (TI: 129)" and russia.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "differs" in russia.data(Qt.ItemDataRole.ToolTipRole)
    kaz = model.index(rows["KAZ"], cpi)
    assert kaz.data() == "94" and kaz.data(Qt.ItemDataRole.BackgroundRole) is None
    dots = page.chart.panels[0]
    ti = _marks(dots, "TI file")[("RU", "TI file, CPI rank 2020")]
    paper_mark = next(m for m in dots.marks if m.iso2 == "RU" and m.measure == "CPI rank 2020")
    assert ti.value == 129 and paper_mark.value == 124 and ti.point.y() == paper_mark.point.y()
    # Pointing at TI's diamond says what it is.
    qtbot.wait(50)
    page.chart.scene().sigMouseMoved.emit(dots.plot.vb.mapViewToScene(ti.point))
    assert page.chart.hover_text.splitlines()[:2] == ["Russia", "TI file, CPI rank 2020: 129"]
    scatter = page.chart.panels[-1]
    assert scatter.heading.text() == "Spearman ρ = 0.77 (TI: 0.77), n = 10"  # Russia's rank moves, not its place
    # ρ from TI's ranks, cross-checked with pandas on the same pairs
    frame = pd.DataFrame(page.table.rows).set_index("iso3")
    ti_ranks = frame["cpi_rank"].astype(float).copy()
    ti_ranks["RUS"] = 129
    expected = pd.concat([frame["imd_rank"].astype(float), ti_ranks], axis=1).dropna().corr("spearman").iloc[0, 1]
    assert scatter.source_correlation.rho == pytest.approx(expected) and scatter.source_correlation.n == 10


def test_gui_dai_and_the_csv_together_then_removed(window, qtbot):
    """The DAI workbook and TI's sheet as CSV are shown together (different columns), in the differences
    list too; a damaged file is refused and keeps them; *Remove the comparison* takes everything away."""
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtWidgets import QToolButton

    window.show_tab("tables")
    view = window.tables_view
    view.show_table(2)
    assert view.load_compare_file(str(DAI_XLSX)) and view.load_compare_file(str(CPI_CSV))
    assert view.tabs.currentIndex() == 0  # the files went to Table 1, whatever table was shown
    page = view.page(1)
    lines = page.comparison.text().splitlines()
    assert lines[0].startswith("DAIforweb.xlsx: DAI: 19 of 22 agree (7 only when truncated, 2 only when rounded)")
    assert "Ukraine 2016: paper 45, DAI 53.8 (the paper's figure is the 2014 value)" in lines[0]
    assert lines[1] == "CPI2020_GlobalTablesTS_210125.csv: CPI rank 2020: 10 of 11 agree; Russia: paper 124, TI 129."
    assert "World Bank, Digital Adoption Index" in page.comparison.toolTip()
    listed = page.differences_model
    assert listed.rowCount() == 33
    shown = {(listed.index(r, 0).data(), listed.index(r, 1).data()): r for r in range(listed.rowCount())}
    r = shown[("Netherlands", "DAI 2014, %")]
    assert (listed.index(r, 2).data(), listed.index(r, 3).data(), listed.index(r, 4).data()) == \
        ("82", "DAI 82.6", "agrees only when truncated")
    r = shown[("Ukraine", "DAI 2016, %")]
    assert listed.index(r, 4).data() == "differs; the paper's figure is the 2014 value"
    # The reader sorts the list by clicking a heading: "Agrees" puts the differing figures first,
    # "Source file" orders by the file's value (numbers, not their text); the figures stand right.
    sorted_view = page.differences
    header = sorted_view.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(4) + 5, header.height() // 2))
    shown_rows = sorted_view.model()
    verdicts = [shown_rows.index(i, 4).data() for i in range(shown_rows.rowCount())]
    assert [v.startswith("differs") for v in verdicts] == sorted((v.startswith("differs") for v in verdicts),
                                                                 reverse=True)
    assert verdicts[0].startswith("differs")
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(3) + 5, header.height() // 2))
    values = [d.scaled for d in (listed.differences[shown_rows.mapToSource(shown_rows.index(i, 0)).row()]
                                 for i in range(shown_rows.rowCount())) if d.scaled is not None]
    assert values == sorted(values) and len(values) > 20
    right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert [listed.index(0, c).data(Qt.ItemDataRole.TextAlignmentRole) == right for c in range(5)] == \
        [False, False, True, True, False]
    bars = page.chart.panels[1]
    dai = _marks(bars, "DAI file")
    assert dai[("NL", "DAI file, DAI 2014, %")].value == pytest.approx(82.6161, abs=1e-3)

    damaged = SOURCES.parent / "seed.txt"
    assert not view.load_compare_file(str(damaged))
    assert view.error_box is not None and set(page.source_files) == {"wb-dai", "ti-cpi"}
    view.error_box.close()

    remove = page.findChild(QToolButton, "removeComparison")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert page.source_files == {} and page.model.checks == {} and not page.comparison.isVisible()
    assert not _marks(bars, "DAI file") and not _marks(page.chart.panels[0], "TI file")
    assert page.chart.panels[-1].heading.text() == "Spearman ρ = 0.77, n = 10"


def test_gui_comparison_follows_the_language(window, qtbot):
    """Switching to Russian and Kazakh re-writes the summary, the marked cells and the list."""
    from oqu.ui.language import manager

    window.show_tab("tables")
    view = window.tables_view
    assert view.load_compare_file(str(CPI_XLSX)) and view.load_compare_file(str(DAI_XLSX))
    page = view.page(1)
    for lang, russia, word in (("ru", "Россия", "TI"), ("kk", "Ресей", "TI")):
        manager().apply(lang)
        qtbot.waitUntil(lambda russia=russia: russia in page.comparison.text())
        text = page.comparison.text()
        assert russia in text and "agree" not in text and "paper" not in text
        cpi = 1 + [c.name for c in page.table.columns].index("cpi_rank")
        r = next(r for r in range(page.model.rowCount()) if page.model.row(r)["iso3"] == "RUS")
        assert page.model.index(r, cpi).data() == f"124 ({word}: 129)"


def test_exported_comparison_parses_back(window, monkeypatch, tmp_path):
    """*Comparison with the source files as CSV…* writes what `oqu compare` writes, for both files."""
    from oqu.ui.tables import page as page_module

    window.show_tab("tables")
    view = window.tables_view
    assert view.load_compare_file(str(CPI_CSV)) and view.load_compare_file(str(DAI_XLSX))
    out = tmp_path / "cmp.csv"
    monkeypatch.setattr(page_module, "ask_save_path", lambda *a, **k: out)
    view.page(1).export_differences_csv()
    rows = pd.read_csv(out)
    assert len(rows) == 33 and set(rows["dataset"]) == {"ti-cpi", "wb-dai"}
    assert rows[(rows["iso3"] == "RUS") & (rows["column"] == "cpi_rank")]["source_value"].item() == 129


def _count_near(image, rgb, tolerance=40) -> int:
    """Pixels of a QImage within ``tolerance`` (per channel) of ``rgb``, sampled every 2nd pixel."""
    from PySide6.QtGui import QColor

    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            c = QColor(image.pixel(x, y))
            if all(abs(a - b) <= tolerance for a, b in zip((c.red(), c.green(), c.blue()), rgb)):
                found += 1
    return found


def test_the_marks_are_in_the_pictures(window, qtbot):
    """In the grabbed table the differing cells are tinted, on the chart the red rings are drawn, and an
    exported chart carries them; none is left after *Remove the comparison*."""
    from oqu.ui.tables.charts.export import framed_copy, render
    from PySide6.QtGui import QImage

    window.show_tab("tables")
    view = window.tables_view
    page = view.page(1)
    ring, tint = (0xD6, 0x27, 0x28), (0xFD, 0xE2, 0xE1)
    qtbot.wait(50)
    assert _count_near(page.chart.grab().toImage(), ring, 30) == 0
    assert _count_near(page.view.viewport().grab().toImage(), tint, 4) == 0
    assert view.load_compare_file(str(CPI_XLSX)) and view.load_compare_file(str(DAI_XLSX))
    qtbot.wait(50)
    assert _count_near(page.chart.grab().toImage(), ring, 30) > 40  # three rings on the bars, one on the dots
    # The whole table in view: a taller window, and the handle dragged down as a reader would.
    window.resize(1280, 1000)
    qtbot.wait(50)
    page.splitter.splitterMoved.emit(400, 1)
    page.splitter.setSizes([400, sum(page.splitter.sizes()) - 400])
    qtbot.wait(50)
    assert _count_near(page.view.viewport().grab().toImage(), tint, 4) > 500  # four tinted cells
    chart = framed_copy(page.chart)
    try:
        exported = QImage.fromData(render(chart, "png"))
    finally:
        chart.close()
        chart.deleteLater()
    assert _count_near(exported, ring, 30) > 40
    page.clear_overlay()
    qtbot.wait(50)
    assert _count_near(page.chart.grab().toImage(), ring, 30) == 0


def test_window_explains_a_source_files_problem_in_the_readers_language(window, tmp_path):
    """A CPI table of another year and a damaged cell are explained in Russian and Kazakh in the window,
    with the years and the cell named; what was compared before stays."""
    from oqu.ui.language import manager

    window.show_tab("tables")
    view = window.tables_view
    assert view.load_compare_file(str(DAI_XLSX))
    other_year = tmp_path / "cpi2021.csv"
    other_year.write_text(CPI_CSV.read_text(encoding="utf-8-sig").replace("CPI score 2020", "CPI score 2021"),
                          encoding="utf-8-sig")
    bad_cell = tmp_path / "cpi-bad.csv"
    bad_cell.write_text(CPI_CSV.read_text(encoding="utf-8-sig").replace("Denmark,DNK,WE/EU,88,1,",
                                                                        "Denmark,DNK,WE/EU,88,first,"),
                        encoding="utf-8-sig")
    for lang, years, cell in (
            ("ru", "Данные в этом файле — за 2021; цифры статьи — за 2020.",
             "Строка 4, столбец «Rank»: «first» — не число."),
            ("kk", "Бұл файлдағы деректер — 2021 жылғы; мақаладағы сандар — 2020 жылғы.",
             "4-жол, «Rank» бағаны: «first» сан емес.")):
        manager().apply(lang)
        assert not view.load_compare_file(str(other_year))
        assert view.error_box.informativeText() == years
        view.error_box.close()
        assert not view.load_compare_file(str(bad_cell))
        assert view.error_box.informativeText() == cell
        view.error_box.close()
    assert set(view.page(1).source_files) == {"wb-dai"}
