"""The widgets: they present the core and hold no paper logic of their own."""
from oqu.ui.main_window import MainWindow

__all__ = ["MainWindow"]
