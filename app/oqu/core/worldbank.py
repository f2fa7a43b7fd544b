"""World Bank indicator files, read offline, and the paper's figures checked against them.

The World Bank's bulk download of one indicator is a zip holding ``API_<indicator>_DS2_<lang>_csv_v2_<n>.csv``
and two ``Metadata_….csv`` files; the zip, the CSV taken out of it, its Excel variant (.xls/.xlsx, also when
renamed to .csv) and a CSV saved by Excel as "Unicode text" (UTF-16, tabs) are all read: the file is opened
by its content (``oqu.core.sourcefile``), and the first sheet in the indicator layout is used.

The CSV is UTF-8 with a byte-order mark; a few metadata lines come before the header
``"Country Name","Country Code","Indicator Name","Indicator Code","1960",...``;
every field is quoted, every line ends with a comma, a missing value is ``""``
and some numbers use exponents (``"6.27E-05"``). Economies and aggregates share
the file, one row each, one column per year.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from oqu.core import sourcefile
from oqu.core.model import Paper, Table
from oqu.core.sourcefile import SourceFileError
from oqu.core.tables import plain_number

if TYPE_CHECKING:  # pandas is imported on first use only
    import pandas as pd

HEADER = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
MAX_BYTES = sourcefile.MAX_BYTES
_CODE = re.compile(r"^[A-Z0-9]{3}$")
NOT_AN_INDICATOR_FILE = ("no header line \"Country Name\",\"Country Code\",\"Indicator Name\","
                         "\"Indicator Code\",years... near the top: this is not a World Bank "
                         "indicator file (API_<indicator>_DS2_..._csv_v2_....csv)")


class WorldBankError(SourceFileError):
    """The file is not a readable World Bank indicator file; the message says why, in plain words."""


@dataclass
class WorldBankFile:
    path: str
    indicator: str  # e.g. "IT.CEL.SETS.P2"
    indicator_name: str  # e.g. "Mobile cellular subscriptions (per 100 people)"
    updated: str | None  # the file's "Last Updated Date", as written: the release
    names: dict[str, str]  # iso3 -> the economy's name in the file
    frame: "pd.DataFrame" = field(repr=False)  # index iso3, one float column per year, NaN = missing
    member: str | None = None  # the zip member or worksheet read, when the file held several
    container: str = "text"  # text, utf16, zip, xlsx or xls (oqu.core.sourcefile.sniff)

    @property
    def origin(self) -> str:
        """What was read, for people: "download.zip: API_….csv" or the file's name."""
        name = Path(self.path).name
        return f"{name}: {self.member}" if self.member else name

    @property
    def years(self) -> list[int]:
        return [int(y) for y in self.frame.columns]

    def has_country(self, iso3: str) -> bool:
        return iso3 in self.frame.index

    def value(self, iso3: str, year: int) -> float | None:
        try:
            v = self.frame.at[iso3, year]
        except KeyError:
            return None
        return None if math.isnan(v) else float(v)

    def latest(self, iso3: str) -> tuple[int, float] | None:
        return self._latest.get(iso3)

    @cached_property
    def _latest(self) -> dict[str, tuple[int, float]]:
        """Each economy's most recent (year, value), found once: a chart asks on every re-draw."""
        values = self.frame.stack().dropna()  # (iso3, year) -> value, where the file has one
        last = values.groupby(level=0).tail(1)
        return {iso3: (int(year), float(v)) for (iso3, year), v in last.items()}


def _number(text: str, line: int, year: str) -> float:
    if text == "":
        return math.nan
    try:
        value = float(text)
    except ValueError:
        raise WorldBankError(f"line {line}, year {year}: {text[:20]!r} is not a number") from None
    if math.isnan(value) or math.isinf(value):
        raise WorldBankError(f"line {line}, year {year}: {text[:20]!r} is not a number")
    return value


def parse_worldbank(text: str, path: str = "") -> WorldBankFile:
    """Parse the text of a World Bank indicator file; raise WorldBankError saying what is wrong."""
    try:
        rows = sourcefile.text_rows(text)
    except SourceFileError as exc:
        raise WorldBankError(str(exc)) from None
    return parse_rows(rows, path)


