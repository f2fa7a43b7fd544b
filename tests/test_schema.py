"""The bundle's JSON Schemas (data/schema/): each JSON file names its schema and passes it, and the
schemas catch the slips a librarian makes while typing (as an editor that reads "$schema" shows them)."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from oqu.core import load_bundle

from helpers import FIXTURES, ROOT, edit_bundle_json

DATA = ROOT / "data"
SCHEMAS = DATA / "schema"
OTHER_BUNDLE = FIXTURES / "other_bundle"


def registry() -> Registry:
    """Every schema file under the name the others use in "$ref" (its file name)."""
    resources = [(path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))))
                 for path in SCHEMAS.glob("*.schema.json")]
    return Registry().with_resources(resources)


def errors_of(bundle: Path, name: str) -> list[str]:
    """What the file's own "$schema" finds wrong in it, as 'path: message' lines."""
    document = json.loads((bundle / name).read_text(encoding="utf-8"))
    schema = json.loads((bundle / document["$schema"]).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, registry=registry())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def test_every_schema_is_a_valid_json_schema():
    """Each file in data/schema/ is a valid JSON Schema (2020-12)."""
    names = sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
    assert {"common.schema.json", "paper.schema.json", "references.schema.json", "spellings.schema.json",
            "tables.schema.json"} <= set(names)
    for name in names:
        jsonschema.Draft202012Validator.check_schema(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("bundle", [DATA, OTHER_BUNDLE], ids=["data", "other_bundle"])
def test_each_bundle_file_names_its_schema_and_passes_it(bundle):
    """Every JSON file of a bundle carries "$schema" (relative, so editors find it offline) and is valid."""
    files = sorted(p.name for p in bundle.glob("*.json"))
    assert {"paper.json", "tables.json", "references.json"} <= set(files)
    for name in files:
        document = json.loads((bundle / name).read_text(encoding="utf-8"))
        schema = (bundle / document["$schema"]).resolve()
        assert schema == SCHEMAS.resolve() / name.replace(".json", ".schema.json"), name
        assert errors_of(bundle, name) == [], name


@pytest.mark.parametrize("file,change,expected", [
    ("tables.json", lambda t: t[1]["columns"][0].update(lower_is_beter=True),
     "tables/1/columns/0: Additional properties are not allowed ('lower_is_beter' was unexpected)"),
    ("tables.json", lambda t: t[1]["columns"][0].update(unit="people"),
     "tables/1/columns/0/unit: 'people' is not one of ['rank', 'percent', 'per_100_people']"),
    ("tables.json", lambda t: t[1].update(world_bank_indicator="mobile phones"),
     "tables/1/world_bank_indicator: 'mobile phones' does not match '^[A-Za-z0-9_]+(\\\\.[A-Za-z0-9_]+)+$'"),
    ("references.json", lambda r: r[0].update(n="1"), "references/0/n: '1' is not of type 'integer'"),
    ("paper.json", lambda p: p["title"].pop("kk"), "title: 'kk' is a required property"),
    ("spellings.json", lambda s: s.append(["Almaty"]), "names/25: ['Almaty'] should be non-empty"),
])
def test_the_schema_names_a_slip_and_the_loader_reports_it_too(bundle_copy, file, change, expected):
    """A typical slip fails the schema at the place it was made, and ``oqu check`` reports it as well."""
    edit_bundle_json(bundle_copy / file, change)
    found = errors_of(bundle_copy, file)
    assert any(e.startswith(expected.split(":")[0] + ":") for e in found), found
    if "non-empty" not in expected:  # jsonschema words minItems its own way
        assert expected in found
    if "lower_is_beter" not in expected:  # an unknown key is ignored by the app, caught by the editor
        assert any(p.file == file for p in load_bundle(bundle_copy).problems)
