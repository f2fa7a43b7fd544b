"""A broken bundle gives clear problems naming file and line or field, never a traceback.

Each case damages a copy of the real bundle the way a hand edit or a bad disk would, and
asserts the exact problem a user reads; the rest of the paper must still load.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from oqu.core import load_bundle

from helpers import edit_bundle_json, run_cli


def problems_of(folder) -> list[str]:
    return [str(p) for p in load_bundle(folder).problems]


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing ``needle`` (read from the real file)."""
    return next(i for i, l in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in l)


edit_json = edit_bundle_json


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_missing_file(bundle_copy):
    """A missing references.json is one problem: the markers that would cite it are not each reported."""
    (bundle_copy / "references.json").unlink()
    found = problems_of(bundle_copy)
    assert found == ["references.json: the file is missing"]


def test_a_truncated_file_is_one_problem_not_a_cascade(bundle_copy):
    """A references.json cut off mid-way is one "invalid JSON" problem, not 31 "marker [n] cites no
    reference"; a missing body.md or a broken tables.json likewise reports only itself."""
    refs = bundle_copy / "references.json"
    refs.write_bytes(refs.read_bytes()[:3000])
    found = problems_of(bundle_copy)
    assert len(found) == 1 and found[0].startswith("references.json:") and "invalid JSON" in found[0]
    (bundle_copy / "body.md").unlink()
    (bundle_copy / "tables.json").write_text("[{", encoding="utf-8")
    found = problems_of(bundle_copy)
    assert [p.split(":")[0] for p in found] == ["body.md", "tables.json", "references.json"], found
    result = run_cli("check", "--bundle", str(bundle_copy))
    assert result.returncode == 1 and result.stdout.startswith("3 problem(s)")


def test_missing_table_csv_keeps_the_other_tables(bundle_copy):
    """A missing table CSV is one problem naming it; that table is empty and the other tables and the references load."""
    (bundle_copy / "tables" / "table2.csv").unlink()
    result = load_bundle(bundle_copy)
    assert [str(p) for p in result.problems] == ["tables/table2.csv: the file is missing"]
    assert result.paper.table(2).rows == []
    assert result.paper.table(1).rows and result.paper.table(3).rows
    assert len(result.paper.references) == 26


def test_invalid_json_names_the_line(bundle_copy):
    """Invalid JSON in paper.json is reported with the line of the damage."""
    path = bundle_copy / "paper.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",,"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = problems_of(bundle_copy)
    assert any(p.startswith("paper.json:4: invalid JSON") for p in found), found


def test_marker_without_reference_and_duplicate_id(bundle_copy):
    """A marker citing no reference is reported at its body.md line; a duplicate reference number at its JSON field."""
    body = bundle_copy / "body.md"
    text = body.read_text(encoding="utf-8").replace("[1]", "[27]", 1)
    body.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "[27]" in l)
    edit_json(bundle_copy / "references.json", lambda refs: refs[1].update(n=1))
    found = problems_of(bundle_copy)
    assert f"body.md:{line}: marker [27] cites no reference" in found
    assert "references.json ([1].n): duplicate reference number 1" in found


def test_table_with_missing_column_and_bad_number(bundle_copy):
    """A non-number in a table CSV is reported with its line and column; a missing column with the header line."""
    path = bundle_copy / "tables" / "table2.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("118.3", "118.3x"), encoding="utf-8")
    found = problems_of(bundle_copy)
    assert any(p.startswith("tables/table2.csv:2 (y2010): '118.3x' is not a number") for p in found), found
    path3 = bundle_copy / "tables" / "table3.csv"
    lines = path3.read_text(encoding="utf-8").splitlines()
    path3.write_text("\n".join(l.rsplit(",", 1)[0] for l in lines), encoding="utf-8")
    assert any(p.startswith("tables/table3.csv:1: missing column(s): y2018_year") for p in problems_of(bundle_copy))


