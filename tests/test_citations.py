"""References formatted through CSL and exported; each export read back by an independent reader.

The expected GOST and APA strings below were written by hand from the style rules
(GOST R 7.0.5-2008: "Author I. Title // Journal. Year. Vol. N. P. a–b.", terms in the
language of the source, "[Electronic resource]", "URL: ... (accessed: dd.mm.yyyy)";
APA 7th: "Author, I. (Year). Title. *Journal*, *Vol*, a–b. https://doi.org/...", a web
page's site name left out when it is the author), then compared with the bundle.
"""
from __future__ import annotations

import copy
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oqu.core import citations
from oqu.core.model import Reference

HANNA_GOST = ("Hanna N. A role for the state in the digital age // Journal of Innovation and "
              "Entrepreneurship. 2018. Vol. 7. P. 1–16. DOI: 10.1186/s13731-018-0086-3.")
HANNA_APA = ("Hanna, N. (2018). A role for the state in the digital age. Journal of Innovation and "
             "Entrepreneurship, 7, 1–16. https://doi.org/10.1186/s13731-018-0086-3")
HANNA_APA_HTML = ("Hanna, N. (2018). A role for the state in the digital age. <i>Journal of Innovation and "
                  "Entrepreneurship</i>, <i>7</i>, 1–16. https://doi.org/10.1186/s13731-018-0086-3")
DAI_GOST = ("Digital Adoption Index [Electronic resource]. The World Bank, 2021. URL: "
            "https://www.worldbank.org/en/publication/wdr2016/Digital-Adoption-Index (accessed: 03.07.2021).")
DAI_APA_HTML = ("The World Bank. (2021). <i>Digital Adoption Index</i>. "
                "https://www.worldbank.org/en/publication/wdr2016/Digital-Adoption-Index")
# A Russian-titled news item: GOST takes the Russian terms; the translation in brackets.
SPUTNIK_GOST = ("Mirziyoyev: Uzbekistan planiruet dovesti dolu cifrovoi ekonomiki do 30% [Mirziyoyev: Uzbekistan "
                "plans to increase the share of the digital economy to 30%] // Sputnik Uzbekistan news agency. "
                "2019. URL: https://uz.sputniknews.ru/economy/20181228/10368929.html (дата обращения: 03.07.2021).")
# A Russian source under an English title (the paper prints only that): the English terms.
AKORDA_GOST = ("Message from the Head of State Kassym-Zhomart Tokayev to the people of Kazakhstan: Kazakhstan "
               "in a new reality: time for action [Electronic resource]. Official web site of the President of "
               "Kazakhstan, 2020. URL: https://www.akorda.kz/ru/addresses/addresses_of_president/"
               "poslanie-glavy-gosudarstva-kasym-zhomarta-tokaeva-narodu-kazahstana-1-sentyabrya-2020-g.")


def test_gost_journal_article_and_web_pages(paper):
    """GOST entries of an article, a web page, and the terms in the language of each title."""
    assert citations.format_reference(paper.reference(2), "gost") == HANNA_GOST
    assert citations.format_reference(paper.reference(6), "gost") == DAI_GOST
    assert citations.format_reference(paper.reference(13), "gost") == AKORDA_GOST
    assert citations.format_reference(paper.reference(16), "gost") == SPUTNIK_GOST


def test_gost_decree_keeps_its_issuing_body_and_number_sign(paper):
    """Ref 11 as printed: "Decree of the Government of the Republic of Kazakhstan No. 827"."""
    assert citations.format_reference(paper.reference(11), "gost") == (
        "State Program “Digital Kazakhstan”: Decree of the Government of the Republic of Kazakhstan No. 827. "
        "2017. URL: http://egov.kz/cms/ru/law/list/P1700000827 (accessed: 03.07.2021).")


