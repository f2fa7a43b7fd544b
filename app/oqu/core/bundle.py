"""Load and validate a paper bundle (see data/README.md for its files).

Loading never raises for bad content: every problem is collected with its file
and line or field, and whatever is valid is still returned, so the app can show
what it can and ``oqu check`` can list everything at once.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oqu.core.model import (
    LANGS,
    MARKER_RE,
    Author,
    Column,
    Marker,
    Paper,
    Paragraph,
    Reference,
    Section,
    Table,
    TablePlacement,
)
from oqu.core.problems import BundleError, Problem

MAX_FILE_BYTES = 5 * 1024 * 1024  # far above any real paper; guards against a stray huge file
TABLE_RE = re.compile(r"^\{\{\s*table\s+(\d+)\s*\}\}$")
UNITS = {"rank", "percent", "per_100_people"}


@dataclass
class LoadResult:
    paper: Paper
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class _Loader:
    def __init__(self, folder: Path):
        self.folder = folder
        self.problems: list[Problem] = []

    # -- reading files ------------------------------------------------------
    def problem(self, file: str, message: str, line: int | None = None, field: str | None = None) -> None:
        self.problems.append(Problem(file, message, line, field))

    def read_text(self, name: str) -> str | None:
        path = self.folder / name
        if not path.is_file():
            self.problem(name, "the file is missing")
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
        text = self.read_text(name)
        if text is None:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            self.problem(name, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno)
            return None

    # -- typed field access ------------------------------------------------
    def text_field(self, file: str, obj: dict, key: str, path: str, *, required: bool = True) -> str:
        value = obj.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(file, "expected a non-empty text" if value is None or isinstance(value, str)
                         else f"expected text, found {type(value).__name__}", field=path)
            return ""
        return value

    def lang_text(self, file: str, obj: dict, key: str, path: str) -> dict[str, str]:
        value = obj.get(key)
        if not isinstance(value, dict):
            self.problem(file, "expected an object with en, ru and kk texts", field=path)
            return {}
        return {lang: self.text_field(file, value, lang, f"{path}.{lang}") for lang in LANGS}

    # -- the bundle files --------------------------------------------------
    def load_paper(self) -> dict[str, Any]:
        name = "paper.json"
        data = self.read_json(name)
        meta: dict[str, Any] = {"title": {}, "authors": [], "keywords_label": {}, "keywords": {},
                                "abstract_heading": {}, "abstract": {}}
        if data is None:
            return meta
        if not isinstance(data, dict):
            self.problem(name, "expected a JSON object at the top level", 1)
            return meta
        for key in ("title", "keywords_label", "abstract_heading"):
            meta[key] = self.lang_text(name, data, key, key)
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
                corresponding=bool(a.get("corresponding", False)),
            ))
        return meta

    def load_body(self) -> list[Section]:
        name = "body.md"
        text = self.read_text(name)
        if text is None:
            return []
        sections: list[Section] = []
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
                if any(s.id == sid for s in sections):
                    self.problem(name, f"a second section called {title!r}", lineno)
                    sid = f"{sid}-{lineno}"
                sections.append(Section(sid, title, lineno))
                continue
            if not sections:
                self.problem(name, "text before the first section heading (a line starting with '# ')", lineno)
                sections.append(Section("untitled", "", lineno))
            match = TABLE_RE.match(line)
            if match:
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

    def load_tables(self) -> list[Table]:
        name = "tables.json"
        data = self.read_json(name)
        if data is None:
            return []
        if not isinstance(data, list):
            self.problem(name, "expected a list of tables", 1)
            return []
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
        tid = t.get("id")
        if not isinstance(tid, int) or isinstance(tid, bool):
            self.problem(name, "expected a whole number", field=f"{path}.id")
            return None
        columns: list[Column] = []
        for j, c in enumerate(t.get("columns") or []):
            cpath = f"{path}.columns[{j}]"
            if not isinstance(c, dict):
                self.problem(name, "expected an object", field=cpath)
                continue
            unit = c.get("unit")
            if unit not in UNITS:
                self.problem(name, f"unit must be one of {', '.join(sorted(UNITS))}", field=f"{cpath}.unit")
            year, source = c.get("year"), c.get("source")
            columns.append(Column(
                name=self.text_field(name, c, "name", f"{cpath}.name"),
                header=self.text_field(name, c, "header", f"{cpath}.header", required=False),
                label=self.lang_text(name, c, "label", f"{cpath}.label"),
                unit=unit if unit in UNITS else "rank",
                year=year if isinstance(year, int) else None,
                lower_is_better=bool(c.get("lower_is_better", False)),
                source=source if isinstance(source, int) else None,
                year_column=c.get("year_column") if isinstance(c.get("year_column"), str) else None,
            ))
        if not columns:
            self.problem(name, "a table needs at least one column", field=f"{path}.columns")
        sources = t.get("sources") or []
        if not isinstance(sources, list) or not all(isinstance(s, int) for s in sources):
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
        file = self.text_field(name, t, "file", f"{path}.file")
        table = Table(
            id=tid, file=file, title=self.text_field(name, t, "title", f"{path}.title"),
            title_i18n={k: v for k, v in title_i18n.items() if isinstance(v, str)},
            source_note=self.text_field(name, t, "source_note", f"{path}.source_note", required=False),
            sources=sources, notes=notes, columns=columns, rows=[],
        )
        table.markers = [Marker(-1, int(m.group(1)), f"table-{tid}", tid, m.start(), m.end())
                         for m in MARKER_RE.finditer(table.source_note)]
        if file:
            table.rows = self._table_rows(file, columns)
        return table

    def _table_rows(self, file: str, columns: list[Column]) -> list[dict[str, Any]]:
        text = self.read_text(file)
        if text is None:
            return []
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
        needed = ["country", "iso2", "iso3"] + [c.name for c in columns] + [c.year_column for c in columns if c.year_column]
        missing = [n for n in needed if n not in header]
        if missing:
            self.problem(file, "missing column(s): " + ", ".join(missing), 1)
            return []
        rows: list[dict[str, Any]] = []
        try:
            for row in reader:
                lineno = reader.line_num
                if None in row or any(v is None for v in row.values()):
                    self.problem(file, "wrong number of fields", lineno)
                    continue
                parsed: dict[str, Any] = dict(row)
                if not row["country"].strip():
                    self.problem(file, "the country is empty", lineno, "country")
                if not re.fullmatch(r"[A-Z]{2}", row["iso2"]) or not re.fullmatch(r"[A-Z]{3}", row["iso3"]):
                    self.problem(file, "iso2 must be two and iso3 three capital letters", lineno, "iso2/iso3")
                for c in columns:
                    parsed[c.name] = self._number(file, row[c.name], lineno, c.name)
                    if c.year_column:
                        year = self._number(file, row[c.year_column], lineno, c.year_column)
                        parsed[c.year_column] = int(year) if year is not None else None
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
            self.problem(file, f"{value!r} is not a number (use a dot for decimals; leave empty when missing)", line, column)
            return None
        if number != number or number in (float("inf"), float("-inf")):
            self.problem(file, f"{value!r} is not a finite number", line, column)
            return None
        return number

    def load_references(self) -> list[Reference]:
        name = "references.json"
        data = self.read_json(name)
        if data is None:
            return []
        if not isinstance(data, list):
            self.problem(name, "expected a list of references", 1)
            return []
        refs: list[Reference] = []
        for i, r in enumerate(data):
            path = f"[{i}]"
            if not isinstance(r, dict):
                self.problem(name, "expected an object", field=path)
                continue
            n, csl = r.get("n"), r.get("csl")
            if not isinstance(n, int) or isinstance(n, bool) or n < 1:
                self.problem(name, "expected a reference number (1, 2, ...)", field=f"{path}.n")
                continue
            if any(x.n == n for x in refs):
                self.problem(name, f"duplicate reference number {n}", field=f"{path}.n")
                continue
            if not isinstance(csl, dict):
                self.problem(name, "expected a CSL-JSON object", field=f"{path}.csl")
                continue
            for key in ("id", "type", "title"):
                self.text_field(name, csl, key, f"{path}.csl.{key}")
            if any(x.id == csl.get("id") for x in refs):
                self.problem(name, f"duplicate CSL id {csl.get('id')!r}", field=f"{path}.csl.id")
            for key in ("issued", "accessed"):
                if key in csl and not _valid_date(csl[key]):
                    self.problem(name, "expected {\"date-parts\": [[year, month, day]]}", field=f"{path}.csl.{key}")
                    csl = {k: v for k, v in csl.items() if k != key}
            remarks = r.get("remarks") or []
            if not isinstance(remarks, list) or not all(isinstance(x, dict) for x in remarks):
                self.problem(name, "expected a list of {field, text} objects", field=f"{path}.remarks")
                remarks = []
            refs.append(Reference(
                n=n,
                printed=self.text_field(name, r, "printed", f"{path}.printed"),
                transliterated=self.text_field(name, r, "transliterated", f"{path}.transliterated", required=False),
                remarks=[{"field": str(x.get("field", "")), "text": str(x.get("text", ""))} for x in remarks],
                csl=csl,
            ))
        return refs

    # -- cross-checks ------------------------------------------------------
    def index_markers(self, paper: Paper) -> None:
        """Number every marker in reading order and check each resolves."""
        known = {r.n for r in paper.references}
        index = 0
        placed: set[int] = set()
        for section in paper.sections:
            for b, block in enumerate(section.blocks):
                if isinstance(block, TablePlacement):
                    table = paper.table(block.table)
                    if table is None:
                        self.problem("body.md", f"table {block.table} is not in tables.json", block.line)
                        continue
                    if block.table in placed:
                        self.problem("body.md", f"table {block.table} is placed twice", block.line)
                    placed.add(block.table)
                    for m in table.markers:
                        m.index = index
                        index += 1
                        if m.ref not in known:
                            self.problem("tables.json", f"marker [{m.ref}] cites no reference", field=f"table {table.id}.source_note")
                    continue
                block.markers = []
                for m in MARKER_RE.finditer(block.text):
                    ref = int(m.group(1))
                    block.markers.append(Marker(index, ref, section.id, b, m.start(), m.end()))
                    index += 1
                    if ref not in known:
                        self.problem("body.md", f"marker [{ref}] cites no reference", block.line)
        for table in paper.tables:
            if table.id not in placed:
                self.problem("body.md", f"table {table.id} is never placed (add a line '{{{{table {table.id}}}}}')")
        cited = {m.ref for m in paper.markers}
        for ref in paper.references:
            if ref.n not in cited:
                self.problem("references.json", f"reference {ref.n} is never cited in the text", field=f"n={ref.n}")


def _slug(title: str) -> str:
    return re.sub(r"[^\w]+", "-", title.lower()).strip("-") or "section"


def _valid_date(value: Any) -> bool:
    parts = value.get("date-parts") if isinstance(value, dict) else None
    return (isinstance(parts, list) and len(parts) == 1 and isinstance(parts[0], list)
            and 1 <= len(parts[0]) <= 3 and all(isinstance(p, int) and not isinstance(p, bool) for p in parts[0]))


def load_bundle(folder: str | Path | None = None, *, strict: bool = False) -> LoadResult:
    """Load the bundle in ``folder`` (the embedded paper by default)."""
    if folder is None:
        from oqu.resources import data_dir

        folder = data_dir()
    folder = Path(folder)
    loader = _Loader(folder)
    if not folder.is_dir():
        loader.problem(str(folder), "the bundle folder does not exist")
    meta = loader.load_paper()
    paper = Paper(folder=str(folder), sections=loader.load_body(), tables=loader.load_tables(),
                  references=loader.load_references(), **meta)
    loader.index_markers(paper)
    if strict and loader.problems:
        raise BundleError(loader.problems)
    return LoadResult(paper, loader.problems)
