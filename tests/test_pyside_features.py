"""PySide6's __feature__ bookkeeping (oqu.ui.pyside_features): it learns which modules use PySide6
without reading their source, and still answers right."""
from __future__ import annotations

import linecache
import sys
import types

import pytest

import oqu.ui  # noqa: F401 -- installs the quick check, as the app does
from oqu.ui.pyside_features import uses_pyside


@pytest.fixture
def new_module(tmp_path, monkeypatch):
    """Writes and imports a module of the given source under a fresh name."""
    monkeypatch.syspath_prepend(str(tmp_path))
    made = []

    def make(name: str, source: str) -> types.ModuleType:
        path = tmp_path / f"{name}.py"
        path.write_text(source, encoding="utf-8")
        made.append(name)
        __import__(name)  # an import statement: what PySide6's import hook sees
        return sys.modules[name]
    yield make
    for name in made:
        sys.modules.pop(name, None)


def test_pyside_no_longer_reads_the_source_of_imported_modules(new_module, tmp_path):
    """A module imported after oqu.ui is not read by PySide6's import hook (its source is not in linecache)."""
    linecache.clearcache()
    new_module("oqu_probe_plain", "VALUE = 1\n")
    new_module("oqu_probe_qt", "from PySide6.QtCore import QObject\nclass Probe(QObject):\n    pass\n")
    read = {name for name in linecache.cache if str(name).startswith(str(tmp_path))}
    assert read == set()


def test_the_answers_are_still_right(new_module):
    """PySide6's table marks a module that uses PySide6 (0) apart from one that does not (-1)."""
    from shibokensupport import feature

    new_module("oqu_probe_plain2", "import json\nVALUE = json.dumps(1)\n")
    new_module("oqu_probe_qt2", "import PySide6.QtCore\n")
    new_module("oqu_probe_qt3", "from PySide6.QtGui import QColor\nRED = QColor('red')\n")
    table = feature.pyside_feature_dict
    assert table["oqu_probe_plain2"] == -1
    assert table["oqu_probe_qt2"] == 0 and table["oqu_probe_qt3"] == 0


def test_uses_pyside_reads_only_what_the_module_holds():
    """Modules, classes and functions of PySide6 count; an object whose attributes raise is skipped."""
    class Touchy:
        def __getattribute__(self, name):
            raise RuntimeError("no attributes here")

    plain = types.ModuleType("plain")
    plain.touchy, plain.number = Touchy(), 3
    assert not uses_pyside(plain)
    from PySide6 import QtCore

    for value in (QtCore, QtCore.QObject, QtCore.qVersion):
        holder = types.ModuleType("holder")
        holder.touchy, holder.value = Touchy(), value
        assert uses_pyside(holder)
