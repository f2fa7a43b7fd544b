"""Timing hooks for bench/run.py: quit once the window has painted (or drawn its charts).

``OQU_EXIT_AFTER=paint`` quits after the main window's first paint;
``OQU_EXIT_AFTER=charts`` then opens the tables tab and quits once its charts
are drawn; ``OQU_EXIT_AFTER=tabs`` visits every tab (for peak memory). Each prints a line
``oqu-bench <what> <seconds>``: seconds since ``OQU_BENCH_T0`` (a ``time.time()`` that
bench/run.py sets when it launches the process), else since this module loaded.
"""
from __future__ import annotations

import os
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

STARTED = time.perf_counter()
_T0 = os.environ.get("OQU_BENCH_T0")


def _since_start() -> float:
    return time.time() - float(_T0) if _T0 else time.perf_counter() - STARTED


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
        print(f"oqu-bench paint {_since_start():.4f}", flush=True)
        if self.mode == "tabs":
            for key in ("paper", "tables", "abstract"):
                self.window.show_tab(key)
                QApplication.processEvents()
            print(f"oqu-bench tabs {_since_start():.4f}", flush=True)
        if self.mode == "charts":
            self.window.show_tab("tables")
            wait_for = getattr(self.window.tables_view, "wait_until_drawn", None)
            if wait_for:
                wait_for()
            QApplication.processEvents()
            print(f"oqu-bench charts {_since_start():.4f}", flush=True)
        QTimer.singleShot(0, QApplication.quit)


def install(window) -> None:
    mode = os.environ.get("OQU_EXIT_AFTER")
    if mode in ("paint", "charts", "tabs"):
        window.installEventFilter(_FirstPaint(window, mode))
