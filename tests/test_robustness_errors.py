"""An unexpected error in the running app: a dialog with the details, a log entry, the app goes on."""
from __future__ import annotations

import platform
import threading

import pytest
from PySide6.QtCore import QTimer, qCritical, qWarning
from PySide6.QtWidgets import QApplication, QMessageBox, QTextEdit

from oqu import __version__
from oqu.ui import errors


@pytest.fixture
def reporter(qapp, tmp_path, monkeypatch):
    """The app's error handling, installed for one test and then taken away again."""
    monkeypatch.setenv("OQU_DATA_DIR", str(tmp_path / "data"))
    rep = errors.ErrorReporter().install()
    yield rep
    rep.uninstall()
    if rep.box is not None:
        rep.box.close()


def error_box(qtbot, reporter) -> QMessageBox:
    qtbot.waitUntil(lambda: reporter.box is not None and reporter.box.isVisible(), timeout=3000)
    return reporter.box


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_dialog_logs_it_and_the_app_keeps_running(qtbot, window, reporter, tmp_path):
    """An exception in a slot opens a dialog with the error as text and a copyable traceback, is logged with the
    version, and the window goes on working."""
    def broken_slot():
        raise ValueError("a bug in a slot <b>not bold</b>")

    QTimer.singleShot(0, broken_slot)
    box = error_box(qtbot, reporter)
    assert box.objectName() == "errorDialog" and box.icon() == QMessageBox.Icon.Critical
    assert "ValueError: a bug in a slot <b>not bold</b>" in box.informativeText()
    details = box.findChild(QTextEdit)  # the "Show Details..." text: read-only, selectable, copyable
    assert details is not None and details.isReadOnly()
    assert 'in broken_slot\n    raise ValueError("a bug in a slot <b>not bold</b>")' in details.toPlainText()
    details.selectAll()
    details.copy()
    assert "Traceback (most recent call last)" in QApplication.clipboard().text()

    log = tmp_path / "data" / "oqu-errors.log"
    assert str(log) in box.informativeText()
    text = log.read_text(encoding="utf-8")
    assert "ValueError: a bug in a slot" in text and f"Oqu {__version__}, Python {platform.python_version()}" in text

    # The app keeps running: the window still works after the error.
    window.show_tab("tables")
    assert window.current_tab() == "tables" and window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_errors_while_the_dialog_is_open_join_it(qtbot, reporter, tmp_path):
    """Errors raised while the error dialog is open join it instead of opening more dialogs, and are all logged."""
    for n in range(3):
        QTimer.singleShot(0, lambda n=n: (_ for _ in ()).throw(RuntimeError(f"error number {n}")))
    box = error_box(qtbot, reporter)
    qtbot.waitUntil(lambda: "error number 2" in box.detailedText())
    assert all(f"RuntimeError: error number {n}" in box.detailedText() for n in range(3))
    dialogs = [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorDialog" and w.isVisible()]
    assert dialogs == [box]
    assert (tmp_path / "data" / "oqu-errors.log").read_text(encoding="utf-8").count("RuntimeError: error number") == 3


def test_an_error_in_a_worker_thread_is_shown_by_the_gui_thread(qtbot, reporter, tmp_path):
    """An exception in a worker thread is shown by a dialog of the GUI thread and logged with the thread's name."""
    def work():
        raise OSError(28, "No space left on device")

    thread = threading.Thread(target=work, name="exporter")
    thread.start()
    thread.join()
    box = error_box(qtbot, reporter)
    assert box.thread() is QApplication.instance().thread()
    assert "[Errno 28] No space left on device" in box.detailedText()
    assert "thread: exporter" in (tmp_path / "data" / "oqu-errors.log").read_text(encoding="utf-8")


def test_qt_warnings_are_logged_and_critical_messages_shown(qtbot, reporter, tmp_path):
    """Qt's warnings are logged without a dialog; a critical Qt message opens the dialog."""
    qWarning("a Qt warning for the log")
    log = tmp_path / "data" / "oqu-errors.log"
    assert "Qt QtWarningMsg" in log.read_text(encoding="utf-8")
    assert reporter.box is None  # a warning alone opens no dialog
    qCritical("a critical Qt message")
    box = error_box(qtbot, reporter)
    assert "a critical Qt message" in box.informativeText()


def test_an_unwritable_data_folder_still_shows_the_dialog(qtbot, reporter, tmp_path, monkeypatch):
    """When the log cannot be written the error is still shown, and logging raises nothing."""
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("OQU_DATA_DIR", str(blocker / "data"))
    assert errors.write_log("x") is None  # no exception from the log itself
    reporter.report("KeyError: 'x'", "Traceback ...\nKeyError: 'x'")
    assert "KeyError" in error_box(qtbot, reporter).informativeText()


def test_the_log_is_rotated_when_large(reporter, tmp_path):
    """A log over its size limit is moved to oqu-errors.log.1 and a fresh log starts with the newest entry."""
    log = tmp_path / "data" / "oqu-errors.log"
    log.parent.mkdir(parents=True)
    log.write_text("x" * (errors.MAX_LOG_BYTES + 1), encoding="utf-8")
    errors.write_log("the newest entry")
    assert log.read_text(encoding="utf-8").endswith("the newest entry\n\n")
    assert log.with_name("oqu-errors.log.1").stat().st_size == errors.MAX_LOG_BYTES + 1


def test_the_app_installs_the_handlers(qapp, monkeypatch, tmp_path):
    """``oqu`` (the window) installs them before its event loop runs; found once per application, not twice."""
    import argparse

    from PySide6.QtWidgets import QApplication

    from oqu.ui import app as app_module
    from oqu.ui.main_window import MainWindow

    monkeypatch.setenv("OQU_DATA_DIR", str(tmp_path))
    seen = []
    monkeypatch.setattr(QApplication, "exec", lambda self: seen.append(self.findChildren(errors.ErrorReporter)) or 0)
    assert app_module.run(argparse.Namespace(lang="en")) == 0
    for window in [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]:
        window.close()
        window.deleteLater()
    [[installed]] = seen
    installed.uninstall()
    installed.setParent(None)

    first = errors.install(qapp)
    try:
        assert errors.install(qapp) is first and qapp.findChildren(errors.ErrorReporter) == [first]
    finally:
        first.uninstall()
        first.setParent(None)


CRASH = """
import faulthandler
from oqu.ui.app import application
from oqu.ui import errors
errors.install(application())
faulthandler._sigsegv()
"""


def test_a_hard_crash_leaves_its_traceback_in_the_log(tmp_path):
    """A segmentation fault leaves the Python traceback in the error log."""
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", CRASH], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "OQU_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    log = (tmp_path / "oqu-errors.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in log and 'File "<string>", line 6' in log
