"""The Qt-free search: folding, proper names across scripts, hit counts against the bundle's own text."""
from __future__ import annotations

import json
import re

import pytest

from oqu.core import load_bundle
from oqu.core.search import SearchIndex, fold, query_forms

from helpers import bundle_list, edit_bundle_json


def bundle_texts(folder) -> str:
    """Every text the reader sees, collected straight from the bundle files (not through the model)."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)

    paper = json.loads((folder / "paper.json").read_text(encoding="utf-8"))
    paper.pop("short_title", None)  # our name for the window title, not the paper's text
    del paper["$schema"]
    tables = bundle_list(folder / "tables.json")
    refs = bundle_list(folder / "references.json")
    parts = list(strings(paper)) + list(strings(tables))
    parts += [(folder / "body.md").read_text(encoding="utf-8")]
    parts += [r["printed"] for r in refs] + [r["transliterated"] for r in refs]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def index(paper):
    return SearchIndex.for_paper(paper)


@pytest.fixture(scope="module")
def texts(paper):
    from pathlib import Path
    return bundle_texts(Path(paper.folder))


def test_fold_keeps_length_and_maps_kazakh_letters():
    """Folding maps Kazakh letters and ё to plain Cyrillic and keeps the text's length."""
    assert fold("ӘҒҚҢӨҰҮҺІ әғқңөұүһі Ёё") == "агкнouухи агкноуухи ее".replace("ou", "оу")
    assert len(fold("İstanbul Қазақстан")) == len("İstanbul Қазақстан")


def test_kazakhstan_typed_without_kazakh_letters_finds_every_spelling(index, texts):
    """"казакстан" finds every spelling of Kazakhstan in the bundle, Kazakh, Russian and Latin."""
    hits = index.search("казакстан")
    expected = len(re.findall(r"[кқ]аза[кқх]стан|kaza(?:kh|h)stan", texts, re.IGNORECASE))
    assert len(re.findall("Қазақстан", texts, re.IGNORECASE)) > 0
    assert len(hits) == expected
    kazakh = [h for h in hits if h.unit.lang == "kk"]
    # (a Kazakh note may quote the paper's Latin "Kazakhstan")
    assert kazakh and all(fold(h.unit.text[h.start:h.end]) in ("казакстан", "kazakhstan") for h in kazakh)
    assert any("Қазақстан" in h.unit.text[h.start:h.end] for h in kazakh)


def test_folded_kazakh_word_and_case(index, texts):
    """Kazakh words typed without Kazakh letters or in capitals are found as often as they occur."""
    assert len(index.search("алеуметтик")) == len(re.findall("[аә]леуметт[иі]к", texts, re.IGNORECASE)) > 0
    assert len(index.search("ЦИФРЛАНДЫРУ")) == len(re.findall("цифрландыру", texts, re.IGNORECASE)) > 0
    assert index.count("digital") == len(re.findall("digital", texts, re.IGNORECASE))


def test_latin_name_finds_cyrillic_and_back(bundle_copy):
    """Tokayev in Latin finds its Russian and Kazakh spellings and back, in any case; е finds ё."""
    body = bundle_copy / "body.md"
    body.write_text(body.read_text(encoding="utf-8").rstrip("\n")
                    + "\n\nПрезидент Токаев; Президент Тоқаев; ТОҚАЕВА; всё ещё.\n", encoding="utf-8")
    result = load_bundle(bundle_copy)
    assert result.problems == []
    index = SearchIndex.for_paper(result.paper)
    texts = bundle_texts(bundle_copy)
    expected = len(re.findall("tokay?ev|то[кқ]аев", texts, re.IGNORECASE))
    latin = len(re.findall("tokay?ev", texts, re.IGNORECASE))
    assert latin > 0 and expected == latin + 3
    assert index.count("Tokayev") == expected
    assert index.count("Токаев") == expected
    assert index.count("тоқаев") == expected
    found = {h.unit.text[h.start:h.end] for h in index.search("Tokayev")}
    assert {"Токаев", "Тоқаев", "ТОҚАЕВ", "Tokayev"} <= found
    # "е" finds "ё"
    hits = index.search("все еще")
    assert [h.unit.text[h.start:h.end] for h in hits] == ["всё ещё"]


def test_words_that_are_not_names_are_not_transliterated(paper):
    """Only the names in the bundle's spellings.json stand for their other spellings."""
    assert query_forms("digital democracy", paper.spellings) == ["digital democracy"]
    assert set(query_forms("Tokayev", paper.spellings)) == {"tokayev", "tokaev", "токаев"}
    assert query_forms("Tokayev") == ["tokayev"]  # a bundle without spellings.json


def test_the_spellings_come_from_the_bundle(bundle_copy):
    """A name added to spellings.json is found in all its spellings; without the file, only as typed."""
    edit_bundle_json(bundle_copy / "spellings.json", lambda names: names.append(["Konkov", "Коньков"]))
    index = SearchIndex.for_paper(load_bundle(bundle_copy).paper)
    assert index.count("Коньков") == index.count("Konkov") > 0
    (bundle_copy / "spellings.json").unlink()
    result = load_bundle(bundle_copy)
    assert result.problems == [] and result.paper.spellings == ()
    assert SearchIndex.for_paper(result.paper).count("Коньков") == 0


def test_hits_carry_context_and_place(index):
    """A hit carries its context and its place (section, paragraph key or reference number)."""
    hit = next(h for h in index.search("Freedom House") if h.unit.kind == "paragraph")
    before, match, after = hit.context()
    assert match.lower() == "freedom house"
    assert hit.unit.text[hit.start - len(before.lstrip("…")):hit.start] == before.lstrip("…")
    assert hit.unit.section and hit.unit.key.startswith(f"para-{hit.unit.section}-")
    refs = index.search("Nations in transit")
    assert [(h.unit.kind, h.unit.number) for h in refs if h.unit.kind == "reference"] == [("reference", 15)]

