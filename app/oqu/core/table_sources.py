"""Table 1's own sources, read offline, and the paper's figures checked against them.

Two published files are read, each recognised by its content, never by its name:

- Transparency International's Corruption Perceptions Index table (``CPI2020_GlobalTablesTS_…xlsx``):
  a sheet ``CPI2020`` with two title rows above the header ``Country, ISO3, Region, CPI score 2020,
  Rank, …`` and a sheet ``CPI Timeseries 2012 - 2020`` (``CPI score 2019, Rank 2019, …``). Any other
  sheet (a re-saved copy may carry one) is skipped. The same sheet saved as CSV (UTF-8 with a
  byte-order mark, CRLF, the title rows kept; ``;`` as Excel writes it in many locales) reads the same.
- The World Bank's Digital Adoption Index workbook (``DAIforweb.xlsx``): ``country, Year, Digital
  Adoption Index, DAI Business/People/Government Sub-index``, shares 0–1, for 2014 and 2016. It names
  countries only ("Russian Federation", "Venezuela, RB"): they are matched to the paper's ISO codes
  through the paper's own spellings, the bundle's ``country_names.csv`` and CLDR's English names.

Files are opened and recognised by ``oqu.core.sourcefile``, as a World Bank file is: a workbook (.xlsx
or .xls), CSV in UTF-8 or in Windows' cp1252 (Excel's "CSV (Comma delimited)"), or a zip holding one.
Which column of the paper comes from which field is data: ``source_data`` in tables.json.
"""
from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from pathlib import Path

from oqu.core import sourcefile
from oqu.core.bundle import normal_name
from oqu.core.model import Paper, Table
from oqu.core.tables import plain_number
from oqu.i18n import (
    N_,  # marks the data sets' names for translation (the UI translates them)
    _,
    current_language,
    format_number,
    ngettext,
    territory_name,
)

DATASET_NAMES = {"ti-cpi": N_("Transparency International, Corruption Perceptions Index"),
                 "wb-dai": N_("World Bank, Digital Adoption Index")}
SHORT_NAMES = {"ti-cpi": "TI", "wb-dai": "DAI"}  # as the summaries name the file's figure
_ISO3 = re.compile(r"^[A-Z]{3}$")


class SourceFileError(Exception):
    """The file is one of Table 1's sources but cannot be used; the message says why (in English, for the
    command line). ``reason`` names the common cases so the window can say them in the reader's language:
    "damaged", "number" (details: sheet, row, column, text), "no rows", "years" (details: held, wanted,
    lists of years); None for the rest."""

    def __init__(self, message: str, *, reason: str | None = None, **details):
        super().__init__(message)
        self.reason = reason
        self.details = details


@dataclass
class SourceFile:
    path: str
    dataset: str  # "ti-cpi" or "wb-dai"
    sheets: list[str]  # the sheets read (empty for a CSV file)
    skipped: list[str]  # sheets of the workbook that hold neither data set (a third party's "Sheet1")
    names: dict[str, str]  # iso3 -> the country's name in the file
    values: dict[tuple[str, int], dict[str, float]]  # (field, year) -> iso3 -> value

    @property
    def name(self) -> str:
        return DATASET_NAMES[self.dataset]

    @property
    def is_csv(self) -> bool:
        return not self.sheets

    def value(self, iso3: str, field_name: str, year: int) -> float | None:
        return self.values.get((field_name, year), {}).get(iso3)

    def years(self, field_name: str) -> list[int]:
        return sorted(y for f, y in self.values if f == field_name)


# -- reading ----------------------------------------------------------------------
# The file is opened, and its kind recognised, by oqu.core.sourcefile (as a World Bank file is).

def _read_sheets(path: Path) -> list[tuple[str | None, list[list[str]]]]:
    """Every sheet as rows of text cells: (sheet name, rows); a text file (or a zip's CSV) is one
    sheet named None."""
    try:
        sheets = sourcefile.open_sheets(path, fallback_encoding="cp1252")
    except sourcefile.SourceFileError as exc:
        raise SourceFileError(str(exc), reason=exc.reason if exc.reason == "damaged" else None) from None
    return [(sheet.member if sheet.container in ("xlsx", "xls") else None,
             [[cell.strip() for cell in row] for row in sheet.rows]) for sheet in sheets]


def recognise(path: str | Path) -> str | None:
    """"ti-cpi" or "wb-dai" when the file's content is one of Table 1's sources, else None."""
    try:
        kinds = [sourcefile.identify(sheet) for sheet in sourcefile.open_sheets(path, fallback_encoding="cp1252")]
    except sourcefile.SourceFileError:
        return None
    return next((kind for kind in kinds if kind in DATASET_NAMES), None)


