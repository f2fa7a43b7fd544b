"""Start-up: the rules of ``oqu.ui.startup``, one test each, and the shortcuts that let the first
paint do without the heavy libraries (they must give exactly what the libraries would)."""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, run_cli
from PySide6.QtCore import QObject

from oqu import i18n
from oqu.ui import startup

APP = Path(startup.__file__).resolve().parents[1]  # app/oqu

# The real start (`oqu` with no arguments, through oqu.cli and oqu.ui.app.run): what is loaded, and
# which enum types PySide has built, when the window first paints; what the window holds once it
# has built itself after that paint.
REAL_START = """
import enum, json, sys
made = []  # every enum type PySide builds (it builds a class's enums on the class's first use)
_create = enum.EnumType._create_
def _record(*args, **kwargs):
    made.append(_create(*args, **kwargs))
    return made[-1]
enum.EnumType._create_ = _record

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import oqu.ui.startup as startup
seen = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in seen:
            seen["paint"] = sorted(m for m in sys.modules if m.startswith("oqu") or m in startup.HEAVY)
            seen["qt_enums"] = sorted(e.__qualname__ for e in made if e.__qualname__.startswith("Qt."))
            seen["built_at_paint"] = obj.built
            QTimer.singleShot(5000, lambda: QApplication.exit(3))  # never built: fail
            QTimer.singleShot(0, lambda: check(obj))
        return False

def check(window):
    if not window.built:
        return QTimer.singleShot(10, lambda: check(window))
    QApplication.processEvents()
    seen["docks"] = [d.objectName() for d in (window.citation_pane, window.search_panel) if d.isVisible()]
    seen["pages"] = [window.tabs.widget(i).findChild(QObject, name) is not None
                     for i, name in ((1, "paperView"), (2, "tablesView"))]
    seen["toggles"] = [a.text() for a in window.view_menu.actions()][-2:]
    seen["icon"] = not QApplication.windowIcon().isNull()
    print(json.dumps(seen))
    QApplication.exit(0)

show = startup.show
startup.show = lambda window: (window.installEventFilter(Watch(window)), show(window))
from oqu.cli import main
sys.exit(main([]))
"""


def _start(env: dict) -> dict:
    out = subprocess.run([sys.executable, "-c", REAL_START], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def start_env(tmp_path_factory) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_CONFIG_DIR=str(tmp_path_factory.mktemp("cfg")),
               OQU_CACHE_DIR=str(tmp_path_factory.mktemp("cache")), LANGUAGE="kk")
    env.pop("OQU_EXIT_AFTER", None)
    return env


@pytest.fixture(scope="module")
def real_start(start_env) -> dict:
    """What the real start saw, in Kazakh (its labels must follow the reader's language); its bundle
    cache is empty, as at the very first start."""
    return _start(start_env)


def test_rule_1_the_first_paint_loads_only_the_first_paint_modules(real_start, start_env):
    """Until the window has painted, only FIRST_PAINT's modules of ours are loaded (and the loader's,
    UNCACHED_START, when the bundle is not in the cache yet), and no heavy library."""
    loaded = set(real_start["paint"])
    ours = {m for m in loaded if m.startswith("oqu")}
    assert "oqu.ui.abstract_view" in ours and not real_start["built_at_paint"]
    allowed = startup.FIRST_PAINT | startup.UNCACHED_START
    assert ours <= allowed, f"loaded before the first paint: {sorted(ours - allowed)}"
    assert not loaded - ours, f"heavy libraries loaded before the first paint: {sorted(loaded - ours)}"
    cached = {m for m in _start(start_env)["paint"] if m.startswith("oqu")}  # the next start: from the cache
    assert cached <= startup.FIRST_PAINT, f"loaded before the first paint: {sorted(cached - startup.FIRST_PAINT)}"


def test_rule_2_nothing_touches_the_qt_namespace_before_the_first_paint(real_start):
    """PySide builds the Qt namespace's ~90 enum types on its first use (20-30 ms): not before the paint."""
    assert real_start["qt_enums"] == []


def test_rule_3_the_window_builds_the_rest_right_after_the_first_paint(real_start):
    """Right after the first paint the window has its panes, pages and icon, labelled in the reader's language."""
    assert real_start["docks"] == ["citationPane", "searchPanel"] and real_start["pages"] == [True, True]
    assert real_start["toggles"] == ["&Әдебиеттер тақтасы", "&Іздеу тақтасы"] and real_start["icon"]


