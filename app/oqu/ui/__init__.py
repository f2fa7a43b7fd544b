"""The widgets: they present the core and hold no paper logic of their own.

How the window starts, and what waits until after its first paint: ``oqu.ui.startup``.
"""
