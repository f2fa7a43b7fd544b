"""Load and validate a paper bundle (see data/README.md for its files).

Loading never raises for bad content: every problem is collected with its file
and line or field, and whatever is valid is still returned, so the app can show
what it can and ``oqu check`` can list everything at once.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from pathlib import Path
from typing import Any, Callable

from oqu.core import alignment
from oqu.core.model import (LANGS, MARKER_RE, READABLE_DATASETS, Author, Column, Marker, Paper, Paragraph, Reference,
                            Section, SourceData, Table, TablePlacement)
from oqu.core.problems import LoadResult, Problem  # LoadResult: also oqu.core.bundle's
from oqu.resources import data_dir

MAX_FILE_BYTES = 5 * 1024 * 1024  # far above any real paper; guards against a stray huge file
MAX_JSON_DEPTH = 64  # the bundle nests 6 deep; deeper is damage, and would exhaust the stack
MAX_NUMBER_DIGITS = 30  # longer JSON numbers are damage (and Python refuses ints over 4,300 digits)
# Tokens between strings, brackets and separators (numbers, true/false/null, NaN, junk).
# A string runs to its closing quote or the end of the text: always matches, never backtracks.
_JSON_STRING = r'"(?:[^"\\]++|\\.)*+"?'
_JSON_TOKEN_RE = re.compile(_JSON_STRING + r'|[^\s\[\]{}:,"]+')
_JSON_NEST_RE = re.compile(_JSON_STRING + r'|[\[\]{}]')
# CSL variables that are not plain text or numbers (https://docs.citationstyles.org/en/stable/specification.html).
CSL_NAME_VARS = {"author", "editor", "translator", "container-author", "collection-editor", "composer",
                 "director", "interviewer", "recipient", "reviewed-author", "illustrator", "original-author"}
CSL_DATE_VARS = {"issued", "accessed", "event-date", "original-date", "submitted"}
TABLE_RE = re.compile(r"^\{\{\s*table\s+(\d+)\s*\}\}$")
UNITS = {"rank", "percent", "per_100_people"}
INDICATOR_RE = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)+$")  # a World Bank code: IT.CEL.SETS.P2
EXPORT_SIZE_LIMITS = (200, 5000)  # pixels, each side of an exported chart
FAILED = object()  # read_json's answer for a file it could not parse (the problem is already reported)


class _Loader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []
        self.unreadable: set[str] = set()  # files not read at all: their problem is reported once, and
        # the cross-checks that need them (markers -> references, placements -> tables) are skipped

    # -- reading files ------------------------------------------------------
    def problem(self, file: str, message: str, line: int | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(file, message, line, field))

    def read_text(self, name: str) -> str | None:
        path = self.folder / name
        if not path.is_file():
            self.problem(name, "not a regular file (a folder or a device)" if path.exists() else "the file is missing")
            return None
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                self.problem(name, f"the file is too large ({size:,} bytes; at most {MAX_FILE_BYTES:,})")
                return None
            raw = path.read_bytes()
        except OSError as exc:
            self.problem(name, f"the file cannot be read ({exc.strerror or exc})")
            return None
        if b"\x00" in raw:
            line = raw[: raw.index(b"\x00")].count(b"\n") + 1
            self.problem(name, "the file is binary, not text", line)
            return None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            self.problem(name, "the file is not UTF-8 text", line)
            return None
        return text.replace("\r\n", "\n")

    def read_json(self, name: str) -> Any:
        """The parsed file, or FAILED (a problem is reported) -- a file holding only null is not FAILED."""
        text = self.read_text(name)
        if text is None:
            return FAILED
        too_deep = _nesting_too_deep(text)
        if too_deep is not None:
            self.problem(name, f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep", too_deep)
            return FAILED
        try:
            return json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int, parse_float=_parse_float)
        except json.JSONDecodeError as exc:
            self.problem(name, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno)
        except _BadNumber as exc:
            self.problem(name, f"invalid JSON: {exc.reason}", _token_line(text, exc.token))
        except RecursionError:  # the depth check above should make this unreachable
            self.problem(name, "the JSON is nested too deeply", 1)
        return FAILED

    # -- typed field access ------------------------------------------------
    def text_field(self, file: str, obj: dict, key: str, path: str, *, required: bool = True) -> str:
        value = obj.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(file, "expected a non-empty text" if value is None or isinstance(value, str)
                         else f"expected text, found {_kind(value)}", field=path)
            return ""
        return value

    def whole_number(self, file: str, obj: dict, key: str, path: str, *, required: bool = True) -> int | None:
        value = obj.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            self.problem(file, f"expected a whole number, found {_kind(value)}", field=path)
            return None
        return value

    def flag(self, file: str, obj: dict, key: str, path: str) -> bool:
        value = obj.get(key, False)
        if not isinstance(value, bool):
            self.problem(file, f"expected true or false, found {_kind(value)}", field=path)
            return False
        return value

    def lang_text(self, file: str, obj: dict, key: str, path: str) -> dict[str, str]:
        value = obj.get(key)
        if not isinstance(value, dict):
            self.problem(file, "expected an object with en, ru and kk texts", field=path)
            return {}
        return {lang: self.text_field(file, value, lang, f"{path}.{lang}") for lang in LANGS}

    def translations(self, file: str, value: Any, path: str, *, like: str | list[str]) -> dict[str, Any]:
        """Optional translations of a text (or list of texts) of ours: ``{"ru": ..., "kk": ...}``.

        Each must be of the same kind as the English (``like``): a non-empty text, or a list of as
        many texts; anything else is a problem and that translation is left out.
        """
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.problem(file, f"expected an object of translations, found {_kind(value)}", field=path)
            return {}
        found: dict[str, Any] = {}
        for lang, text in value.items():
            if lang not in LANGS or lang == "en":
                self.problem(file, f"unknown translation language {lang!r} (expected ru or kk)", field=path)
            elif isinstance(like, str) and not (isinstance(text, str) and text.strip()):
                self.problem(file, "expected a non-empty text", field=f"{path}.{lang}")
            elif isinstance(like, list) and not (isinstance(text, list) and len(text) == len(like)
                                                 and all(isinstance(x, str) and x.strip() for x in text)):
                self.problem(file, f"expected a list of {len(like)} texts, one for each English one",
                             field=f"{path}.{lang}")
            else:
                found[lang] = text
        return found

    # -- the bundle files --------------------------------------------------
    def guarded(self, file: str, load: Callable[[], Any], fallback: Callable[[], Any]) -> Any:
        """Run one loading step; an error the checks above missed becomes a problem, not a crash.

        Such a problem says "unexpected error": the property tests fail on it, so it is a bug to fix,
        but a user still gets the rest of the paper instead of a traceback.
        """
        try:
            return load()
        except Exception as exc:  # noqa: BLE001 (the point: nothing escapes the loader)
            self.problem(file, f"unexpected error while reading it ({type(exc).__name__}: {exc})")
            return fallback()

    @staticmethod
    def empty_meta() -> dict[str, Any]:
        return {"title": {}, "short_title": {}, "authors": [], "keywords_label": {}, "keywords": {},
                "abstract_heading": {}, "abstract": {}, "reference_lists": {}}

    def load_paper(self) -> dict[str, Any]:
        name = "paper.json"
        data = self.read_json(name)
        meta = self.empty_meta()
        if data is FAILED:
            return meta
        if not isinstance(data, dict):
            self.problem(name, f"expected a JSON object at the top level, found {_kind(data)}", 1)
            return meta
        if data.get("format") != 1:
            self.problem(name, f"unknown bundle format {data.get('format')!r} (expected 1)", field="format")
        for key in ("title", "keywords_label", "abstract_heading"):
            meta[key] = self.lang_text(name, data, key, key)
        if "short_title" in data:  # optional: our short name for the paper (the window title)
            meta["short_title"] = self.lang_text(name, data, "short_title", "short_title")
        meta["reference_lists"] = self.reference_lists(name, data.get("reference_lists"))
        for key in ("keywords", "abstract"):
            value = data.get(key)
            if not isinstance(value, dict):
                self.problem(name, "expected an object with en, ru and kk lists", field=key)
                continue
            for lang in LANGS:
                items = value.get(lang)
                if not isinstance(items, list) or not items or not all(isinstance(i, str) and i.strip() for i in items):
                    self.problem(name, "expected a non-empty list of texts", field=f"{key}.{lang}")
                    continue
                meta[key][lang] = items
        authors = data.get("authors")
        if not isinstance(authors, list) or not authors:
            self.problem(name, "expected a non-empty list of authors", field="authors")
            authors = []
        for i, a in enumerate(authors):
            path = f"authors[{i}]"
            if not isinstance(a, dict):
                self.problem(name, "expected an object", field=path)
                continue
            email = a.get("email")
            if email is not None and (not isinstance(email, str) or "@" not in email):
                self.problem(name, "expected an e-mail address or null", field=f"{path}.email")
                email = None
            meta["authors"].append(Author(
                name=self.lang_text(name, a, "name", f"{path}.name"),
                position=self.lang_text(name, a, "position", f"{path}.position"),
                affiliation=self.lang_text(name, a, "affiliation", f"{path}.affiliation"),
                email=email,
                corresponding=self.flag(name, a, "corresponding", f"{path}.corresponding"),
            ))
        return meta

    def reference_lists(self, name: str, value: Any) -> dict[str, str]:
        """The headings of the printed reference lists: "printed" is needed, "transliterated" optional."""
        if not isinstance(value, dict):
            self.problem(name, 'expected {"printed": "...", "transliterated": "..."}', field="reference_lists")
            return {}
        found = {"printed": self.text_field(name, value, "printed", "reference_lists.printed")}
        transliterated = self.text_field(name, value, "transliterated", "reference_lists.transliterated",
                                         required=False)
        if transliterated.strip():
            found["transliterated"] = transliterated
        return {k: v for k, v in found.items() if v}

    def load_spellings(self) -> tuple[tuple[str, ...], ...]:
        """spellings.json (optional): groups of spellings of one name that search treats as one."""
        name = "spellings.json"
        if not (self.folder / name).exists():
            return ()
        groups = []
        for i, group in enumerate(self.read_json_list(name, "names")):
            if (not isinstance(group, list) or len(group) < 2
                    or not all(isinstance(s, str) and s.strip() and " " not in s.strip() for s in group)):
                self.problem(name, "expected a list of two or more spellings, each one word",
                             field=f"names[{i}]")
                continue
            groups.append(tuple(s.strip() for s in group))
        return tuple(groups)

    def load_alignment(self, meta: dict[str, Any]) -> dict[str, list[dict[str, str]]]:
        """data/alignment.json, if the bundle has one (see oqu.core.alignment)."""
        if not (self.folder / alignment.FILE).exists():
            return {}
        text = self.read_text(alignment.FILE)
        data = self.read_json(alignment.FILE) if text is not None else FAILED
        if text is None or data is FAILED:
            return {}
        units, issues = alignment.check(data, meta)
        for issue in issues:
            self.problem(alignment.FILE, issue.message, _line_of(text, issue.text), issue.field or None)
        return units

    def load_body(self) -> list[Section]:
        name = "body.md"
        text = self.read_text(name)
        if text is None:
            self.unreadable.add(name)
            return []
        sections: list[Section] = []
        ids: set[str] = set()  # a set, not a scan of sections: big bundles load in linear time
        for lineno, raw in enumerate(text.split("\n"), start=1):
            line = raw.strip()
            if not line:
                continue
            if line.startswith("#"):
                title = line.lstrip("#").strip()
                if not title:
                    self.problem(name, "a section heading without a title", lineno)
                    continue
                sid = _slug(title)
                if sid in ids:
                    self.problem(name, f"a second section called {title!r}", lineno)
                    sid = f"{sid}-{lineno}"
                ids.add(sid)
                sections.append(Section(sid, title, lineno))
                continue
            if not sections:
                self.problem(name, "text before the first section heading (a line starting with '# ')", lineno)
                sections.append(Section("untitled", "", lineno))
            match = TABLE_RE.match(line)
            if match:
                if len(match.group(1)) > 9:
                    self.problem(name, f"no table has the number {_short(match.group(1))}", lineno)
                    continue
                sections[-1].blocks.append(TablePlacement(int(match.group(1)), lineno))
            elif line.startswith("{{"):
                self.problem(name, f"unknown placeholder {line!r} (expected '{{{{table N}}}}')", lineno)
            else:
                sections[-1].blocks.append(Paragraph(line, lineno))
        if not sections:
            self.problem(name, "the body holds no sections")
        for s in sections:
            if not s.paragraphs:
                self.problem(name, f"section {s.title!r} has no paragraphs", s.line)
        return sections

    def read_json_list(self, name: str, what: str) -> list:
        """The list of ``what`` in a JSON file: ``{"$schema": ..., "<what>": [...]}``, or the bare list;
        [] (with a problem) otherwise."""
        data = self.read_json(name)
        if data is FAILED:
            self.unreadable.add(name)
            return []
        if isinstance(data, dict) and what in data:
            data = data[what]
            if not isinstance(data, list):
                self.problem(name, f"expected a list of {what}, found {_kind(data)}", field=what)
                self.unreadable.add(name)
                return []
        if not isinstance(data, list):
            self.problem(name, f'expected {{"{what}": [...]}} at the top level, found {_kind(data)}', 1)
            self.unreadable.add(name)
            return []
        return data

    def load_tables(self) -> list[Table]:
        name = "tables.json"
        data = self.read_json_list(name, "tables")
        tables: list[Table] = []
        for i, t in enumerate(data):
            table = self._table(name, t, f"[{i}]")
            if table is None:
                continue
            if any(x.id == table.id for x in tables):
                self.problem(name, f"duplicate table id {table.id}", field=f"[{i}].id")
                continue
            tables.append(table)
        return tables

    def _table(self, name: str, t: Any, path: str) -> Table | None:
        if not isinstance(t, dict):
            self.problem(name, "expected an object", field=path)
            return None
        tid = self.whole_number(name, t, "id", f"{path}.id")
        if tid is None:
            return None
        columns: list[Column] = []
        raw_columns = t.get("columns")
        if not isinstance(raw_columns, list):
            self.problem(name, f"expected a list of columns, found {_kind(raw_columns)}", field=f"{path}.columns")
            raw_columns = []
        for j, c in enumerate(raw_columns):
            column = self._column(name, c, f"{path}.columns[{j}]")
            if column is None:
                continue
            if any(x.name == column.name for x in columns):
                self.problem(name, f"duplicate column name {column.name!r}", field=f"{path}.columns[{j}].name")
                continue
            columns.append(column)
        if not columns:
            self.problem(name, "a table needs at least one column", field=f"{path}.columns")
        sources = t.get("sources") or []
        if not isinstance(sources, list) or not all(isinstance(s, int) and not isinstance(s, bool) for s in sources):
            self.problem(name, "expected a list of reference numbers", field=f"{path}.sources")
            sources = []
        notes = t.get("notes") or []
        if not isinstance(notes, list) or not all(isinstance(s, str) for s in notes):
            self.problem(name, "expected a list of texts", field=f"{path}.notes")
            notes = []
        title_i18n = t.get("title_i18n") or {}
        if not isinstance(title_i18n, dict):
            self.problem(name, "expected an object of translations", field=f"{path}.title_i18n")
            title_i18n = {}
        notes_i18n = self.translations(name, t.get("notes_i18n"), f"{path}.notes_i18n", like=notes)
        file = self.text_field(name, t, "file", f"{path}.file")
        indicator = self.text_field(name, t, "world_bank_indicator", f"{path}.world_bank_indicator",
                                    required=False).strip()
        if indicator and not INDICATOR_RE.match(indicator):
            self.problem(name, f"{_short(indicator)!r} is not a World Bank indicator code (like IT.CEL.SETS.P2)",
                         field=f"{path}.world_bank_indicator")
            indicator = ""
        table = Table(
            id=tid, file=file, title=self.text_field(name, t, "title", f"{path}.title"),
            title_i18n={k: v for k, v in title_i18n.items() if k in LANGS and isinstance(v, str) and v.strip()},
            source_note=self.text_field(name, t, "source_note", f"{path}.source_note", required=False),
            sources=sources, notes=notes, columns=columns, rows=[], notes_i18n=notes_i18n,
            world_bank_indicator=indicator or None,
            chart_export_size=self.export_size(name, t.get("chart_export_size"), f"{path}.chart_export_size"),
        )
        table.markers = [Marker(-1, _small_int(m.group(1)), f"table-{tid}", tid, m.start(), m.end())
                         for m in MARKER_RE.finditer(table.source_note)]
        if file and self.inside_bundle(name, file, f"{path}.file"):
            table.rows = self._table_rows(file, columns)
        return table

    def export_size(self, name: str, value: Any, path: str) -> tuple[int, int] | None:
        if value is None:
            return None
        low, high = EXPORT_SIZE_LIMITS
        if (not isinstance(value, list) or len(value) != 2
                or not all(isinstance(v, int) and not isinstance(v, bool) and low <= v <= high for v in value)):
            self.problem(name, f"expected [width, height] in pixels, each from {low} to {high}", field=path)
            return None
        return value[0], value[1]

    def _column(self, name: str, c: Any, path: str) -> Column | None:
        if not isinstance(c, dict):
            self.problem(name, f"expected an object, found {_kind(c)}", field=path)
            return None
        unit = c.get("unit")
        if not isinstance(unit, str) or unit not in UNITS:  # a list here is unhashable: test the type first
            unit = None
            self.problem(name, f"unit must be one of {', '.join(sorted(UNITS))}", field=f"{path}.unit")
        year_column = c.get("year_column")
        if year_column is not None and not isinstance(year_column, str):
            self.problem(name, f"expected a column name, found {_kind(year_column)}", field=f"{path}.year_column")
            year_column = None
        column_name = self.text_field(name, c, "name", f"{path}.name")
        if not column_name:
            return None
        return Column(
            name=column_name,
            header=self.text_field(name, c, "header", f"{path}.header", required=False),
            label=self.lang_text(name, c, "label", f"{path}.label"),
            unit=unit or "rank",
            year=self.whole_number(name, c, "year", f"{path}.year", required=False),
            lower_is_better=self.flag(name, c, "lower_is_better", f"{path}.lower_is_better"),
            source=self.whole_number(name, c, "source", f"{path}.source", required=False),
            year_column=year_column or None,
            source_data=self._source_data(name, c.get("source_data"), f"{path}.source_data"),
        )

    def check_indicators(self, paper: Paper) -> None:
        """A World Bank file is compared with the one table that names its indicator."""
        seen: dict[str, int] = {}
        for table in paper.tables:
            code = table.world_bank_indicator
            if code and code in seen:
                self.problem("tables.json", f"tables {seen[code]} and {table.id} both name the indicator {code}",
                             field=f"table {table.id}.world_bank_indicator")
                table.world_bank_indicator = None
            elif code:
                seen[code] = table.id

    def _source_data(self, name: str, s: Any, path: str) -> SourceData | None:
        """A column's data set, field and year; a data set Oqu reads must name one of its fields."""
        if s is None:
            return None
        if not isinstance(s, dict):
            self.problem(name, f"expected an object with dataset, field and year, found {_kind(s)}", field=path)
            return None
        dataset = self.text_field(name, s, "dataset", f"{path}.dataset")
        field_name = self.text_field(name, s, "field", f"{path}.field")
        year = self.whole_number(name, s, "year", f"{path}.year")
        open_data = s.get("open_data", True)
        if not isinstance(open_data, bool):
            self.problem(name, f"expected true or false, found {_kind(open_data)}", field=f"{path}.open_data")
            open_data = True
        scale = s.get("scale", 1)
        if isinstance(scale, bool) or not isinstance(scale, (int, float)) or not scale > 0:
            found = scale if isinstance(scale, (int, float)) and not isinstance(scale, bool) else _kind(scale)
            self.problem(name, f"expected a positive number, found {found}", field=f"{path}.scale")
            scale = 1
        if not (dataset and field_name and year is not None):
            return None
        if open_data:
            fields = READABLE_DATASETS.get(dataset)
            if fields is None:
                known = ", ".join(sorted(READABLE_DATASETS))
                self.problem(name, f"unknown data set {dataset!r} (Oqu reads {known}; for one without open "
                             "data write \"open_data\": false)", field=f"{path}.dataset")
                return None
            if field_name not in fields:
                self.problem(name, f"the data set {dataset} has no field {field_name!r} "
                             f"(it has {', '.join(fields)})", field=f"{path}.field")
                return None
        return SourceData(dataset, field_name, year, float(scale), open_data)

    def inside_bundle(self, file: str, name: str, path: str) -> bool:
        """A file named in the bundle must lie inside its folder: never read /etc/passwd or ../.."""
        try:
            (self.folder / name).resolve().relative_to(self.folder.resolve())
        except (ValueError, OSError):
            self.problem(file, f"{name!r} is not a file inside the bundle folder", field=path)
            return False
        return True

    def _table_rows(self, file: str, columns: list[Column]) -> list[dict[str, Any]]:
        text = self.read_text(file)
        if text is None:
            return []
        reader = csv.DictReader(io.StringIO(text))
        try:
            header = reader.fieldnames or []
        except csv.Error as exc:
            self.problem(file, f"invalid CSV: {exc}", 1)
            return []
        duplicates = sorted({n for n in header if header.count(n) > 1})
        if duplicates:
            self.problem(file, "duplicate column(s): " + ", ".join(duplicates), 1)
            return []
        needed = (["country", "iso2", "iso3"] + [c.name for c in columns]
                  + [c.year_column for c in columns if c.year_column])
        missing = [n for n in needed if n not in header]
        if missing:
            self.problem(file, "missing column(s): " + ", ".join(missing), 1)
            return []
        rows: list[dict[str, Any]] = []
        end = reader.line_num
        try:
            for row in reader:
                # A record starts after the previous one ends (a quoted field may span lines).
                lineno, end = end + 1, reader.line_num
                if None in row or any(v is None for v in row.values()):
                    spans = f" (a quote opened here runs to line {end})" if end > lineno else ""
                    self.problem(file, "wrong number of fields" + spans, lineno)
                    continue
                parsed: dict[str, Any] = dict(row)
                if not row["country"].strip():
                    self.problem(file, "the country is empty", lineno, "country")
                if not re.fullmatch(r"[A-Z]{2}", row["iso2"]) or not re.fullmatch(r"[A-Z]{3}", row["iso3"]):
                    self.problem(file, "iso2 must be two and iso3 three capital letters", lineno, "iso2/iso3")
                for c in columns:
                    parsed[c.name] = self._number(file, row[c.name], lineno, c.name)
                    if c.year_column:
                        parsed[c.year_column] = self._year(file, row[c.year_column], lineno, c.year_column)
                rows.append(parsed)
        except csv.Error as exc:
            self.problem(file, f"invalid CSV: {exc}", reader.line_num)
        if not rows:
            self.problem(file, "the table has no rows", 1)
        return rows

    def _number(self, file: str, value: str, line: int, column: str) -> float | None:
        value = value.strip()
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.problem(file, f"{value!r} is not a number (use a dot for decimals; leave empty when missing)",
                         line, column)
            return None
        if number != number or number in (float("inf"), float("-inf")):
            self.problem(file, f"{value!r} is not a finite number", line, column)
            return None
        return number

    def _year(self, file: str, value: str, line: int, column: str) -> int | None:
        year = self._number(file, value, line, column)
        if year is None:
            return None
        if year != int(year) or not 1000 <= year <= 9999:
            self.problem(file, f"{value.strip()!r} is not a year", line, column)
            return None
        return int(year)

    def load_country_names(self) -> dict[str, str]:
        """country_names.csv (optional): other spellings of countries, each naming one ISO alpha-3 code."""
        name = "country_names.csv"
        if not (self.folder / name).exists():
            return {}
        text = self.read_text(name)
        if text is None:
            return {}
        reader = csv.DictReader(io.StringIO(text))
        found: dict[str, str] = {}
        try:  # the header line is parsed lazily, by the first look at fieldnames: inside the try too
            if reader.fieldnames is None or not {"iso3", "name"} <= set(reader.fieldnames):
                self.problem(name, "the header must be: iso3,name", 1)
                return {}
            for row in reader:
                line = reader.line_num
                code, spelling = (row.get("iso3") or "").strip(), (row.get("name") or "").strip()
                if not re.fullmatch(r"[A-Z]{3}", code):
                    self.problem(name, f"{code[:12]!r} is not a three-letter ISO code", line, "iso3")
                    continue
                if not spelling:
                    self.problem(name, "the name is empty", line, "name")
                    continue
                key = normal_name(spelling)
                if found.get(key, code) != code:
                    self.problem(name, f"{spelling!r} is already given to {found[key]}", line, "name")
                    continue
                found[key] = code
        except csv.Error as exc:
            self.problem(name, f"invalid CSV: {exc}", max(reader.line_num, 1))
        return found

    def load_references(self) -> list[Reference]:
        name = "references.json"
        data = self.read_json_list(name, "references")
        refs: list[Reference] = []
        numbers: set[int] = set()  # sets, not scans of refs: big bundles load in linear time
        csl_ids: set[str] = set()
        for i, r in enumerate(data):
            path = f"[{i}]"
            if not isinstance(r, dict):
                self.problem(name, "expected an object", field=path)
                continue
            n, csl = r.get("n"), r.get("csl")
            if not isinstance(n, int) or isinstance(n, bool) or n < 1:
                self.problem(name, "expected a reference number (1, 2, ...)", field=f"{path}.n")
                continue
            if n in numbers:
                self.problem(name, f"duplicate reference number {n}", field=f"{path}.n")
                continue
            if not isinstance(csl, dict):
                self.problem(name, "expected a CSL-JSON object", field=f"{path}.csl")
                continue
            csl = self._csl(name, csl, f"{path}.csl")
            if csl.get("id") in csl_ids:
                self.problem(name, f"duplicate CSL id {csl.get('id')!r}", field=f"{path}.csl.id")
            remarks = r.get("remarks") or []
            if not isinstance(remarks, list) or not all(isinstance(x, dict) for x in remarks):
                self.problem(name, "expected a list of {field, text} objects", field=f"{path}.remarks")
                remarks = []
            refs.append(Reference(
                n=n,
                printed=self.text_field(name, r, "printed", f"{path}.printed"),
                transliterated=self.text_field(name, r, "transliterated", f"{path}.transliterated", required=False),
                remarks=[{"field": str(x.get("field", "")), "text": str(x.get("text", "")),
                          "text_i18n": self.translations(name, x.get("text_i18n"), f"{path}.remarks[{j}].text_i18n",
                                                         like=str(x.get("text", "")))}
                         for j, x in enumerate(remarks)],
                csl=csl,
                source_language=self.text_field(name, r, "source_language", f"{path}.source_language",
                                                required=False),
            ))
            numbers.add(n)
            csl_ids.add(refs[-1].id)
        return refs

    def _csl(self, name: str, csl: dict, path: str) -> dict[str, Any]:
        """The CSL item with every ill-typed variable reported and left out, so exports and views can trust it."""
        for key in ("id", "type", "title"):
            self.text_field(name, csl, key, f"{path}.{key}")
        clean: dict[str, Any] = {}
        for key, value in csl.items():
            where = f"{path}.{key}"
            if key in CSL_DATE_VARS:
                ok, message = _valid_date(value), "expected {\"date-parts\": [[year, month, day]]} with a real date"
            elif key in CSL_NAME_VARS:
                ok, message = _valid_names(value), "expected a list of {\"family\", \"given\"} or {\"literal\"} names"
            elif key == "URL":
                ok, message = isinstance(value, str) and re.match(r"https?://\S+$", value) is not None, \
                    "expected a web address starting with http:// or https://"
            else:
                ok = isinstance(value, str) or (isinstance(value, (int, float)) and not isinstance(value, bool))
                message = f"expected text or a number, found {_kind(value)}"
            if ok:
                clean[key] = value
            elif key not in ("id", "type", "title"):  # those three are reported above
                self.problem(name, message, field=where)
        return clean

    # -- cross-checks ------------------------------------------------------
    def index_markers(self, paper: Paper) -> None:
        """Number every marker in reading order and check each resolves (unless the file it would resolve
        in could not be read at all: that is one problem, already listed, not one per marker)."""
        check_refs = "references.json" not in self.unreadable
        check_tables = "tables.json" not in self.unreadable
        known = {r.n for r in paper.references}
        index = 0
        placed: set[int] = set()
        for section in paper.sections:
            for b, block in enumerate(section.blocks):
                if isinstance(block, TablePlacement):
                    table = paper.table(block.table)
                    if table is None:
                        if check_tables:
                            self.problem("body.md", f"table {block.table} is not in tables.json", block.line)
                        continue
                    if block.table in placed:
                        self.problem("body.md", f"table {block.table} is placed twice", block.line)
                    placed.add(block.table)
                    for m in table.markers:
                        m.index = index
                        index += 1
                        if m.ref not in known and check_refs:
                            digits = table.source_note[m.start + 1:m.end - 1]
                            self.problem("tables.json", f"marker [{_short(digits)}] cites no reference",
                                         field=f"table {table.id}.source_note")
                    continue
                block.markers = []
                for match in MARKER_RE.finditer(block.text):
                    ref = _small_int(match.group(1))
                    block.markers.append(Marker(index, ref, section.id, b, match.start(), match.end()))
                    index += 1
                    if ref not in known and check_refs:
                        self.problem("body.md", f"marker [{_short(match.group(1))}] cites no reference", block.line)
        if "body.md" in self.unreadable:
            return  # nothing is cited, nothing placed: the body's own problem says why
        for table in paper.tables:
            if table.id not in placed:
                self.problem("body.md", f"table {table.id} is never placed (add a line '{{{{table {table.id}}}}}')")
        if not check_tables:
            return  # the tables' sources cite references too (which, the unread file would say): no false alarms
        cited = {m.ref for m in paper.markers}
        for reference in paper.references:
            if reference.n not in cited:
                self.problem("references.json", f"reference {reference.n} is never cited in the text",
                             field=f"n={reference.n}")


