"""Start-up: the first window paints without the heavy libraries, and the shortcuts that allow it
give exactly what the libraries would."""
from __future__ import annotations

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
window = MainWindow()
window.show()
app.processEvents()
assert window.abstract_view.isVisible()
print(" ".join(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_first_paint_imports_no_heavy_library(tmp_path, lang):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_CONFIG_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", FIRST_PAINT.format(heavy=HEAVY), lang], env=env,
                         capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "", f"imported before the first paint: {out.stdout.strip()}"


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_language_names_match_babel(lang):
    from babel import Locale

    i18n.set_language(lang)
    for code in i18n.LANGUAGES:
        assert i18n.language_name(code) == Locale.parse(lang).languages[code]
    assert i18n.language_name("de") == Locale.parse(lang).languages["de"]  # others still from babel


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_small_whole_numbers_match_babel(lang):
    from babel.numbers import format_decimal

    i18n.set_language(lang)
    for n in (*range(-1000, 1001, 7), -1000, -999, 0, 999, 1000, 1001, 123456):
        assert i18n.format_number(n) == format_decimal(n, format="#,##0.###", locale=lang, group_separator=True)
    assert i18n.format_number(5, decimals=2) == ("5.00" if lang == "en" else "5,00")