def test_binary_and_wrong_types(bundle_copy):
    """A body.md holding binary bytes and a title that is a number are each reported in plain words."""
    (bundle_copy / "body.md").write_bytes(b"# Intro\n\x00\x01\x02")
    paper = json.loads((bundle_copy / "paper.json").read_text(encoding="utf-8"))
    paper["title"]["kk"] = 42
    (bundle_copy / "paper.json").write_text(json.dumps(paper), encoding="utf-8")
    found = problems_of(bundle_copy)
    assert "body.md:2: the file is binary, not text" in found
    assert "paper.json (title.kk): expected text, found a number" in found


# -- one damage, one exact message ------------------------------------------------
# Each case: (id, damage(bundle) -> the expected problem text).

def _huge_body(b: Path) -> str:
    with open(b / "body.md", "ab") as fp:
        fp.truncate(6 * 1024 * 1024)  # a sparse 6 MB file: cheap to make, still "too large"
    return "body.md: the file is too large (6,291,456 bytes; at most 5,242,880)"


def _binary_refs(b: Path) -> str:
    (b / "references.json").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return "references.json:3: the file is binary, not text"  # the NUL follows two line feeds


def _latin1_body(b: Path) -> str:
    text = (b / "body.md").read_text(encoding="utf-8")
    (b / "body.md").write_bytes(text.encode("utf-8") + "\n\ncaf\xe9\n".encode("latin-1"))
    return f"body.md:{text.count(chr(10)) + 3}: the file is not UTF-8 text"


def _folder_instead_of_file(b: Path) -> str:
    (b / "tables.json").unlink()
    (b / "tables.json").mkdir()
    return "tables.json: not a regular file (a folder or a device)"


def _top_level(file: str, value, expected: str):
    def damage(b: Path) -> str:
        (b / file).write_text(json.dumps(value), encoding="utf-8")
        return expected
    return damage


def _nan(b: Path) -> str:
    path = b / "references.json"
    replace_text(path, '"n": 3,', '"n": NaN,')
    return f"references.json:{line_of(path, 'NaN')}: invalid JSON: NaN is not a number in JSON"


def _infinity(b: Path) -> str:
    path = b / "tables.json"
    replace_text(path, '"year": 2010', '"year": -Infinity')
    return f"tables.json:{line_of(path, 'Infinity')}: invalid JSON: -Infinity is not a number in JSON"


def _overflow_float(b: Path) -> str:
    path = b / "tables.json"
    replace_text(path, '"year": 2010', '"year": 1e999')
    return f"tables.json:{line_of(path, '1e999')}: invalid JSON: the number 1e999 is too large"


def _long_int(b: Path) -> str:
    path = b / "references.json"
    replace_text(path, '"n": 2,', '"n": ' + "7" * 5000 + ",")
    return f"references.json:{line_of(path, '7777777')}: invalid JSON: the number 777777777777… is too long"