def _function_imports(path: Path):
    """(line, imported module) of each import inside a function of ``path`` (TYPE_CHECKING blocks are not)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for func in ast.walk(tree):
        if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for node in ast.walk(func):
                if isinstance(node, ast.Import):
                    yield from ((node.lineno, alias.name) for alias in node.names)
                elif isinstance(node, ast.ImportFrom):  # `from oqu.ui import textdoc` imports oqu.ui.textdoc
                    for alias in node.names:
                        sub = f"{node.module}.{alias.name}"
                        is_module = (APP.parent / sub.replace(".", "/")).with_suffix(".py").exists()
                        yield node.lineno, sub if is_module else node.module or ""


def _module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _within(module: str, names) -> bool:
    return any(module == n or module.startswith(n + ".") for n in names)


def test_rule_4_an_import_inside_a_function_has_a_reason():
    """Imports inside functions only where they keep something out of the first paint or a command, or
    load a heavy library on first use; everywhere else imports stand at the top of the module."""
    wrong = []
    first = startup.FIRST_PAINT | startup.UNCACHED_START
    for path in sorted(APP.rglob("*.py")):
        here = _module_name(path)
        for line, imported in _function_imports(path):
            if _within(imported, startup.HEAVY):
                continue  # a heavy library, on first use
            if _within(imported, startup.LOADS_HEAVY) and not _within(here, startup.LOADS_HEAVY):
                continue  # one of our modules that imports a heavy library, on first use
            if here in startup.COMMANDS:
                continue  # a command imports only what it needs
            if here in first and imported not in startup.FIRST_PAINT:
                continue  # kept out of the first paint (a first-paint module is loaded anyway)
            if here in first and imported == "PySide6.QtCore":
                continue  # `from PySide6.QtCore import Qt` builds the Qt namespace: rule 2
            if here in first and imported in sys.stdlib_module_names:
                continue  # the standard library's slower modules, when an error or a setting needs them
            wrong.append(f"{path.relative_to(APP.parent)}:{line} imports {imported}")
    assert wrong == []


def test_rule_4_lists_only_modules_that_exist():
    """FIRST_PAINT, LOADS_HEAVY and COMMANDS name real modules (a rename must update them)."""
    ours = {_module_name(p) for p in APP.rglob("*.py")}
    assert startup.FIRST_PAINT | startup.UNCACHED_START <= ours
    assert all(any(_within(m, [name]) for m in ours) for name in (*startup.LOADS_HEAVY, *startup.COMMANDS))


def test_built_later_builds_once_on_first_read(qtbot, monkeypatch):
    """A progressive window is shown without its panes; the first read of one builds the rest, once."""
    from oqu.ui.main_window import MainWindow

    builds = []
    real_build = MainWindow._build
    monkeypatch.setattr(MainWindow, "_build", lambda self: (builds.append(self), real_build(self)))
    win = MainWindow(progressive=True)
    qtbot.addWidget(win)
    assert not win.built and builds == [] and win.findChild(QObject, "citationPane") is None
    pane = win.citation_pane  # a read builds the window first
    assert win.built and builds == [win] and pane.objectName() == "citationPane"
    assert win.paper_view is win.paper_view and builds == [win]  # ...once


def test_built_later_views_fill_their_documents_on_ensure_built(qtbot):
    """The paper's document and the abstract's other languages are empty until ensure_built()."""
    from oqu.core import load_bundle
    from oqu.ui.abstract_view import AbstractView
    from oqu.ui.paper_view import PaperView

    i18n.set_language("en")
    paper = load_bundle().paper
    view = PaperView(paper)
    qtbot.addWidget(view)
    assert not view.built and view._text.document().isEmpty()
    view.ensure_built()
    assert view.built and paper.sections[0].paragraphs[0].text[:40] in view._text.toPlainText()
    abstract = AbstractView(paper)
    qtbot.addWidget(abstract)
    assert abstract.browsers["kk"].document().isEmpty() and not abstract.browsers["en"].document().isEmpty()
    abstract.ensure_built()
    assert paper.abstract["kk"][0][:30] in abstract.browsers["kk"].toPlainText()


WARM_UP = """
import linecache, sys
import oqu.ui.startup as startup
startup._warm_up()
kept = [f for f in linecache.cache if "pyqtgraph" in str(f) or "numpy" in str(f)]
print(sorted(m for m in ("oqu.ui.tables.page", "pyqtgraph", "numpy") if m in sys.modules), len(kept))
"""


def test_the_warm_up_imports_the_charts_and_keeps_no_source_text():
    """After the first paint the charts' module (pyqtgraph, numpy) is imported in advance, and PySide6's
    import hook keeps none of their source text in memory (it read it all: ~14 MB; oqu.ui.pyside_features)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", WARM_UP], env=env, capture_output=True, text=True, timeout=120,
                         check=True)
    assert out.stdout.split() == ["['numpy',", "'oqu.ui.tables.page',", "'pyqtgraph']", "0"]


