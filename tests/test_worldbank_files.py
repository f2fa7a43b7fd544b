"""The World Bank's downloads as users get them: the zip, Excel workbooks, UTF-16 text, empty and foreign
files; and what the comparison says about itself (table, indicator, release, rounding, missing values)."""
from __future__ import annotations

import csv
import io
import os
import zipfile
from decimal import Decimal

import pandas as pd
import pytest

from helpers import SOURCES, WORLDBANK, run_cli
from oqu.core.sourcefile import sniff
from oqu.core.worldbank import WorldBankError, compare, comparison_csv, read_worldbank

INTERNET = WORLDBANK / "API_IT.NET.USER.ZS_DS2_en_csv_v2_2164146.csv"
MOBILE = WORLDBANK / "API_IT.CEL.SETS.P2_DS2_en_csv_v2_887311.csv"
META_COUNTRY = '"Country Code","Region","IncomeGroup","SpecialNotes","TableName",\n"KAZ","Europe & Central Asia",' \
               '"Upper middle income","","Kazakhstan",\n'
META_INDICATOR = '"INDICATOR_CODE","INDICATOR_NAME","SOURCE_NOTE","SOURCE_ORGANIZATION",\n' \
                 '"IT.NET.USER.ZS","Individuals using the Internet (% of population)","...","ITU",\n'


def worldbank_zip(path, csv_file=INTERNET):
    """The World Bank's download: metadata first in the archive, as their zips list them."""
    stem = csv_file.name.removeprefix("API_")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"Metadata_Indicator_API_{stem}", "\ufeff" + META_INDICATOR)
        archive.writestr(f"Metadata_Country_API_{stem}", "\ufeff" + META_COUNTRY)
        archive.write(csv_file, csv_file.name)
    return path


def csv_rows(csv_file=INTERNET):
    return list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8-sig"), newline="")))


def cell(text: str):
    """A worksheet cell as Excel holds it: numbers as numbers, empty as nothing."""
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


def worldbank_xlsx(path, csv_file=INTERNET):
    """The Excel variant of the download: sheet "Data" in the CSV's layout (its "Last Updated Date"
    typed as a date), then a metadata sheet."""
    import datetime

    import openpyxl

    book = openpyxl.Workbook()
    data = book.active
    data.title = "Data"
    for row in csv_rows(csv_file):
        cells = [cell(c) for c in row]
        if row[:1] == ["Last Updated Date"]:
            cells[1] = datetime.datetime.strptime(row[1], "%Y-%m-%d")
        data.append(cells)
    meta = book.create_sheet("Metadata - Countries")
    for row in csv.reader(io.StringIO(META_COUNTRY)):
        meta.append(row)
    book.save(path)
    return path


def worldbank_xls(path, csv_file=INTERNET):
    """The same as Excel 97-2003 (.xls), the format the World Bank's "Excel" download has."""
    import datetime

    import xlwt

    book = xlwt.Workbook()
    data = book.add_sheet("Data")
    as_date = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(csv_rows(csv_file)):
        for c, text in enumerate(row):
            value = cell(text)
            if row[:1] == ["Last Updated Date"] and c == 1:
                data.write(r, c, datetime.datetime.strptime(text, "%Y-%m-%d"), as_date)
            elif value is not None:
                data.write(r, c, value)
    book.save(str(path))
    return path


def data_rows(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), comment="#")


@pytest.fixture(scope="module")
def from_csv():
    result = run_cli("compare", str(INTERNET))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_zip_download_gives_the_same_rows_as_its_csv(tmp_path, from_csv):
    """`oqu compare` on the World Bank's zip reads the API_….csv inside (not the metadata files listed
    before it), says which member it used, and gives the same rows as on the CSV itself."""
    archive = worldbank_zip(tmp_path / "API_IT.NET.USER.ZS_DS2_en_csv_v2_2164146.zip")
    result = run_cli("compare", str(archive))
    assert result.returncode == 0, result.stderr
    pd.testing.assert_frame_equal(data_rows(result.stdout), data_rows(from_csv))
    header = [line for line in result.stdout.splitlines() if line.startswith("#")]
    assert any(f"{INTERNET.name} from {archive.name}" in line for line in header)
    assert result.stderr == ""


def test_a_zip_without_an_indicator_file_says_what_it_holds(tmp_path):
    """A zip of only metadata (or of anything else) is refused naming what is in it."""
    path = tmp_path / "meta.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Metadata_Country_x.csv", META_COUNTRY)
        archive.writestr("notes.pdf", b"%PDF-1.4")
    with pytest.raises(WorldBankError, match="metadata file .*not a World Bank indicator file"):
        read_worldbank(path)
    empty_zip = tmp_path / "other.zip"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("picture.png", b"\x89PNG")
    with pytest.raises(WorldBankError, match="zip archive without a CSV file in it .*picture.png"):
        read_worldbank(empty_zip)


