"""Work the first look at the window does not need, done once it is up (start-up time).

The first paint waits for none of this. Right after it, the paper's document is built
(``MainWindow``); a moment later pyqtgraph (with numpy) is imported in a background thread,
so opening the tables tab does not stall on its imports. Python's import lock makes a tab
that needs it meanwhile simply wait for the thread to finish the import. (pandas is not
warmed up: only reading a World Bank file needs it, and it imports it then.)
"""
from __future__ import annotations

import importlib
import linecache
import threading

from PySide6.QtCore import QEvent, QObject, QTimer

HEAVY_MODULES = ("pyqtgraph",)
IMPORT_DELAY_MS = 300  # after the first paint: the window settles first, quick runs never start it

_started = False


class AfterFirstPaint(QObject):
    """Calls ``callback`` from the event loop once ``widget`` has painted for the first time."""

    def __init__(self, widget: QObject, callback):
        super().__init__(widget)
        self.callback = callback
        widget.installEventFilter(self)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self.callback)
        return False


def import_heavy_modules_soon() -> None:
    """Import the charts' libraries in a background thread, once per process."""
    QTimer.singleShot(IMPORT_DELAY_MS, _start)


def _start() -> None:
    global _started
    if _started:
        return
    _started = True
    threading.Thread(target=_import_all, name="oqu-warm-up", daemon=True).start()


def _import_all() -> None:
    for name in HEAVY_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 -- imported again on first use, where its error is reported
            return
    drop_source_lines()


def drop_source_lines() -> None:
    """Free the source text PySide's import hook leaves in ``linecache``.

    PySide6 reads the source of every module imported after it (inspect.getsource,
    to look for ``__feature__`` imports) and linecache keeps it: ~14 MB once numpy,
    pyqtgraph and pandas are in (tracemalloc). Tracebacks simply read the files again.
    """
    linecache.clearcache()