def parse_rows(rows: list[list[str]], path: str = "") -> WorldBankFile:
    """Parse the rows (cells as text) of a World Bank indicator table, from a CSV or a worksheet."""
    import pandas as pd

    updated = header = None
    start = 0
    for number, row in enumerate(rows[:10], 1):
        row = [c.strip() for c in row]
        if row[:4] == HEADER:
            header, start = row, number
            break
        if len(row) >= 2 and row[0] == "Last Updated Date":
            updated = row[1]
    if header is None:
        raise WorldBankError(NOT_AN_INDICATOR_FILE)
    year_fields = header[4:]
    while year_fields and year_fields[-1] == "":
        year_fields = year_fields[:-1]  # the trailing comma (or a worksheet's empty cells)
    if not year_fields or not all(re.fullmatch(r"\d{4}", y) for y in year_fields):
        raise WorldBankError(f"line {start}: the header's columns after \"Indicator Code\" "
                             "must be years (1960, 1961, ...)")
    years = [int(y) for y in year_fields]
    if any(b <= a for a, b in zip(years, years[1:])):
        raise WorldBankError(f"line {start}: the years in the header must increase, each once")
    width = 4 + len(years)

    codes: list[str] = []
    names: dict[str, str] = {}
    values: list[list[float]] = []
    indicator = indicator_name = None
    for line, row in enumerate(rows[start:], start + 1):
        if not any(c.strip() for c in row):
            continue  # blank lines
        while len(row) > width and row[-1] == "":
            row = row[:-1]  # the trailing comma
        if len(row) != width:
            raise WorldBankError(f"line {line}: {len(row)} fields where the header has {width}; "
                                 "the file is damaged or cut off")
        name, code, ind_name, ind_code = row[:4]
        if not _CODE.match(code):
            raise WorldBankError(f"line {line}: {code[:20]!r} is not a three-letter country code")
        if indicator is None:
            indicator, indicator_name = ind_code, ind_name
        elif ind_code != indicator:
            raise WorldBankError(f"line {line}: indicator {ind_code!r} where the file began with "
                                 f"{indicator!r}; a file must hold one indicator")
        if code in names:
            raise WorldBankError(f"line {line}: country code {code} appears twice")
        names[code] = name
        codes.append(code)
        values.append([_number(v.strip(), line, y) for v, y in zip(row[4:], year_fields)])
    if not codes:
        raise WorldBankError("the file has a header but no rows of data")
    frame = pd.DataFrame(values, index=codes, columns=years, dtype="float64")
    return WorldBankFile(path=path, indicator=indicator or "", indicator_name=indicator_name or "",
                         updated=updated, names=names, frame=frame)


def read_worldbank(path: str | Path) -> WorldBankFile:
    """Read a World Bank indicator file from disk: its CSV, the zip it comes in, its Excel variant, a
    UTF-16 copy. Anything else is refused with what it is (or that it is no file Oqu knows)."""
    path = Path(path)
    try:
        sheets = sourcefile.open_sheets(path)
        kinds = [sourcefile.identify(sheet) for sheet in sheets]
    except SourceFileError as exc:
        raise WorldBankError(str(exc), reason=exc.reason, kind=exc.kind) from None
    for sheet, kind in zip(sheets, kinds):
        if kind == "worldbank-indicator":
            wb = parse_rows(sheet.rows, str(path))
            wb.member, wb.container = sheet.member, sheet.container
            return wb
    known = next((k for k in kinds if k is not None), None)
    workbook = bool(sheets) and sheets[0].container in ("xlsx", "xls")
    raise WorldBankError(_not_indicator_message(path.name, sheets, kinds), kind=known,
                         reason="foreign" if known else "workbook" if workbook else None)


def _not_indicator_message(name: str, sheets: list[sourcefile.Sheet], kinds: list[str | None]) -> str:
    """Say what the file is, when Oqu knows, and how to get the right one."""
    known = next((k for k in kinds if k is not None), None)
    if known is not None:
        return (f"{name} is {sourcefile.describe(known)}, not a World Bank indicator file; "
                f"{sourcefile.HOW_TO_GET_CSV}")
    if not sheets:
        return f"{name} holds no table: it is not a World Bank indicator file"
    container = sheets[0].container
    if container in ("xlsx", "xls"):
        listed = ", ".join(s.member or "" for s in sheets[:5])
        return (f"{name} is an Excel workbook without a World Bank indicator sheet (its sheets: {listed}); "
                f"{sourcefile.HOW_TO_GET_CSV}")
    if container == "zip":
        listed = ", ".join(s.member or "" for s in sheets[:5])
        return (f"{name} is a zip archive without a World Bank indicator file (API_….csv) in it "
                f"(it holds {listed})")
    return NOT_AN_INDICATOR_FILE


# -- the paper against the file ----------------------------------------------

FILE_DECIMALS = 2  # the file's values (and so the differences) are shown to this many decimals


