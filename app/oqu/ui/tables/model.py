"""Qt models over the paper's tables (their parsed rows) and over a World Bank comparison.

Numbers are formatted for the UI language when shown; a missing value reads
"no data", never 0; Table 3's values observed in another year carry that year.
Sorting uses the raw numbers (``SORT_ROLE``), missing values last.
"""
from __future__ import annotations

import html
import math
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from oqu import i18n
from oqu.core.model import Table
from oqu.i18n import N_, _

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # raw number (missing: +inf, sorts last) or country name
ISO2_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's country code
VALUE_ROLE = Qt.ItemDataRole.UserRole + 3  # the raw number, or None when missing

NO_DATA = N_("no data")
# "no data" in grey, yet at least 4.5:1 against the table's background in either theme
MISSING_COLORS = {"light": QColor("#666666"), "dark": QColor("#a0a0a0")}
DIFFERS_COLOR = QColor("#fde2e1")

Index = QModelIndex | QPersistentModelIndex


def cell_value(value: Any) -> float | None:
    """A table cell as a float, or None when it is missing (None, NaN or pandas' NA)."""
    if value is None:
        return None
    try:
        number = float(value)
    except TypeError:  # pandas.NA
        return None
    return None if math.isnan(number) else number


def tooltip(text: str) -> str:
    """Bundle text as a tooltip that shows as text: Qt would render one that looks like markup."""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>" if text else ""


def country_name(row: dict) -> str:
    """The country's name in the UI language; the paper's spelling if babel does not know the code."""
    return i18n.territory_name(row.get("iso2") or "", row.get("country", ""))


