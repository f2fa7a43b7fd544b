"""The references formatted and exported.

Formatting goes through CSL styles (resources/csl/) read by citeproc-py:
GOST R 7.0.5-2008, APA 7th and Chicago author-date. Exports: BibTeX (written
with pybtex), RIS (rispy), CSL-JSON (the bundle's own form), and a formatted
bibliography as HTML or plain text. citeproc, pybtex and rispy are imported on
first use only.

The aim is what Zotero prints: tests/test_citations_citeprocjs.py compares every
entry and citation with citeproc-js (Zotero's engine) on the same data and style
files. citeproc-py lacks some of what citeproc-js does, added here: year suffixes
(2021a/b/c), CSL title case with the full stop-word list, typographic quotes,
quotes within quotes and American punctuation inside them, sorting past a leading
quote. Where Oqu is right and citeproc-js is not (kept on purpose, tested):
"Tengrinews.kz" keeps its spelling (citeproc-js title-cases it "Tengrinews.Kz");
GOST takes its terms from each entry's language (Zotero uses one locale per list).

Why citeproc-py and not citeproc-js itself run from Python (measured 2026-12-01 on this
bundle's 26 references, one bibliography from a fresh engine, on a 2-core machine shared by
eight busy processes, so absolute times are high; bench/references_bench.py measures Oqu's):
  citeproc-py with the fixes here     APA 0.7 s, Chicago 0.8-1.0 s, GOST 0.1-0.2 s;
                                      in the binary ~0.5 MB (its code and the kept locales)
                                      plus lxml's etree (5 MB), which it needs
  citeproc-js in mini-racer (V8)      APA 1.9-2.7 s, Chicago 2.9-5.5 s; 82 MB in the binary
                                      (libmini_racer 71 MB + ICU data 11 MB); one test process
                                      that had made six engines did not exit until killed
  citeproc-js in quickjs              APA 45 s, Chicago 89 s (15-104 s over runs); 6.4 MB
  citeproc-js in node (test-only: not on users' machines)  APA 3.9-7.4 s, Chicago 8-10 s
Either JavaScript route would also ship citeproc-js itself (0.97 MB, CPAL-1.0/AGPL-3.0).
With the fixes, citeproc-py prints what citeproc-js prints for all 78 entries (in text and
HTML) and 52 citations but the documented "Oqu right" cases, faster than V8 and at a
fifteenth of its size even counting lxml, so Oqu keeps citeproc-py; what it lacks is added here
(some of it belongs upstream: year suffixes, title case, quote handling, the macro look-up cache).
"""
from __future__ import annotations

import codecs
import copy
import html
import json
import re
from functools import lru_cache
from typing import Any

from oqu.core.model import Reference
from oqu.i18n import N_
from oqu.resources import resource

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
    from citeproc.string import MixedString, String

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

    # Title case as the CSL specification and citeproc-js do it (citeproc-py knows 26 stop
    # words and leaves hyphenated compounds half capitalised).
    text_case = model.TextCased.case

    def case(self, text, language=None):
        if self.get("text-case") == "title" and language == "en" and text:
            return _title_case(text)
        return text_case(self, text, language)

    # Sorting skips a leading quotation mark or bracket, as citeproc-js does (“Mi dazhe…”
    # files under M, not after Z), and the HTML output's markup (<i> sorted first).
    key_sort_keys = model.Key.sort_keys

    def sort_keys(self, items, context):
        return [String(_MARKUP.sub("", str(k)).lstrip(_SORT_SKIPPED)) if isinstance(k, (str, MixedString))
                else k for k in key_sort_keys(self, items, context)]

    model.Key.sort_keys = sort_keys

    # citeproc-py looks each macro up by XPath every time it is used, which was half of
    # Chicago's time; the styles do not change once loaded, so each lookup is kept. Holding
    # the root keeps lxml's proxy for it, so get_root() returns that same object again.
    found: dict[tuple[Any, str], Any] = {}

    def get_macro(self, name):
        root = self.get_root()
        if (root, name) not in found:
            found[root, name] = root.xpath_search(f"cs:macro[@name='{name}'][1]")[0]
        return found[root, name]

    model.CitationStylesElement.get_macro = get_macro

    # Whether an element (a group, a macro) calls a variable depends on the style alone, but
    # citeproc-py walks the whole subtree again on every use: each answer is kept too.
    def keep_answer(calls_variable):
        answers: dict[Any, bool] = {}

        def kept(self):
            if self not in answers:
                answers[self] = calls_variable(self)
            return answers[self]
        return kept

    model.Parent.calls_variable = keep_answer(model.Parent.calls_variable)
    model.Text.calls_variable = keep_answer(model.Text.calls_variable)
    model.Text._variable = _variable
    model.Substitute.render = render
    model.Label.process = process
    model.TextCased.case = case
    return citeproc


