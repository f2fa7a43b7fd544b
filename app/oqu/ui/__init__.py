"""The widgets: they present the core and hold no paper logic of their own.

``MainWindow`` is imported on first use: ``oqu.ui.app`` and the other small modules
load without pulling in every view (start-up time).
"""
__all__ = ["MainWindow"]


def __getattr__(name: str):
    if name == "MainWindow":
        from oqu.ui.main_window import MainWindow

        return MainWindow
    raise AttributeError(f"module 'oqu.ui' has no attribute {name!r}")