def test_gost_prints_the_doi_of_every_article(paper):
    """Oqu's GOST style file adds the DOI the stock style leaves out."""
    text = dict(citations.formatted(paper.references, "gost"))
    articles = [ref for ref in paper.references if ref.doi]
    assert articles  # the bundle has articles with a DOI
    assert [ref.n for ref in articles if f"DOI: {ref.doi}." not in text[ref.n]] == []


def test_apa_journal_article_and_web_page(paper):
    """APA entries of an article (plain and HTML) and of a web page whose author is its site."""
    assert citations.format_reference(paper.reference(2), "apa") == HANNA_APA
    assert citations.format_reference(paper.reference(2), "apa", as_html=True) == HANNA_APA_HTML
    assert citations.format_reference(paper.reference(6), "apa", as_html=True) == DAI_APA_HTML


@pytest.mark.parametrize("style, years, cites", [
    ("apa", ("(2021a)", "(2021c)", "(2021b)"),
     ("(The World Bank, 2021a)", "(The World Bank, 2021c)", "(The World Bank, 2021b)")),
    ("chicago", ("2021a.", "2021c.", "2021b."),
     ("(The World Bank 2021a)", "(The World Bank 2021c)", "(The World Bank 2021b)")),
])
def test_year_suffixes_tell_the_world_bank_2021_works_apart(paper, style, years, cites):
    """Refs 6, 9, 10 (The World Bank, 2021) get a, b, c by title order, in entries and citations."""
    entries = dict(citations.formatted(paper.references, style))
    for n, year in zip((6, 9, 10), years):
        assert f"The World Bank. {year}" in entries[n]
        assert citations.format_reference(paper.reference(n), style, among=paper.references) == entries[n]
    assert [dict(citations.citations_of(paper.references, style))[n] for n in (6, 9, 10)] == list(cites)
    # alone, a work needs no suffix; nor does a work by another author of 2021
    assert "2021a" not in citations.format_reference(paper.reference(6), style)
    assert "2021a" not in entries[7] and "2021" in entries[7]


def test_american_punctuation_and_typographic_quotes(paper):
    """APA and Chicago put a comma or period inside closing quotes; straight quotes and
    apostrophes print as typographic ones (GOST, a Russian style, keeps the period outside)."""
    for style in ("apa", "chicago"):
        assert "State Program “Digital Kazakhstan,” Decree" in citations.format_reference(paper.reference(11), style)
        assert "didn’t" in citations.format_reference(paper.reference(20), style)
    assert "“Globalnaia infosreda neset ugrozu suveritetu.”" in citations.format_reference(paper.reference(26), "apa")
    assert "“Digital Kazakhstan”:" in citations.format_reference(paper.reference(11), "gost")


@pytest.mark.parametrize("language, expected", [
    ("ru", "Programma «Tsifrovoi Kazakhstan» i „test“ didn’t // BBC news agency."),
    ("en", "Programma “Tsifrovoi Kazakhstan” i ‘test’ didn’t // BBC news agency."),
])
def test_straight_quotes_take_the_marks_of_the_entrys_language(paper, language, expected):
    """As citeproc-js does, straight quotes become the locale's quotation marks (Russian « »
    outside, „ “ inside) and an apostrophe becomes ’."""
    ref = copy.deepcopy(paper.reference(20))
    ref.csl.update(title="Programma \"Tsifrovoi Kazakhstan\" i 'test' didn't", language=language)
    assert citations.format_reference(ref, "gost").startswith(expected)


def test_chicago_title_case(paper):
    """Chicago title case: stop words (among, per, of) stay lower case, both halves of a
    hyphenated compound are capitalised, words after a colon start capitalised."""
    chicago = dict(citations.formatted(paper.references, "chicago"))
    assert "Political Trust and Protest Behaviour among Kazakhstani College Students" in chicago[25]
    assert "“Mobile Cellular Subscriptions per 100 People.”" in chicago[9]
    assert "OSCE High-Level Regional Conference in Almaty" in chicago[5]
    assert "(2013-2016.): The Results of Comprehensive" in chicago[24]