# Words title case leaves in lower case: citeproc-js's list (CSL.SKIP_WORDS, which carries
# the CSL 1.0.2 specification's articles, conjunctions and prepositions), phrases included.
_STOP = """about above across afore after against al along alongside amid amidst among amongst
anenst apropos apud around as aside astride at athwart atop barring before behind below beneath
beside besides between beyond but by circa despite down during et except for forenenst from given
in inside into lest like modulo near next notwithstanding of off on onto out over per plus pro qua
sans since than through thru throughout thruout till to toward towards under underneath until unto
up upon versus vs. v. vs v via vis-à-vis with within without or yet so and nor a an the de d' von
van c ca""".split()
_STOP_PHRASES = {tuple(p.split()) for p in (
    "according to", "ahead of", "apart from", "as for", "as of", "as per", "as regards", "aside from",
    "back to", "because of", "close to", "due to", "except for", "far from", "inside of", "instead of",
    "near to", "next to", "on to", "out from", "out of", "outside of", "prior to", "pursuant to",
    "rather than", "regardless of", "such as", "that of", "up to", "where as")}
_EDGE = "\"“”‘’'([{)]}.,;:!?"
_SENTENCE_END = tuple(":?!.")


def _is_stop(words: list[str], i: int) -> bool:
    core = words[i].strip(_EDGE).lower()
    before = words[i - 1].strip(_EDGE).lower() if i else ""
    after = words[i + 1].strip(_EDGE).lower() if i + 1 < len(words) else ""
    return core in _STOP or (core, after) in _STOP_PHRASES or (before, core) in _STOP_PHRASES


def _capitalise(part: str) -> str:
    """Upper-case the first letter (after any opening quote or bracket)."""
    return re.sub(r"^([^\w]*)(\w)", lambda m: m.group(1) + m.group(2).upper(), part, count=1)


def _title_case(text):
    """Title case of a citeproc-py string: only words written all in lower case change; stop
    words stay lower case except at the start and after a colon, question or exclamation mark;
    each part of a hyphenated compound is capitalised ("High-Level")."""
    from citeproc.string import NoCase

    words = list(text.words())
    plain = [str(w) for w in words]
    out = []
    for i, (word, s) in enumerate(zip(words, plain)):
        start = i == 0 or plain[i - 1].endswith(_SENTENCE_END)
        if isinstance(word, NoCase) or s != s.lower() or (not start and _is_stop(plain, i)):
            out.append(word)
            continue
        parts = [part if j and part.strip(_EDGE).lower() in _STOP else _capitalise(part)
                 for j, part in enumerate(s.split("-"))]
        out.append(word.__class__("-".join(parts)))
    return " ".join(out)


_MARKUP = re.compile(r"<[^>]*>")  # the formatter's own tags: the item's < > are shielded
_SORT_SKIPPED = "\"'“”‘’«»([{¿¡"
_CSL_TEXT = "{http://purl.org/net/xbiblio/csl}text"  # the tag citeproc-py checks for suppression
_PUNCT_AFTER_QUOTE = re.compile(r"(’*”[”’]*)([.,])")  # a closing double quote, maybe with single ones


