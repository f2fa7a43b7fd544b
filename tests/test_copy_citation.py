"""Copy with citation: a selected passage and the paper's own reference, read from the clipboard."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication

from oqu.core.quoting import paper_reference, sentence_case
from oqu.ui.textdoc import cursor_for

PASSAGE = "Digitalization of the work of public service"


def _select(view, needle: str):
    found = view.text.document().find(needle)
    assert not found.isNull()
    view.text.setTextCursor(found)
    view.text.setFocus()
    return found


def test_the_papers_reference_comes_from_paper_json(paper):
    """Authors as printed ("Family Given"), the title in sentence case keeping "Kazakhstan"."""
    ref = paper_reference(paper)
    assert [a["family"] for a in ref.csl["author"]] == ["Ishmukhamedov", "Kassenov"]
    assert ref.csl["title"] == "Features of digitalization of political processes in Kazakhstan"
    assert sentence_case("A B C", {"C"}) == "A b C"


def test_shortcut_copies_the_passage_with_a_gost_reference(window, qtbot):
    """Ctrl+Shift+C on a selection in the paper: the passage, a blank line, the GOST reference."""
    window.show_tab("paper")
    view = window.paper_view
    _select(view, PASSAGE)
    window.activateWindow()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(view.text, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    text = QGuiApplication.clipboard().text()
    passage, reference = text.split("\n\n")
    assert passage == PASSAGE
    assert reference.startswith("Ishmukhamedov S., Kassenov F. Features of digitalization of political processes "
                                "in Kazakhstan")
    html = QGuiApplication.clipboard().mimeData().html()
    assert "<blockquote>" in html and PASSAGE in html


def test_the_pane_style_is_used_and_the_menu_offers_each_style(window, qtbot):
    """With APA chosen in the References pane the copy is in APA; the context menu's submenu gives
    Chicago; without a selection the action is disabled and copies nothing."""
    window.citation_pane.set_style("apa", remember=True)
    window.show_tab("paper")
    view = window.paper_view
    helper = view.copy_with_citation
    view.text.setTextCursor(cursor_for(view.text.document(), 0, 0))
    assert not helper.action.isEnabled() and not helper.copy()
    found = _select(view, PASSAGE)
    assert helper.action.isEnabled()
    rect = view.text.cursorRect(found)
    menu = helper.context_menu(QPoint(rect.left() + 5, rect.center().y()))
    names = [a.objectName() for a in menu.actions()]
    assert "copyWithCitation" in names
    [styles] = [a.menu() for a in menu.actions() if a.menu() and a.menu().objectName() == "copyWithCitationStyles"]
    assert [a.objectName() for a in styles.actions()] == ["copyWithCitation-gost", "copyWithCitation-apa",
                                                           "copyWithCitation-chicago"]
    helper.action.trigger()
    assert QGuiApplication.clipboard().text().endswith(
        "Ishmukhamedov, S., & Kassenov, F. (n.d.). Features of digitalization of political processes in Kazakhstan.")
    styles.actions()[2].trigger()
    assert "Features of Digitalization of Political Processes in Kazakhstan" in QGuiApplication.clipboard().text()
    menu.deleteLater()
    # a right click opens that menu
    from PySide6.QtWidgets import QApplication

    view.text.customContextMenuRequested.emit(QPoint(rect.left() + 5, rect.center().y()))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    popup = QApplication.activePopupWidget()
    assert helper.action in popup.actions()
    popup.close()


def test_copy_with_citation_in_the_kazakh_abstract(window, qtbot, paper):
    """The abstract tabs offer it too: a Kazakh passage keeps its letters."""
    window.show_tab("abstract")
    view = window.abstract_view
    view.show_language("kk")
    browser = view.browsers["kk"]
    sentence = paper.alignment["abstract"][2]["kk"]
    found = browser.document().find(sentence)
    browser.setTextCursor(found)
    assert view.copy_helpers["kk"].copy()
    assert QGuiApplication.clipboard().text().startswith(sentence + "\n\nIshmukhamedov")