def test_no_doubled_punctuation_after_a_question_mark(paper):
    """A title ending in "?" takes no period after it."""
    # "Can the internet strengthen democracy?" must not become "democracy?."
    for style in ("gost", "apa", "chicago"):
        text = citations.format_reference(paper.reference(4), style)
        assert "democracy?" in text.lower() and "?." not in text and "?”." not in text


def test_chicago_author_date(paper):
    """A Chicago author-date entry of a journal article."""
    assert citations.format_reference(paper.reference(2), "chicago") == (
        "Hanna, N. 2018. “A Role for the State in the Digital Age.” Journal of Innovation and "
        "Entrepreneurship 7: 1–16. https://doi.org/10.1186/s13731-018-0086-3.")


def test_chicago_quotes_within_quotes_turn_single(paper):
    """A quotation inside a quoted title takes single quotes."""
    # CMOS: a quotation inside a quoted title takes single quotes, the period goes inside both
    assert "“Dariga Nazarbaieva: ‘Globalnaia infosreda neset ugrozu suveritetu.’” Newtimes.kz" in \
        citations.format_reference(paper.reference(26), "chicago")


def test_printed_and_transliterated_entries_are_the_papers(paper):
    """The two 'styles' that are the paper's own lists give its entries unchanged."""
    assert dict(citations.formatted(paper.references, "printed"))[19] == paper.reference(19).printed
    assert dict(citations.formatted(paper.references, "transliterated"))[3].startswith("Dommert K.")


def _with_markup_title(paper) -> list[Reference]:
    refs = copy.deepcopy(paper.references)
    refs[1].csl["title"] = '<b>Bold</b> & <script>alert("x")</script>'
    refs[1].printed = "<i>printed</i> & co"
    return refs


@pytest.mark.parametrize("style", ["gost", "apa", "chicago", "printed"])
def test_a_title_holding_markup_renders_as_text(paper, style):
    """Markup in the bundle's text is escaped in HTML, never interpreted."""
    ref = _with_markup_title(paper)[1]
    html_text = citations.format_reference(ref, style, as_html=True)
    assert "<b>" not in html_text and "<script>" not in html_text and "<i>printed" not in html_text
    assert "&lt;" in html_text and "&amp;" in html_text


def test_html_bibliography_escapes_markup(paper):
    """The standalone HTML bibliography escapes the bundle's markup too."""
    page = citations.export_references(_with_markup_title(paper), "html", style="apa")
    assert page.startswith("<!DOCTYPE html>") and page.count("<li") == 26
    assert "&lt;script&gt;" in page and "<script>" not in page


# -- exports read back -------------------------------------------------------------

def _expected(paper):
    return {r.id: {"families": [a.get("family") or a.get("literal") for a in r.csl.get("author", [])],
                   "year": r.year, "title": r.title, "doi": r.doi} for r in paper.references}


def test_bibtex_parses_back_with_bibtexparser(paper):
    """Every BibTeX entry reads back with bibtexparser: title (less its case braces), year,
    DOI, authors, entry types."""
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    text = citations.export_references(paper.references, "bibtex")
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    assert len(library.entries) == 26
    expected = _expected(paper)
    for entry in library.entries:
        want = expected[entry.key]
        fields = entry.fields_dict
        assert fields["title"].value.replace("{", "").replace("}", "") == want["title"]
        assert int(fields["year"].value) == want["year"]
        assert (fields["doi"].value if "doi" in fields else None) == want["doi"]
        authors = fields["author"].value.split(" and ") if "author" in fields else []
        assert [a.split(",")[0].strip() for a in authors] == want["families"]
    types = {e.key: e.entry_type for e in library.entries}
    assert types["ref2"] == "article" and types["ref24"] == "inproceedings" and types["ref18"] == "techreport"