def _nest_quotes(text: str) -> str:
    """Quotation marks inside quotation marks turn single, as CMOS and APA ask (and
    citeproc-js does): a quoted title holding a quotation, “‘We didn’t even dream!’ …”."""
    out: list[str] = []
    open_marks: list[str] = []
    for ch in text:
        if ch == "“":
            ch = "‘" if len(open_marks) % 2 else "“"
            open_marks.append(ch)
        elif ch == "”" and open_marks:
            ch = "’" if open_marks.pop() == "‘" else "”"
        out.append(ch)
    return "".join(out)


_DOUBLED_STOP = re.compile(r"([?!.])((?:</?[a-z]+>)*)\.")


def _tidy(text: str, style: str) -> str:
    """What citeproc-js does and citeproc-py does not: no period after ? or ! ("democracy?."),
    and APA's and Chicago's American punctuation inside closing quotes (“Digital Kazakhstan,”)."""
    if style in ("apa", "chicago"):
        text = _PUNCT_AFTER_QUOTE.sub(r"\2\1", _nest_quotes(text))
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
    return [(n, entry) for n, entry, _cite in _rendered(references, style, as_html)]


def citations_of(references: list[Reference], style: str) -> list[tuple[int, str]]:
    """(n, in-text citation) for each reference in a CSL style, as the whole list cites it:
    "(The World Bank, 2021a)" in APA, "(The World Bank 2021a)" in Chicago, "[6]" in GOST."""
    return [(n, cite) for n, _entry, cite in _rendered(references, style, False)]


def _rendered(references: list[Reference], style: str, as_html: bool) -> list[tuple[int, str, str]]:
    if style not in CSL_STYLES:
        raise ValueError(f"unknown style {style!r}")
    by_id = {r.id: r for r in references}
    items = tuple(json.dumps(_item(r), sort_keys=True, ensure_ascii=False) for r in references)
    out = [(by_id[key].n, text, cite) for key, text, cite in _render(style, as_html, items)]
    if style == "gost":  # numeric: the paper's own numbers
        out = [(n, text, f"[{n}]") for n, text, _cite in out]
    return out


# Text that is written as it is: identifiers, addresses, codes (the rest gets typographic quotes).
_VERBATIM = {"id", "type", "URL", "DOI", "ISSN", "ISBN", "language", "note"}


_OPENS_AFTER = r"(^|[\s(\[{“‘«„\-–—/])"  # a quote here opens, elsewhere it closes


def _typographic(value: str, marks: tuple[str, str, str, str]) -> str:
    """Straight quotes as the locale's quotation marks (“ ” ‘ ’ in English, « » „ “ in
    Russian) and apostrophes as ’, as citeproc-js prints them."""
    open_, close, inner_open, inner_close = marks
    value = re.sub(_OPENS_AFTER + '"', lambda m: m.group(1) + open_, value).replace('"', close)
    value = re.sub(r"(?<=\w)'(?=\w)", "’", value)  # an apostrophe: didn't
    return re.sub(_OPENS_AFTER + "'", lambda m: m.group(1) + inner_open, value).replace("'", inner_close)


def _typeset(item: dict[str, Any], marks: tuple[str, str, str, str]) -> dict[str, Any]:
    return {k: _typographic(v, marks) if isinstance(v, str) and k not in _VERBATIM else v
            for k, v in item.items()}


