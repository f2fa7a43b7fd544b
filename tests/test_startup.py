"""Start-up: the first window paints without the heavy libraries, and the shortcuts that allow it
give exactly what the libraries would."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from oqu import i18n

HEAVY = ("pandas", "pyqtgraph", "babel", "citeproc", "numpy")

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
    """Until the window has painted, no heavy library (pandas, pyqtgraph, babel, citeproc, numpy) is loaded."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_CONFIG_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT.format(heavy=HEAVY), lang], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "", f"imported before the first paint: {out.stdout.strip()}"


# The real start (`oqu` with no arguments, oqu.ui.app.run): what is loaded when the window first
# paints, and what the window holds once it has completed itself after that paint.
REAL_START = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import oqu.ui.benchhook as hook
seen = {}

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "paint" not in seen:
            seen["paint"] = sorted(m for m in sys.modules if m.startswith(("oqu.ui.", *%(heavy)r)))
            seen["complete_at_paint"] = obj._complete
            QTimer.singleShot(3000, lambda: QApplication.exit(3))  # never completed: fail
            QTimer.singleShot(0, lambda: check(obj))
        return False

def check(window):
    if not window._complete:
        return QTimer.singleShot(10, lambda: check(window))
    QApplication.processEvents()
    seen["docks"] = [d.objectName() for d in (window.citation_pane, window.search_panel) if d.isVisible()]
    seen["pages"] = [window.tabs.widget(i).findChild(QObject, name) is not None
                     for i, name in ((1, "paperView"), (2, "tablesView"))]
    seen["toggles"] = [a.text() for a in window.view_menu.actions()][-2:]
    seen["icon"] = not QApplication.windowIcon().isNull()
    print(json.dumps(seen))
    QApplication.exit(0)

hook.install = lambda window: window.installEventFilter(Watch(window))
from oqu.cli import main
sys.exit(main([]))
"""


def test_the_first_paint_shows_the_abstract_before_the_other_views_are_even_imported(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_CONFIG_DIR=str(tmp_path), LANGUAGE="kk",
               OQU_EXIT_AFTER="paint")  # the app installs its timing hook, which the script replaces
    out = subprocess.run([sys.executable, "-c", REAL_START % {"heavy": HEAVY}], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    loaded = set(seen["paint"])
    assert "oqu.ui.abstract_view" in loaded and not seen["complete_at_paint"]
    later = {"oqu.ui.paper_view", "oqu.ui.tables.view", "oqu.ui.citation_pane", "oqu.ui.search_panel",
             "oqu.ui.tables.charts", *HEAVY}
    assert not loaded & later, f"loaded before the first paint: {sorted(loaded & later)}"
    # ...and right after it the window has everything, in the reader's language.
    assert seen["docks"] == ["citationPane", "searchPanel"] and seen["pages"] == [True, True]
    assert seen["toggles"] == ["&Әдебиеттер тақтасы", "&Іздеу тақтасы"] and seen["icon"]


@pytest.mark.parametrize("lang,names", [("en", ["English", "Russian", "Kazakh", "German"]),
                                        ("ru", ["английский", "русский", "казахский", "немецкий"]),
                                        ("kk", ["ағылшын тілі", "орыс тілі", "қазақ тілі", "неміс тілі"])])
def test_language_names_are_in_the_ui_language(lang, names):
    """The reference filter names a source's language in the interface's language (CLDR's names)."""
    i18n.set_language(lang)
    assert [i18n.language_name(code) for code in ("en", "ru", "kk", "de")] == names


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_small_whole_numbers_match_babel(lang):
    from babel.numbers import format_decimal

    i18n.set_language(lang)
    for n in (*range(-1000, 1001, 7), -1000, -999, 0, 999, 1000, 1001, 123456):
        assert i18n.format_number(n) == format_decimal(n, format="#,##0.###", locale=lang, group_separator=True)
    assert i18n.format_number(5, decimals=2) == ("5.00" if lang == "en" else "5,00")
