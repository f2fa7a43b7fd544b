"""What is this file? A data file a reader gives Oqu to compare with the paper, opened by its content.

A file's name says little: the World Bank's download is a zip, Excel saves "Unicode text" as UTF-16
with tabs, and a workbook renamed to ``.csv`` is still a workbook. So a file is opened in two steps:

1. ``sniff(raw)``: the container, from the first bytes: ``empty``, ``zip``, ``xlsx`` (a zip holding
   a workbook), ``xls`` (Excel 97-2003), ``utf16``, ``text`` or ``binary``;
2. ``open_sheets(path)``: its tables of text cells (``Sheet``: each CSV member of a zip, each
   worksheet of a workbook, the text itself), and ``identify(sheet)``: which publisher's file a
   sheet is, by its first rows (``KINDS``; a reader for a new kind adds an entry there).

Readers (``oqu.core.worldbank``, ``oqu.core.table_sources``) take the sheets of the kinds they read and
otherwise say what the file is — or that it is not a file they know.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from oqu.i18n import N_

MAX_BYTES = 50_000_000  # the real files are about 250 kB (a zip 80 kB); anything huge is none of them
SCAN_ROWS = 12  # a file's kind shows in its first rows
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
HOW_TO_GET_CSV = ("on the indicator's page at data.worldbank.org choose Download → CSV and give Oqu "
                  "the zip (or the API_….csv inside it)")
# The same, for the window; {site} and {download} are the World Bank's site and its button, as they read.
HOW_TO_GET_CSV_SENTENCE = N_("On the indicator's page at {site} choose {download} → CSV and open "
                             "the zip (or the API_….csv inside it).")
WORLD_BANK_SITE = {"site": "data.worldbank.org", "download": "Download"}


class SourceFileError(Exception):
    """The file cannot be read as a data file; the message says why, in plain words (English, for the
    command line). ``reason`` names the common cases so the window can say them in the reader's
    language: "empty", "foreign" (a file of a known other kind, ``kind``), "workbook" (an Excel
    workbook of no known kind); None for the rest."""

    def __init__(self, message: str, *, reason: str | None = None, kind: str | None = None):
        super().__init__(message)
        self.reason = reason
        self.kind = kind


@dataclass
class Sheet:
    """One table of a file, every cell as text ('' when empty)."""
    rows: list[list[str]]
    origin: str  # for messages: "download.zip: API_….csv", "book.xlsx, sheet Data", "file.csv"
    member: str | None = None  # the zip member or worksheet it came from; None for a plain text file
    container: str = "text"  # what sniff() said of the file


# -- step 1: the container -----------------------------------------------------------------------

def sniff(raw: bytes) -> str:
    """The container of a file from its bytes (see the module's description)."""
    if not raw.strip(b" \t\r\n\xef\xbb\xbf\xff\xfe\x00"):
        return "empty"
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx" if b"xl/workbook" in raw[:65536] or _zip_has(raw, "xl/workbook.xml") else "zip"
    if raw.startswith(OLE2_MAGIC):
        return "xls"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw[:4096]):
        return "utf16"
    if b"\x00" in raw[:4096]:
        return "binary"
    return "text"


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with every other byte zero."""
    if len(head) < 8:
        return False
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even) or \
        even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd)


def _zip_has(raw: bytes, name: str) -> bool:
    try:
        return name in zipfile.ZipFile(io.BytesIO(raw)).namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


# -- step 2: its sheets --------------------------------------------------------------------------

def read_bytes(path: str | Path) -> bytes:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SourceFileError(f"{path.name} is too large for any file Oqu compares with the paper")
        return path.read_bytes()
    except IsADirectoryError:
        raise SourceFileError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise SourceFileError(f"cannot read {path}: {exc.strerror or exc}") from None


def open_sheets(path: str | Path, raw: bytes | None = None, *, fallback_encoding: str | None = None) -> list[Sheet]:
    """Every table in the file at ``path``, in the order a reader should try them. Text that is not
    UTF-8 is refused, or decoded with ``fallback_encoding`` when given (Excel's "CSV (Comma delimited)"
    on Windows writes cp1252)."""
    name = Path(path).name
    raw = read_bytes(path) if raw is None else raw
    kind = sniff(raw)
    if kind == "empty":
        raise SourceFileError(f"{name} is empty: it holds no data (was the download interrupted?)", reason="empty")
    if kind == "binary":
        raise SourceFileError(f"{name} is a binary file, not a CSV file or a workbook")
    try:
        if kind == "zip":
            return _zip_sheets(raw, name)
        if kind == "xlsx":
            return _xlsx_sheets(raw, name)
        if kind == "xls":
            return _xls_sheets(raw, name)
    except SourceFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - a damaged archive or workbook fails in many ways
        what = {"zip": "zip archive", "xlsx": "Excel workbook", "xls": "Excel workbook"}[kind]
        raise SourceFileError(f"{name} cannot be read: it is a damaged {what} ({type(exc).__name__}: {exc})",
                              reason="damaged") from None
    return [Sheet(text_rows(decode(raw, kind, fallback_encoding)), name, None, kind)]


def decode(raw: bytes, kind: str = "text", fallback_encoding: str | None = None) -> str:
    if kind == "utf16":
        try:
            return raw.decode("utf-16")  # reads the byte-order mark, else little-endian (Windows)
        except UnicodeDecodeError as exc:
            raise SourceFileError(f"the file is damaged UTF-16 text (byte {exc.start})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if fallback_encoding:
            return raw.decode(fallback_encoding, errors="replace")
        raise SourceFileError(f"the file is not UTF-8 text (byte {exc.start}); "
                              "it may be damaged or not a World Bank CSV file") from None


def text_rows(text: str) -> list[list[str]]:
    """CSV rows of ``text``, separated by whichever of comma, semicolon (Excel's CSV in locales with a
    decimal comma) and tab (Excel's "Unicode text") its first lines hold most."""
    head = text[:4096]
    delimiter = max(",;\t", key=head.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise SourceFileError(f"the file is not readable CSV: {exc}") from None


def _zip_sheets(raw: bytes, name: str) -> list[Sheet]:
    """The CSV files in a zip, data before metadata: the World Bank's download holds
    ``API_<indicator>_….csv`` beside ``Metadata_Country_….csv`` and ``Metadata_Indicator_….csv``."""
    archive = zipfile.ZipFile(io.BytesIO(raw))
    members = [i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith((".csv", ".txt"))]
    if not members:
        listed = ", ".join(i.filename for i in archive.infolist()[:5]) or "nothing"
        raise SourceFileError(f"{name} is a zip archive without a CSV file in it (it holds {listed})")

    def order(info: zipfile.ZipInfo) -> tuple[int, str]:
        base = PurePosixPath(info.filename).name
        return (0 if base.startswith("API_") else 2 if base.startswith("Metadata_") else 1, base)

    sheets = []
    for info in sorted(members, key=order):
        if info.file_size > MAX_BYTES:
            raise SourceFileError(f"{info.filename} in {name} is too large to be a World Bank indicator file")
        data = archive.read(info)
        kind = sniff(data)
        if kind in ("text", "utf16"):
            sheets.append(Sheet(text_rows(decode(data, kind)), f"{name}: {info.filename}", info.filename, "zip"))
    return sheets


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")  # "Last Updated Date" typed as a date in Excel
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))  # Excel stores 2010 as 2010.0
    return str(value)


