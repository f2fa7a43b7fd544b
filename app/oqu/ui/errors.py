"""Unexpected errors in the running app: a dialog with the details, a log file, and the app goes on.

``install(app)`` routes three sources here:

- ``sys.excepthook``: an exception escaping a slot or an event handler (PySide6 reports those
  through it and then returns to the event loop, so the app keeps running);
- ``threading.excepthook``: an exception ending a worker thread (the dialog is shown by the GUI
  thread, through a queued signal);
- Qt's message handler: Qt's own warnings go to the log, critical ones to the dialog as well.

The log is ``oqu-errors.log`` in the user's data folder (``OQU_DATA_DIR`` moves it, for tests);
a hard crash (a segmentation fault in Qt) leaves its Python traceback there too (faulthandler).
Only one dialog is open at a time: errors while it is open are added to its details, so a
failing paint handler cannot bury the user under dialogs.

PySide6 6.11.3 can crash (a segfault in shiboken's ``storePythonOverrideErrorOrPrint``) when a Qt
virtual override -- ``paintEvent``, ``showEvent``, a model's ``data`` -- ends with an exception the
interpreter raised itself (``1/0``, ``[][0]``); such an error is then a crash, left in the log by
faulthandler, not a dialog. Tests that feed overrides bad input run them in a subprocess
(tests/test_robustness_gui.py).
"""
from __future__ import annotations

import faulthandler
import os
import sys
import threading
import time
from pathlib import Path

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QObject, QStandardPaths, QtMsgType, QTimer, Signal, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from oqu import APP_NAME, __version__
from oqu.i18n import _

LOG_NAME = "oqu-errors.log"
MAX_LOG_BYTES = 1_000_000  # then the log is rotated to oqu-errors.log.1 (one old copy kept)


def data_folder() -> Path:
    folder = os.environ.get("OQU_DATA_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".local" / "share" / "oqu")


def log_path() -> Path:
    return data_folder() / LOG_NAME


def write_log(text: str) -> Path | None:
    """Append one entry to the log; never raises (a full disk must not cause a second error)."""
    path = log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        # ISO 8601 with the zone ("+06:00", as datetime's isoformat), without importing datetime: a Qt
        # warning can come before the first paint (offscreen's propagateSizeHints), and it costs ms.
        zone = time.strftime("%z")
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S") + zone[:-2] + ":" + zone[-2:]
        with path.open("a", encoding="utf-8", errors="replace") as fp:
            fp.write(f"--- {stamp}\n{text.rstrip()}\n\n")
        return path
    except OSError:
        return None


def describe(exc_type, exc, tb) -> str:
    """The details a bug report needs: versions, then the traceback."""
    import platform
    import traceback

    from PySide6 import __version__ as pyside_version

    head = (f"{APP_NAME} {__version__}, Python {platform.python_version()}, PySide6 {pyside_version}, "
            f"{platform.platform()}\nthread: {threading.current_thread().name}\n")
    return head + "".join(traceback.format_exception(exc_type, exc, tb))


class ErrorReporter(QObject):
    """Receives errors from any thread; logs at once, shows the dialog in the GUI thread."""

    reported = Signal(str, str)  # summary, details

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.box = None  # the open QMessageBox
        self.count = 0
        # Emitted from a worker thread, the signal is queued to the GUI thread; _show_soon then
        # waits for the event loop, so the dialog never opens inside the failing handler.
        self.reported.connect(self._show_soon)
        self._previous = (sys.excepthook, threading.excepthook)
        self._previous_qt = None

    # -- the hooks --------------------------------------------------------------
    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):  # Ctrl+C in the terminal: quit as usual
            self._previous[0](exc_type, exc, tb)
            return
        self.report(f"{exc_type.__name__}: {exc}", describe(exc_type, exc, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        self.report(f"{args.exc_type.__name__}: {args.exc_value}",
                    describe(args.exc_type, args.exc_value, args.exc_traceback))

    def qt_message(self, mode: QtMsgType, context, message: str) -> None:
        print(message, file=sys.__stderr__)  # what Qt's default handler does
        if mode in (QtMsgType.QtDebugMsg, QtMsgType.QtInfoMsg):
            return
        where = f" ({context.file}:{context.line})" if context and context.file else ""
        text = f"Qt {mode.name}{where}: {message}"
        if mode == QtMsgType.QtWarningMsg:
            write_log(text)
        else:
            self.report(message, text)

    # -- reporting ----------------------------------------------------------------
    def report(self, summary: str, details: str) -> None:
        """Log now (any thread), then ask the GUI thread to show it."""
        self.count += 1
        write_log(details)
        print(details, file=sys.__stderr__)
        self.reported.emit(summary, details)

    def _show_soon(self, summary: str, details: str) -> None:
        QTimer.singleShot(0, lambda: self._show(summary, details))

    def _show(self, summary: str, details: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        try:
            if self.box is not None and self.box.isVisible():
                self.box.setDetailedText(self.box.detailedText() + "\n\n" + details)
                return
            parent = QApplication.activeWindow()
            box = QMessageBox(QMessageBox.Icon.Critical, _("Unexpected error"), "", parent=parent)
            box.setObjectName("errorDialog")
            box.setText(_("Oqu met an unexpected error and keeps running. If something looks wrong, "
                          "restart it."))
            logged = log_path()
            box.setInformativeText(_("{summary}\n\nThe details below were also written to {path}.").format(
                summary=summary[:300], path=logged))
            box.setDetailedText(details)
            box.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
            box.setStandardButtons(QMessageBox.StandardButton.Close)
            box.open()
            self.box = box
        except Exception:  # noqa: BLE001 -- showing the error must not raise a new one
            import traceback

            traceback.print_exc(file=sys.__stderr__)

    # -- installing -----------------------------------------------------------------
    def install(self) -> "ErrorReporter":
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        self._previous_qt = qInstallMessageHandler(self.qt_message)
        return self

    def log_crashes(self) -> None:
        """A hard crash writes its Python traceback to the log (the file stays open for that)."""
        try:
            log_path().parent.mkdir(parents=True, exist_ok=True)
            self._crash_log = log_path().open("a", encoding="utf-8")
            faulthandler.enable(file=self._crash_log, all_threads=True)
        except OSError:
            pass

    def uninstall(self) -> None:
        """Give the previous hooks back (tests)."""
        sys.excepthook, threading.excepthook = self._previous
        qInstallMessageHandler(self._previous_qt)
        if getattr(self, "_crash_log", None) is not None:
            faulthandler.enable(file=sys.__stderr__, all_threads=True)
            self._crash_log.close()
            self._crash_log = None


def install(app: QApplication) -> ErrorReporter:
    """Route every unexpected error of the running app to the log and a dialog (once per app)."""
    global _reporter
    # Kept here rather than found with app.findChild(), which wraps the app's children
    # (its style among them) and so builds their enums: start-up time.
    if _reporter is None or not shiboken6.isValid(_reporter) or _reporter.parent() is not app:
        _reporter = ErrorReporter(app).install()
        _reporter.log_crashes()
    return _reporter


_reporter: ErrorReporter | None = None
