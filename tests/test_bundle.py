"""The bundle holds the seed paper faithfully: numbers, markers, repaired text."""
from __future__ import annotations

import re

import pytest


def seed_rows(seed_text: str, title_start: str, stop: str) -> list[str]:
    block = seed_text.split(title_start, 1)[1].split(stop, 1)[0]
    return [line for line in block.splitlines() if "\t" in line]


def number(text: str) -> float:
    return float(text.replace(",", "."))


def test_table_1_cells_are_split_into_real_values(paper, seed_text):
    """'72/74%' is DAI 2014 = 72 and 2016 = 74, '#94' is rank 94, 'no data' is missing (not 0)."""
    rows = seed_rows(seed_text, "Table 1:", "Source:")[1:]  # the first tab line is the header
    table = paper.table(1)
    assert len(table.rows) == len(rows) == 11
    for line, row in zip(rows, table.rows):
        imd, cpi, dai = line.split("\t")
        assert row["country"] in imd
        ranks = re.findall(r"#\s*(\d+)", imd)
        assert row["imd_rank"] == (float(ranks[0]) if ranks else None)
        assert row["cpi_rank"] == float(re.findall(r"#\s*(\d+)", cpi)[0])
        d14, d16 = re.search(r"(\d+)\s*/\s*(\d+)", dai).groups()
        assert (row["dai_2014"], row["dai_2016"]) == (float(d14), float(d16))
    uzbekistan = next(r for r in table.rows if r["country"] == "Uzbekistan")
    assert uzbekistan["imd_rank"] is None
    assert sum(row["imd_rank"] is None for row in table.rows) == 1


@pytest.mark.parametrize("table_id,title", [(2, "Table 2:"), (3, "Table 3:")])
def test_tables_2_and_3_equal_the_seed(paper, seed_text, table_id, title):
    """Tables 2 and 3 hold the seed's countries, figures and "(in YEAR)" observation years."""
    lines = seed_rows(seed_text, title, "Source:")[1:]
    table = paper.table(table_id)
    assert len(lines) == len(table.rows) == 5
    for line, row in zip(lines, table.rows):
        cells = line.split("\t")
        assert cells[1] == row["country"]
        for cell, column in zip(cells[2:], table.columns):
            match = re.match(r"([\d,]+)(?: \(in (\d{4})\))?$", cell.strip())
            assert row[column.name] == number(match.group(1))
            if column.year_column:
                assert row[column.year_column] == (int(match.group(2)) if match.group(2) else None)


def test_table_3_value_qualified_by_year(paper):
    """'38 (in 2017)' is 38 observed in 2017."""
    kyrgyzstan = next(r for r in paper.table(3).rows if r["country"] == "Kyrgyzstan")
    assert kyrgyzstan["y2018"] == 38 and kyrgyzstan["y2018_year"] == 2017


def test_markers_and_references(paper, seed_text):
    """31 markers, each resolving; 26 references, each cited at least once, in the seed's order."""
    body = seed_text.split("### Introduction", 1)[1].split("#### References", 1)[0]
    expected = [int(n) for n in re.findall(r"\[(\d+)\]", body)]
    assert [m.ref for m in paper.markers] == expected
    assert len(paper.markers) == 31
    assert [r.n for r in paper.references] == list(range(1, 27))
    assert all(paper.reference(m.ref) for m in paper.markers)
    assert all(paper.markers_for(r.n) for r in paper.references)
    assert [m.index for m in paper.markers] == list(range(31))


def test_references_are_csl_json(paper):
    """References carry CSL-JSON (type, authors, DOI, year) and a transliteration; URLs lose their Markdown escapes."""
    konkov = paper.reference(1).csl
    assert konkov["type"] == "article-journal"
    assert konkov["author"][0]["family"] == "Konkov"
    assert konkov["DOI"] == "10.23932/2542-0240-2019-12-6-1"
    assert konkov["issued"]["date-parts"][0][0] == 2019
    assert all(r.transliterated for r in paper.references)
    akorda = paper.reference(13)
    assert "addresses_of_president" in akorda.url and "\\" not in akorda.url


def test_repaired_conversion_damage(paper):
    """The PDF conversion's damage is repaired: split words joined, paragraphs rejoined, no Markdown escapes left."""
    assert "мәдениетінің" in " ".join(paper.abstract["kk"])
    assert "мәде-ниетінің" not in " ".join(paper.abstract["kk"])
    assert any("Однако нет четкого и однозначного выбора" in p for p in paper.abstract["ru"])
    texts = [p.text for s in paper.sections for p in s.paragraphs]
    assert any("role of social networks in the public, economic and political spheres" in t for t in texts)
    assert not any("\\_" in t or "*" in t for t in texts)


def test_sections_in_order(paper, seed_text):
    """The body's sections are the seed's headings in the seed's order, and tables and citations know their
    section."""
    titles = [s.title for s in paper.sections]
    assert titles == ["Introduction", "Sources of research", "Main part", "Discussion", "Research results",
                      "Conclusion"]
    # each a line of its own in the seed ("### Introduction", "Main part.", "#### *Discussion*"), in this order
    lines = [re.sub(r"^#+\s*|[*.]", "", line).strip() for line in seed_text.splitlines()]
    assert [lines.index(t) for t in titles] == sorted(lines.index(t) for t in titles)
    assert paper.section_of_table(1) == "main-part"
    assert paper.cited_in(6) == ["main-part"]


def test_metadata_in_three_languages(paper):
    """Title, keywords and the corresponding author are there in English, Russian and Kazakh."""
    assert paper.title["en"].upper().startswith("FEATURES OF DIGITALIZATION")
    assert "ЦИФРОВИЗАЦИИ" in paper.title["ru"]
    assert "ЦИФРЛАНДЫРУ" in paper.title["kk"]
    assert paper.authors[0].email == "sharipkz@mail.ru" and paper.authors[0].corresponding
    assert "Қазақстан" in paper.keywords["kk"]
