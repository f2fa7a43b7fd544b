"""The start, in one place: what the first paint needs, and what is built right after it.

The reader sees the abstract as soon as possible (bench/run.py measures it against a bare
PySide6 window). That rests on four rules, each checked by tests/test_startup.py:

1. Until the main window's first paint only the modules in ``FIRST_PAINT`` are imported (and
   ``UNCACHED_START`` when the bundle must be loaded), and none of the ``HEAVY`` libraries.
2. Until then nothing touches the ``Qt`` namespace (``PySide6.QtCore.Qt``): PySide builds its
   ninety-odd enum types on first use, ~20-30 ms. The first-paint modules use it only in code
   that runs after the paint.
3. What the first look does not need follows one protocol, ``BuiltLater``: shown empty (or in
   part) at once, filled by ``ensure_built()``, which the window calls right after the first
   paint and every reader of the part calls first.
4. An import inside a function is there for a reason: it is in a ``FIRST_PAINT`` module (and
   keeps a later part out of the first paint), in a command module (``oqu.cli``,
   ``oqu.ui.headless``: a command imports only what it needs), or it loads a ``HEAVY``
   library, or one of ``LOADS_HEAVY`` (our modules that import one at their top), on first use.
   Everywhere else imports are at the top of the module.

After the first paint a background thread imports the charts' module (``warm_up``), so
opening the tables tab does not stall on pyqtgraph and numpy.
"""
from __future__ import annotations

import importlib
import os
import threading
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

# Rule 1: our modules loaded before the first paint (the window's frame and the abstract).
FIRST_PAINT = frozenset({
    "oqu", "oqu.cli", "oqu.i18n", "oqu.resources",
    "oqu.core", "oqu.core.bundle_cache", "oqu.core.history", "oqu.core.model", "oqu.core.problems",
    "oqu.ui", "oqu.ui.abstract_view", "oqu.ui.app", "oqu.ui.common", "oqu.ui.errors", "oqu.ui.fonts",
    "oqu.ui.language", "oqu.ui.main_window", "oqu.ui.navigation", "oqu.ui.page", "oqu.ui.pyside_features",
    "oqu.ui.settings", "oqu.ui.startup", "oqu.ui.textdoc", "oqu.ui.theme",
})
# ...and, when the bundle is not in the cache (oqu.core.bundle_cache: the first start, or the first
# after an edit), the loader and its checks as well.
UNCACHED_START = frozenset({"oqu.core.bundle", "oqu.core.alignment", "oqu.core.sentences"})
# Libraries that cost tens to hundreds of milliseconds each, and Qt's optional libraries.
HEAVY = ("pandas", "numpy", "pyqtgraph", "babel", "citeproc", "pybtex", "rispy", "openpyxl", "xlrd",
         "PySide6.QtSvg", "PySide6.QtPrintSupport", "PySide6.QtNetwork")
# Our modules that import a heavy library at their top (rule 4).
LOADS_HEAVY = ("oqu.ui.tables.page", "oqu.ui.tables.charts", "oqu.ui.printing", "oqu.ui.link_opener")
# Rule 4: modules whose imports inside functions are commands' own.
COMMANDS = ("oqu.cli", "oqu.ui.headless")

WARM_UP = ("oqu.ui.tables.page",)  # the charts: pyqtgraph and numpy
WARM_UP_DELAY_MS = 300  # after the first paint: the window settles first, quick runs never start it


class BuiltLater:
    """A part shown at once and filled in later (rule 3).

    ``ensure_built()`` builds it, once; whatever reads the part calls it first, and the window
    calls it right after its first paint. ``built`` says whether it has been built.
    Subclasses implement ``_build()``.
    """

    _built = False

    @property
    def built(self) -> bool:
        return self._built

    def ensure_built(self) -> None:
        if not self._built:
            self._built = True  # first: what _build() reads of the part must not build it again
            self._build()

    def _build(self) -> None:
        raise NotImplementedError


def built_part(name: str) -> property:
    """A property of a ``BuiltLater`` object that builds it first, then gives its attribute ``name``."""
    def get(self):
        self.ensure_built()
        return getattr(self, name)
    return property(get, doc=f"``{name}``, built first (see BuiltLater)")


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


# -- after the first paint ------------------------------------------------------

_warming = False


def warm_up_soon() -> None:
    """Import the charts' module in a background thread, once per process. Python's import lock
    makes a tab that needs it meanwhile simply wait for the thread to finish the import."""
    QTimer.singleShot(WARM_UP_DELAY_MS, _start_warm_up)


def _start_warm_up() -> None:
    global _warming
    if not _warming:
        _warming = True
        # Not a daemon: a process that ends meanwhile (a quick screenshot, a reader who quits at once)
        # waits for the import to finish, instead of finalising Python under it (a crash at exit).
        threading.Thread(target=_warm_up, name="oqu-warm-up", daemon=False).start()


def _warm_up() -> None:
    for name in WARM_UP:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 -- imported again on first use, where its error is reported
            return


# -- timing the start (bench/run.py, bench/binary_bench.py, tests) ----------------------

def show(window) -> None:
    """Show the main window; with ``OQU_EXIT_AFTER`` set, report the start's timing and quit:

    ``paint`` after the window's first paint; ``charts`` then opens the tables tab and quits
    once its chart is drawn; ``tabs`` visits every tab first (for peak memory). Each prints
    ``oqu-bench <what> <seconds>``: seconds since ``OQU_BENCH_T0`` (a ``time.time()`` set by
    whoever launched the process), else since this module loaded. The variable is read here
    only, so a packaged binary can be timed as it ships.
    """
    mode = os.environ.get("OQU_EXIT_AFTER")
    if mode in ("paint", "charts", "tabs"):
        AfterFirstPaint(window, lambda: _report(window, mode))
    window.show()


_LOADED = time.perf_counter()


def _since_start() -> float:
    t0 = os.environ.get("OQU_BENCH_T0")
    return time.time() - float(t0) if t0 else time.perf_counter() - _LOADED


def _report(window, mode: str) -> None:
    print(f"oqu-bench paint {_since_start():.4f}", flush=True)
    if mode == "tabs":
        for key in ("paper", "tables", "abstract"):
            window.show_tab(key)
            QApplication.processEvents()
        print(f"oqu-bench tabs {_since_start():.4f}", flush=True)
    if mode == "charts":
        window.show_tab("tables")
        window.tables_view.ensure_page(window.tables_view.tabs.currentIndex())
        QApplication.processEvents()
        print(f"oqu-bench charts {_since_start():.4f}", flush=True)
    QTimer.singleShot(0, QApplication.quit)
