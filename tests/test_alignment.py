"""The three-way alignment of title, key words and abstracts (data/alignment.json), checked
against the seed's own text, and validated on load."""
from __future__ import annotations

import json

import pytest
from helpers import run_cli

from oqu.core import load_bundle
from oqu.core.model import LANGS
from oqu.core.sentences import split_sentences

# Each language's block in the seed: its title line, abstract heading, key-words label.
SEED_BLOCKS = {"en": ("### *Abstract*", "**Key words:**"),
               "ru": ("### *Аннотация*", "**Ключевые слова:**"),
               "kk": ("### Аңдатпа", "**Кілт сөздер:**")}
# Conversion damage in the seed (a word split at a line end), repaired as the bundle repairs it.
REPAIRS = {"мәде-ниетінің": "мәдениетінің"}


def seed_front_matter(seed_text: str, lang: str) -> tuple[str, str, list[str]]:
    """(title, abstract, key words) of ``lang``'s block in the seed; the abstract's pieces split by a
    page break are joined again."""
    lines = seed_text.split("\n")
    heading, label = SEED_BLOCKS[lang]
    at = lines.index(heading)
    title = next(line for line in reversed(lines[:at]) if line.startswith("## "))[3:].strip()
    pieces = []
    i = at + 1
    while not lines[i].startswith(label):
        if lines[i].strip():
            pieces.append(lines[i].strip())
        i += 1
    abstract = " ".join(pieces)
    for damaged, repaired in REPAIRS.items():
        abstract = abstract.replace(damaged, repaired)
    keywords = [k.strip() for k in lines[i][len(label):].strip().rstrip(".").split(",")]
    return title, abstract, keywords


@pytest.mark.parametrize("lang", LANGS)
def test_alignment_covers_the_seeds_abstract_sentence_by_sentence(paper, seed_text, lang):
    """Joined, a language's units are the seed's abstract; split, they are its sentences in order."""
    title, abstract, keywords = seed_front_matter(seed_text, lang)
    units = paper.alignment["abstract"]
    assert " ".join(u[lang] for u in units) == abstract
    assert [s for u in units for s in split_sentences(u[lang])] == split_sentences(abstract)
    assert [u[lang] for u in paper.alignment["title"]] == [title]
    assert [u[lang] for u in paper.alignment["keywords"]] == keywords


def test_units_pair_the_translations(paper):
    """Nine units: the Russian translation split the last sentence in two, the others did not."""
    units = paper.alignment["abstract"]
    assert len(units) == 9
    counts = [{lang: len(split_sentences(u[lang])) for lang in LANGS} for u in units]
    assert counts[:8] == [{"en": 1, "ru": 1, "kk": 1}] * 8
    assert counts[8] == {"en": 1, "ru": 2, "kk": 1}
    assert units[3]["en"].startswith("Theoretical studies") and units[3]["ru"].startswith("Теоретические")
    assert units[3]["kk"].startswith("Теориялық зерттеулер")


def _broken(bundle_copy, change) -> list:
    """The alignment's problems after ``change`` to the embedded alignment (each call starts afresh)."""
    from oqu.resources import data_dir

    path = bundle_copy / "alignment.json"
    data = json.loads((data_dir() / "alignment.json").read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return [p for p in load_bundle(bundle_copy).problems if p.file == "alignment.json"]


def test_a_sentence_moved_to_the_wrong_unit_is_named_with_file_and_line(bundle_copy):
    """Moving the last Russian sentence into unit 8 breaks the order: one problem, with its line."""
    def move(data):
        last = data["abstract"][8]["ru"]
        first, second = split_sentences(last)
        data["abstract"][7]["ru"] += " " + second
        data["abstract"][8]["ru"] = first
    [problem] = _broken(bundle_copy, move)
    assert problem.field == "abstract[7].ru" and problem.line is not None
    text = (bundle_copy / "alignment.json").read_text(encoding="utf-8").split("\n")[problem.line - 1]
    assert "Таким образом" in text
    assert str(problem).startswith(f"alignment.json:{problem.line} (abstract[7].ru): unit 8 holds")


def test_a_missing_unit_and_a_split_sentence_are_reported(bundle_copy):
    """A dropped unit leaves sentences in no unit; half a sentence is not a sentence of the abstract."""
    problems = _broken(bundle_copy, lambda data: data["abstract"].pop())
    assert [p.field for p in problems] == ["abstract.en", "abstract.ru", "abstract.kk"]
    assert all("in no unit" in p.message for p in problems)

    def split(data):
        unit = data["abstract"][0]
        unit["kk"] = unit["kk"][:40]
    [problem] = _broken(bundle_copy, split)
    assert problem.field == "abstract[0].kk" and "unit 1 holds" in problem.message


def test_a_key_word_out_of_step_and_a_bad_unit(bundle_copy):
    """Key words must be paper.json's, in order; each unit needs all three languages."""
    def swap(data):
        kw = data["keywords"]
        kw[0]["ru"], kw[1]["ru"] = kw[1]["ru"], kw[0]["ru"]
    [problem] = _broken(bundle_copy, swap)
    assert problem.field == "keywords[0].ru" and "key word" in problem.message
    [problem] = _broken(bundle_copy, lambda data: data["title"][0].pop("kk"))
    assert problem.field == "title[0]" and "en, ru and kk" in problem.message


def test_oqu_check_names_the_alignment_file(bundle_copy):
    """`oqu check` on a broken alignment exits 1 and names alignment.json."""
    _broken(bundle_copy, lambda data: data["abstract"].reverse())
    result = run_cli("check", "--bundle", str(bundle_copy))
    assert result.returncode == 1
    assert "alignment.json:" in result.stdout and "unit 1 holds" in result.stdout


def test_a_bundle_without_alignment_loads(bundle_copy):
    """The alignment is optional: without the file the bundle is valid and has no units."""
    (bundle_copy / "alignment.json").unlink()
    result = load_bundle(bundle_copy)
    assert result.problems == [] and result.paper.alignment == {}


def test_export_abstract_aligned_tsv_round_trips(paper, tmp_path):
    """`oqu export abstract --aligned --format tsv`: header en/ru/kk, one row per unit; each column
    joined with spaces is that abstract as in paper.json; -o FILE holds the same bytes as stdout."""
    import csv
    import io
    import os
    import subprocess
    import sys

    args = [sys.executable, "-m", "oqu", "export", "abstract", "--aligned", "--format", "tsv"]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    stdout = subprocess.run(args, capture_output=True, env=env, timeout=120, check=True).stdout
    rows = list(csv.reader(io.StringIO(stdout.decode("utf-8"), newline=""), delimiter="\t"))
    assert rows[0] == ["en", "ru", "kk"]
    assert len(rows) == 1 + len(paper.alignment["abstract"]) == 10
    for column, lang in enumerate(LANGS):
        assert " ".join(row[column] for row in rows[1:]) == " ".join(paper.abstract[lang])
    target = tmp_path / "abstract.tsv"
    subprocess.run([*args, "-o", str(target)], capture_output=True, env=env, timeout=120, check=True)
    assert target.read_bytes() == stdout


def test_export_abstract_needs_an_alignment(bundle_copy):
    """Without alignment.json the export says so and exits 1; without --aligned it is a usage error."""
    (bundle_copy / "alignment.json").unlink()
    result = run_cli("export", "abstract", "--aligned", "--bundle", str(bundle_copy))
    assert result.returncode == 1 and "alignment.json" in result.stderr and result.stdout == ""
    result = run_cli("export", "abstract", "--format", "tsv")
    assert result.returncode == 2 and "--aligned" in result.stderr
