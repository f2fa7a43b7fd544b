"""Reading the paper: markers linked both ways, tooltips, tables' chart links, zoom, state, PDF."""
from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QToolTip

from oqu.ui.textdoc import cursor_for, text_at


def _marker_point(view, index):
    """Scroll marker ``index`` into view and return a point inside its link, in viewport coordinates."""
    start, end = view.marker_span(index)
    view.text.setTextCursor(cursor_for(view.text.document(), start, start))
    view.text.ensureCursorVisible()
    rect = view.text.cursorRect(cursor_for(view.text.document(), start + 1, start + 1))
    return QPoint(rect.left(), rect.center().y())


def test_real_click_on_a_marker_selects_its_reference(window, qtbot, paper):
    """A real mouse click on a marker in the paper selects its reference in the References pane."""
    window.show_tab("paper")
    view = window.paper_view
    marker = paper.markers[20]
    assert text_at(view.text.document(), *view.marker_span(marker.index)) == f"[{marker.ref}]"
    point = _marker_point(view, marker.index)
    with qtbot.waitSignal(view.citationActivated, timeout=2000) as signal:
        qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert signal.args == [marker.ref]
    assert window.citation_pane.current_reference() == marker.ref


def test_emitted_marker_link_selects_reference_and_highlights_all_its_markers(window, paper):
    """Following a marker selects its reference and highlights every marker of that reference in the text."""
    view = window.paper_view
    view.text.anchorClicked.emit(QUrl("cite:8:7"))
    assert window.citation_pane.current_reference() == 8
    spans = view.highlighted_markers()
    assert len(spans) == len([m for m in paper.markers if m.ref == 8]) == len(re.findall(
        r"\[8\]", " ".join([p.text for s in paper.sections for p in s.paragraphs]
                           + [t.source_note for t in paper.tables])))
    assert all(text_at(view.text.document(), a, b) == "[8]" for a, b in spans)


def test_hovering_a_marker_shows_the_printed_reference(window, qtbot, paper):
    """Hovering a marker shows its reference as printed in a tooltip; leaving the link hides it."""
    window.show_tab("paper")
    view = window.paper_view
    view.text.highlighted.emit(QUrl("cite:13:14"))
    ref = paper.reference(13)
    assert QToolTip.isVisible() and QToolTip.text() == f"[13] {ref.printed}"
    view.text.highlighted.emit(QUrl())  # what QTextBrowser sends when the pointer leaves the link
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=2000)


def test_back_link_scrolls_to_the_marker_and_highlights_its_sentence(window, qtbot, paper):
    """A back link from the pane opens the paper scrolled to the marker and highlights the sentence that cites it."""
    window.show_tab("abstract")
    view = window.paper_view
    bar = view.text.verticalScrollBar()
    bar.setValue(0)
    marker = paper.markers[-1]  # [26], near the end of the text
    window.citation_pane.markerRequested.emit(marker.index)
    assert window.current_tab() == "paper"
    qtbot.waitUntil(lambda: bar.value() > 0)
    start, end = view.marker_span(marker.index)
    rect = view.text.cursorRect(cursor_for(view.text.document(), start, start))
    assert view.text.viewport().rect().contains(rect.center())
    [(s, e)] = view.highlighter.spans("sentence")
    sentence = text_at(view.text.document(), s, e)
    assert s <= start < end <= e and sentence.endswith("[26].") and sentence[0].isupper()
    assert "Top management represented by President Tokayev" in sentence


def test_table_in_the_text_links_to_its_chart(window, qtbot):
    """A "Show the chart" link in the text opens the tables tab on that table's page."""
    window.show_tab("paper")
    assert "Show the chart" in window.paper_view.text.toHtml()
    window.paper_view.text.anchorClicked.emit(QUrl("chart:2"))
    assert window.current_tab() == "tables"
    tables = window.tables_view
    assert tables.tabs.currentIndex() == 1
    qtbot.waitUntil(tables.page(2).isVisible)
    window.paper_view.text.anchorClicked.emit(QUrl("chart:3"))
    assert tables.tabs.currentIndex() == 2
    qtbot.waitUntil(tables.page(3).isVisible)


