"""The widgets: they present the core and hold no paper logic of their own.

How the window starts, and what waits until after its first paint: ``oqu.ui.startup``.
"""
from oqu.ui.pyside_features import quick_check

quick_check()  # before the widgets' modules are imported: PySide6 need not read their sources
