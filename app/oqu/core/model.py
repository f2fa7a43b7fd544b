"""The paper as plain objects. Loaded and validated by ``oqu.core.bundle``."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt

MARKER_RE = re.compile(r"\[(\d+)\]")
LANGS = ("en", "ru", "kk")
# The published data sets Oqu reads (oqu.core.table_sources) and the fields of each.
READABLE_DATASETS = {
    "ti-cpi": ("rank", "score"),  # Transparency International, Corruption Perceptions Index
    "wb-dai": ("index", "business", "people", "government"),  # World Bank, Digital Adoption Index
}


@dataclass
class Author:
    name: dict[str, str]
    position: dict[str, str]
    affiliation: dict[str, str]
    email: str | None
    corresponding: bool


@dataclass
class Marker:
    """One ``[n]`` in the text: where it stands and which reference it cites."""
    index: int  # 0-based order of appearance over the whole paper
    ref: int  # the reference's number n
    section: str  # section id, or "table-N" for a table's source line
    block: int  # paragraph index inside the section (or the table id)
    start: int  # character offset of "[" in the paragraph text
    end: int


@dataclass
class Paragraph:
    text: str
    line: int  # line in body.md
    markers: list[Marker] = field(default_factory=list)


@dataclass
class TablePlacement:
    table: int
    line: int


@dataclass
class Section:
    id: str
    title: str
    line: int
    blocks: list[Paragraph | TablePlacement] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]


@dataclass(frozen=True)
class SourceData:
    """Where a column's figures come from in a published data set (``source_data`` in tables.json)."""
    dataset: str  # "ti-cpi", "wb-dai", or a data set Oqu cannot read ("imd-wdcr")
    field: str  # the data set's field: "rank", "score", "index", ...
    year: int  # the data set's year the column stands for
    scale: float = 1.0  # the paper's figure = the data set's value x scale (DAI 0.83 -> 83 %)
    open_data: bool = True  # False: the publisher offers no file to compare with (IMD)


@dataclass
class Column:
    name: str
    header: str
    label: dict[str, str]
    unit: str
    year: int | None
    lower_is_better: bool
    source: int | None
    year_column: str | None = None
    source_data: SourceData | None = None


@dataclass
class Table:
    id: int
    file: str
    title: str
    title_i18n: dict[str, str]
    source_note: str
    sources: list[int]
    notes: list[str]
    columns: list[Column]
    rows: list[dict[str, Any]]  # parsed CSV rows: numbers as float, missing as None
    markers: list[Marker] = field(default_factory=list)
    world_bank_indicator: str | None = None  # the World Bank indicator code the table prints, if any
    chart_export_size: tuple[int, int] | None = None  # width, height of an exported chart, if not the default
    notes_i18n: dict[str, list[str]] = field(default_factory=dict)  # our notes, translated (ru, kk)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def title_in(self, lang: str) -> str:
        return self.title_i18n.get(lang) or self.title

    def notes_in(self, lang: str) -> list[str]:
        """Our notes on the data in ``lang`` (English when not translated)."""
        return self.notes_i18n.get(lang) or self.notes

    def records(self) -> list[dict[str, Any]]:
        """The rows as new dicts (numbers float or None, years int or None)."""
        return [dict(row) for row in self.rows]


def remark_text(remark: dict[str, Any], lang: str) -> str:
    """A remark of ours about a reference, in ``lang`` (English when not translated)."""
    return (remark.get("text_i18n") or {}).get(lang) or str(remark.get("text", ""))


