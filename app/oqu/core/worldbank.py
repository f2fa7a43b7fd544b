"""World Bank indicator files, read offline, and the paper's figures checked against them.

The World Bank's bulk download of one indicator (``API_<indicator>_DS2_<lang>_csv_v2_<n>.csv``)
is UTF-8 with a byte-order mark; a few metadata lines come before the header
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

from oqu.core.model import Paper, Table
from oqu.core.tables import plain_number

if TYPE_CHECKING:  # pandas is imported on first use only
    import pandas as pd

HEADER = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
MAX_BYTES = 50_000_000  # the real files are about 250 kB; anything huge is not one of them
_CODE = re.compile(r"^[A-Z0-9]{3}$")


class WorldBankError(Exception):
    """The file is not a readable World Bank indicator file; the message says why, in plain words."""


@dataclass
class WorldBankFile:
    path: str
    indicator: str  # e.g. "IT.CEL.SETS.P2"
    indicator_name: str  # e.g. "Mobile cellular subscriptions (per 100 people)"
    updated: str | None  # the file's "Last Updated Date", as written
    names: dict[str, str]  # iso3 -> the economy's name in the file
    frame: "pd.DataFrame" = field(repr=False)  # index iso3, one float column per year, NaN = missing

    @property
    def years(self) -> list[int]:
        return [int(y) for y in self.frame.columns]

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


def _decode(raw: bytes) -> str:
    if b"\x00" in raw[:4096]:
        raise WorldBankError("this is a binary file, not a World Bank CSV file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorldBankError(f"the file is not UTF-8 text (byte {exc.start}); "
                             "it may be damaged or not a World Bank CSV file") from None


def parse_worldbank(text: str, path: str = "") -> WorldBankFile:
    """Parse the text of a World Bank indicator file; raise WorldBankError saying what is wrong."""
    import pandas as pd

    reader = csv.reader(io.StringIO(text, newline=""))
    updated = None
    try:
        for row in reader:
            if row[:4] == HEADER:
                header = row
                break
            if len(row) >= 2 and row[0] == "Last Updated Date":
                updated = row[1]
            if reader.line_num >= 10:
                raise StopIteration
        else:
            raise StopIteration
    except (StopIteration, csv.Error):
        raise WorldBankError("no header line \"Country Name\",\"Country Code\",\"Indicator Name\","
                             "\"Indicator Code\",years... near the top: this is not a World Bank "
                             "indicator file (API_<indicator>_DS2_..._csv_v2_....csv)") from None
    year_fields = header[4:]
    if year_fields and year_fields[-1] == "":
        year_fields = year_fields[:-1]  # the trailing comma
    if not year_fields or not all(re.fullmatch(r"\d{4}", y) for y in year_fields):
        raise WorldBankError(f"line {reader.line_num}: the header's columns after \"Indicator Code\" "
                             "must be years (1960, 1961, ...)")
    years = [int(y) for y in year_fields]
    if any(b <= a for a, b in zip(years, years[1:])):
        raise WorldBankError(f"line {reader.line_num}: the years in the header must increase, each once")
    width = 4 + len(years)

    codes: list[str] = []
    names: dict[str, str] = {}
    values: list[list[float]] = []
    indicator = indicator_name = None
    try:
        for row in reader:
            line = reader.line_num
            if not any(row):
                continue  # blank lines
            if len(row) == width + 1 and row[-1] == "":
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
    except csv.Error as exc:
        raise WorldBankError(f"line {reader.line_num}: {exc}") from None
    if not codes:
        raise WorldBankError("the file has a header but no rows of data")
    frame = pd.DataFrame(values, index=codes, columns=years, dtype="float64")
    return WorldBankFile(path=path, indicator=indicator or "", indicator_name=indicator_name or "",
                         updated=updated, names=names, frame=frame)


def read_worldbank(path: str | Path) -> WorldBankFile:
    """Read a World Bank indicator file from disk (see the module's description of the layout)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise WorldBankError(f"{path.name} is too large to be a World Bank indicator file")
        raw = path.read_bytes()
    except IsADirectoryError:
        raise WorldBankError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise WorldBankError(f"cannot read {path}: {exc.strerror or exc}") from None
    return parse_worldbank(_decode(raw), str(path))


# -- the paper against the file ----------------------------------------------

@dataclass(frozen=True)
class Difference:
    """One of the paper's figures beside the file's figure for the same country and year."""
    country: str  # as the paper prints it
    iso2: str
    iso3: str
    column: str  # the paper's column name (y2010, y2018, ...)
    year: int  # the year the figure belongs to (Table 3's "(in 2017)" values: 2017)
    paper: float | None
    official: float | None

    @property
    def difference(self) -> float | None:
        if self.paper is None or self.official is None:
            return None
        return round(self.official - self.paper, 6)

    @property
    def agrees(self) -> bool | None:
        """True when the file's value rounds to the paper's printed figure; None when one is missing."""
        if self.difference is None:
            return None
        return abs(self.difference) <= rounding_tolerance(self.paper) + 1e-9


def rounding_tolerance(printed: float | None) -> float:
    """Half a unit of the printed figure's last digit: 118.3 -> 0.05, 139 -> 0.5."""
    text = plain_number(printed)
    decimals = len(text.split(".")[1]) if "." in text else 0
    return 0.5 * 10 ** -decimals


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
                                    official=wb.value(row["iso3"], int(year))))
    return found


COMPARE_HEADER = ["country", "iso3", "year", "paper_value", "file_value", "difference", "agrees"]


def comparison_csv(differences: list[Difference]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COMPARE_HEADER)
    for d in differences:
        agrees = "" if d.agrees is None else ("yes" if d.agrees else "no")
        writer.writerow([d.country, d.iso3, d.year, plain_number(d.paper),
                         _plain(d.official), _plain(d.difference), agrees])
    return out.getvalue()


def _plain(value: float | None) -> str:
    return "" if value is None else plain_number(round(value, 4))


def compare_file(paper: Paper, path: str | Path) -> str:
    """``oqu compare FILE``: the CSV of the paper's figures against the file's."""
    return comparison_csv(compare(paper, read_worldbank(path)))
