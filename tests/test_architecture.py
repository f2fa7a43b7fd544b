"""The core stays Qt-free, by check rather than by habit."""
from __future__ import annotations

import subprocess
import sys

def test_core_imports_no_qt():
    """Importing every core module (and the command line's parser) loads no Qt, pyqtgraph or widget module."""
    code = ("import sys, oqu.core, oqu.core.bundle, oqu.core.tables, oqu.core.citations, oqu.i18n, oqu.cli;"
            "import pkgutil, importlib, oqu.core as c;"
            "[importlib.import_module('oqu.core.'+m.name) for m in pkgutil.iter_modules(c.__path__)];"
            "bad=[m for m in sys.modules"
            " if m.split('.')[0] in ('PySide6','shiboken6','pyqtgraph') or m.startswith('oqu.ui')];"
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_twenty_thousand_void_calls_do_not_abort():
    """PySide6 6.12.0 on Python 3.11 aborts after ~5,200 void calls (none_dealloc); our pin must not."""
    code = """
import os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel()
for i in range(20000):
    label.setText(str(i)); label.update()
print('survived')
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "survived" in result.stdout, result.stderr[-500:]