def test_side_by_side_abstract_lines_up_paragraph_by_paragraph(window, paper):
    """Side by side, the title, first paragraph and key words of the three languages start on the same line."""
    window.show_tab("abstract")
    view = window.abstract_view
    view.show_language("all")
    browser = view.browsers["all"]
    for key in ("title", "p-0", "keywords"):
        tops = {browser.cursorRect(cursor_for(browser.document(), view.anchors("all")[f"abstract-{lang}-{key}"],
                                              view.anchors("all")[f"abstract-{lang}-{key}"])).top()
                for lang in ("en", "ru", "kk")}
        assert len(tops) == 1, key
    assert paper.abstract["kk"][0][:40] in browser.toPlainText()


def test_zoom_and_place_survive_a_restart(window, qtbot, paper):
    """The zoom, the tab, the section read and the window size are restored in a new window; Ctrl+0's action resets the
    zoom."""
    from oqu.ui.main_window import MainWindow

    window.show_tab("paper")
    window.activateWindow()
    size = window.paper_view.text.document().defaultFont().pointSizeF()
    window.zoom_in_action.trigger()
    window.zoom_in_action.trigger()
    assert window.zoom == 125
    assert window.paper_view.text.document().defaultFont().pointSizeF() > size
    window.paper_view.show_section("discussion")
    qtbot.waitUntil(lambda: window.paper_view.current_section() == "discussion")
    screen = QApplication.primaryScreen().availableGeometry()  # restoreGeometry keeps a window on screen
    size_before = (min(1100, screen.width() - 60), min(700, screen.height() - 60))
    window.resize(*size_before)
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert again.zoom == 125 and again.current_tab() == "paper"
    assert abs(again.paper_view.text.document().defaultFont().pointSizeF() - size * 1.25) < 0.01
    assert again.abstract_view.browsers["kk"].document().defaultFont().pointSizeF() > size
    assert (again.width(), again.height()) == size_before
    again.paper_view._release_anchor()  # what is at the top of the view, not what was asked for
    qtbot.waitUntil(lambda: again.paper_view.current_section() == "discussion")
    assert again.paper_view.text.verticalScrollBar().value() > 0
    again.zoom_reset_action.trigger()
    assert again.zoom == 100


def test_zoom_keys(window, qtbot):
    """Ctrl++, Ctrl+- and Ctrl+0 zoom in, out and back to 100% in 10% steps."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window.paper_view.text, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 110
    qtbot.keyClick(window.paper_view.text, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.paper_view.text, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 90
    qtbot.keyClick(window.paper_view.text, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.zoom == 100


def test_dark_theme_is_remembered(window, qtbot):
    """The dark theme darkens the palette and a new window starts in it; switching back to light lightens it."""
    from PySide6.QtGui import QPalette

    from oqu.ui.main_window import MainWindow

    window.theme_actions["dark"].trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() < 80
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.theme == "dark" and again.theme_actions["dark"].isChecked()
    again.set_theme("light")
    assert QApplication.palette().color(QPalette.ColorRole.Base).lightness() > 200


def test_pdf_has_the_title_on_page_one_and_the_references_at_the_end(window, tmp_path, paper):
    """The exported PDF has the title on its first page and the references, ending with the last one, at the end."""
    from pypdf import PdfReader

    out = window.export_pdf(str(tmp_path / "paper.pdf"))
    reader = PdfReader(out)
    squash = lambda s: re.sub(r"\s+", " ", s)  # noqa: E731
    first = squash(reader.pages[0].extract_text())
    assert squash(paper.title["en"]) in first
    assert len(reader.pages) > 3
    tail = squash(" ".join(p.extract_text() for p in reader.pages[-3:]))
    assert "References" in " ".join(squash(p.extract_text()) for p in reader.pages[1:])
    assert squash(paper.references[-1].transliterated)[:40] in tail



def test_following_the_system_after_the_dark_theme_reads_the_system_colours_not_ours(window, monkeypatch):
    """Switching from dark to "follow the system" reads the system's (light) colours, not our dark palette."""
    from PySide6.QtWidgets import QApplication

    from oqu.ui import theme

    monkeypatch.setattr(theme, "_system_dark", None)  # as in a new run that starts in the dark theme
    window.set_theme("dark")
    assert QApplication.instance().property("oqu-theme") == "dark"
    window.set_theme("system")  # the offscreen platform's own colours are light
    assert QApplication.instance().property("oqu-theme") == "light"