class IndicatorTableModel(QAbstractTableModel):
    """One paper table: a country column, then one column per measure of ``tables.json``."""

    def __init__(self, table: Table, parent=None):
        super().__init__(parent)
        self.table = table
        self._records = table.records()  # plain rows: the table shows before pandas is imported
        self.checks: dict[tuple[str, str], Any] = {}  # (iso3, column) -> a source file's SourceCheck

    def set_checks(self, checks: list) -> None:
        """Source files' figures beside the paper's (``oqu.core.table_sources``): differing cells are marked."""
        self.checks = {(c.iso3, c.column): c for c in checks}
        if self._records:
            self.dataChanged.emit(self.index(0, 1), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def check(self, r: int, column: str):
        return self.checks.get((self._records[r].get("iso3"), column))

    # -- shape -----------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else 1 + len(self.table.columns)

    # -- content ---------------------------------------------------------
    def row(self, r: int) -> dict:
        return self._records[r]

    def value(self, r: int, column: str) -> float | None:
        return cell_value(self._records[r][column])

    def observed_year(self, r: int, column: str) -> int | None:
        """The year a value really belongs to when the paper marks it ("38 (in 2017)"), else None."""
        col = self.table.column(column)
        if not col.year_column:
            return None
        year = cell_value(self._records[r].get(col.year_column))
        return int(year) if year is not None else None

    def display_value(self, r: int, column: str) -> str:
        value = self.value(r, column)
        if value is None:
            return _(NO_DATA)
        text = i18n.format_number(value)
        year = self.observed_year(r, column)
        if year is not None:
            text = _("{value} (in {year})").format(value=text, year=year)
        return text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        record = self._records[r]
        if role == ISO2_ROLE:
            return record.get("iso2")
        if c == 0:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                return country_name(record)
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip(_("As printed in the paper: {name}").format(name=record.get("country", "")))
            return None
        col = self.table.columns[c - 1]
        value = self.value(r, col.name)
        check = self.check(r, col.name) if self.checks else None
        if role == Qt.ItemDataRole.DisplayRole:
            if check is not None and check.agrees is False:  # the source's figure beside the paper's
                return _("{paper} ({source}: {value})").format(
                    paper=self.display_value(r, col.name), source=source_short_name(check.dataset),
                    value=source_value_text(check))
            return self.display_value(r, col.name)
        if role == Qt.ItemDataRole.BackgroundRole and check is not None and check.agrees is False:
            return QBrush(DIFFERS_COLOR)
        if role == Qt.ItemDataRole.ForegroundRole and check is not None and check.agrees is False:
            return QBrush(QColor("#000000"))  # dark on the light marking, in the dark theme too
        if role == SORT_ROLE:
            return math.inf if value is None else value
        if role == VALUE_ROLE:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and value is None:
            return QBrush(missing_color())
        if role == Qt.ItemDataRole.ToolTipRole:
            year = self.observed_year(r, col.name)
            tip = col.header
            if year is not None:
                tip += "\n" + _("The paper marks this value as observed in {year}.").format(year=year)
            if value is None:
                tip += "\n" + _("The paper gives no value here.")
            if check is not None:
                tip += "\n" + check_sentence(check)
            return tooltip(tip)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return _("Country") if role == Qt.ItemDataRole.DisplayRole else None
        col = self.table.columns[section - 1]
        if role == Qt.ItemDataRole.DisplayRole:
            return column_label(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(col.header)
        return None

    def retranslate(self) -> None:
        """Re-read every text in the current language (names, numbers, headers)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self._records:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))


FILE_DECIMALS = 2  # a World Bank file's figures, alike in the differences table and the chart's hover


def missing_color() -> QColor:
    dark = QGuiApplication.palette().color(QPalette.ColorRole.Base).lightness() < 128
    return MISSING_COLORS["dark" if dark else "light"]


def column_label(col) -> str:
    """A column's short label in the UI language (``label`` in tables.json)."""
    return col.label.get(i18n.current_language()) or col.label.get("en") or col.name


def sorting_proxy(model: QAbstractTableModel, parent=None) -> QSortFilterProxyModel:
    """Sorts by raw numbers, filters on the country name (case-insensitive)."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setFilterKeyColumn(0)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    proxy.setSortLocaleAware(True)
    return proxy


def agrees_meaning() -> str:
    """What "agrees" means, in the reader's language (the CSV says it in oqu.core.worldbank.AGREES_MEANS)."""
    number = i18n.format_number
    return _("A figure agrees when the file's value is within half a unit of the paper's last printed digit, "
             "that is, when it rounds to the printed figure ({a}: within {a_tolerance}; {b}: within "
             "{b_tolerance}).").format(a=number(118.3), a_tolerance=number(0.05, decimals=2),
                                       b=number(139), b_tolerance=number(0.5, decimals=1))


def missing_text(missing: str | None) -> str:
    """Why the file has no value: the country is not in it, or it has no value for that year."""
    if missing == "country":
        return _("country not in the file")
    if missing == "year":
        return _("no value for that year")
    return _(NO_DATA)


class ComparisonModel(QAbstractTableModel):
    """The paper's figures beside a file's, one row a checked figure: what both comparisons share."""

    HEADERS: tuple[str, ...] = ()
    AGREES_COLUMN = -1  # its header's tooltip says what "agrees" means

    def __init__(self, differences: list, parent=None):
        super().__init__(parent)
        self.differences = differences

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.differences)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.HEADERS)

    @staticmethod
    def marking(d, role: int) -> Any:
        """The country and the light red of a differing row (dark text on it, in the dark theme too)."""
        if role == ISO2_ROLE:
            return d.iso2
        if role == Qt.ItemDataRole.BackgroundRole and d.agrees is False:
            return QBrush(DIFFERS_COLOR)
        if role == Qt.ItemDataRole.ForegroundRole and d.agrees is False:
            return QBrush(QColor("#000000"))
        return None

    def agrees_tooltip(self) -> str:
        raise NotImplementedError

    NUMBER_COLUMNS: tuple[int, ...] = ()  # aligned right

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        d, c = self.differences[index.row()], index.column()
        if role in (ISO2_ROLE, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            return self.marking(d, role)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            right = c in self.NUMBER_COLUMNS
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if right else None
        if role == SORT_ROLE:
            value = self.sort_values(d)[c]
            return math.inf if value is None else value  # missing sorts last
        if role == Qt.ItemDataRole.DisplayRole and c == 0:
            return country_name({"iso2": d.iso2, "country": d.country})
        return self.cell(d, c, role)

    def sort_values(self, d) -> tuple:
        """Row ``d``'s value in each column to sort by (None: missing)."""
        raise NotImplementedError

    def cell(self, d, c: int, role: int) -> Any:
        """Row ``d``'s display text (and tooltip) in column ``c`` > 0; data() answers the other roles."""
        raise NotImplementedError

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.HEADERS[section])
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole
                and section == self.AGREES_COLUMN):
            return self.agrees_tooltip()
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        if self.differences:
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))