def _number(text: str, sheet: str | None, row: int, column: str) -> float | None:
    """A cell's number (a decimal comma too), None when empty; where it is, in the message otherwise."""
    if text == "":
        return None
    try:
        value = float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text else float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise _bad_cell(sheet, row, column, text)
    return value


def _bad_cell(sheet: str | None, row: int, column: str, text: str) -> SourceFileError:
    where = f"sheet “{sheet}”, row {row}" if sheet is not None else f"line {row}"
    return SourceFileError(f"{where}, {column}: {text[:20]!r} is not a number", reason="number",
                           sheet=sheet, row=row, column=column, text=text[:20])


def _ti_columns(labels: list[str]) -> dict[int, tuple[str, int]]:
    """Column index -> (field, year): "CPI score 2020", "Rank 2019", and a bare "Rank" of the sheet's year."""
    found: dict[int, tuple[str, int]] = {}
    score_years = []
    for k, label in enumerate(labels):
        m = re.fullmatch(r"(cpi score|rank) (\d{4})", label)
        if m:
            found[k] = ("score" if m.group(1) == "cpi score" else "rank", int(m.group(2)))
            if m.group(1) == "cpi score":
                score_years.append(int(m.group(2)))
    if "rank" in labels and score_years:
        found[labels.index("rank")] = ("rank", max(score_years))
    return found


DAI_FIELDS = {"digital adoption index": "index", "dai business sub-index": "business",
              "dai people sub-index": "people", "dai government sub-index": "government"}


class CountryMatcher:
    """A country name in a source file -> the paper's ISO alpha-3 code."""

    def __init__(self, paper: Paper):
        from babel import Locale

        english = Locale("en").territories
        self.codes: dict[str, str] = {}
        for table in paper.tables:
            for row in table.rows:
                for name in (row.get("country") or "", english.get(row.get("iso2") or "", "")):
                    if name:
                        self.codes.setdefault(normal_name(name), row["iso3"])
        self.codes.update(paper.country_names)  # the bundle's list has the last word

    def code(self, name: str) -> str | None:
        return self.codes.get(normal_name(name))


def read_source(path: str | Path, paper: Paper) -> SourceFile:
    """Read a TI CPI table (xlsx or CSV) or the DAI workbook; raise SourceFileError saying what is wrong."""
    path = Path(path)
    sheets = _read_sheets(path)
    matcher = CountryMatcher(paper)
    dataset = None
    read, skipped = [], []
    names: dict[str, str] = {}
    values: dict[tuple[str, int], dict[str, float]] = {}
    for sheet, rows in sheets:
        found = sourcefile.header(rows)
        if found is None or (dataset is not None and found[0] != dataset):
            if sheet is not None:
                skipped.append(sheet)
            continue
        dataset, start, labels = found
        if sheet is not None:
            read.append(sheet)
        if dataset == "ti-cpi":
            _read_ti(rows, start, labels, sheet, names, values)
        else:
            _read_dai(rows, start, labels, sheet, matcher, names, values)
    if dataset is None:
        raise SourceFileError("neither a Transparency International CPI table (a header with Country, ISO3, "
                              "CPI score and Rank) nor the World Bank's Digital Adoption Index (country, Year, "
                              "Digital Adoption Index) was found in this file")
    if not names:
        raise SourceFileError("the file has a header but no rows of data", reason="no rows")
    return SourceFile(str(path), dataset, read, skipped, names, values)


def _read_ti(rows, start, labels, sheet, names, values) -> None:
    country, iso3 = labels.index("country"), labels.index("iso3")
    columns = _ti_columns(labels)
    for r, row in enumerate(rows[start + 1:], start=start + 2):
        row = row + [""] * (len(labels) - len(row))
        code = row[iso3].upper()
        if not _ISO3.match(code):
            continue  # a blank line, or a footnote under the table
        names.setdefault(code, row[country])
        for k, key in columns.items():
            value = _number(row[k], sheet, r, rows[start][k])
            if value is not None:
                values.setdefault(key, {}).setdefault(code, value)


