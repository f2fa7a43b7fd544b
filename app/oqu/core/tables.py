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


def table_csv(table: Table) -> str:
    """One row per country in the paper's order, one column per measure, a header row."""
    names = ["country"]
    for col in table.columns:
        names.append(col.name)
        if col.year_column:
            names.append(col.year_column)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in table.rows:
        values = [row["country"]]
        for col in table.columns:
            values.append(plain_number(row[col.name]))
            if col.year_column:
                year = row.get(col.year_column)
                values.append("" if year is None else str(year))
        writer.writerow(values)
    return out.getvalue()