class DifferencesModel(ComparisonModel):
    """The paper's figures beside a World Bank file's (``oqu.core.worldbank.compare``)."""

    HEADERS = (N_("Country"), N_("Year"), N_("Paper"), N_("World Bank file"), N_("Difference"), N_("Agrees"))
    AGREES_COLUMN = 5

    def agrees_tooltip(self) -> str:
        return agrees_meaning()

    NUMBER_COLUMNS = (1, 2, 3, 4, 5)

    def sort_values(self, d) -> tuple:
        return (country_name({"iso2": d.iso2, "country": d.country}), d.year, d.paper,
                d.file_value, d.difference, {True: 1, False: 0, None: 2}[d.agrees])

    def cell(self, d, c: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if c == 1:
            return str(d.year)
        if c in (2, 3, 4):
            v = (d.paper, d.file_value, d.difference)[c - 2]
            if v is None:
                return missing_text(d.missing) if c == 3 else _(NO_DATA)
            text = i18n.format_number(v, decimals=None if c == 2 else FILE_DECIMALS)
            return ("+" + text) if c == 4 and v > 0 else text
        if d.agrees is None:
            return "—"
        return _("yes") if d.agrees else _("differs")


# -- Table 1's sources (oqu.core.table_sources) -------------------------------------

SOURCE_SHORT = {"ti-cpi": N_("TI"), "wb-dai": N_("DAI")}
MATCH_TEXT = {"equal": N_("agrees"), "both": N_("agrees"), "rounded": N_("agrees only when rounded"),
              "truncated": N_("agrees only when truncated"), "differs": N_("differs"), "missing": N_("no data")}


def source_short_name(dataset: str) -> str:
    return _(SOURCE_SHORT[dataset]) if dataset in SOURCE_SHORT else dataset


def source_value_text(check) -> str:
    """The file's value in the paper's units: a rank as is, a DAI share as a percent with one decimal."""
    if check.scaled is None:
        return _(NO_DATA)
    return i18n.format_number(check.scaled, decimals=None if check.scale == 1 else 1)


def match_text(check) -> str:
    text = _(MATCH_TEXT[check.match])
    if check.equals_year is not None:
        text += "; " + _("the paper's figure is the {year} value").format(year=check.equals_year)
    return text


def check_sentence(check) -> str:
    """A cell's tooltip line: "TI, rank 2020: 129 — differs"."""
    return _("{source}, {year}: {value} — {verdict}").format(
        source=source_short_name(check.dataset), year=check.year, value=source_value_text(check),
        verdict=match_text(check))


class SourceChecksModel(ComparisonModel):
    """Table 1's figures beside its source files' (``oqu.core.table_sources.compare``)."""

    HEADERS = (N_("Country"), N_("Column"), N_("Paper"), N_("Source file"), N_("Agrees"))
    AGREES_COLUMN = 4

    def __init__(self, table: Table, checks: list, parent=None):
        super().__init__(checks, parent)
        self.table = table

    def agrees_tooltip(self) -> str:
        return _("Ranks agree when equal. An index printed as a whole percent agrees when the file's "
                 "value, rounded or truncated, gives the printed figure.")

    NUMBER_COLUMNS = (2, 3)
    MATCH_ORDER = {"differs": 0, "truncated": 1, "rounded": 2, "both": 3, "equal": 3, "missing": 4}

    def sort_values(self, d) -> tuple:
        return (country_name({"iso2": d.iso2, "country": d.country}),
                self.table.columns.index(self.table.column(d.column)), d.paper, d.scaled, self.MATCH_ORDER[d.match])

    def cell(self, d, c: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and c == 3 and d.source is not None:
            return tooltip(_("As in the file: {value}").format(value=i18n.format_number(d.source, decimals=None)))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if c == 1:
            return column_label(self.table.column(d.column))
        if c == 2:
            return _(NO_DATA) if d.paper is None else i18n.format_number(d.paper)
        if c == 3:
            return source_short_name(d.dataset) + " " + source_value_text(d)
        return match_text(d)