EXIT_DURING_WARM_UP = """
import atexit, sys
import oqu.ui.startup as startup
atexit.register(lambda: print("page module complete:", hasattr(sys.modules.get("oqu.ui.tables.page"), "TablePage")))
startup._start_warm_up()
sys.exit(0)  # at once: the import of pyqtgraph has hardly begun
"""


def test_a_process_ending_during_the_warm_up_waits_for_its_import():
    """A process that ends while the warm-up thread imports the charts (a screenshot, a reader who quits
    at once) lets the import finish before Python shuts down: finalising under it crashed now and then."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", EXIT_DURING_WARM_UP], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "page module complete: True"


def test_the_timed_start_reports_its_first_paint_and_quits(tmp_path):
    """OQU_EXIT_AFTER=paint (bench/run.py, the binary's benchmark) prints the seconds to the first paint
    since OQU_BENCH_T0 and quits with 0."""
    import time

    result = run_cli("--lang", "en", env={"OQU_EXIT_AFTER": "paint", "OQU_CONFIG_DIR": str(tmp_path),
                                          "OQU_BENCH_T0": repr(time.time())})
    assert result.returncode == 0, result.stderr
    reported = [line.split() for line in result.stdout.splitlines() if line.startswith("oqu-bench ")]
    assert [r[:2] for r in reported] == [["oqu-bench", "paint"]] and 0 < float(reported[0][2]) < 120


def test_the_instruction_count_repeats_the_start_step_by_step(tmp_path):
    """bench/instructions.py counts the start cut short after each of its steps, with a copy of the
    start's own calls (oqu.cli.cmd_gui, oqu.ui.app.run); each cut, and the whole start to its first
    paint, still runs and ends (a renamed call would otherwise fail only under valgrind)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("instructions", ROOT / "bench" / "instructions.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_CONFIG_DIR=str(tmp_path / "config"),
               OQU_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("OQU_EXIT_AFTER", None)
    for stop in range(len(bench.STEPS) + 1):  # 0 and the last: the whole start, ended by the first paint
        result = subprocess.run([sys.executable, "-c", bench.OQU, str(stop)], env=env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, (stop, result.stderr[-2000:])
    assert (tmp_path / "cache").is_dir()  # the bundle came through the cache, as at a usual start


FIRST_PAINT = """
import sys
from oqu.ui.app import application
from oqu.ui.language import manager
from oqu.ui.main_window import MainWindow
app = application()
manager().apply(sys.argv[1])
window = MainWindow(progressive=True)  # as the app opens it: the rest is built after the first paint
window.show()
app.processEvents()
assert window.abstract_view.isVisible()
print(" ".join(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_first_paint_imports_no_heavy_library(tmp_path, lang):
    """Until the window has painted, no heavy library is loaded, whatever the reader's language."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_CONFIG_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT.format(heavy=startup.HEAVY), lang], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "", f"imported before the first paint: {out.stdout.strip()}"


@pytest.mark.parametrize("lang,names", [("en", ["English", "Russian", "Kazakh", "German"]),
                                        ("ru", ["английский", "русский", "казахский", "немецкий"]),
                                        ("kk", ["ағылшын тілі", "орыс тілі", "қазақ тілі", "неміс тілі"])])
def test_language_names_are_in_the_ui_language(lang, names):
    """The reference filter names a source's language in the interface's language (CLDR's names)."""
    i18n.set_language(lang)
    assert [i18n.language_name(code) for code in ("en", "ru", "kk", "de")] == names


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_small_whole_numbers_match_babel(lang):
    """The first paint formats numbers without babel: its shortcut gives exactly babel's digits."""
    from babel.numbers import format_decimal

    i18n.set_language(lang)
    for n in (*range(-1000, 1001, 7), -1000, -999, 0, 999, 1000, 1001, 123456):
        assert i18n.format_number(n) == format_decimal(n, format="#,##0.###", locale=lang, group_separator=True)
    assert i18n.format_number(5, decimals=2) == ("5.00" if lang == "en" else "5,00")
