"""A broken bundle gives clear problems naming file and line or field, never a traceback."""
from __future__ import annotations

import json

import pytest

from oqu.core import load_bundle

from helpers import run_cli


def problems_of(folder) -> list[str]:
    return [str(p) for p in load_bundle(folder).problems]


def test_missing_file(bundle_copy):
    (bundle_copy / "references.json").unlink()
    found = problems_of(bundle_copy)
    assert "references.json: the file is missing" in found
    assert any("marker [1] cites no reference" in p for p in found)


def test_invalid_json_names_the_line(bundle_copy):
    path = bundle_copy / "paper.json"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3] + ",,"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = problems_of(bundle_copy)
    assert any(p.startswith("paper.json:4: invalid JSON") for p in found), found


def test_marker_without_reference_and_duplicate_id(bundle_copy):
    body = bundle_copy / "body.md"
    text = body.read_text(encoding="utf-8").replace("[1]", "[27]", 1)
    body.write_text(text, encoding="utf-8")
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "[27]" in l)
    refs = json.loads((bundle_copy / "references.json").read_text(encoding="utf-8"))
    refs[1]["n"] = 1
    (bundle_copy / "references.json").write_text(json.dumps(refs), encoding="utf-8")
    found = problems_of(bundle_copy)
    assert f"body.md:{line}: marker [27] cites no reference" in found
    assert "references.json ([1].n): duplicate reference number 1" in found


def test_table_with_missing_column_and_bad_number(bundle_copy):
    path = bundle_copy / "tables" / "table2.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("118.3", "118.3x"), encoding="utf-8")
    found = problems_of(bundle_copy)
    assert any(p.startswith("tables/table2.csv:2 (y2010): '118.3x' is not a number") for p in found), found
    path3 = bundle_copy / "tables" / "table3.csv"
    lines = path3.read_text(encoding="utf-8").splitlines()
    path3.write_text("\n".join(l.rsplit(",", 1)[0] for l in lines), encoding="utf-8")
    assert any(p.startswith("tables/table3.csv:1: missing column(s): y2018_year") for p in problems_of(bundle_copy))


def test_binary_and_wrong_types(bundle_copy):
    (bundle_copy / "body.md").write_bytes(b"# Intro\n\x00\x01\x02")
    paper = json.loads((bundle_copy / "paper.json").read_text(encoding="utf-8"))
    paper["title"]["kk"] = 42
    (bundle_copy / "paper.json").write_text(json.dumps(paper), encoding="utf-8")
    found = problems_of(bundle_copy)
    assert "body.md:2: the file is binary, not text" in found
    assert "paper.json (title.kk): expected text, found int" in found


def test_check_command_exits_1_with_the_problem(bundle_copy):
    (bundle_copy / "tables.json").write_text("[{", encoding="utf-8")
    result = run_cli("check", "--bundle", str(bundle_copy))
    assert result.returncode == 1
    assert "tables.json:1: invalid JSON" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_export_from_broken_bundle_exits_1(bundle_copy):
    (bundle_copy / "paper.json").unlink()
    result = run_cli("export", "table", "1", "--bundle", str(bundle_copy))
    assert result.returncode == 1 and "paper.json: the file is missing" in result.stderr
    assert "Traceback" not in result.stderr
