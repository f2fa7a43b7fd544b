"""The paper's tables as CSV, as the paper prints them."""
from __future__ import annotations

import csv
import io

from oqu.core.model import Table


def plain_number(value: float | None) -> str:
    """118.3 -> '118.3', 139.0 -> '139', None -> '' (a missing value, never 0)."""
    if value is None:
        return ""
    return format(value, "g") if value != int(value) else str(int(value))


def table_csv(table: Table, *, ids: bool = False) -> str:
    """One row per country in the paper's order, one column per measure, a header row.

    As the paper prints it: its column captions ("№", "Country", "in 2010", ...; two columns under one
    caption get their year after it) and its spellings ("The USA", "38 (in 2017)"); numbers are
    written with a decimal point. ``ids``: the bundle's column names (country, y2010, y2018_year, ...)
    and bare numbers, for scripts.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if ids:
        writer.writerow(_id_header(table))
        for row in table.rows:
            writer.writerow(_id_row(table, row))
        return out.getvalue()
    numbered = any(row.get("no") for row in table.rows)
    writer.writerow((["№"] if numbered else []) + ["Country"] + _captions(table))
    for row in table.rows:
        cells = [_printed(row[col.name], row.get(col.year_column) if col.year_column else None, col.year)
                 for col in table.columns]
        writer.writerow(([row.get("no", "")] if numbered else []) + [row["country"]] + cells)
    return out.getvalue()


def _captions(table: Table) -> list[str]:
    shared = {c.header for c in table.columns if sum(d.header == c.header for d in table.columns) > 1}
    return [f"{c.header} — {c.year}" if c.header in shared and c.year else c.header for c in table.columns]


def _printed(value: float | None, year: int | None, column_year: int | None) -> str:
    """A figure as the paper prints it: 38 (in 2017) when it belongs to another year than the column's."""
    text = plain_number(value)
    if text and year and year != column_year:
        text += f" (in {year})"
    return text


def _id_header(table: Table) -> list[str]:
    names = ["country"]
    for col in table.columns:
        names.append(col.name)
        if col.year_column:
            names.append(col.year_column)
    return names


def _id_row(table: Table, row: dict) -> list[str]:
    values = [row["country"]]
    for col in table.columns:
        values.append(plain_number(row[col.name]))
        if col.year_column:
            year = row.get(col.year_column)
            values.append("" if year is None else str(year))
    return values