def _quote_marks(csl_style) -> tuple[str, str, str, str]:
    """The style's locale's quotation marks, outer and inner."""
    root = csl_style.root
    return tuple(root.get_term(name).text for name in
                 ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote"))


@lru_cache(maxsize=256)
def _render(style: str, as_html: bool, items: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """(id, entry, citation) in bibliography order; cached, since citeproc-py takes seconds
    for Chicago and the pane asks again on every language switch."""
    citeproc = _citeproc()
    from citeproc.source.json import CiteProcJSON

    fmt = citeproc.formatter.html if as_html else citeproc.formatter.plain
    data = [json.loads(item) for item in items]
    rendered: dict[str, tuple[str, str]] = {}
    order: list[str] = []
    for locale in sorted({_locale_of(style, item) for item in data}):
        group = [item for item in data if _locale_of(style, item) == locale]
        csl_style = _csl_style(style, locale)
        group = [_typeset(item, _quote_marks(csl_style)) for item in group]
        source = CiteProcJSON([_shield(item) if as_html else item for item in group])
        bib = citeproc.CitationStylesBibliography(csl_style, source, fmt)
        cites = {item["id"]: citeproc.Citation([citeproc.CitationItem(item["id"])]) for item in group}
        for citation in cites.values():
            bib.register(citation)
        cited: dict[str, str] = {}
        if style != "gost":  # GOST numeric: the paper's order; the others sort
            bib.sort()
            cited = _add_year_suffixes(bib, cites)
        for entry_item in bib.items:
            entry = csl_style.render_bibliography([entry_item])
            text = _tidy(str(entry[0]) if entry else "", style)
            cite = _tidy(cited.get(entry_item.key, ""), style)
            rendered[entry_item.key] = (_unshield(text), _unshield(cite)) if as_html else (text, cite)
        order.extend(bib.keys)
    if style == "gost":
        order = [item["id"] for item in data]
    return tuple((key, *rendered[key]) for key in order)


def _add_year_suffixes(bib, cites) -> dict[str, str]:
    """Year suffixes, which citeproc-py does not add: works whose citations would read alike
    ("The World Bank, 2021" three times) get 2021a, 2021b, 2021c in bibliography order, in the
    bibliography and in citations, as CSL's disambiguate-add-year-suffix asks. Returns each
    work's citation (citing is most of citeproc-py's time: each work is cited once, and again
    only if it took a suffix)."""
    from citeproc.string import String

    def cite(key: str) -> str:
        return str(bib.cite(cites[key], lambda _item: None))

    cited = {entry_item.key: cite(entry_item.key) for entry_item in bib.items}
    alike: dict[str, list] = {}
    for entry_item in bib.items:
        alike.setdefault(cited[entry_item.key], []).append(entry_item)
    for group in alike.values():
        if len(group) > 1:
            for i, entry_item in enumerate(group):
                entry_item.reference["year_suffix"] = String(_suffix(i))
                cited[entry_item.key] = cite(entry_item.key)
    return cited


def _suffix(i: int) -> str:
    """a ... z, then aa, ab ... as citeproc-js counts."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[i] if i < 26 else _suffix(i // 26 - 1) + letters[i % 26]


def format_reference(ref: Reference, style: str, *, as_html: bool = False,
                     among: list[Reference] | None = None) -> str:
    """One reference's entry; ``among`` the list it stands in (its year suffix, 2021a, comes
    from the others)."""
    if not among or not any(r is ref or r == ref for r in among):
        among = [ref]
    return dict(formatted(among, style, as_html=as_html))[ref.n]


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

def export_note(ref: Reference) -> str:
    """The note that travels with a reference into Zotero: the CSL item's own note, then
    what Oqu knows beyond the paper's entry (its remarks), one a line."""
    lines = [ref.csl.get("note")] + [r.get("text") for r in ref.remarks]
    return "\n".join(str(x) for x in lines if x)


def _exported_item(ref: Reference) -> dict[str, Any]:
    item = _item(ref)
    if export_note(ref):
        item["note"] = export_note(ref)
    return item


def csl_json(references: list[Reference]) -> str:
    """The references as a CSL-JSON array (Zotero, Mendeley and citeproc read it), each
    reference's remarks in its ``note``."""
    return json.dumps([_exported_item(r) for r in references], ensure_ascii=False, indent=2) + "\n"


def _pages(ref: Reference) -> tuple[str | None, str | None]:
    """First and last page of "6-28" (RIS keeps them apart)."""
    first, _sep, last = str(ref.csl.get("page") or "").partition("-")
    return first.strip() or None, last.strip() or None


def _date_parts(ref: Reference, key: str) -> list[int]:
    parts = (ref.csl.get(key) or {}).get("date-parts") or [[]]
    return [int(p) for p in parts[0]] if parts and parts[0] else []


# A news item is biblatex's @article with entrysubtype "newspaper" (RIS: NEWS).
BIBTEX_TYPES = {"article-journal": "article", "article-newspaper": "article",
                "paper-conference": "inproceedings", "report": "techreport",
                "webpage": "misc", "legislation": "misc"}
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _bibtex_entry(ref: Reference):
    from pybtex.database import Entry, Person

    c = ref.csl
    entry_type = BIBTEX_TYPES.get(ref.type, "misc")
    fields: dict[str, str] = {"title": _protect_case(ref.title)}
    if ref.type == "article-newspaper":
        fields["entrysubtype"] = "newspaper"
    container = c.get("container-title")
    if container:
        fields["booktitle" if entry_type == "inproceedings" else "journal"] = container
    issued = _date_parts(ref, "issued")
    if issued:
        fields["year"] = str(issued[0])
        if len(issued) > 1:
            fields["month"] = MONTHS[issued[1] - 1]
    for csl_key, bib_key in (("volume", "volume"), ("issue", "number"), ("publisher-place", "address")):
        if c.get(csl_key):
            fields[bib_key] = str(c[csl_key])
    if c.get("page"):
        fields["pages"] = str(c["page"]).replace("-", "--")
    if c.get("publisher"):
        fields["institution" if entry_type == "techreport" else "publisher"] = c["publisher"]
    if ref.type == "legislation":
        fields["organization"] = c.get("authority", "")
        fields["type"] = " ".join(x for x in (c.get("genre"), f"No. {c['number']}" if c.get("number") else "") if x)
    fields["note"] = export_note(ref)
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


# BibTeX styles lower-case titles: words that must keep their capitals are braced.
# Markers (private-use characters) stand for the braces until the text is escaped.
_OPEN, _CLOSE = "\ue010", "\ue011"
_WORD = re.compile(r"\w(?:[\w'’.-]*\w)?")


def _protect_case(title: str) -> str:
    """Brace proper nouns and acronyms: every word with a capital letter, but for the
    title's first word only when a capital follows its first letter (OSCE, YouTube)."""
    def protect(match: re.Match) -> str:
        word = match.group(0)
        rest = word[1:] if match.start() == _first_word_start(title) else word
        return f"{_OPEN}{word}{_CLOSE}" if any(ch.isupper() for ch in rest) else word
    return _WORD.sub(protect, title)


def _first_word_start(title: str) -> int:
    match = _WORD.search(title)
    return match.start() if match else -1


def _bibtex_writer():
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
                                      ("\x02", "\\textbraceright{}"), (_OPEN, "{"), (_CLOSE, "}")):
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
                             ("publisher-place", "place_published"), ("section", "section")):
        if c.get(csl_key):
            entry[ris_key] = str(c[csl_key])
    if ref.type == "legislation":
        entry["publisher"] = c.get("authority", "")
        entry["number"] = c.get("number", "")
        entry["type_of_work"] = c.get("genre", "")
    entry["language"] = ref.language  # the source's own language
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
    # RIS values are one line each: every line of the note (every remark) an N1 of its own
    entry["notes"] = [line for line in export_note(ref).splitlines() if line.strip()]
    return {k: v for k, v in entry.items() if v}


def ris(references: list[Reference]) -> str:
    """Standard RIS: each record from ``TY  -`` to ``ER  -``, with none of the counter
    lines ("1.", "2.") that rispy's default writer puts before each record."""
    from rispy.writer import RisWriter

    class StandardRisWriter(RisWriter):
        def set_header(self, count: int) -> str:
            return ""

    writer = StandardRisWriter(skip_unknown_tags=True, enforce_list_tags=True)
    return writer.formats([_ris_entry(r) for r in references])


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
