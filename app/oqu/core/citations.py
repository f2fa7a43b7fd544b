"""The references formatted and exported.

Formatting goes through CSL styles (resources/csl/) read by citeproc-py:
GOST R 7.0.5-2008, APA 7th and Chicago author-date. Exports: BibTeX (written
with pybtex), RIS (rispy), CSL-JSON (the bundle's own form), and a formatted
bibliography as HTML or plain text. citeproc, pybtex and rispy are imported on
first use only.
"""
from __future__ import annotations

import copy
import html
import json
import re
from functools import lru_cache
from typing import Any

from oqu.core.model import Reference
from oqu.i18n import N_

# Styles the reader can pick: the paper's two lists and three CSL styles.
PRINTED, TRANSLITERATED = "printed", "transliterated"
CSL_STYLES = {"gost": "gost-r-7-0-5-2008-numeric-doi.csl", "apa": "apa.csl",
              "chicago": "chicago-author-date.csl"}
STYLE_NAMES = {
    PRINTED: N_("As printed in the paper"),
    TRANSLITERATED: N_("The paper's transliterated list"),
    "gost": N_("GOST R 7.0.5-2008"),
    "apa": N_("APA 7th edition"),
    "chicago": N_("Chicago author-date"),
}
STYLES = tuple(STYLE_NAMES)

# Kinds of source, by CSL type, for filtering.
KIND_NAMES = {
    "article-journal": N_("Journal article"),
    "paper-conference": N_("Conference paper"),
    "webpage": N_("Web page"),
    "article-newspaper": N_("News"),
    "report": N_("Report"),
    "legislation": N_("Law"),
}

# Export formats: (file suffix, what export_references calls it).
EXPORT_FORMATS = ("bibtex", "ris", "csl-json", "html", "text")
SUFFIXES = {"bibtex": ".bib", "ris": ".ris", "csl-json": ".json", "html": ".html", "text": ".txt"}


# -- formatting through CSL ------------------------------------------------------

def _locale_of(style: str, item: dict[str, Any]) -> str:
    """GOST takes its terms (Т./Vol., С./P.) from the language of the source, as the
    standard asks; APA and Chicago are English styles."""
    if style == "gost" and item.get("language") == "ru":
        return "ru-RU"
    return "en-US"


@lru_cache(maxsize=None)
def _csl_style(style: str, locale: str):
    from oqu.resources import resource

    citeproc = _citeproc()
    return citeproc.CitationStylesStyle(str(resource("csl", CSL_STYLES[style])),
                                        locale=locale, validate=False)