@dataclass
class Reference:
    n: int
    printed: str
    transliterated: str
    remarks: list[dict[str, Any]]  # {"field", "text", "text_i18n": {lang: text}}: our remarks on slips
    csl: dict[str, Any]
    # The language the source is written in, where its CSL title is in another (a Russian
    # article under its English title): CSL's `language` is the title's, which styles case by.
    source_language: str = ""

    @property
    def id(self) -> str:
        return str(self.csl.get("id", f"ref{self.n}"))

    @property
    def type(self) -> str:
        return str(self.csl.get("type", ""))

    @property
    def title(self) -> str:
        return str(self.csl.get("title", ""))

    @property
    def doi(self) -> str | None:
        return self.csl.get("DOI") or None

    @property
    def url(self) -> str | None:
        return self.csl.get("URL") or None

    @property
    def language(self) -> str:
        """The language of the source itself (for filtering and the reader's eye)."""
        return self.source_language or str(self.csl.get("language", ""))

    @property
    def year(self) -> int | None:
        parts = self.csl.get("issued", {}).get("date-parts") or [[None]]
        return parts[0][0] if parts and parts[0] else None

    @property
    def accessed(self) -> dt.date | None:
        parts = (self.csl.get("accessed") or {}).get("date-parts") or []
        if parts and len(parts[0]) == 3:
            import datetime as dt  # here: its import costs start-up time

            return dt.date(*parts[0])
        return None

    @property
    def authors(self) -> str:
        names = []
        for a in self.csl.get("author", []):
            names.append(a.get("literal") or " ".join(x for x in (a.get("family"), a.get("given")) if x))
        return ", ".join(names)


@dataclass
class Paper:
    folder: str
    title: dict[str, str]
    authors: list[Author]
    keywords_label: dict[str, str]
    keywords: dict[str, list[str]]
    abstract_heading: dict[str, str]
    abstract: dict[str, list[str]]
    sections: list[Section]
    tables: list[Table]
    references: list[Reference]
    # The headings of the paper's printed reference lists: "printed" (the list of the entries as
    # printed) and "transliterated" (a second list in Latin letters, when the paper has one).
    reference_lists: dict[str, str] = field(default_factory=dict)
    # Spellings of the same proper name (Latin and Cyrillic) that search treats as one.
    spellings: tuple[tuple[str, ...], ...] = ()
    # data/alignment.json: "title", "keywords", "abstract" -> units ({"en": ..., "ru": ..., "kk": ...})
    alignment: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    # Other spellings of country names in source files (country_names.csv): name -> ISO 3166 alpha-3.
    country_names: dict[str, str] = field(default_factory=dict)
    short_title: dict[str, str] = field(default_factory=dict)  # ours, for the window title

    def short_title_in(self, lang: str) -> str:
        """A short title to name the paper by (the window title); the printed title without one."""
        return self.short_title.get(lang) or self.title.get(lang, "")

    # -- lookups --------------------------------------------------------
    # The paper is not changed after loading, so the indexes below are built once, on first use
    # (the loader fills the markers in before it asks for them). Lookups stay O(1) on big bundles.
    def reference(self, n: int) -> Reference | None:
        return self._references_by_n.get(n)

    @cached_property
    def _references_by_n(self) -> dict[int, Reference]:
        found: dict[int, Reference] = {}
        for r in self.references:
            found.setdefault(r.n, r)
        return found

    def table(self, table_id: int) -> Table | None:
        return next((t for t in self.tables if t.id == table_id), None)

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @cached_property
    def markers(self) -> list[Marker]:
        """Every [n] in reading order: body paragraphs and tables' source lines."""
        found: list[Marker] = []
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    found.extend(block.markers)
                else:
                    table = self.table(block.table)
                    if table:
                        found.extend(table.markers)
        return found

    @cached_property
    def _markers_by_ref(self) -> dict[int, list[Marker]]:
        found: dict[int, list[Marker]] = {}
        for m in self.markers:
            found.setdefault(m.ref, []).append(m)
        return found

    def markers_for(self, n: int) -> list[Marker]:
        return list(self._markers_by_ref.get(n, ()))

    def cited_in(self, n: int) -> list[str]:
        """Ids of the sections that cite reference n, in reading order, once each."""
        seen: list[str] = []
        for m in self.markers_for(n):
            section = m.section
            if section.startswith("table-"):
                section = self.section_of_table(int(section.split("-")[1])) or section
            if section not in seen:
                seen.append(section)
        return seen

    def section_of_table(self, table_id: int) -> str | None:
        for section in self.sections:
            if any(isinstance(b, TablePlacement) and b.table == table_id for b in section.blocks):
                return section.id
        return None