def _deep_json(b: Path) -> str:
    (b / "paper.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return "paper.json:1: the JSON is nested more than 64 levels deep"


def _deep_inside(b: Path) -> str:
    path = b / "references.json"
    first = line_of(path, '"remarks": []')
    replace_text(path, '"remarks": []', '"remarks": ' + "[\n" * 70 + "]" * 70)
    line = first + 64 - 3  # the list is 3 deep there ({"references": [{...): its 62nd "[" is the 65th level
    return f"references.json:{line}: the JSON is nested more than 64 levels deep"


def _wrong_type(file: str, change, expected: str):
    def damage(b: Path) -> str:
        edit_json(b / file, change)
        return expected
    return damage


def _set(path: list, value):
    def change(data):
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value
    return change


def _duplicate_table_id(b: Path) -> str:
    edit_json(b / "tables.json", _set([2, "id"], 1))
    return "tables.json ([2].id): duplicate table id 1"


def _duplicate_csl_id(b: Path) -> str:
    edit_json(b / "references.json", _set([4, "csl", "id"], "ref1"))
    return "references.json ([4].csl.id): duplicate CSL id 'ref1'"


def _duplicate_csv_column(b: Path) -> str:
    replace_text(b / "tables" / "table2.csv", "no,country", "y2010,country")
    return "tables/table2.csv:1: duplicate column(s): y2010"


def _short_row(b: Path) -> str:
    path = b / "tables" / "table1.csv"
    line = line_of(path, "Denmark")
    replace_text(path, "Denmark,DK,DNK,3,1,77,79,", "Denmark,DK,DNK,3")
    return f"tables/table1.csv:{line}: wrong number of fields"


def _country_name_code(b: Path) -> str:
    path = b / "country_names.csv"
    line = line_of(path, "Russian Federation")
    replace_text(path, "RUS,Russian Federation", "Rus,Russian Federation")
    return f"country_names.csv:{line} (iso3): 'Rus' is not a three-letter ISO code"


def _country_name_twice(b: Path) -> str:
    path = b / "country_names.csv"
    line = len(path.read_text(encoding="utf-8").splitlines()) + 1
    path.write_text(path.read_text(encoding="utf-8") + "KAZ,The Russian Federation\n", encoding="utf-8")
    return f"country_names.csv:{line} (name): 'The Russian Federation' is already given to RUS"


def _country_names_header_broken(b: Path) -> str:
    """A carriage return inside the header line: csv fails on the first look at the header."""
    path = b / "country_names.csv"
    path.write_bytes(b"iso3,na\rme\n" + path.read_bytes().split(b"\n", 1)[1])
    return ("country_names.csv:1: invalid CSV: new-line character seen in unquoted field"
            " - do you need to open the file in universal-newline mode?")


def _bad_iso(b: Path) -> str:
    replace_text(b / "tables" / "table2.csv", "Kazakhstan,KZ,KAZ", "Kazakhstan,kz,KAZ")
    return "tables/table2.csv:2 (iso2/iso3): iso2 must be two and iso3 three capital letters"


def _bad_year(b: Path) -> str:
    path = b / "tables" / "table3.csv"
    line = line_of(path, "2017")
    replace_text(path, "2017", "2017.5")
    return f"tables/table3.csv:{line} (y2018_year): '2017.5' is not a year"


def _outside_file(b: Path) -> str:
    edit_json(b / "tables.json", _set([0, "file"], "../../../../etc/passwd"))
    return "tables.json ([0].file): '../../../../etc/passwd' is not a file inside the bundle folder"


def _absolute_file(b: Path) -> str:
    edit_json(b / "tables.json", _set([1, "file"], "/etc/hostname"))
    return "tables.json ([1].file): '/etc/hostname' is not a file inside the bundle folder"


def _symlink_out(b: Path) -> str:
    (b / "tables" / "table3.csv").unlink()
    (b / "tables" / "table3.csv").symlink_to("/etc/passwd")
    return "tables.json ([2].file): 'tables/table3.csv' is not a file inside the bundle folder"


def _unsafe_url(b: Path) -> str:
    path = b / "references.json"
    edit_json(path, _set([4, "csl", "URL"], "javascript:alert(1)"))
    return "references.json ([4].csl.URL): expected a web address starting with http:// or https://"


def _impossible_date(b: Path) -> str:
    edit_json(b / "references.json", _set([4, "csl", "accessed"], {"date-parts": [[2021, 2, 30]]}))
    return 'references.json ([4].csl.accessed): expected {"date-parts": [[year, month, day]]} with a real date'


def _author_as_text(b: Path) -> str:
    edit_json(b / "references.json", _set([0, "csl", "author"], "Konkov A.E."))
    return 'references.json ([0].csl.author): expected a list of {"family", "given"} or {"literal"} names'


def _huge_marker(b: Path) -> str:
    path = b / "body.md"
    replace_text(path, "[1]", "[" + "9" * 5000 + "]")
    return f"body.md:{line_of(path, '99999')}: marker [999999999999…] cites no reference"


def _unknown_placeholder(b: Path) -> str:
    path = b / "body.md"
    line = line_of(path, "{{table 2}}")
    replace_text(path, "{{table 2}}", "{{figure 2}}")
    return f"body.md:{line}: unknown placeholder '{{{{figure 2}}}}' (expected '{{{{table N}}}}')"


def _table_marker(b: Path) -> str:
    edit_json(b / "tables.json", lambda d: d[0].update(source_note=d[0]["source_note"].replace("[6]", "[60]")))
    return "tables.json (table 1.source_note): marker [60] cites no reference"


def _columns_not_a_list(b: Path) -> str:
    edit_json(b / "tables.json", _set([1, "columns"], 5))
    return "tables.json ([1].columns): expected a list of columns, found a number"


def _format(b: Path) -> str:
    edit_json(b / "paper.json", _set(["format"], 2))
    return "paper.json (format): unknown bundle format 2 (expected 1)"


CASES = [
    ("huge file", _huge_body),
    ("binary file", _binary_refs),
    ("not UTF-8", _latin1_body),
    ("folder instead of a file", _folder_instead_of_file),
    ("paper.json is a list", _top_level("paper.json", [1, 2], "paper.json:1: expected a JSON object at the top level, found a list")),
    ("tables.json is an object", _top_level("tables.json", {"id": 1}, "tables.json:1: expected {\"tables\": [...]} at the top level, found an object")),
    ("tables.json holds no list", _top_level("tables.json", {"$schema": "schema/tables.schema.json", "tables": 5}, "tables.json (tables): expected a list of tables, found a number")),
    ("references.json is null", _top_level("references.json", None, "references.json:1: expected {\"references\": [...]} at the top level, found null")),
    ("references.json is a number", _top_level("references.json", 26, "references.json:1: expected {\"references\": [...]} at the top level, found a number")),
    ("NaN", _nan),
    ("-Infinity", _infinity),
    ("1e999", _overflow_float),
    ("5000-digit number", _long_int),
    ("deeply nested JSON", _deep_json),
    ("deep list inside a reference", _deep_inside),
    ("title is a list", _wrong_type("paper.json", _set(["title", "en"], ["A"]), "paper.json (title.en): expected text, found a list")),
    ("keywords not a list", _wrong_type("paper.json", _set(["keywords", "ru"], "a, b"), "paper.json (keywords.ru): expected a non-empty list of texts")),
    ("authors is an object", _wrong_type("paper.json", _set(["authors"], {}), "paper.json (authors): expected a non-empty list of authors")),
    ("corresponding is text", _wrong_type("paper.json", _set(["authors", 0, "corresponding"], "yes"), "paper.json (authors[0].corresponding): expected true or false, found text")),
    ("bad e-mail", _wrong_type("paper.json", _set(["authors", 1, "email"], 12), "paper.json (authors[1].email): expected an e-mail address or null")),
    ("table id is text", _wrong_type("tables.json", _set([0, "id"], "1"), "tables.json ([0].id): expected a whole number, found text")),
    ("table id is true", _wrong_type("tables.json", _set([0, "id"], True), "tables.json ([0].id): expected a whole number, found true/false")),
    ("column year is text", _wrong_type("tables.json", _set([1, "columns", 0, "year"], "2010"), "tables.json ([1].columns[0].year): expected a whole number, found text")),
    ("lower_is_better is a number", _wrong_type("tables.json", _set([0, "columns", 0, "lower_is_better"], 1), "tables.json ([0].columns[0].lower_is_better): expected true or false, found a number")),
    ("unknown unit", _wrong_type("tables.json", _set([2, "columns", 0, "unit"], "%"), "tables.json ([2].columns[0].unit): unit must be one of per_100_people, percent, rank")),
    ("unit is a list", _wrong_type("tables.json", _set([2, "columns", 0, "unit"], ["%"]), "tables.json ([2].columns[0].unit): unit must be one of per_100_people, percent, rank")),
    ("sources hold text", _wrong_type("tables.json", _set([0, "sources"], ["6"]), "tables.json ([0].sources): expected a list of reference numbers")),
    ("columns not a list", _columns_not_a_list),
    ("reference n is 0", _wrong_type("references.json", _set([3, "n"], 0), "references.json ([3].n): expected a reference number (1, 2, ...)")),
    ("csl is a list", _wrong_type("references.json", _set([3, "csl"], []), "references.json ([3].csl): expected a CSL-JSON object")),
    ("csl title is a number", _wrong_type("references.json", _set([3, "csl", "title"], 7), "references.json ([3].csl.title): expected text, found a number")),
    ("csl volume is an object", _wrong_type("references.json", _set([0, "csl", "volume"], {"v": 1}), "references.json ([0].csl.volume): expected text or a number, found an object")),
    ("remarks is text", _wrong_type("references.json", _set([3, "remarks"], "oops"), "references.json ([3].remarks): expected a list of {field, text} objects")),
    ("bundle format", _format),
    ("duplicate table id", _duplicate_table_id),
    ("duplicate CSL id", _duplicate_csl_id),
    ("duplicate CSV column", _duplicate_csv_column),
    ("short CSV row", _short_row),
    ("bad ISO code", _bad_iso),
    ("fractional year", _bad_year),
    ("file outside the bundle", _outside_file),
    ("absolute file", _absolute_file),
    ("symlink out of the bundle", _symlink_out),
    ("javascript: URL", _unsafe_url),
    ("30 February", _impossible_date),
    ("author is text", _author_as_text),
    ("5000-digit marker", _huge_marker),
    ("unknown placeholder", _unknown_placeholder),
    ("table source marker", _table_marker),
    ("unknown data set", _wrong_type("tables.json", _set([0, "columns", 1, "source_data", "dataset"], "ti-cpj"), "tables.json ([0].columns[1].source_data.dataset): unknown data set 'ti-cpj' (Oqu reads ti-cpi, wb-dai; for one without open data write \"open_data\": false)")),
    ("data set field unknown", _wrong_type("tables.json", _set([0, "columns", 2, "source_data", "field"], "rank"), "tables.json ([0].columns[2].source_data.field): the data set wb-dai has no field 'rank' (it has index, business, people, government)")),
    ("source_data year is text", _wrong_type("tables.json", _set([0, "columns", 1, "source_data", "year"], "2020"), "tables.json ([0].columns[1].source_data.year): expected a whole number, found text")),
    ("source_data scale is zero", _wrong_type("tables.json", _set([0, "columns", 2, "source_data", "scale"], 0), "tables.json ([0].columns[2].source_data.scale): expected a positive number, found 0")),
    ("source_data is a list", _wrong_type("tables.json", _set([0, "columns", 1, "source_data"], ["ti-cpi"]), "tables.json ([0].columns[1].source_data): expected an object with dataset, field and year, found a list")),
    ("country name code", _country_name_code),
    ("country name twice", _country_name_twice),
    ("country names header broken", _country_names_header_broken),
]


@pytest.mark.parametrize("damage", [c[1] for c in CASES], ids=[c[0] for c in CASES])
def test_each_damage_reports_its_problem(bundle_copy, damage):
    """Each kind of damage gives its exact problem text, never an "unexpected error", and the rest still loads."""
    expected = damage(bundle_copy)
    result = load_bundle(bundle_copy)
    found = [str(p) for p in result.problems]
    assert expected in found, found
    assert not any("unexpected error" in p for p in found), found
    # What is valid still loads: every case leaves at least one other file intact.
    paper = result.paper
    assert paper.title or paper.sections or paper.references or paper.tables


def test_unclosed_csv_quote_names_where_it_opens(bundle_copy):
    """An unclosed quote in a CSV names the line where it opens and the line it runs to."""
    path = bundle_copy / "tables" / "table1.csv"
    last = len(path.read_text(encoding="utf-8").splitlines())
    replace_text(path, "The USA", '"The USA')
    found = problems_of(bundle_copy)
    # The csv module swallows the rest of the file into one record: its first line is named.
    assert found == [f"tables/table1.csv:2: wrong number of fields (a quote opened here runs to line {last})",
                     "tables/table1.csv:1: the table has no rows"]


def test_a_broken_file_leaves_the_rest_intact(bundle_copy, paper):
    """With tables.json broken, the references, sections and titles load exactly as from the intact bundle."""
    (bundle_copy / "tables.json").write_text("[{", encoding="utf-8")
    result = load_bundle(bundle_copy)
    assert [str(p).split(":")[0] for p in result.problems] == ["tables.json"]
    assert len(result.paper.references) == 26 and result.paper.references == paper.references
    def text(sections):  # (the markers are numbered without the tables' own)
        return [(s.id, s.title, [p.text for p in s.paragraphs]) for s in sections]
    assert text(result.paper.sections) == text(paper.sections)
    assert (result.paper.title, result.paper.abstract, result.paper.keywords) == \
        (paper.title, paper.abstract, paper.keywords)


def test_missing_bundle_folder(tmp_path):
    """A missing folder, a misnamed one (no bundle file in it) and a file given as --bundle: one line each."""
    assert problems_of(tmp_path / "nowhere") == [f"{tmp_path / 'nowhere'}: the bundle folder does not exist"]
    found = problems_of(tmp_path)
    assert len(found) == 1 and "not a paper bundle: it holds none of paper.json" in found[0]
    a_file = tmp_path / "paper.json"
    a_file.write_text("{}", encoding="utf-8")
    found = problems_of(a_file)
    assert len(found) == 1 and "is a file, not a bundle folder" in found[0]
    result = run_cli("check", "--bundle", str(a_file))
    assert result.returncode == 1 and len(result.stdout.splitlines()) == 2  # the count, the one problem


def test_a_reference_left_uncited_is_reported_unless_the_tables_are_unread(bundle_copy, paper):
    """A reference no marker cites any more is reported; with tables.json unreadable nothing is said of the
    references only Table sources cite (they are not "never cited", their citing file is unread)."""
    assert len(paper.markers_for(1)) == 1
    replace_text(bundle_copy / "body.md", "[1]", "")
    assert "references.json (n=1): reference 1 is never cited in the text" in problems_of(bundle_copy)
    in_tables = {m.ref for m in paper.markers if m.section.startswith("table-")}
    table_only = sorted(in_tables - {m.ref for m in paper.markers if not m.section.startswith("table-")})
    assert table_only, "some references are cited only by a table's source line"
    (bundle_copy / "tables.json").write_text("[{", encoding="utf-8")
    found = problems_of(bundle_copy)
    assert not any(f"reference {n} is never cited" in p for n in table_only for p in found), found


def test_check_command_exits_1_with_the_problem(bundle_copy):
    """``oqu check`` on a broken bundle exits 1 and prints the problem, with no traceback."""
    (bundle_copy / "tables.json").write_text("[{", encoding="utf-8")
    result = run_cli("check", "--bundle", str(bundle_copy))
    assert result.returncode == 1
    assert "tables.json:1: invalid JSON" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_command_reports_the_same_as_the_loader(bundle_copy):
    """``oqu check`` lists exactly the problems the loader finds, one a line, with no traceback."""
    _deep_json(bundle_copy)
    _nan(bundle_copy)
    _outside_file(bundle_copy)
    result = run_cli("check", "--bundle", str(bundle_copy))
    assert result.returncode == 1, result.stdout
    listed = [l.strip() for l in result.stdout.splitlines()[1:]]
    assert listed == problems_of(bundle_copy)
    assert "Traceback" not in result.stdout + result.stderr


def test_export_from_broken_bundle_exits_1(bundle_copy):
    """``oqu export`` from a bundle without paper.json exits 1 naming the missing file, with no traceback."""
    (bundle_copy / "paper.json").unlink()
    result = run_cli("export", "table", "1", "--bundle", str(bundle_copy))
    assert result.returncode == 1 and "paper.json: the file is missing" in result.stderr
    assert "Traceback" not in result.stderr


def test_screenshot_of_a_broken_bundle_exits_1_like_check(bundle_copy, tmp_path):
    """`oqu screenshot` on a broken bundle lists its problems and exits 1, writing no picture of an
    empty window (as `check` and the exports do)."""
    (bundle_copy / "tables.json").write_text("[{", encoding="utf-8")
    out = tmp_path / "shot.png"
    result = run_cli("screenshot", "--bundle", str(bundle_copy), "-o", str(out))
    assert result.returncode == 1
    assert "tables.json:1: invalid JSON" in result.stderr and not out.exists()
    result = run_cli("screenshot", "--bundle", str(tmp_path / "nowhere"), "-o", str(out))
    assert result.returncode == 1 and len(result.stderr.splitlines()) == 1 and not out.exists()
