"""Qt's own dialogs and context menus speak the UI language (qtbase_xx.qm, then our catalog)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QTimer, QTranslator
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (QApplication, QDialogButtonBox, QFileDialog, QLineEdit, QMenu, QMessageBox,
                               QPushButton)

# Qt strings that read the same in every language (key names, placeholders, "OK").
UNIVERSAL = {"Ctrl", "Alt", "Shift", "Alt+Left", "Alt+Right", "Alt+Up", "%p%", "QT_LAYOUT_DIRECTION", "OK",
             "Files", "Show "}


class Recorder(QTranslator):
    """Notes every string Qt asks to translate and answers none (installed last, so asked first)."""

    def __init__(self):
        super().__init__()
        self.seen: set[tuple[str, str]] = set()

    def translate(self, context, source_text, disambiguation=None, n=-1):
        if source_text:
            self.seen.add((context, source_text))
        return None  # a null string: Qt goes on to the real translators

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False


def _close_popup():
    popup = QApplication.activePopupWidget()
    if popup:
        popup.close()


def exercise_qt_widgets(window, qtbot) -> None:
    """Open what a user meets of Qt's own: context menus, message boxes, file dialogs."""
    window.paper_view.text.createStandardContextMenu(QPoint(5, 5)).deleteLater()
    edit = QLineEdit(window)
    edit.createStandardContextMenu().deleteLater()
    window.createPopupMenu().deleteLater()
    bar = window.paper_view.text.verticalScrollBar()
    QTimer.singleShot(50, _close_popup)
    QApplication.sendEvent(bar, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2),
                                                  bar.mapToGlobal(QPoint(2, 2))))
    box = QMessageBox(QMessageBox.Icon.Warning, "t", "x", QMessageBox.StandardButton.Ok
                      | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Save
                      | QMessageBox.StandardButton.Close, window)
    box.setDetailedText("details")
    box.show()
    QDialogButtonBox(QDialogButtonBox.StandardButton.Yes | QDialogButtonBox.StandardButton.No, window)
    for mode in (QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen):
        dialog = QFileDialog(window, "t", "/", "CSV (*.csv)")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(mode)
        dialog.show()
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        qtbot.wait(50)
        dialog.close()
    box.close()


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_qt_standard_strings_are_translated(window, qtbot, code):
    """Every Qt string met in context menus, message boxes and file dialogs is translated in Russian and Kazakh."""
    from oqu.ui.language import manager

    manager().apply(code)
    recorder = Recorder()
    QApplication.instance().installTranslator(recorder)
    try:
        exercise_qt_widgets(window, qtbot)
    finally:
        QApplication.instance().removeTranslator(recorder)
    # Key names (QShortcut: Ctrl, Page Up) stay as printed on the keys.
    seen = {(c, s) for c, s in recorder.seen if c.startswith("Q") and c != "QShortcut" and s not in UNIVERSAL}
    assert ("QWidgetTextControl", "Select All") in seen and ("QFileDialog", "File &name:") in seen
    untranslated = sorted((c, s) for c, s in seen if QCoreApplication.translate(c, s) in ("", s))
    assert untranslated == []


@pytest.mark.parametrize("code, cancel, select_all, look_in", [
    ("ru", "Отмена", "Выделить всё", "&Папка:"),
    ("kk", "Бас тарту", "Барлығын таңдау", "Қайда қ&арау:"),
])
def test_known_qt_strings(window, qtbot, code, cancel, select_all, look_in):
    """Qt's Cancel, Select All and Look in read in the UI language, and in English again after switching back."""
    from oqu.ui.language import manager

    window.findChild(__import__("PySide6.QtGui", fromlist=["QAction"]).QAction, f"lang-{code}").trigger()
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == cancel
    menu: QMenu = window.paper_view.text.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions()]
    assert select_all in texts
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == look_in  # from our catalog
    box = QMessageBox(QMessageBox.Icon.Information, "t", "x", QMessageBox.StandardButton.Cancel, window)
    assert box.findChild(QPushButton).text().replace("&", "") == cancel
    manager().apply("en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
