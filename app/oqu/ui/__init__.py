"""The widgets: they present the core and hold no paper logic of their own.

``MainWindow`` is imported on first use: ``oqu.ui.app`` and the other small modules
load without pulling in every view (start-up time).
"""
from __future__ import annotations

from oqu.ui.pyside_features import quick_check

quick_check()  # before the widgets' modules are imported: PySide6 need not read their sources

__all__ = ["MainWindow"]


def __getattr__(name: str):
    if name == "MainWindow":
        from oqu.ui.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module 'oqu.ui' has no attribute {name!r}")