@dataclass(frozen=True)
class Difference:
    """One of the paper's figures beside the file's figure for the same country and year."""
    country: str  # as the paper prints it
    iso2: str
    iso3: str
    column: str  # the paper's column name (y2010, y2018, ...)
    year: int  # the year the figure belongs to (Table 3's "(in 2017)" values: 2017)
    paper: float | None
    official: float | None  # the file's value, unrounded
    in_file: bool = True  # False: the country has no row in the file at all

    @property
    def file_value(self) -> float | None:
        """The file's value rounded as shown (FILE_DECIMALS), so that shown value - paper = difference."""
        return None if self.official is None else round(self.official, FILE_DECIMALS)

    @property
    def difference(self) -> float | None:
        shown = self.file_value
        if self.paper is None or shown is None:
            return None
        return round(shown - self.paper, FILE_DECIMALS)

    @property
    def agrees(self) -> bool | None:
        """True when the file's value is within half a unit of the paper's last printed digit (it rounds
        to the printed figure); None when one of them is missing."""
        if self.paper is None or self.official is None:
            return None
        return abs(self.official - self.paper) <= rounding_tolerance(self.paper) + 1e-9

    @property
    def missing(self) -> str | None:
        """Why there is nothing to compare: "country", "year" (the file has the country, not that year's
        value) or "paper" (the paper prints no figure); None when both values are there."""
        if not self.in_file:
            return "country"
        if self.official is None:
            return "year"
        if self.paper is None:
            return "paper"
        return None


def rounding_tolerance(printed: float | None) -> float:
    """Half a unit of the printed figure's last digit: 118.3 -> 0.05, 139 -> 0.5."""
    text = plain_number(printed)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** -decimals


AGREES_MEANS = ("agrees = yes when the file's value is within half a unit of the paper's last printed digit, "
                "i.e. it rounds to the printed figure (118.3: within 0.05; 139: within 0.5)")


def table_for(paper: Paper, wb: WorldBankFile) -> Table:
    """The paper's table that prints the file's indicator (``world_bank_indicator`` in tables.json)."""
    table = next((t for t in paper.tables if t.world_bank_indicator == wb.indicator), None)
    if table is None:
        known = ", ".join(f"{t.world_bank_indicator} (Table {t.id})" for t in paper.tables if t.world_bank_indicator)
        raise WorldBankError(f"this file holds the indicator {wb.indicator} ({wb.indicator_name}); "
                             + (f"the paper's tables use {known}" if known
                                else "no table of this paper names a World Bank indicator"))
    return table


def compare(paper: Paper, wb: WorldBankFile) -> list[Difference]:
    """Each figure of the paper's table for this indicator, in the paper's order, beside the file's."""
    table = table_for(paper, wb)
    found = []
    for row in table.rows:
        for col in table.columns:
            year = (row.get(col.year_column) if col.year_column else None) or col.year
            if year is None:  # a column without a year cannot be looked up in the file
                continue
            found.append(Difference(country=row["country"], iso2=row["iso2"], iso3=row["iso3"],
                                    column=col.name, year=int(year), paper=row[col.name],
                                    official=wb.value(row["iso3"], int(year)),
                                    in_file=wb.has_country(row["iso3"])))
    return found


COMPARE_HEADER = ["country", "iso3", "year", "paper_value", "file_value", "difference", "agrees", "note"]
MISSING_NOTES = {"country": "country not in the file", "year": "no value for that year in the file",
                 "paper": "the paper prints no figure"}


def comparison_csv(differences: list[Difference], wb: WorldBankFile | None = None,
                   table: Table | None = None) -> str:
    """The comparison as CSV. With ``wb`` (and the ``table`` compared), first ``#`` lines say what was
    compared with what (table, indicator, release, the file or zip member) and what "agrees" means;
    read it back with ``pandas.read_csv(..., comment="#")``."""
    out = io.StringIO()
    if wb is not None:
        for line in comparison_summary(wb, table):
            out.write(f"# {line}\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COMPARE_HEADER)
    for d in differences:
        agrees = "" if d.agrees is None else ("yes" if d.agrees else "no")
        writer.writerow([d.country, d.iso3, d.year, plain_number(d.paper), _plain(d.file_value),
                         _plain(d.difference), agrees, MISSING_NOTES.get(d.missing or "", "")])
    return out.getvalue()


def comparison_summary(wb: WorldBankFile, table: Table | None = None) -> list[str]:
    """What was compared, in plain lines (English: the command line's language)."""
    release = f"Last Updated {wb.updated}" if wb.updated else "no \"Last Updated Date\" in the file"
    used = f"{wb.member} from {Path(wb.path).name}" if wb.member else Path(wb.path).name
    which = f"Table {table.id}" if table is not None else "table"
    return [f"the paper's {which} against World Bank indicator {wb.indicator} "
            f"({wb.indicator_name}), release: {release}",
            f"file read: {used}",
            f"file_value and difference rounded to {FILE_DECIMALS} decimals; {AGREES_MEANS}"]


def _plain(value: float | None) -> str:
    return "" if value is None else plain_number(round(value, FILE_DECIMALS))


def compare_file(paper: Paper, path: str | Path) -> str:
    """``oqu compare FILE``: the CSV of the paper's figures against the file's, with its ``#`` header."""
    wb = read_worldbank(path)
    return comparison_csv(compare(paper, wb), wb, table_for(paper, wb))
