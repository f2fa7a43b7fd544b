"""The three-way alignment of the front matter (``data/alignment.json``, see data/README.md).

A unit is one piece of the title, one key word, or one sentence of the abstract -- or the
few sentences one translation merged -- given in en, ru and kk. ``check`` makes sure the units
cover paper.json's text exactly: every sentence of each abstract in exactly one unit, in order.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oqu.core.model import LANGS
from oqu.core.sentences import split_sentences

if TYPE_CHECKING:
    from oqu.core.model import Paper

FILE = "alignment.json"
PARTS = ("title", "keywords", "abstract")

Unit = dict[str, str]  # language -> text


@dataclass(frozen=True)
class Issue:
    message: str
    field: str
    text: str = ""  # a text of the file near the problem (to find its line)


def check(data: Any, meta: dict[str, Any]) -> tuple[dict[str, list[Unit]], list[Issue]]:
    """The alignment's units by part, and what is wrong with them (then no units are kept)."""
    if not isinstance(data, dict):
        return {}, [Issue("expected a JSON object at the top level", "")]
    issues: list[Issue] = []
    if data.get("format") != 1:
        issues.append(Issue(f"unknown format {data.get('format')!r} (expected 1)", "format"))
    parts: dict[str, list[Unit]] = {}
    for part in PARTS:
        units = _units(data.get(part), part, issues)
        if units is None:
            continue
        parts[part] = units
        for lang in LANGS:
            if lang not in meta[part]:
                continue  # paper.json's own problem, reported there
            texts = [u[lang] for u in units]
            if part == "abstract":
                _check_sentences(texts, meta["abstract"].get(lang, []), lang, issues)
            elif part == "keywords":
                _check_pieces(texts, meta["keywords"].get(lang, []), part, lang, "key word", issues)
            else:
                _check_pieces([" ".join(texts)], [meta["title"].get(lang, "")], part, lang, "title", issues)
    return ({} if issues else parts), issues


def _units(value: Any, part: str, issues: list[Issue]) -> list[Unit] | None:
    if not isinstance(value, list) or not value:
        issues.append(Issue("expected a non-empty list of units", part))
        return None
    units = []
    for i, unit in enumerate(value):
        if not isinstance(unit, dict) or not all(isinstance(unit.get(lang), str) and unit[lang].strip()
                                                 for lang in LANGS):
            issues.append(Issue("expected an object with non-empty en, ru and kk texts", f"{part}[{i}]"))
            return None
        units.append({lang: unit[lang] for lang in LANGS})
    return units


def _check_pieces(texts: list[str], expected: list[str], part: str, lang: str, what: str,
                  issues: list[Issue]) -> None:
    for i, (got, want) in enumerate(zip(texts, expected)):
        if got != want:
            issues.append(Issue(f"the {what} differs from paper.json's: {_short(got)!r}, "
                                f"paper.json has {_short(want)!r}", f"{part}[{i}].{lang}", got))
            return
    if len(texts) != len(expected):
        issues.append(Issue(f"{len(texts)} units, but paper.json has {len(expected)} {what}s in {lang}",
                            f"{part}.{lang}"))


def _check_sentences(units: list[str], paragraphs: list[str], lang: str, issues: list[Issue]) -> None:
    """Each unit is one or more whole sentences; together, in order, they are the abstract."""
    expected = [s for p in paragraphs for s in split_sentences(p)]
    at = 0
    for i, unit in enumerate(units):
        for sentence in split_sentences(unit):
            if at >= len(expected):
                issues.append(Issue(f"unit {i + 1} holds {_short(sentence)!r}, after the end of the {lang} "
                                    "abstract in paper.json", f"abstract[{i}].{lang}", unit))
                return
            if sentence != expected[at]:
                issues.append(Issue(f"unit {i + 1} holds {_short(sentence)!r} where the {lang} abstract in "
                                    f"paper.json goes on with sentence {at + 1}, {_short(expected[at])!r}",
                                    f"abstract[{i}].{lang}", unit))
                return
            at += 1
    if at < len(expected):
        issues.append(Issue(f"sentence {at + 1} of the {lang} abstract in paper.json, {_short(expected[at])!r}, "
                            "and those after it are in no unit", f"abstract.{lang}"))


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"


def aligned_tsv(paper: Paper) -> str:
    """The abstract's units as tab-separated values: a header ``en ru kk``, then one row per unit.

    Joining a column with spaces gives that language's abstract as printed. Written by the csv
    module (a text holding a tab, a quote or a line break is quoted), lines end in \\n.
    """
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(LANGS)
    for unit in paper.alignment.get("abstract", []):
        writer.writerow([unit[lang] for lang in LANGS])
    return out.getvalue()
