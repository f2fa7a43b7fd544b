"""Property tests: random and mutated input either loads or is reported, never raises.

Hypothesis damages the real bundle's files (truncations, flipped bits, inserted junk, deleted
runs, JSON values swapped for values of another type, whole files of noise) and the World Bank
importer's real files the same way. The loader must return a LoadResult whose problems name a
file; nothing else may escape, and what it returns must be usable by the views and exports.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oqu.core import Problem, load_bundle
from oqu.core.tables import table_csv
from oqu.resources import data_dir

from helpers import WORLDBANK

BUNDLE = Path(data_dir())
FILES = sorted(str(p.relative_to(BUNDLE)) for p in BUNDLE.rglob("*")
               if (p.suffix in (".json", ".csv") or p.name == "body.md")  # data/README.md is not read
               and p.parent.name != "schema")  # the schemas are for editors; the app does not read them
ORIGINAL = {name: (BUNDLE / name).read_bytes() for name in FILES}
JSON_FILES = [n for n in FILES if n.endswith(".json")]

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Junk that means something to one of the parsers: quotes, brackets, markers, placeholders, NUL, BOMs.
JUNK = st.sampled_from([b'"', b"{", b"[", b"]", b",", b"\x00", b"NaN", b"-Infinity", b"1e999", b"\xff\xfe",
                        b"\xef\xbb\xbf", b"\r", b"\n", b"[27]", b"[0]", b"{{table 9}}", b"{{table 1}}", b"\n# \n",
                        b"# Introduction\n", b'"\n"', b"9" * 40, b"[" * 80, b"<b>x</b>", b"\\u0000", b"\xc3"])


@st.composite
def mutated_bytes(draw, data: bytes) -> bytes:
    kind = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "duplicate", "noise"]))
    pos = draw(st.integers(0, len(data)))
    if kind == "truncate":
        return data[:pos]
    if kind == "flip":
        i = min(pos, len(data) - 1)
        return data[:i] + bytes([data[i] ^ (1 << draw(st.integers(0, 7)))]) + data[i + 1:]
    if kind == "insert":
        junk = draw(JUNK | st.binary(min_size=1, max_size=16))
        return data[:pos] + junk + data[pos:]
    if kind == "delete":
        return data[:pos] + data[pos + draw(st.integers(1, 64)):]
    if kind == "duplicate":
        return data[:pos] + data[pos:pos + draw(st.integers(1, 200))] + data[pos:]
    return draw(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12) | st.sampled_from(["", " ", "<i>x</i>", "[27]", "ref1", "javascript:x", "10.1/x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6)


def node_paths(value, path=()) -> list[tuple]:
    """Every place in a JSON document, as the keys leading to it."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += node_paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += node_paths(item, path + (i,))
    return found


@st.composite
def mutated_json(draw, data: bytes) -> bytes:
    """The file with one value swapped for a value of any type, or one key or item dropped."""
    doc = json.loads(data)
    path = draw(st.sampled_from(node_paths(doc)[1:]))
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if draw(st.booleans()):
        parent[path[-1]] = draw(JSON_VALUES)
    else:
        del parent[path[-1]]
    return json.dumps(doc, ensure_ascii=False, indent=draw(st.sampled_from([None, 2]))).encode("utf-8")


def write_bundle(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def assert_loads_or_reports(files: dict[str, bytes]) -> list[Problem]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_bundle(folder, files)
        result = load_bundle(folder)  # the property: this never raises
        use(result.paper)
    for p in result.problems:
        assert isinstance(p, Problem) and p.file and p.message
        assert "unexpected error" not in p.message, p  # a check the loader is missing
        assert p.line is None or p.line >= 1
    return result.problems


def use(paper) -> None:
    """What the views and exports read from a loaded paper must not raise either."""
    for m in paper.markers:
        assert isinstance(m.ref, int)
    for ref in paper.references:
        _read = (ref.id, ref.type, ref.title, ref.doi, ref.url, ref.language, ref.year, ref.accessed, ref.authors)
        paper.cited_in(ref.n)
        json.dumps(ref.csl, ensure_ascii=False)
    for table in paper.tables:
        table_csv(table)
        table.title_in("kk")
    for section in paper.sections:
        for p in section.paragraphs:
            assert isinstance(p.text, str)


@SETTINGS
@given(st.data())
def test_mutated_bytes_load_or_report(data):
    """A file with random bytes changed loads or reports problems, never raises; broken UTF-8 is always reported."""
    name = data.draw(st.sampled_from(FILES), label="file")
    files = dict(ORIGINAL, **{name: data.draw(mutated_bytes(ORIGINAL[name]), label="content")})
    problems = assert_loads_or_reports(files)
    if files[name] != ORIGINAL[name] and not problems:
        # A harmless change (e.g. a flipped bit inside a word) loads cleanly: that is allowed,
        # but then the file must still be valid UTF-8 -- damage to the encoding is always reported.
        files[name].decode("utf-8")


@SETTINGS
@given(st.data())
def test_json_values_of_the_wrong_type_load_or_report(data):
    """A JSON file with values of the wrong type loads or reports problems, never raises."""
    name = data.draw(st.sampled_from(JSON_FILES), label="file")
    files = dict(ORIGINAL, **{name: data.draw(mutated_json(ORIGINAL[name]), label="content")})
    assert_loads_or_reports(files)


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_several_files_damaged_at_once(data):
    """Several files damaged at once load or report problems, never raise."""
    names = data.draw(st.lists(st.sampled_from(FILES), min_size=2, max_size=4, unique=True), label="files")
    files = dict(ORIGINAL)
    for name in names:
        files[name] = data.draw(mutated_bytes(ORIGINAL[name]), label=name)
    assert_loads_or_reports(files)


def test_the_real_bundle_is_clean():
    """The baseline the mutations start from (so a problem found above is the mutation's)."""
    assert assert_loads_or_reports(ORIGINAL) == []


# -- the World Bank importer ----------------------------------------------------------

WB_FILES = sorted(WORLDBANK.glob("API_*.csv"))


@pytest.fixture(scope="module")
def worldbank():
    from oqu.core import worldbank as module

    assert WB_FILES, "the real World Bank files are missing from tests/fixtures/worldbank"
    return module


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_mutated_worldbank_files_load_or_raise_worldbank_error(worldbank, paper, tmp_path, data):
    """A mutated World Bank file loads and compares, or is refused with a WorldBankError that says something."""
    source = data.draw(st.sampled_from(WB_FILES), label="file")
    content = data.draw(mutated_bytes(source.read_bytes()), label="content")
    path = tmp_path / source.name
    path.write_bytes(content)
    try:
        wb = worldbank.read_worldbank(path)
        rows = worldbank.compare(paper, wb)
        worldbank.comparison_csv(rows)
    except worldbank.WorldBankError as exc:
        assert str(exc).strip(), "an error must say what is wrong"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400) | st.binary(max_size=400).map(lambda b: b.decode("latin-1")))
def test_random_text_is_not_a_worldbank_file(worldbank, text):
    """Random text is refused with a WorldBankError that says something, never another exception."""
    try:
        worldbank.parse_worldbank(text, "random.csv")
    except worldbank.WorldBankError as exc:
        assert str(exc).strip()