def test_bibtex_protects_proper_nouns_and_acronyms(paper):
    """BibTeX styles lower-case titles: names and acronyms are braced, ordinary words are not,
    and the first word only when it is itself an acronym or camel-cased."""
    text = citations.bibtex([paper.reference(n) for n in (5, 10, 21, 2)])
    assert ("Digital technologies in combating corruption focus of {OSCE} high-level regional "
            "conference in {Almaty}") in text
    assert "Individuals using the {Internet}" in text
    assert "{Facebook} i {YouTube} v {Uzbekistane}" in text
    assert 'title = "A role for the state in the digital age"' in text
    ref = copy.deepcopy(paper.reference(2))
    ref.csl["title"] = "OSCE report on Kazakhstan"
    assert 'title = "{OSCE} report on {Kazakhstan}"' in citations.bibtex([ref])


def test_news_items_are_the_same_kind_in_bibtex_and_ris(paper):
    """A news item is a newspaper article in both formats (biblatex @article with
    entrysubtype newspaper; RIS NEWS); a journal article is neither."""
    import bibtexparser
    import rispy

    library = bibtexparser.parse_string(citations.bibtex(paper.references))
    ris_types = {e["id"]: e["type_of_reference"] for e in rispy.loads(citations.ris(paper.references))}
    for entry in library.entries:
        news = paper.references[int(entry.key[3:]) - 1].type == "article-newspaper"
        subtype = entry.fields_dict.get("entrysubtype")
        assert (subtype is not None and subtype.value == "newspaper") == news
        assert (ris_types[entry.key] == "NEWS") == news
    assert [r.n for r in paper.references if r.type == "article-newspaper"] == [16, 20, 21, 22, 23, 26]


def test_bibtex_keeps_urls_verbatim_and_escapes_percent(paper):
    """URLs are written verbatim; a % in text is escaped."""
    text = citations.bibtex([paper.reference(10), paper.reference(13)])
    assert "(\\% of population)" in text  # % starts a comment in LaTeX
    assert "addresses_of_president" in text  # URLs are verbatim: no \_


def test_bibtex_of_a_title_with_braces_stays_valid(paper):
    """Unbalanced braces and backslashes in a title cannot break the BibTeX file."""
    import bibtexparser

    ref = copy.deepcopy(paper.reference(2))
    ref.csl["title"] = "Unbalanced { brace and back\\slash"
    library = bibtexparser.parse_string(citations.bibtex([ref]))
    assert not library.failed_blocks and len(library.entries) == 1


def test_ris_parses_back_with_rispy(paper):
    """Every RIS record reads back with rispy: title, year, DOI, authors, pages, URL, access date."""
    import rispy

    entries = rispy.loads(citations.export_references(paper.references, "ris"))
    assert len(entries) == 26
    expected = _expected(paper)
    for entry in entries:
        want = expected[entry["id"]]
        assert entry["title"] == want["title"]
        assert int(entry["year"]) == want["year"]
        assert entry.get("doi") == want["doi"]
        assert [a.split(",")[0] for a in entry.get("authors", [])] == want["families"]
    by_id = {e["id"]: e for e in entries}
    assert by_id["ref2"]["type_of_reference"] == "JOUR"
    assert (by_id["ref1"]["start_page"], by_id["ref1"]["end_page"]) == ("6", "28")
    assert by_id["ref6"]["urls"] == [paper.reference(6).url]
    assert by_id["ref6"]["access_date"] == "2021/07/03"


def test_ris_is_standard_without_counter_lines(paper):
    """Standard RIS: every record starts with "TY  -" and ends with "ER  -"; no line outside
    the records (rispy's default writer puts "1.", "2." before each)."""
    lines = citations.ris(paper.references).splitlines()
    records, inside = 0, False
    for line in lines:
        if not inside:
            assert line == "" or line.startswith("TY  - "), line
            inside = line.startswith("TY  - ")
        else:
            assert re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line), line
            if line.rstrip() == "ER  -":
                records, inside = records + 1, False
    assert records == 26 and not inside and lines[0].startswith("TY  - ")


