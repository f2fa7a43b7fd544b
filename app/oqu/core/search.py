"""Search over everything the reader sees, forgiving how Kazakh and Russian are typed.

The text is folded once (lower case, Kazakh letters to their nearest Russian
ones, ё to е) and kept as one long string, so a query is a single regular
expression run over it: fast enough to search as the reader types, even on a
bundle a hundred times larger (``bench/search_bench.py``).

Folding maps one character to one character, so a hit's offsets in the
folded text are its offsets in the original text too.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from oqu.core.model import LANGS, Paper, Paragraph

# The Kazakh letters fold to the Russian letters people type instead of them.
_FOLD = {"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и",
         "ё": "е", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\n": " ", "\t": " "}


def fold(text: str) -> str:
    """``text`` as the search compares it; always the same length as ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few letters (İ) lower to two characters
        lowered = "".join(ch.lower()[:1] or ch for ch in text)
    for letter, folded in _FOLD.items():  # str.replace runs at memory speed, translate() does not
        if letter in lowered:
            lowered = lowered.replace(letter, folded)
    return lowered


Spellings = tuple[tuple[str, ...], ...]


@lru_cache(maxsize=4)
def _name_forms(spellings: Spellings) -> dict[str, tuple[str, ...]]:
    forms: dict[str, tuple[str, ...]] = {}
    for name in spellings:
        folded = tuple(dict.fromkeys(fold(form) for form in name))
        for form in folded:
            forms[form] = folded
    return forms


def query_forms(query: str, spellings: Spellings = ()) -> list[str]:
    """The folded strings a query stands for: itself, and each proper name in all its ``spellings``
    (the bundle's spellings.json: ``Paper.spellings``). A query equal to any spelling of a name
    (after folding) also finds every other spelling."""
    words = fold(" ".join(query.split())).split(" ")
    if words == [""]:
        return []
    variants = [""]
    for i, word in enumerate(words):
        sep = " " if i else ""
        alternatives = _name_forms(spellings).get(word, (word,))
        variants = [v + sep + alt for v in variants for alt in alternatives][:64]
    return sorted(set(variants), key=len, reverse=True)  # the longest form wins at one place


def _find_all(folded: str, form: str, limit: int | None = None) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos, size = folded.find(form), len(form)
    while pos >= 0 and (limit is None or len(spans) < limit):
        spans.append((pos, pos + size))
        pos = folded.find(form, pos + size)
    return spans


def folded_spans(folded: str, forms: list[str], limit: int | None = None) -> list[tuple[int, int]]:
    """Non-overlapping occurrences of any of ``forms``, in order; the longest wins where two start.

    Each form is looked for with str.find (far faster on megabytes of text than
    a regular expression with alternatives), then the lists are merged.
    """
    if len(forms) == 1:
        return _find_all(folded, forms[0], limit)
    candidates = sorted((span for form in forms for span in _find_all(folded, form, limit)),
                        key=lambda span: (span[0], -span[1]))
    spans: list[tuple[int, int]] = []
    for start, end in candidates:
        if not spans or start >= spans[-1][1]:
            spans.append((start, end))
    return spans[:limit] if limit is not None else spans