def _read_dai(rows, start, labels, sheet, matcher, names, values) -> None:
    """The DAI's rows; countries the paper does not hold (no code matches their name) are left out."""
    country, year_col = labels.index("country"), labels.index("year")
    columns = {k: DAI_FIELDS[x] for k, x in enumerate(labels) if x in DAI_FIELDS}
    for r, row in enumerate(rows[start + 1:], start=start + 2):
        row = row + [""] * (len(labels) - len(row))
        name = row[country]
        if not name:
            continue
        year = _number(row[year_col], sheet, r, rows[start][year_col])
        if year is None or not year.is_integer():
            raise _bad_cell(sheet, r, rows[start][year_col], row[year_col])
        code = matcher.code(name)
        if code is None:
            continue
        names.setdefault(code, name)
        for k, key in columns.items():
            value = _number(row[k], sheet, r, rows[start][k])
            if value is not None:
                values.setdefault((key, int(year)), {})[code] = value


# -- the paper against the file ------------------------------------------------------

@dataclass(frozen=True)
class SourceCheck:
    """One of the paper's figures beside the source file's for the same country, field and year.

    ``match`` says how they agree: "equal" (the same number), "both" (the source's value gives the
    printed figure rounded and truncated alike), "rounded" or "truncated" (only that way), "differs",
    or "missing" (the paper or the file has no value). ``equals_year``: when they do not agree, the
    other year whose value in the file gives the paper's figure, if one does.
    """
    country: str  # as the paper prints it
    iso2: str
    iso3: str
    column: str  # the paper's column name
    dataset: str
    field: str
    year: int
    paper: float | None
    source: float | None  # as in the file (a DAI share 0.826161, a rank 129)
    scale: float
    match: str
    equals_year: int | None = None

    @property
    def scaled(self) -> float | None:
        """The file's value in the paper's units (0.826161 -> 82.6161)."""
        return None if self.source is None else round(self.source * self.scale, 9)

    @property
    def agrees(self) -> bool | None:
        if self.match == "missing":
            return None
        return self.match != "differs"


def _decimals(printed: float) -> int:
    text = plain_number(printed)
    return len(text.split(".")[1]) if "." in text else 0


def how_it_matches(paper: float | None, value: float | None) -> str:
    """How a source's value (in the paper's units) gives the paper's printed figure; see SourceCheck."""
    if paper is None or value is None:
        return "missing"
    exact = Decimal(repr(value))
    if exact == Decimal(repr(paper)) and exact == exact.to_integral_value():
        return "equal"
    quantum = Decimal(1).scaleb(-_decimals(paper))
    printed = Decimal(plain_number(paper))
    rounded = exact.quantize(quantum, rounding=ROUND_HALF_UP) == printed
    truncated = exact.quantize(quantum, rounding=ROUND_DOWN) == printed
    if rounded and truncated:
        return "both"
    return "rounded" if rounded else "truncated" if truncated else "differs"


def compared_columns(table: Table, dataset: str):
    return [c for c in table.columns if c.source_data and c.source_data.open_data
            and c.source_data.dataset == dataset]


def table_for(paper: Paper, src: SourceFile) -> Table:
    """The paper's table whose columns come from this file's data set."""
    for table in paper.tables:
        if compared_columns(table, src.dataset):
            return table
    raise SourceFileError(f"no column of the paper's tables comes from the {src.name} "
                          "(source_data in tables.json)")


def compare(paper: Paper, src: SourceFile) -> list[SourceCheck]:
    """Each figure the paper takes from this data set, in the paper's order, beside the file's."""
    table = table_for(paper, src)
    columns = compared_columns(table, src.dataset)
    present = [c for c in columns if (c.source_data.field, c.source_data.year) in src.values]
    if not present:
        wanted = ", ".join(f"{c.source_data.field} {c.source_data.year}" for c in columns)
        held = ", ".join(f"{f} {y}" for f, y in sorted(src.values)) or "nothing"
        raise SourceFileError(f"the paper needs {wanted} from the {src.name}; this file holds {held}",
                              reason="years", wanted=sorted({c.source_data.year for c in columns}),
                              held=sorted({y for _f, y in src.values}))
    checks = []
    for row in table.rows:
        for col in columns:
            sd = col.source_data
            paper_value = row[col.name]
            source = src.value(row["iso3"], sd.field, sd.year)
            match = how_it_matches(paper_value, None if source is None else source * sd.scale)
            other = None
            if match == "differs":
                other = _other_year(src, row["iso3"], sd, paper_value)
            checks.append(SourceCheck(row["country"], row["iso2"], row["iso3"], col.name, sd.dataset, sd.field,
                                      sd.year, paper_value, source, sd.scale, match, other))
    return checks


def _other_year(src: SourceFile, iso3: str, sd, paper_value: float) -> int | None:
    """The nearest other year whose value in the file gives the paper's figure (Ukraine's "2016")."""
    for year in sorted(src.years(sd.field), key=lambda y: (abs(y - sd.year), y)):
        value = src.value(iso3, sd.field, year)
        if year != sd.year and value is not None and how_it_matches(paper_value, value * sd.scale) != "differs":
            return year
    return None