def test_remarks_travel_with_the_references_in_every_export(paper):
    """Each remark reaches Zotero: CSL-JSON note, BibTeX note, one RIS N1 per remark."""
    import bibtexparser
    import rispy
    from bibtexparser.middlewares import LatexDecodingMiddleware

    csl = {i["id"]: i for i in json.loads(citations.csl_json(paper.references))}
    bib = {e.key: e.fields_dict for e in bibtexparser.parse_string(
        citations.bibtex(paper.references), append_middleware=[LatexDecodingMiddleware()]).entries}
    ris = {e["id"]: e for e in rispy.loads(citations.ris(paper.references))}
    with_remarks = [r for r in paper.references if r.remarks]
    assert len(with_remarks) == 14
    for ref in paper.references:
        texts = [r["text"] for r in ref.remarks]
        assert ris[ref.id].get("notes", []) == texts
        if not texts:
            assert "note" not in csl[ref.id] and "note" not in bib[ref.id]
            continue
        assert csl[ref.id]["note"].splitlines() == texts
        assert " ".join(bib[ref.id]["note"].value.split()) == " ".join(" ".join(texts).split())


def test_csl_json_validates_against_the_csl_data_schema(paper):
    """The CSL-JSON export is valid CSL input (the CSL project's own csl-data.json schema)."""
    import jsonschema
    from helpers import FIXTURES

    schema = json.loads((FIXTURES / "csl-schema" / "csl-data.json").read_text(encoding="utf-8"))
    data = json.loads(citations.csl_json(paper.references))
    jsonschema.validate(data, schema)
    broken = [dict(data[0], published="2019")]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_csl_items_say_what_processors_should_print(paper):
    """The CSL items mislead no processor: a translated title follows the original in square
    brackets (no original-title, which styles print as "Originally published as"); a
    `language` only where the title is in that language; no journal rubric as `section`;
    no access date without a URL."""
    for ref in paper.references:
        csl = ref.csl
        assert "original-title" not in csl and "section" not in csl
        assert "accessed" not in csl or "URL" in csl, ref.n
    for n in (16, 20, 21, 22):
        ref = paper.reference(n)
        assert ref.csl["language"] == "ru" and ref.title.endswith("]") and " [" in ref.title
        assert ref.title.split(" [")[0] in ref.printed and ref.title.split(" [")[0] in ref.transliterated
    for n in (1, 11, 12, 13, 17):  # English titles of Russian sources
        ref = paper.reference(n)
        assert "language" not in ref.csl and ref.language == "ru" and ref.title in ref.printed
    assert paper.reference(4).doi == "10.1177/0267323118789517a"


def test_csl_json_parses_back_with_citeproc(paper):
    """The CSL-JSON export reads back with citeproc-py."""
    from citeproc.source.json import CiteProcJSON

    data = json.loads(citations.export_references(paper.references, "csl-json"))
    source = CiteProcJSON(data)
    assert len(source) == 26
    expected = _expected(paper)
    for key, want in expected.items():
        item = source[key]
        assert str(item["title"]) == want["title"]
        assert item["issued"]["year"] == want["year"]
        assert (str(item["DOI"]) if "DOI" in item else None) == want["doi"]
        assert [str(a["family"]) for a in item["author"]] if "author" in item else [] == want["families"]


def test_plain_text_bibliographies(paper):
    """Plain-text bibliographies: GOST numbered in the paper's order, APA sorted, the paper's own list."""
    gost = citations.export_references(paper.references, "gost").splitlines()
    assert len(gost) == 26 and gost[1] == "2. " + HANNA_GOST
    apa = citations.export_references(paper.references, "apa").splitlines()
    assert len(apa) == 26 and HANNA_APA in apa and apa == sorted(apa, key=lambda s: s.lstrip("“").lower())
    printed = citations.export_references(paper.references, "text").splitlines()
    assert printed[0] == "1. " + paper.reference(1).printed and len(printed) == 26


