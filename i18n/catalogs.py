#!/usr/bin/env python3
"""Manage the gettext catalogs with babel: one script for the whole cycle.

    python i18n/catalogs.py extract   scan app/oqu for _(), N_() and ngettext() -> i18n/oqu.pot
    python i18n/catalogs.py update    merge the template into en, ru and kk .po files
    python i18n/catalogs.py compile   .po -> .mo (generated; never committed, never edited)
    python i18n/catalogs.py all       the three in order

The English catalog is filled from the message ids on update (English is the
source language), so every catalog stays complete. See i18n/README.md.
"""
from __future__ import annotations

import ast
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "app" / "oqu"
TEMPLATE = HERE / "oqu.pot"
LANGS = ("en", "ru", "kk")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def po_path(lang: str) -> Path:
    return HERE / lang / "LC_MESSAGES" / "oqu.po"


def write_if_changed(path: Path, data: bytes) -> None:
    """Write ``data`` unless only the creation date differs: no churn in git for an unchanged catalog."""
    def body(raw: bytes) -> bytes:
        return re.sub(rb'"POT-Creation-Date: [^"]*"\n', b"", raw)

    if path.exists() and body(path.read_bytes()) == body(data):
        return
    path.write_bytes(data)


def extract_python_and_fstrings(fileobj, keywords, comment_tags, options):
    """babel's Python extractor, plus the calls inside f-strings that it misses before Python 3.12.

    ``f"<p>{_('Not cited')}</p>"`` is one token to Python 3.11's tokenizer, so
    babel never sees that _(); the syntax tree does.
    """
    source = fileobj.read()
    first = {}  # msgid (singular) -> seen
    for lineno, funcname, messages, comments in extract_python(io.BytesIO(source), keywords, comment_tags, options):
        if messages:  # None for _(variable)
            first[messages if isinstance(messages, str) else messages[0]] = True
        yield lineno, funcname, messages, comments
    for node in ast.walk(ast.parse(source)):
        name = getattr(getattr(node, "func", None), "id", None) or getattr(getattr(node, "func", None), "attr", None)
        if not isinstance(node, ast.Call) or name not in KEYWORDS or not node.args:
            continue
        values = tuple(a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None
                       for a in node.args)
        if values[0] is None or values[0] in first:
            continue
        first[values[0]] = True
        yield node.lineno, name, values[0] if len(values) == 1 else values, []


def extract(target: Path = TEMPLATE) -> Catalog:
    """Every message id marked in app/oqu, written to ``target`` (the template by default)."""
    catalog = Catalog(project="Oqu", version="0.1", msgid_bugs_address="oqu@example.org",
                      copyright_holder="The Oqu team", fuzzy=False)
    method_map = [("**.py", extract_python_and_fstrings)]
    for filename, lineno, message, comments, context in extract_from_dir(
            str(SOURCE), method_map=method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",)):
        catalog.add(message, None, [(f"app/oqu/{filename}", lineno)], auto_comments=comments, context=context)
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=True, omit_header=False, include_lineno=False)
    write_if_changed(Path(target), buf.getvalue())
    return catalog


def update() -> None:
    for lang in LANGS:
        with TEMPLATE.open("rb") as fp:  # read anew: babel shares Message objects with the template
            template = read_po(fp)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            with path.open("rb") as fp:
                catalog = read_po(fp, locale=lang)
        else:
            catalog = Catalog(locale=lang, project="Oqu", fuzzy=False)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        # A tidy header; Plural-Forms comes from babel's CLDR data for the locale.
        catalog.project, catalog.version = "Oqu", "0.1"
        catalog.copyright_holder = "The Oqu team"
        catalog.msgid_bugs_address = "oqu@example.org"
        catalog.last_translator = "The Oqu team <oqu@example.org>"
        catalog.language_team = f"{lang} <oqu@example.org>"
        if lang == "en":  # the source language: each message is its own translation
            for message in catalog:
                if message.id:
                    message.string = message.id
                message.flags.discard("fuzzy")
        buf = io.BytesIO()
        write_po(buf, catalog, width=100, sort_output=True, include_lineno=False)
        write_if_changed(path, buf.getvalue())


def compile_all(quiet: bool = False) -> None:
    for lang in LANGS:
        po = po_path(lang)
        if not po.exists():
            continue
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as fp:
            catalog = read_po(fp, locale=lang)
        with mo.open("wb") as fp:
            write_mo(fp, catalog, use_fuzzy=False)
        if not quiet:
            print(f"compiled {mo.relative_to(HERE.parent)}")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    quiet = "--quiet" in argv
    if command == "extract":
        extract()
    elif command == "update":
        update()
    elif command == "compile":
        compile_all(quiet)
    elif command == "all":
        extract()
        update()
        compile_all(quiet)
    else:
        print(__doc__.strip())
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