def _xlsx_sheets(raw: bytes, name: str) -> list[Sheet]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    try:
        return [Sheet([[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)],
                      f"{name}, sheet {ws.title}", ws.title, "xlsx") for ws in book.worksheets]
    finally:
        book.close()


def _xls_sheets(raw: bytes, name: str) -> list[Sheet]:
    import xlrd

    book = xlrd.open_workbook(file_contents=raw, on_demand=True)
    sheets = []
    for index in range(book.nsheets):
        ws = book.sheet_by_index(index)
        rows = [[_xls_cell(c, book.datemode) for c in ws.row(r)] for r in range(ws.nrows)]
        sheets.append(Sheet(rows, f"{name}, sheet {ws.name}", ws.name, "xls"))
    return sheets


def _xls_cell(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return _cell(xlrd.xldate_as_datetime(cell.value, datemode))
    return _cell(cell.value if cell.ctype != xlrd.XL_CELL_EMPTY else None)


# -- which publisher's file ----------------------------------------------------------------------

def _first_rows(sheet: Sheet) -> list[list[str]]:
    return [[c.strip() for c in row] for row in sheet.rows[:SCAN_ROWS]]


def _is_worldbank_indicator(sheet: Sheet) -> bool:
    return any(row[:2] == ["Country Name", "Country Code"] for row in _first_rows(sheet))


def _is_worldbank_metadata(sheet: Sheet) -> bool:
    first = _first_rows(sheet)[:1]
    return bool(first) and (first[0][:2] in (["Country Code", "Region"], ["INDICATOR_CODE", "INDICATOR_NAME"]))


def header(rows: list[list[str]]) -> tuple[str, int, list[str]] | None:
    """(kind, row index, labels) of the first of ``rows`` that is the header of Table 1's sources: TI's
    CPI table (Country, ISO3, CPI score YYYY, ...) or the DAI (country, Year, Digital Adoption Index, ...).
    Labels are casefolded, their spaces collapsed."""
    for i, row in enumerate(rows[:SCAN_ROWS]):
        labels = [" ".join(c.casefold().split()) for c in row]
        if "country" in labels and "iso3" in labels and any(re.fullmatch(r"cpi score \d{4}", x) for x in labels):
            return "ti-cpi", i, labels
        if "country" in labels and "year" in labels and "digital adoption index" in labels:
            return "wb-dai", i, labels
    return None


def _is_ti_cpi(sheet: Sheet) -> bool:
    found = header(sheet.rows)
    return found is not None and found[0] == "ti-cpi"


def _is_wb_dai(sheet: Sheet) -> bool:
    found = header(sheet.rows)
    return found is not None and found[0] == "wb-dai"


# kind -> (recogniser, what the file is, for messages: N_() so the window can translate it).
# Order matters: the first match wins.
KINDS: dict[str, tuple[Callable[[Sheet], bool], str]] = {
    "worldbank-indicator": (_is_worldbank_indicator, N_("a World Bank indicator file")),
    "worldbank-metadata": (_is_worldbank_metadata, N_("a World Bank metadata file (countries or indicator)")),
    "ti-cpi": (_is_ti_cpi, N_("Transparency International's Corruption Perceptions Index table")),
    "wb-dai": (_is_wb_dai, N_("the World Bank's Digital Adoption Index workbook")),
}


def identify(sheet: Sheet) -> str | None:
    """The kind of ``sheet`` (a key of KINDS), or None for a file Oqu does not know."""
    for kind, (recognise, _what) in KINDS.items():
        if recognise(sheet):
            return kind
    return None


def describe(kind: str) -> str:
    return KINDS[kind][1]
