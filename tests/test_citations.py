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

import pytest

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
# A Russian-language web page: GOST takes the Russian terms.
AKORDA_GOST = ("Message from the Head of State Kassym-Zhomart Tokayev to the people of Kazakhstan: Kazakhstan "
               "in a new reality: time for action [Электронный ресурс]. Official web site of the President of "
               "Kazakhstan, 2020. URL: https://www.akorda.kz/ru/addresses/addresses_of_president/"
               "poslanie-glavy-gosudarstva-kasym-zhomarta-tokaeva-narodu-kazahstana-1-sentyabrya-2020-g.")


def test_gost_journal_article_and_web_pages(paper):
    assert citations.format_reference(paper.reference(2), "gost") == HANNA_GOST
    assert citations.format_reference(paper.reference(6), "gost") == DAI_GOST
    assert citations.format_reference(paper.reference(13), "gost") == AKORDA_GOST


def test_gost_prints_the_doi_of_every_article(paper):
    text = dict(citations.formatted(paper.references, "gost"))
    for ref in paper.references:
        if ref.doi:
            assert f"DOI: {ref.doi}." in text[ref.n]


def test_apa_journal_article_and_web_page(paper):
    assert citations.format_reference(paper.reference(2), "apa") == HANNA_APA
    assert citations.format_reference(paper.reference(2), "apa", as_html=True) == HANNA_APA_HTML
    assert citations.format_reference(paper.reference(6), "apa", as_html=True) == DAI_APA_HTML


def test_no_doubled_punctuation_after_a_question_mark(paper):
    # "Can the internet strengthen democracy?" must not become "democracy?."
    for style in ("gost", "apa", "chicago"):
        text = citations.format_reference(paper.reference(4), style)
        assert "democracy?" in text.lower() and "?." not in text and "?”." not in text


def test_chicago_author_date(paper):
    assert citations.format_reference(paper.reference(2), "chicago") == (
        "Hanna, N. 2018. “A Role for the State in the Digital Age.” Journal of Innovation and "
        "Entrepreneurship 7: 1–16. https://doi.org/10.1186/s13731-018-0086-3.")


def test_chicago_quotes_within_quotes_turn_single(paper):
    # CMOS: a quotation inside a quoted title takes single quotes, the period goes inside both
    assert "“Dariga Nazarbaieva: ‘Globalnaia infosreda neset ugrozu suveritetu.’” Newtimes.kz" in \
        citations.format_reference(paper.reference(26), "chicago")


def test_printed_and_transliterated_entries_are_the_papers(paper):
    assert dict(citations.formatted(paper.references, "printed"))[19] == paper.reference(19).printed
    assert dict(citations.formatted(paper.references, "transliterated"))[3].startswith("Dommert K.")


def _with_markup_title(paper) -> list[Reference]:
    refs = copy.deepcopy(paper.references)
    refs[1].csl["title"] = '<b>Bold</b> & <script>alert("x")</script>'
    refs[1].printed = "<i>printed</i> & co"
    return refs


@pytest.mark.parametrize("style", ["gost", "apa", "chicago", "printed"])
def test_a_title_holding_markup_renders_as_text(paper, style):
    ref = _with_markup_title(paper)[1]
    html_text = citations.format_reference(ref, style, as_html=True)
    assert "<b>" not in html_text and "<script>" not in html_text and "<i>printed" not in html_text
    assert "&lt;" in html_text and "&amp;" in html_text


def test_html_bibliography_escapes_markup(paper):
    page = citations.export_references(_with_markup_title(paper), "html", style="apa")
    assert page.startswith("<!DOCTYPE html>") and page.count("<li") == 26
    assert "&lt;script&gt;" in page and "<script>" not in page


# -- exports read back -------------------------------------------------------------

def _expected(paper):
    return {r.id: {"families": [a.get("family") or a.get("literal") for a in r.csl.get("author", [])],
                   "year": r.year, "title": r.title, "doi": r.doi} for r in paper.references}


def test_bibtex_parses_back_with_bibtexparser(paper):
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
        assert fields["title"].value == want["title"]
        assert int(fields["year"].value) == want["year"]
        assert (fields["doi"].value if "doi" in fields else None) == want["doi"]
        authors = fields["author"].value.split(" and ") if "author" in fields else []
        assert [a.split(",")[0].strip() for a in authors] == want["families"]
    types = {e.key: e.entry_type for e in library.entries}
    assert types["ref2"] == "article" and types["ref24"] == "inproceedings" and types["ref18"] == "techreport"


def test_bibtex_keeps_urls_verbatim_and_escapes_percent(paper):
    text = citations.bibtex([paper.reference(10), paper.reference(13)])
    assert "(\\% of population)" in text  # % starts a comment in LaTeX
    assert "addresses_of_president" in text  # URLs are verbatim: no \_


def test_bibtex_of_a_title_with_braces_stays_valid(paper):
    import bibtexparser

    ref = copy.deepcopy(paper.reference(2))
    ref.csl["title"] = "Unbalanced { brace and back\\slash"
    library = bibtexparser.parse_string(citations.bibtex([ref]))
    assert not library.failed_blocks and len(library.entries) == 1


def test_ris_parses_back_with_rispy(paper):
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


def test_csl_json_parses_back_with_citeproc(paper):
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
    gost = citations.export_references(paper.references, "gost").splitlines()
    assert len(gost) == 26 and gost[1] == "2. " + HANNA_GOST
    apa = citations.export_references(paper.references, "apa").splitlines()
    assert len(apa) == 26 and HANNA_APA in apa and apa == sorted(apa, key=lambda s: s.lstrip("“").lower())
    printed = citations.export_references(paper.references, "text").splitlines()
    assert printed[0] == "1. " + paper.reference(1).printed and len(printed) == 26


def test_unknown_format_is_refused(paper):
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
    from oqu.cli import main

    out = tmp_path / f"refs.{fmt}"
    assert main(["export", "references", "--format", fmt, "-o", str(out)]) == 0
    assert check(out.read_text(encoding="utf-8"))
    assert main(["export", "references", "--format", fmt]) == 0  # to standard output
    assert check(capsys.readouterr().out)