def normal_name(name: str) -> str:
    """A country name reduced for matching: "The Netherlands" ~ "netherlands", "Côte d'Ivoire" ~ "cote d ivoire"."""
    import unicodedata

    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    words = re.sub(r"[^\w]+", " ", plain.casefold().replace("&", " and ")).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(words)


def _slug(title: str) -> str:
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "section"


def _valid_date(value: Any) -> bool:
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if not (isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list)
            and 1 <= len(parts[0]) <= 3 and all(isinstance(p, int) and not isinstance(p, bool) for p in parts[0])):
        return False
    year, month, day = (parts[0] + [1, 1])[:3]
    try:
        dt.date(year, month, day)
    except (ValueError, OverflowError):
        return False
    return True


def _valid_names(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(n, dict) and n and all(isinstance(v, str) for v in n.values()) for n in value)


def _kind(value: Any) -> str:
    """A JSON value's kind in the bundle's own words (for messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__)


def _line_of(text: str, value: str) -> int | None:
    """The line of a JSON file where the string ``value`` is written (None if not found)."""
    if not value:
        return None
    at = text.find(json.dumps(value, ensure_ascii=False))
    return text.count("\n", 0, at) + 1 if at >= 0 else None


def _small_int(digits: str) -> int:
    """A marker's or placeholder's number; absurdly long ones become 0, which matches nothing."""
    return int(digits) if len(digits) <= 9 else 0


def _short(text: str) -> str:
    return text if len(text) <= 12 else text[:12] + "…"


class _BadNumber(ValueError):
    def __init__(self, token: str, reason: str):
        super().__init__(reason)
        self.token, self.reason = token, reason


def _reject_constant(token: str) -> Any:
    raise _BadNumber(token, f"{token} is not a number in JSON")


def _parse_int(token: str) -> int:
    if len(token) > MAX_NUMBER_DIGITS:
        raise _BadNumber(token, f"the number {_short(token)} is too long")
    return int(token)


def _parse_float(token: str) -> float:
    value = float(token) if len(token) <= MAX_NUMBER_DIGITS + 10 else math.inf
    if not math.isfinite(value):
        raise _BadNumber(token, f"the number {_short(token)} is too large")
    return value


def _token_line(text: str, token: str) -> int | None:
    """The line of the first occurrence of ``token`` outside JSON strings."""
    for m in _JSON_TOKEN_RE.finditer(text):
        if m.group() == token:
            return text.count("\n", 0, m.start()) + 1
    return None


def _nesting_too_deep(text: str) -> int | None:
    """The line where brackets first nest deeper than MAX_JSON_DEPTH, else None."""
    depth = 0
    for m in _JSON_NEST_RE.finditer(text):
        char = m.group()
        if char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return text.count("\n", 0, m.start()) + 1
        elif char in "]}":
            depth -= 1
    return None


BUNDLE_FILES = ("paper.json", "body.md", "tables.json", "references.json")


def _not_a_bundle(folder: Path) -> str | None:
    """Why ``folder`` cannot be a bundle at all (missing, a file, a folder without any bundle file), or None."""
    if folder.is_file():
        return "this is a file, not a bundle folder (give the folder that holds paper.json, body.md, ...)"
    if not folder.exists():
        return "the bundle folder does not exist"
    if not folder.is_dir():
        return "this is not a folder (give the bundle folder that holds paper.json, body.md, ...)"
    if not any((folder / name).exists() for name in BUNDLE_FILES):
        return f"this folder is not a paper bundle: it holds none of {', '.join(BUNDLE_FILES)}"
    return None


def load_bundle(folder: str | Path | None = None) -> LoadResult:
    """Load the bundle in ``folder`` (the embedded paper by default)."""
    if folder is None:
        folder = data_dir()
    folder = Path(folder)
    loader = _Loader(folder)
    unusable = _not_a_bundle(folder)
    if unusable:  # one line, not one per missing file
        loader.problem(str(folder), unusable)
        empty = Paper(folder=str(folder), sections=[], tables=[], references=[], **_Loader.empty_meta())
        return LoadResult(empty, loader.problems)
    meta = loader.guarded("paper.json", loader.load_paper, _Loader.empty_meta)
    paper = Paper(folder=str(folder), sections=loader.guarded("body.md", loader.load_body, list),
                  tables=loader.guarded("tables.json", loader.load_tables, list),
                  references=loader.guarded("references.json", loader.load_references, list),
                  country_names=loader.guarded("country_names.csv", loader.load_country_names, dict), **meta)
    paper.spellings = loader.guarded("spellings.json", loader.load_spellings, tuple)
    loader.guarded("tables.json", lambda: loader.check_indicators(paper), lambda: None)
    loader.guarded("body.md", lambda: loader.index_markers(paper), lambda: None)
    paper.alignment = loader.guarded("alignment.json", lambda: loader.load_alignment(meta), dict)
    return LoadResult(paper, loader.problems)