@pytest.mark.parametrize("make, name", [(worldbank_xlsx, "API.xlsx"), (worldbank_xls, "API.xls"),
                                        (worldbank_xlsx, "renamed.csv"), (worldbank_xls, "renamed-xls.csv")])
def test_excel_downloads_are_read_by_content(tmp_path, paper, make, name):
    """The Excel variants (.xls with xlrd, .xlsx with openpyxl), also renamed to .csv, are recognised by
    their bytes and give the same figures as the CSV."""
    path = make(tmp_path / name)
    expected = read_worldbank(INTERNET)
    wb = read_worldbank(path)
    assert sniff(path.read_bytes()) == ("xls" if make is worldbank_xls else "xlsx")
    assert wb.indicator == "IT.NET.USER.ZS" and wb.updated == "2021-03-19" and wb.member == "Data"
    assert wb.years == expected.years
    pd.testing.assert_frame_equal(wb.frame, expected.frame)
    assert comparison_csv(compare(paper, wb)) == comparison_csv(compare(paper, expected))


def test_utf16_unicode_text_is_read(tmp_path, paper):
    """Excel's "Unicode text": UTF-16 with a byte-order mark, tab-separated; and UTF-16 CSV with commas."""
    expected = read_worldbank(MOBILE)
    rows = csv_rows(MOBILE)
    for delimiter, encoding in (("\t", "utf-16"), (",", "utf-16-le")):
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
        path = tmp_path / f"unicode{encoding}.txt"
        path.write_bytes(out.getvalue().encode(encoding))
        wb = read_worldbank(path)
        pd.testing.assert_frame_equal(wb.frame, expected.frame)
        assert [d.official for d in compare(paper, wb)] == [d.official for d in compare(paper, expected)]


def test_an_empty_file_says_it_is_empty(tmp_path):
    """A 0-byte (or blank) file is "empty", not a puzzling "no header line"."""
    for content in (b"", b"\xef\xbb\xbf\r\n\n  "):
        path = tmp_path / "API_IT.NET.USER.ZS.csv"
        path.write_bytes(content)
        result = run_cli("compare", str(path))
        assert result.returncode == 1
        assert "API_IT.NET.USER.ZS.csv is empty" in result.stderr and len(result.stderr.splitlines()) == 1


def test_another_publishers_file_says_what_it_is_not(tmp_path):
    """Transparency International's CPI workbook, given to the World Bank reader, is named as what it is;
    a file Oqu does not know keeps the "not a World Bank indicator file" message; a workbook that is
    none of them says "Excel workbook" and how to get the CSV."""
    with pytest.raises(WorldBankError, match="Transparency International's Corruption Perceptions Index "
                                             "table, not a World Bank indicator file"):
        read_worldbank(SOURCES / "CPI2020_GlobalTablesTS_210125.xlsx")
    meta = tmp_path / "Metadata_Country.csv"
    meta.write_text(META_COUNTRY, encoding="utf-8")
    result = run_cli("compare", str(meta))
    assert result.returncode == 1 and "World Bank metadata file" in result.stderr
    assert "not a World Bank indicator file" in result.stderr
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Budget", 2021])
    other = tmp_path / "budget.xlsx"
    book.save(other)
    with pytest.raises(WorldBankError, match="Excel workbook .*Download → CSV"):
        read_worldbank(other)
    text = tmp_path / "notes.csv"
    text.write_text("hello,world\n", encoding="utf-8")
    with pytest.raises(WorldBankError, match="not a World Bank indicator file"):
        read_worldbank(text)


def test_damaged_zip_and_workbook_are_refused_in_one_line(tmp_path):
    """A cut-off zip or workbook: a WorldBankError naming it as damaged, never a traceback."""
    for make, name in ((worldbank_zip, "cut.zip"), (worldbank_xlsx, "cut.xlsx")):
        path = make(tmp_path / name)
        path.write_bytes(path.read_bytes()[:600])
        result = run_cli("compare", str(path))
        assert result.returncode == 1 and "damaged" in result.stderr, result.stderr
        assert len(result.stderr.splitlines()) == 1


