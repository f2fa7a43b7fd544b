"""A keyboard-only walk through every feature: key events only, from a fresh window.

Open a citation and its reference, follow a "cited in" link back, search, read a chart's values,
export a table through the Export menu and the file dialog, and switch the language through the
Language menu. Each step checks where the focus is and what a screen reader would be told.
"""
from __future__ import annotations

import csv
import io

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMenu

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused() or QApplication.activeWindow(), key, modifier)


def tab_to(qtbot, widget, limit: int = 60) -> None:
    """Press Tab until ``widget`` has the focus (as a reader would, counting nothing)."""
    for _ in range(limit):
        if focused() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget.objectName()}; stuck at {focused().objectName()}")


def when_shown(find, then, qtbot, tries: int = 200) -> None:
    """Run ``then(widget)`` once ``find()`` returns a widget: menus and dialogs run their own event loop."""
    def attempt(left=tries):
        widget = find()
        if widget is not None and widget.isVisible():
            then(widget)
        elif left:
            QTimer.singleShot(20, lambda: attempt(left - 1))
    QTimer.singleShot(0, attempt)


def test_every_feature_by_keyboard_alone(window, qtbot, paper, tmp_path):
    """Citation → reference → back-link, search, a chart's values, a CSV export and a language switch,
    with key events only."""
    from oqu.core.tables import table_csv
    from oqu.ui.settings import open_settings

    open_settings().setValue("saving/folder", str(tmp_path))  # where the save dialog opens
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.tabs.tabBar().setFocus()

    # A citation: F8 selects the first marker in the paper, Enter opens its reference.
    press(qtbot, Qt.Key.Key_F8)
    text, pane = window.paper_view.text, window.citation_pane
    assert focused() is text and text.textCursor().selectedText() == "[1]"
    press(qtbot, Qt.Key.Key_F8, times=3)
    assert text.textCursor().selectedText() == "[4]"
    press(qtbot, Qt.Key.Key_Return)
    assert pane.current_reference() == 4 and focused() is pane.details
    assert "Cited 1 time" in pane.details.toPlainText()

    # Its "cited in" link leads back to the marker.
    press(qtbot, Qt.Key.Key_Tab)
    back = pane.details.textCursor().charFormat().anchorHref()
    assert back == f"marker:{paper.markers_for(4)[0].index}"
    press(qtbot, Qt.Key.Key_Return)
    assert focused() is text and text.textCursor().selectedText() == "[4]"

    # Search: Ctrl+F, a word, Enter goes to the first hit.
    press(qtbot, Qt.Key.Key_F, CTRL)
    search = window.search_panel
    assert focused() is search.field
    qtbot.keyClicks(search.field, "Tokayev")
    press(qtbot, Qt.Key.Key_Return)
    assert search.total >= 1 and search.results.currentRow() == 0
    assert "Tokayev" in search.results.item(0).data(Qt.ItemDataRole.AccessibleTextRole)

    # A chart's values: Alt+3 opens the tables, Tab reaches the chart, the arrows read it.
    press(qtbot, Qt.Key.Key_3, ALT)
    assert window.current_tab() == "tables"
    page = window.tables_view.page(1)
    qtbot.waitUntil(page.chart.isVisible)
    window.tabs.tabBar().setFocus()  # the reader starts again at the tabs (Shift+Tab would go there too)
    tab_to(qtbot, page.chart)
    first = page.chart.accessibleName()
    press(qtbot, Qt.Key.Key_Right)
    second = page.chart.accessibleName()
    assert first.startswith("United States, IMD rank 2020: 1 ") and second.startswith("Singapore, IMD rank 2020: 2 ")

    # Export: Shift+Tab back to Export, Space opens its menu, Enter takes "Table as CSV…", the dialog
    # gets a file name typed and Enter.
    for _ in range(10):
        if focused() is page.export_button:
            break
        press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is page.export_button

    def in_dialog(dialog):
        name = dialog.findChild(QLineEdit, "fileNameEdit")  # where the dialog puts the focus
        name.selectAll()
        qtbot.keyClicks(name, "walk-table-1.csv")
        qtbot.keyClick(name, Qt.Key.Key_Return)

    def in_menu(menu):
        qtbot.keyClick(menu, Qt.Key.Key_Down)
        while menu.activeAction() is not page.export_csv:
            qtbot.keyClick(menu, Qt.Key.Key_Down)
        when_shown(lambda: QApplication.activeModalWidget() if isinstance(QApplication.activeModalWidget(),
                                                                           QFileDialog) else None, in_dialog, qtbot)
        qtbot.keyClick(menu, Qt.Key.Key_Return)

    when_shown(lambda: QApplication.activePopupWidget() if isinstance(QApplication.activePopupWidget(), QMenu)
               else None, in_menu, qtbot)
    press(qtbot, Qt.Key.Key_Space)
    exported = tmp_path / "walk-table-1.csv"
    qtbot.waitUntil(exported.exists)
    assert list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8")))) == \
        list(csv.reader(io.StringIO(table_csv(paper.table(1)))))

    window.activateWindow()  # back from the dialog: a window manager's job, and offscreen Qt has none
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # Language: Alt+L opens the Language menu, the arrows reach Қазақша, Enter switches.
    press(qtbot, Qt.Key.Key_L, ALT)
    qtbot.waitUntil(lambda: window.language_menu.isVisible())
    for _ in range(5):
        if window.language_menu.activeAction() is window.language_actions["kk"]:
            break
        qtbot.keyClick(window.language_menu, Qt.Key.Key_Down)
    qtbot.keyClick(window.language_menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Аңдатпа")  # Qt posts the LanguageChange
    assert page.chart.accessibleName() == "1-кестенің диаграммасы"
    assert page.export_button.accessibleName() == "1-кестені немесе оның диаграммасын экспорттау"
    window.activateWindow()  # offscreen Qt leaves no window active when a popup menu closes
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_2, ALT)  # a page hidden during the switch is named anew when shown
    assert window.paper_view.text.accessibleName() == "Мақала мәтіні"
