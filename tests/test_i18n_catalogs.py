"""The gettext catalogs are complete, in sync with the code, and well formed."""
from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from helpers import PROPER_NAMES

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "i18n"
SOURCE = ROOT / "app" / "oqu"
LANGS = ("en", "ru", "kk")
KAZAKH_ONLY = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")



def read(path: Path, lang: str | None = None):
    with path.open("rb") as fp:
        return read_po(fp, locale=lang)


def load_catalogs_script():
    spec = importlib.util.spec_from_file_location("oqu_catalogs", I18N / "catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def strings(message) -> list[str]:
    return list(message.string) if isinstance(message.id, tuple) else [message.string]


def ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


def test_every_message_in_the_code_is_in_the_template(tmp_path):
    """Every message a fresh extraction finds in the code is in oqu.pot (the template is not stale)."""
    fresh = load_catalogs_script().extract(tmp_path / "fresh.pot")
    template = read(I18N / "oqu.pot")
    missing = sorted(str(m.id) for m in fresh if m.id and m.id not in template)
    assert fresh.get("&File") is not None  # the extraction really scanned the window
    assert missing == [], "run: python i18n/catalogs.py all, then translate"


def literal_messages(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, msgid) of every _("..."), N_("...") and ngettext("...", ...) call, f-strings included."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("_", "N_", "ngettext"):
                found.append((node.lineno, node.args[0].value))
    return found


def test_every_message_call_is_extractable():
    """A _() inside an f-string escapes babel's extractor on Python 3.11: the text would stay English."""
    template = read(I18N / "oqu.pot")
    missing = []
    for path in sorted(SOURCE.rglob("*.py")):
        for line, msgid in literal_messages(ast.parse(path.read_text(encoding="utf-8"))):
            if template.get(msgid) is None:
                missing.append(f"{path.relative_to(ROOT)}:{line}: {msgid}")
    assert not missing, "babel cannot see these (a _() inside an f-string?):\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_complete_and_not_fuzzy(lang):
    """Each language's catalog holds every message of the template, each translated and none fuzzy."""
    template = read(I18N / "oqu.pot")
    catalog = read(I18N / lang / "LC_MESSAGES" / "oqu.po", lang)
    assert catalog.locale.language == lang
    absent = [str(m.id) for m in template if m.id and m.id not in catalog]
    untranslated = [str(m.id) for m in catalog if m.id and not all(strings(m))]
    fuzzy = [str(m.id) for m in catalog if m.id and m.fuzzy]
    assert (absent, untranslated, fuzzy) == ([], [], [])
    assert len(catalog) > 20


def placeholders(text: str) -> list[str]:
    """{name} for str.format, %1 for Qt; each must survive translation."""
    return sorted(re.findall(r"\{[a-z_0-9]*\}|%\d", text))


@pytest.mark.parametrize("lang", ("ru", "kk"))
def test_translations_keep_placeholders_and_accelerators(lang):
    """Translations keep the original's {placeholders} and exactly one & accelerator where it has one."""
    catalog = read(I18N / lang / "LC_MESSAGES" / "oqu.po", lang)
    for m in catalog:
        if not m.id:
            continue
        wanted = placeholders(ids(m)[-1])
        for text in filter(None, strings(m)):  # an empty one fails the completeness test
            got = placeholders(text)
            # A singular form may say "one" in words instead of {n}.
            assert got == wanted or (set(got) <= set(wanted) and isinstance(m.id, tuple)), (m.id, text)
            single = ids(m)[0].replace("&&", "").count("&")
            assert text.replace("&&", "").count("&") == single, (m.id, text)


@pytest.mark.parametrize("lang", ("ru", "kk"))
def test_no_english_left_in_translations(lang):
    """No Russian or Kazakh translation keeps English words (beyond proper names, formats and key names)."""
    catalog = read(I18N / lang / "LC_MESSAGES" / "oqu.po", lang)
    for m in catalog:
        for text in strings(m) if m.id else []:
            text = text.replace("&&", "&amp;").replace("&", "")  # accelerators: P&DF is PDF
            plain = re.sub(r"<[^>]+>|\{[a-z_0-9]*\}|%\d|(?:nbsp|amp);|\*\.\w+|\S*_\S*", " ", text)
            words = set(re.findall(r"[A-Za-z]{2,}", plain)) - PROPER_NAMES
            assert not words, (m.id, text)


def test_kazakh_is_kazakh_not_russian():
    """The Kazakh catalog uses Kazakh's own letters and copies no longer Russian text;
    Russian uses none of those letters."""
    ru = read(I18N / "ru" / "LC_MESSAGES" / "oqu.po", "ru")
    kk = read(I18N / "kk" / "LC_MESSAGES" / "oqu.po", "kk")
    kk_text = "".join(s for m in kk if m.id for s in strings(m))
    cyrillic = [ch for ch in kk_text if "\u0400" <= ch <= "\u04ff"]
    # Kazakh's own letters (і alone is frequent) make several percent of any Kazakh text.
    assert sum(ch in KAZAKH_ONLY for ch in cyrillic) >= 0.04 * len(cyrillic)
    longer = [m for m in kk if m.id and len(strings(m)[0].split()) >= 3
              and len(re.findall("[а-яё]", strings(m)[0])) >= 10]
    same = [str(m.id) for m in longer if ru.get(m.id) and strings(ru.get(m.id)) == strings(m)]
    assert same == []
    # Russian has none of Kazakh's own letters (unless the English itself quotes a Kazakh word).
    assert not KAZAKH_ONLY & set("".join(s for m in ru if m.id and not KAZAKH_ONLY & set(str(m.id))
                                         for s in strings(m)))


@pytest.mark.parametrize("lang, forms", [("ru", {"one": 0, "few": 1, "many": 2}), ("kk", {"one": 0, "other": 1}),
                                         ("en", {"one": 0, "other": 1})])
def test_plural_forms_header_agrees_with_cldr(lang, forms):
    """Each catalog's Plural-Forms picks, for every n up to 250, the form CLDR's plural rule names."""
    catalog = read(I18N / lang / "LC_MESSAGES" / "oqu.po", lang)
    header = dict(catalog.mime_headers)
    nplurals, expression = re.match(r"nplurals=(\d+); plural=(.+);", header["Plural-Forms"]).groups()
    assert int(nplurals) == len(forms)
    import gettext

    plural = gettext.c2py(expression)
    rule = Locale.parse(lang).plural_form
    for n in range(0, 250):
        assert plural(n) == forms[rule(n)], (lang, n)


def _calls_outside_functions(tree: ast.AST) -> list[int]:
    """Lines where _() or ngettext() runs at import time: module level, class bodies, defaults."""
    found: list[int] = []

    def visit(node: ast.AST, deferred: bool) -> None:
        if isinstance(node, ast.Call) and not deferred:
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("_", "ngettext", "gettext"):
                found.append(node.lineno)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            for sub in node.args.defaults + node.args.kw_defaults:
                if sub is not None:
                    visit(sub, deferred)
            for sub in getattr(node, "decorator_list", []):
                visit(sub, deferred)
            for sub in (node.body if isinstance(node.body, list) else [node.body]):
                visit(sub, True)
            return
        for child in ast.iter_child_nodes(node):
            visit(child, deferred)

    visit(tree, False)
    return found


def test_scanner_finds_import_time_translation():
    """The import-time scanner flags _() at module level, in class bodies and in defaults, not inside functions."""
    code = ("from oqu.i18n import _\nA = _('x')\nclass C:\n    T = _('y')\n    def f(self, d=_('z')):\n"
            "        return _('fine')\nf = lambda: _('fine')\n")
    assert _calls_outside_functions(ast.parse(code)) == [2, 4, 5]


def test_no_text_is_translated_at_import_time():
    """No module of the app calls _() at import time, where the text would be fixed before a language is chosen."""
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        for line in _calls_outside_functions(ast.parse(path.read_text(encoding="utf-8"))):
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert offenders == [], "hold a message id in N_() and call _() when the text is shown"


def test_compiled_catalog_is_used_at_runtime():
    """The compiled catalogs translate the menus at run time in Russian and Kazakh, and English stays English."""
    from oqu import i18n

    for lang, expected in (("ru", "&Файл"), ("kk", "&Файл"), ("en", "&File")):
        i18n.set_language(lang)
        assert i18n._("&File") == expected
    i18n.set_language("kk")
    assert i18n._("&View") == "&Көрініс" and i18n._("&Help") == "&Анықтама"
    i18n.set_language("ru")
    assert i18n._("&View") == "&Вид" and i18n._("&Help") == "&Справка"


def test_underscore_is_never_rebound_where_it_translates():
    """``for _ in ...`` in a function that also calls _() makes _ a local: UnboundLocalError on show."""
    offenders = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for scope in [tree] + [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                                               ast.Lambda))]:
            nodes = list(ast.walk(scope))
            stores = [n for n in nodes if isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store)]
            stores += [a for n in nodes if isinstance(n, ast.arguments) for a in n.args + n.kwonlyargs
                       if a.arg == "_"]
            calls = [n for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"]
            if stores and calls:
                offenders.append(f"{path.relative_to(ROOT)}:{stores[0].lineno}")
    assert offenders == []