def test_unknown_format_is_refused(paper):
    """An unknown export format is a ValueError."""
    with pytest.raises(ValueError):
        citations.export_references(paper.references, "docx")


# -- the command line ---------------------------------------------------------------

@pytest.mark.parametrize("fmt, check", [
    ("bibtex", lambda text: text.count("@") == 26 and "@article{ref2," in text),
    ("ris", lambda text: text.count("ER  -") == 26 and "DO  - 10.1186/s13731-018-0086-3" in text),
    ("csl-json", lambda text: [i["id"] for i in json.loads(text)] == [f"ref{n}" for n in range(1, 27)]),
    ("gost", lambda text: text.splitlines()[1] == "2. " + HANNA_GOST),
    ("apa", lambda text: HANNA_APA in text.splitlines()),
    ("chicago", lambda text: len(text.splitlines()) == 26 and "Hanna, N. 2018." in text),
    ("text", lambda text: text.splitlines()[0].startswith("1. Konkov A.E. Digitalization")),
])
def test_cli_export_references(tmp_path, capsys, fmt, check):
    """`oqu export references` writes each format to a file and to standard output."""
    from oqu.cli import main

    out = tmp_path / f"refs.{fmt}"
    assert main(["export", "references", "--format", fmt, "-o", str(out)]) == 0
    assert check(out.read_text(encoding="utf-8"))
    assert main(["export", "references", "--format", fmt]) == 0  # to standard output
    assert check(capsys.readouterr().out)


# -- what the remarks assert ------------------------------------------------------------

def _remark(paper, n: int, field: str) -> str:
    (text,) = [r["text"] for r in paper.reference(n).remarks if r["field"] == field]
    return text


def test_reference_4_remark_says_what_is_known_of_its_doi(paper):
    """The printed DOI's final "a" is not called a slip: SAGE letter-suffixes the DOIs of one
    section's book reviews, and the entry reads like a review of Coleman's 2017 book."""
    text = _remark(paper, 4, "DOI")
    assert paper.reference(4).doi == "10.1177/0267323118789517a"
    assert "stray" not in text and "kept as printed" in text
    assert "…517a, …517b" in text and "book reviews" in text
    assert "461" in text and "2017 book" in text and "Polity" in text


def test_remarks_that_cite_the_paper_match_the_paper(paper, seed_text):
    """Each remark's claim about the paper is found in the paper's text."""
    body = seed_text.split("#### References")[0]
    assert "«World digital competitiveness ranking»" in seed_text and "competitiveness ranking" not in \
        body.replace("«World digital competitiveness ranking» of the IMD", "")
    assert "Table 1's column heading" in _remark(paper, 8, "title")
    hrw = body.index("Human Wright Watch")
    assert "[14]" in body[hrw:hrw + 400] and "“Human Wright Watch”" in _remark(paper, 14, "body")
    komil = body.index("Komil Alimjonov")
    assert "[21]" in body[komil:komil + 600] and "“Komil Alimjonov”" in _remark(paper, 21, "title")
    assert "20181228" in paper.reference(16).url and "reads as a date" in _remark(paper, 16, "issued")
    assert "Global Infrastructure in the Digital Age" in paper.reference(1).printed
    assert "Global Infrastructure" not in paper.reference(1).transliterated
    assert "Global Infrastructure" not in paper.reference(1).title


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_title_case_changes_only_the_case_of_letters(text):
    """On any text, title case keeps every letter and changes only case (spaces collapse as
    citeproc-py's words do), and leaves a word with a capital in it as it is."""
    from citeproc.string import String

    out = citations._title_case(String(text))
    assert out.casefold() == " ".join(text.split()).casefold()
    kept = [w for w in text.split() if w != w.lower()]
    assert all(w in out.split() for w in kept)
