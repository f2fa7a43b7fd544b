"""Timing hooks for bench/run.py: quit once the window has painted (or drawn its charts).

``OQU_EXIT_AFTER=paint`` quits after the main window's first paint;
``OQU_EXIT_AFTER=charts`` then opens the tables tab and quits once its charts
are drawn. Each prints a line ``oqu-bench <what> <seconds>`` (seconds since this module loaded;
bench/run.py times the whole process from outside).
"""
from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

STARTED = time.perf_counter()


class _FirstPaint(QObject):
    def __init__(self, window, mode: str):
        super().__init__(window)
        self.window, self.mode, self.done = window, mode, False

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self.after_paint)
        return False

    def after_paint(self) -> None:
        print(f"oqu-bench paint {time.perf_counter() - STARTED:.4f}", flush=True)
        if self.mode == "charts":
            self.window.show_tab("tables")
            wait_for = getattr(self.window.tables_view, "wait_until_drawn", None)
            if wait_for:
                wait_for()
            QApplication.processEvents()
            print(f"oqu-bench charts {time.perf_counter() - STARTED:.4f}", flush=True)
        QTimer.singleShot(0, QApplication.quit)


def install(window) -> None:
    mode = os.environ.get("OQU_EXIT_AFTER")
    if mode in ("paint", "charts"):
        window.installEventFilter(_FirstPaint(window, mode))