def file_without(tmp_path, country: str, blank: tuple[str, str]):
    """The real Internet file without one country's row, and one value blanked."""
    rows = csv_rows(INTERNET)
    header = next(i for i, r in enumerate(rows) if r[:1] == ["Country Name"])
    year_col = rows[header].index(blank[1])
    kept = []
    for row in rows:
        if len(row) > 1 and row[1] == country:
            continue
        if len(row) > 1 and row[1] == blank[0]:
            row = list(row)
            row[year_col] = ""
        kept.append(row)
    out = io.StringIO()
    csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(kept)
    path = tmp_path / "API_IT.NET.USER.ZS_cut.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_the_comparison_says_what_it_compared_and_what_agrees_means(tmp_path):
    """The CSV's header names the table, the indicator and its release ("Last Updated"), and says what
    "agrees" means; a country missing from the file differs from a missing year; the file's value and
    the difference are rounded alike, so file_value - paper_value = difference exactly."""
    path = file_without(tmp_path, "TKM", ("KAZ", "2018"))
    result = run_cli("compare", str(path))
    assert result.returncode == 0, result.stderr
    header = "\n".join(line for line in result.stdout.splitlines() if line.startswith("#"))
    assert "Table 3" in header and "IT.NET.USER.ZS" in header and "Last Updated 2021-03-19" in header
    assert "half a unit of the paper's last printed digit" in header
    rows = list(csv.DictReader(line for line in result.stdout.splitlines() if not line.startswith("#")))
    notes = {(r["iso3"], r["year"]): r["note"] for r in rows}
    assert notes[("TKM", "2010")] == notes[("TKM", "2017")] == "country not in the file"
    assert notes[("KAZ", "2018")] == "no value for that year in the file"
    assert notes[("KAZ", "2010")] == ""
    for r in rows:
        if r["file_value"]:
            assert Decimal(r["file_value"]) - Decimal(r["paper_value"]) == Decimal(r["difference"]), r
            assert len(r["file_value"].partition(".")[2]) <= 2 and len(r["difference"].partition(".")[2]) <= 2


def test_compare_refuses_to_write_over_its_input(tmp_path):
    """`oqu compare IN.csv -o IN.csv` (also through a link to it) refuses, exit 2, the file unchanged."""
    source = tmp_path / INTERNET.name
    source.write_bytes(INTERNET.read_bytes())
    link = tmp_path / "link.csv"
    link.symlink_to(source)
    hard = tmp_path / "hard.csv"
    os.link(source, hard)
    for output in (source, link, hard):
        result = run_cli("compare", str(source), "-o", str(output))
        assert result.returncode == 2, result.stderr
        assert "is the input file" in result.stderr and len(result.stderr.splitlines()) == 1
    assert source.read_bytes() == INTERNET.read_bytes() and link.is_symlink()


def test_window_reads_the_zip_and_explains_the_comparison_in_kazakh(window, tmp_path):
    """*Compare with a World Bank file…* takes the zip; the note under the table names the member read,
    the table, indicator and release, and what "agrees" means, in the reader's language."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from oqu.ui.language import manager

    window.show_tab("tables")
    archive = worldbank_zip(tmp_path / "download.zip")
    assert window.tables_view.load_worldbank(str(archive))
    page = window.tables_view.page(3)
    text = page.comparison.text()
    assert f"download.zip: {INTERNET.name}" in text and "2021-03-19" in text and "Table 3" in text
    assert "half a unit of the paper's last printed digit" in text
    manager().apply("kk")
    QApplication.processEvents()  # the page retranslates on its LanguageChange event
    kazakh = page.comparison.text()
    assert "2021-03-19" in kazakh and "half a unit" not in kazakh and any(ch in kazakh for ch in "әғқңөұүһі")
    tooltip = page.differences_model.headerData(5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tooltip in kazakh  # the column's tooltip says the same, in Kazakh


def test_window_will_not_save_the_differences_over_the_compared_file(window, tmp_path, monkeypatch):
    """Exporting the differences over the World Bank file being compared (the reader picked it in the
    save dialog and agreed to replace) is refused with a message; the download stays intact."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    source = tmp_path / "internet.csv"
    source.write_bytes(INTERNET.read_bytes())
    window.show_tab("tables")
    assert window.tables_view.load_worldbank(str(source))
    page = window.tables_view.page(3)
    warned = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(source), ""))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    page.export_differences_csv()
    assert warned and "internet.csv" in warned[0]
    assert source.read_bytes() == INTERNET.read_bytes()
    other = tmp_path / "diff.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(other), ""))
    page.export_differences_csv()
    assert "IT.NET.USER.ZS" in other.read_text(encoding="utf-8").splitlines()[0]


def test_window_explains_empty_and_foreign_files_in_the_readers_language(window, tmp_path):
    """In Kazakh, an empty file and the download's metadata file are explained in Kazakh (what the file is,
    how to get the World Bank's CSV), not in the command line's English; the tables stay as they were."""
    from oqu.ui.language import manager

    manager().apply("kk")
    window.show_tab("tables")
    view = window.tables_view
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    assert not view.load_worldbank(str(empty))
    assert view.error_box.informativeText() == "Файл бос: онда дерек жоқ. Жүктеу үзіліп қалған болар?"
    view.error_box.close()
    meta = tmp_path / "Metadata_Country_API_IT.NET.USER.ZS.csv"
    meta.write_text(META_COUNTRY, encoding="utf-8")
    assert not view.load_worldbank(str(meta))
    detail = view.error_box.informativeText()
    assert "Дүниежүзілік банктің метадеректер файлы" in detail and "data.worldbank.org" in detail
    assert "not a World Bank" not in detail
    view.error_box.close()
    assert view.page(3).overlay is None