@lru_cache(maxsize=1)
def _citeproc():
    """citeproc-py, with substituted variables suppressed as CSL 1.0 asks.

    citeproc-py suppresses a variable used in ``<substitute>`` only when it is a
    direct ``<text variable=...>`` child; APA substitutes through ``<choose>`` and
    macros, so a web page printed its publisher twice ("The World Bank. (2021).
    Title. The World Bank."). We record the variables a substitute really renders
    and suppress those.
    """
    import citeproc
    from citeproc import model

    recording: list[set[str]] = []
    text_variable = model.Text._variable

    def _variable(self, item, context):
        value = text_variable(self, item, context)
        if value and recording:
            recording[-1].add(self.get("variable"))
        return value

    def render(self, item, context=None, **kwargs):
        text = None
        for child in self.getchildren():
            recording.append(set())
            try:
                if isinstance(child, model.Names) and child.name is None:
                    names = self.xpath_search("./parent::cs:names[1]")[0]
                    text = child.render(item, names_context=names, context=context, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                text = None
            finally:
                used = recording.pop()
            if text:
                layout = (context if context is not None else self).get_layout()
                layout.repressed.setdefault(child.tag, []).append(child.get("variable"))
                layout.repressed.setdefault(_CSL_TEXT, []).extend(used)
                break
        return text

    # A <label variable="edition"/> printed "Edition" for items without an edition
    # (Chicago's news entries); CSL prints a label only beside a non-empty variable.
    label_process = model.Label.process

    def process(self, item, variable=None, plural=None, context=None, **kwargs):
        own = self.get("variable") if variable is None else None
        if own and own != "locator" and own.replace("-", "_") not in item.reference:
            return None
        return label_process(self, item, variable, plural, context, **kwargs)

    model.Text._variable = _variable
    model.Substitute.render = render
    model.Label.process = process
    return citeproc


_CSL_TEXT = "{http://purl.org/net/xbiblio/csl}text"  # the tag citeproc-py checks for suppression
_PUNCT_AFTER_QUOTE = re.compile(r"([”’]+)([.,])")
_QUOTED_TITLES = {"article-journal", "article-newspaper", "paper-conference", "webpage"}


def _quotes_within_quotes(item: dict[str, Any]) -> dict[str, Any]:
    """Chicago puts these titles in double quotes; quotes inside them become single."""
    if item.get("type") in _QUOTED_TITLES and "title" in item:
        item = dict(item, title=item["title"].replace("“", "‘").replace("”", "’"))
    return item
_DOUBLED_STOP = re.compile(r"([?!.])((?:</?[a-z]+>)*)\.")


def _tidy(text: str, style: str) -> str:
    """What citeproc-js does and citeproc-py does not: no period after ? or ! ("democracy?."),
    and Chicago's American punctuation inside closing quotes."""
    if style == "chicago":
        text = _PUNCT_AFTER_QUOTE.sub(r"\2\1", text)
    return _DOUBLED_STOP.sub(r"\1\2", text)


# citeproc-py's HTML output does not escape the item's text: <, > and & are swapped
# for private-use characters (untouched by the styles' case changes) and escaped after.
_SHIELD = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
_SHIELD_TABLE = str.maketrans({k: v for k, v in _SHIELD.items()})
_UNSHIELD_TABLE = str.maketrans({v: html.escape(k) for k, v in _SHIELD.items()})


def _shield(value: Any) -> Any:
    if isinstance(value, str):
        return value.translate(_SHIELD_TABLE)
    if isinstance(value, list):
        return [_shield(v) for v in value]
    if isinstance(value, dict):
        return {k: _shield(v) for k, v in value.items()}
    return value


def _unshield(text: str) -> str:
    return text.translate(_UNSHIELD_TABLE)


def _item(ref: Reference) -> dict[str, Any]:
    item = copy.deepcopy(ref.csl)
    item["id"] = ref.id
    return item


def formatted(references: list[Reference], style: str, *, as_html: bool = False) -> list[tuple[int, str]]:
    """(n, entry) for each reference, in the style's bibliography order.

    ``printed`` and ``transliterated`` give the paper's own entries (escaped in
    HTML); the CSL styles go through citeproc. HTML holds only the style's markup
    (<i>, <b>, <span>): the bundle's own text is escaped.
    """
    if style in (PRINTED, TRANSLITERATED):
        out = [(r.n, getattr(r, style)) for r in references]
        return [(n, html.escape(t, quote=False)) for n, t in out] if as_html else out
    if style not in CSL_STYLES:
        raise ValueError(f"unknown style {style!r}")
    by_id = {r.id: r for r in references}
    items = tuple(json.dumps(_item(r), sort_keys=True, ensure_ascii=False) for r in references)
    return [(by_id[key].n, text) for key, text in _render(style, as_html, items)]


@lru_cache(maxsize=256)
def _render(style: str, as_html: bool, items: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(id, entry) in bibliography order; cached, since citeproc-py takes seconds for Chicago
    and the pane asks again on every language switch."""
    citeproc = _citeproc()
    from citeproc.source.json import CiteProcJSON

    fmt = citeproc.formatter.html if as_html else citeproc.formatter.plain
    data = [json.loads(item) for item in items]
    rendered: dict[str, str] = {}
    order: list[str] = []
    for locale in sorted({_locale_of(style, item) for item in data}):
        group = [item for item in data if _locale_of(style, item) == locale]
        csl_style = _csl_style(style, locale)
        if style == "chicago":
            group = [_quotes_within_quotes(item) for item in group]
        source = CiteProcJSON([_shield(item) if as_html else item for item in group])
        bib = citeproc.CitationStylesBibliography(csl_style, source, fmt)
        for item in group:
            bib.register(citeproc.Citation([citeproc.CitationItem(item["id"])]))
        if style != "gost":  # GOST numeric: the paper's order; the others sort
            bib.sort()
        for entry_item in bib.items:
            entry = csl_style.render_bibliography([entry_item])
            text = _tidy(str(entry[0]) if entry else "", style)
            rendered[entry_item.key] = _unshield(text) if as_html else text
        order.extend(bib.keys)
    if style == "gost":
        order = [item["id"] for item in data]
    return tuple((key, rendered[key]) for key in order)


def format_reference(ref: Reference, style: str, *, as_html: bool = False) -> str:
    return formatted([ref], style, as_html=as_html)[0][1]


def bibliography_text(references: list[Reference], style: str) -> str:
    """A plain-text bibliography; numbered where the style is numeric (GOST, the paper's lists)."""
    numbered = style in (PRINTED, TRANSLITERATED, "gost")
    lines = [f"{n}. {text}" if numbered else text for n, text in formatted(references, style)]
    return "\n".join(lines) + "\n"


def bibliography_html(references: list[Reference], style: str, *, title: str = "References",
                      lang: str = "en") -> str:
    """A standalone HTML page with the bibliography."""
    numbered = style in (PRINTED, TRANSLITERATED, "gost")
    tag = "ol" if numbered else "ul"
    items = "\n".join(f'  <li value="{n}" id="ref{n}">{text}</li>' if numbered else f'  <li id="ref{n}">{text}</li>'
                      for n, text in formatted(references, style, as_html=True))
    head = html.escape(title)
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{head}</title>\n</head>\n<body>\n<h1>{head}</h1>\n<{tag}>\n{items}\n</{tag}>\n"
            f"</body>\n</html>\n")


# -- exchange formats ---------------------------------------------------------------

def csl_json(references: list[Reference]) -> str:
    """The references as a CSL-JSON array (Zotero, Mendeley and citeproc read it)."""
    return json.dumps([_item(r) for r in references], ensure_ascii=False, indent=2) + "\n"


def _pages(ref: Reference) -> tuple[str | None, str | None]:
    """First and last page of "6-28" (RIS keeps them apart)."""
    first, _sep, last = str(ref.csl.get("page") or "").partition("-")
    return first.strip() or None, last.strip() or None


def _date_parts(ref: Reference, key: str) -> list[int]:
    parts = (ref.csl.get(key) or {}).get("date-parts") or [[]]
    return [int(p) for p in parts[0]] if parts and parts[0] else []


BIBTEX_TYPES = {"article-journal": "article", "article-newspaper": "article",
                "paper-conference": "inproceedings", "report": "techreport",
                "webpage": "misc", "legislation": "misc"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _bibtex_entry(ref: Reference):
    from pybtex.database import Entry, Person

    c = ref.csl
    entry_type = BIBTEX_TYPES.get(ref.type, "misc")
    fields: dict[str, str] = {"title": ref.title}
    container = c.get("container-title")
    if container:
        fields["booktitle" if entry_type == "inproceedings" else "journal"] = container
    issued = _date_parts(ref, "issued")
    if issued:
        fields["year"] = str(issued[0])
        if len(issued) > 1:
            fields["month"] = MONTHS[issued[1] - 1]
    for csl_key, bib_key in (("volume", "volume"), ("issue", "number"), ("section", "note"),
                             ("publisher-place", "address")):
        if c.get(csl_key):
            fields[bib_key] = str(c[csl_key])
    if c.get("page"):
        fields["pages"] = str(c["page"]).replace("-", "--")
    if c.get("publisher"):
        fields["institution" if entry_type == "techreport" else "publisher"] = c["publisher"]
    if ref.type == "legislation":
        fields["organization"] = c.get("authority", "")
        fields["type"] = " ".join(x for x in (c.get("genre"), f"No. {c['number']}" if c.get("number") else "") if x)
    if c.get("original-title"):
        fields["note"] = f"Original title: {c['original-title']}"
    if ref.doi:
        fields["doi"] = ref.doi
    if ref.url:
        fields["url"] = ref.url
    if ref.accessed:
        fields["urldate"] = ref.accessed.isoformat()
    if ref.language:
        fields["language"] = {"en": "english", "ru": "russian"}.get(ref.language, ref.language)
    persons = {"author": [Person(a["literal"]) if "literal" in a else Person(last=a.get("family", ""),
                                                                               first=a.get("given", ""))
                          for a in c.get("author", [])]}
    return Entry(entry_type, fields={k: v for k, v in fields.items() if v},
                 persons={k: v for k, v in persons.items() if v})


def _bibtex_writer():
    import codecs

    from pybtex.database.output.bibtex import Writer

    class BibTeXWriter(Writer):
        """pybtex's writer, with verbatim fields (URL, DOI) left as they are, and braces
        and backslashes in text written as commands: BibTeX counts every brace, even
        an escaped one, so ``\\{`` would still unbalance a field."""
        VERBATIM = {"url", "doi", "urldate"}

        def _write_field(self, stream, type, value):  # noqa: A002 (pybtex's name)
            if type.lower() not in self.VERBATIM:
                value = value.replace("\\", "\x00").replace("{", "\x01").replace("}", "\x02")
                value = codecs.encode(value, "ulatex+utf8")
                for mark, command in (("\x00", "\\textbackslash{}"), ("\x01", "\\textbraceleft{}"),
                                      ("\x02", "\\textbraceright{}")):
                    value = value.replace(mark, command)
            stream.write(f",\n    {type} = {self.quote(value)}")

    return BibTeXWriter(encoding="utf-8")


def bibtex(references: list[Reference]) -> str:
    """BibTeX (UTF-8), one entry per reference, keyed by the CSL id (ref1 ... ref26)."""
    from pybtex.database import BibliographyData

    data = BibliographyData({r.id: _bibtex_entry(r) for r in references})
    return _bibtex_writer().to_string(data)


RIS_TYPES = {"article-journal": "JOUR", "article-newspaper": "NEWS", "paper-conference": "CPAPER",
             "report": "RPRT", "webpage": "ELEC", "legislation": "STAT"}


def _ris_entry(ref: Reference) -> dict[str, Any]:
    c = ref.csl
    entry: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(ref.type, "GEN"), "id": ref.id,
                             "title": ref.title}
    authors = [a.get("literal") or ", ".join(x for x in (a.get("family"), a.get("given")) if x)
               for a in c.get("author", [])]
    if authors:
        entry["authors"] = authors
    if c.get("container-title"):
        entry["secondary_title"] = c["container-title"]
    issued = _date_parts(ref, "issued")
    if issued:
        entry["year"] = str(issued[0])
        entry["date"] = "/".join([str(issued[0])] + [f"{p:02d}" for p in issued[1:]])
    for csl_key, ris_key in (("volume", "volume"), ("issue", "number"), ("publisher", "publisher"),
                             ("publisher-place", "place_published"), ("language", "language"),
                             ("original-title", "translated_title"), ("section", "section")):
        if c.get(csl_key):
            entry[ris_key] = str(c[csl_key])
    if ref.type == "legislation":
        entry["publisher"] = c.get("authority", "")
        entry["number"] = c.get("number", "")
        entry["type_of_work"] = c.get("genre", "")
    first, last = _pages(ref)
    if first:
        entry["start_page"] = first
    if last:
        entry["end_page"] = last
    if ref.doi:
        entry["doi"] = ref.doi
    if ref.url:
        entry["urls"] = [ref.url]
    if ref.accessed:
        entry["access_date"] = ref.accessed.strftime("%Y/%m/%d")
    return {k: v for k, v in entry.items() if v}


def ris(references: list[Reference]) -> str:
    import rispy

    return rispy.dumps([_ris_entry(r) for r in references], skip_unknown_tags=True, enforce_list_tags=True)


# -- one entry point for the CLI and the pane -------------------------------------------

def export_references(references: list[Reference], fmt: str, *, style: str = PRINTED) -> str:
    """``fmt``: bibtex, ris, csl-json; gost, apa, chicago (a plain-text bibliography in
    that style); text and html (a bibliography in ``style``: by default the entries
    as the paper prints them)."""
    if fmt == "csl-json":
        return csl_json(references)
    if fmt == "bibtex":
        return bibtex(references)
    if fmt == "ris":
        return ris(references)
    if fmt in CSL_STYLES:
        return bibliography_text(references, fmt)
    if fmt == "text":
        return bibliography_text(references, style)
    if fmt == "html":
        return bibliography_html(references, style)
    raise ValueError(f"unknown reference format {fmt!r}")