# -- summaries and the command line's CSV --------------------------------------------

@dataclass
class ColumnSummary:
    column: str
    checked: int  # figures with a value in both
    agree: int
    matches: Counter  # match -> count
    differing: list[SourceCheck]
    missing: int


def summarise(checks: list[SourceCheck]) -> list[ColumnSummary]:
    by_column: dict[str, list[SourceCheck]] = {}
    for c in checks:
        by_column.setdefault(c.column, []).append(c)
    found = []
    for column, cs in by_column.items():
        checked = [c for c in cs if c.agrees is not None]
        found.append(ColumnSummary(column, len(checked), sum(1 for c in checked if c.agrees),
                                   Counter(c.match for c in checked), [c for c in checked if not c.agrees],
                                   len(cs) - len(checked)))
    return found


def summary_text(paper: Paper, src: SourceFile, checks: list[SourceCheck], country=None) -> str:
    """One line in the UI language: "CPI rank 2020: 10 of 11 agree; Russia: paper 124, TI 129." (a file
    that checks several columns is named by its data set, each differing figure by its year). Countries
    are named in the UI language (CLDR), as the paper prints them where CLDR has no name."""
    table = table_for(paper, src)
    name_of = country or (lambda c: territory_name(c.iso2, c.country))
    short = SHORT_NAMES[src.dataset]
    summaries = summarise(checks)
    if len(summaries) == 1:
        col = table.column(summaries[0].column)
        label = col.label.get(_current_language()) or col.label.get("en") or col.name
    else:
        label = short
    checked = sum(s.checked for s in summaries)
    matches = sum((s.matches for s in summaries), Counter())
    text = ngettext("{label}: {agree} of {n} agrees", "{label}: {agree} of {n} agree", checked).format(
        label=label, agree=format_number(sum(s.agree for s in summaries)), n=format_number(checked))
    ways = []
    if matches.get("truncated"):
        ways.append(_("{n} only when truncated").format(n=format_number(matches["truncated"])))
    if matches.get("rounded"):
        ways.append(_("{n} only when rounded").format(n=format_number(matches["rounded"])))
    if ways:
        text += " (" + ", ".join(ways) + ")"
    differing = sorted((c for s in summaries for c in s.differing),
                       key=lambda c: ([r["iso3"] for r in table.rows].index(c.iso3), c.year))
    for c in differing:
        who = name_of(c) if len(summaries) == 1 else f"{name_of(c)} {c.year}"
        part = _("{country}: paper {paper}, {source} {value}").format(
            country=who, paper=format_number(c.paper), source=short,
            value=format_number(c.scaled, decimals=None if c.scale == 1 else 1))
        if c.equals_year is not None:
            part += " " + _("(the paper's figure is the {year} value)").format(year=c.equals_year)
        text += "; " + part
    missing = sum(s.missing for s in summaries)
    if missing:
        text += "; " + ngettext("{n} without a value", "{n} without a value", missing).format(
            n=format_number(missing))
    return text + "."


def _current_language() -> str:
    return current_language()


COMPARE_HEADER = ["country", "iso3", "column", "dataset", "field", "year", "paper_value", "source_value",
                  "source_rounded", "source_truncated", "agrees", "match", "equals_year"]


def comparison_csv(checks: list[SourceCheck]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COMPARE_HEADER)
    for c in checks:
        rounded = truncated = ""
        if c.scaled is not None and c.paper is not None:
            quantum = Decimal(1).scaleb(-_decimals(c.paper))
            exact = Decimal(repr(c.scaled))
            rounded = str(exact.quantize(quantum, rounding=ROUND_HALF_UP))
            truncated = str(exact.quantize(quantum, rounding=ROUND_DOWN))
        agrees = "" if c.agrees is None else ("yes" if c.agrees else "no")
        writer.writerow([c.country, c.iso3, c.column, c.dataset, c.field, c.year, plain_number(c.paper),
                         "" if c.source is None else plain_number(round(c.source, 6)), rounded, truncated,
                         agrees, c.match, "" if c.equals_year is None else c.equals_year])
    return out.getvalue()


def compare_file(paper: Paper, path: str | Path) -> tuple[str, str]:
    """``oqu compare FILE`` for a Table 1 source: (the CSV, the summary in the UI language)."""
    src = read_source(path, paper)
    checks = compare(paper, src)
    return comparison_csv(checks), summary_text(paper, src, checks)