# -- what is searched ------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """One piece of searchable text and where it stands.

    ``kind``: title, author, abstract, keywords, heading, paragraph, table-title,
    table-source, table-note, table-column, reference, reference-transliterated.
    ``lang``: the language of the text. ``section``: the section id (body),
    ``number``: the paragraph index in the section, table id or reference n.
    ``key``: a stable name for the place, used as an anchor by the views.
    """
    key: str
    kind: str
    lang: str
    text: str
    section: str | None = None
    number: int | None = None


@dataclass(frozen=True)
class Hit:
    unit: Unit
    start: int
    end: int

    def context(self, width: int = 40) -> tuple[str, str, str]:
        """(text before, the hit, text after), cut at word boundaries, on one line."""
        text = self.unit.text
        before = text[max(0, self.start - width):self.start]
        after = text[self.end:self.end + width]
        if self.start > width and " " in before:
            before = "…" + before[before.index(" ") + 1:]
        if self.end + width < len(text) and " " in after:
            after = after[:after.rindex(" ")] + "…"
        return _one_line(before), text[self.start:self.end], _one_line(after)


def _one_line(text: str) -> str:
    """Runs of white space (line breaks too) as one space, the spaces at both ends kept."""
    return re.sub(r"\s+", " ", text)


def paper_units(paper: Paper) -> list[Unit]:
    """Every text the reader sees, in the order of the views: abstracts, body, references."""
    units: list[Unit] = []
    for lang in LANGS:
        units.append(Unit(f"abstract-{lang}-title", "title", lang, paper.title.get(lang, "")))
        for i, author in enumerate(paper.authors):
            fields = {"name": author.name.get(lang), "position": author.position.get(lang),
                      "affiliation": author.affiliation.get(lang), "email": author.email}
            units += [Unit(f"abstract-{lang}-author-{i}-{f}", "author", lang, text, number=i)
                      for f, text in fields.items() if text]
        for i, para in enumerate(paper.abstract.get(lang, [])):
            units.append(Unit(f"abstract-{lang}-p-{i}", "abstract", lang, para, number=i))
        units.append(Unit(f"abstract-{lang}-keywords", "keywords", lang,
                          ", ".join(paper.keywords.get(lang, []))))
    for section in paper.sections:
        units.append(Unit(f"section-{section.id}", "heading", "en", section.title, section.id))
        for i, block in enumerate(section.blocks):
            if isinstance(block, Paragraph):
                units.append(Unit(f"para-{section.id}-{i}", "paragraph", "en", block.text, section.id, i))
            else:
                table = paper.table(block.table)
                if table:
                    units += _table_units(table, section.id)
    for ref in paper.references:
        units.append(Unit(f"ref-{ref.n}", "reference", "en", ref.printed, number=ref.n))
    if paper.reference_lists.get("transliterated"):  # shown only when the paper prints that list
        for ref in paper.references:
            units.append(Unit(f"reftr-{ref.n}", "reference-transliterated", "en", ref.transliterated,
                              number=ref.n))
    return [u for u in units if u.text]


def _table_units(table, section_id: str) -> list[Unit]:
    t = table.id
    units = [Unit(f"table-{t}-title", "table-title", "en", table.title, section_id, t)]
    units += [Unit(f"table-{t}-title-{lang}", "table-title", lang, text, section_id, t)
              for lang, text in table.title_i18n.items()]
    for i, column in enumerate(table.columns):
        units.append(Unit(f"table-{t}-col-{i}", "table-column", "en", column.header, section_id, t))
        units += [Unit(f"table-{t}-col-{i}-{lang}", "table-column", lang, text, section_id, t)
                  for lang, text in column.label.items()]
    units.append(Unit(f"table-{t}-source", "table-source", "en", table.source_note, section_id, t))
    units += [Unit(f"table-{t}-note-{i}", "table-note", "en", note, section_id, t)
              for i, note in enumerate(table.notes)]
    units += [Unit(f"table-{t}-note-{i}-{lang}", "table-note", lang, note, section_id, t)
              for lang, notes in table.notes_i18n.items() for i, note in enumerate(notes)]
    return units


class SearchIndex:
    """The units folded once into one string; ``search`` runs a query over all of them."""

    SEPARATOR = "\x00"  # never in a query, so no hit spans two units

    def __init__(self, units: list[Unit], spellings: Spellings = ()):
        self.units = units
        self.spellings = spellings
        self.starts: list[int] = []
        pos = 0
        for unit in units:
            self.starts.append(pos)
            pos += len(unit.text) + 1  # folding keeps lengths
        self.folded = fold(self.SEPARATOR.join(u.text for u in units))

    @classmethod
    def for_paper(cls, paper: Paper) -> "SearchIndex":
        return cls(paper_units(paper), paper.spellings)

    def search(self, query: str, limit: int | None = None) -> list[Hit]:
        """The hits of ``query`` in reading order (at most ``limit``)."""
        hits: list[Hit] = []
        for start, end in folded_spans(self.folded, query_forms(query, self.spellings), limit):
            i = bisect.bisect_right(self.starts, start) - 1
            base = self.starts[i]
            hits.append(Hit(self.units[i], start - base, end - base))
        return hits

    def count(self, query: str) -> int:
        return len(folded_spans(self.folded, query_forms(query, self.spellings)))
