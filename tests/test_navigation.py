"""Back / Forward over every jump, driven as a reader: keys, mouse buttons, toolbar arrows."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QToolButton


def _alt(qtbot, window, key):
    window.activateWindow()
    qtbot.keyClick(window.paper_view.text, key, Qt.KeyboardModifier.AltModifier)


def _back(qtbot, window):
    _alt(qtbot, window, Qt.Key.Key_Left)


def _forward(qtbot, window):
    _alt(qtbot, window, Qt.Key.Key_Right)


def _reading_in_the_middle(window, qtbot):
    """The reader is on the paper tab, halfway down; returns the position at the top."""
    window.show_tab("paper")
    view = window.paper_view
    bar = view.text.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    return view.top_position()


def test_actions_have_their_names_and_standard_keys(window):
    """navBack / navForward exist, carry Alt+Left / Alt+Right and the platform's Back / Forward keys."""
    back = window.findChild(type(window.back_action), "navBack")
    forward = window.findChild(type(window.forward_action), "navForward")
    assert back is window.back_action and forward is window.forward_action
    texts = {k.toString() for k in back.shortcuts()}
    assert "Alt+Left" in texts
    assert {k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Back)} <= texts
    assert "Alt+Right" in {k.toString() for k in forward.shortcuts()}
    assert {k.toString() for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Forward)} <= {
        k.toString() for k in forward.shortcuts()}
    assert back in window.toolbar.actions() and forward in window.toolbar.actions()
    assert not back.isEnabled() and not forward.isEnabled()  # nothing to go back to yet


def test_back_link_then_alt_left_returns_to_the_passage(window, qtbot, paper):
    """A "cited in" back-link scrolls the text; Alt+Left brings back the passage read; Alt+Right the marker."""
    before = _reading_in_the_middle(window, qtbot)
    marker = paper.markers[-1]
    window.citation_pane.select_reference(marker.ref)
    window.citation_pane.details.anchorClicked.emit(QUrl(f"marker:{marker.index}"))
    view = window.paper_view
    at_marker = view.top_position()
    assert at_marker != before
    assert window.back_action.isEnabled()
    _back(qtbot, window)
    assert view.top_position() == before
    assert window.forward_action.isEnabled()
    _forward(qtbot, window)
    assert view.top_position() == at_marker


def test_a_change_of_tab_is_a_step(window, qtbot):
    """Clicking the Tables tab, then Back, returns to the passage being read in the paper."""
    before = _reading_in_the_middle(window, qtbot)
    bar = window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
    assert window.current_tab() == "tables"
    window.back_action.trigger()
    assert window.current_tab() == "paper"
    assert window.paper_view.top_position() == before
    window.forward_action.trigger()
    assert window.current_tab() == "tables"


def test_a_citation_marker_click_is_a_step(window, qtbot, paper):
    """A marker selects its reference; Back selects the reference that was selected before."""
    window.show_tab("paper")
    window.citation_pane.select_reference(3)
    window.paper_view.text.anchorClicked.emit(QUrl("cite:8:7"))
    assert window.citation_pane.current_reference() == 8
    _back(qtbot, window)
    assert window.citation_pane.current_reference() == 3
    _forward(qtbot, window)
    assert window.citation_pane.current_reference() == 8


def test_a_search_result_is_a_step(window, qtbot):
    """Choosing a search hit in the Kazakh abstract, then Back, returns to the passage in the paper."""
    start = _reading_in_the_middle(window, qtbot)
    panel = window.search_panel
    panel.field.insert("Қазақстандағы")
    panel.run()
    assert panel.hits
    panel.results.setCurrentRow(0)
    assert window.current_tab() == "abstract" and window.abstract_view.current_language() == "kk"
    _back(qtbot, window)
    assert window.current_tab() == "paper" and window.paper_view.top_position() == start
    _forward(qtbot, window)
    assert window.current_tab() == "abstract" and window.abstract_view.current_language() == "kk"


def test_the_contents_list_is_a_step(window, qtbot):
    """A click on "Introduction" in the contents, then Back, returns to where the reader was."""
    start = _reading_in_the_middle(window, qtbot)
    view = window.paper_view
    item = view.toc.item(0)
    qtbot.mouseClick(view.toc.viewport(), Qt.MouseButton.LeftButton, pos=view.toc.visualItemRect(item).center())
    at_intro = view.top_position()
    assert at_intro < start and at_intro == view.anchors["section-introduction"]
    window.back_action.trigger()
    assert view.top_position() == start
    window.forward_action.trigger()
    assert view.top_position() == at_intro


def test_show_the_chart_is_a_step(window, qtbot):
    """"Show the chart" opens Table 3; Back returns to the text where the link was."""
    start = _reading_in_the_middle(window, qtbot)
    window.paper_view.text.anchorClicked.emit(QUrl("chart:3"))
    assert window.current_tab() == "tables" and window.tables_view.current_table() == 3
    window.back_action.trigger()
    assert window.current_tab() == "paper" and window.paper_view.top_position() == start
    assert window.forward_action.isEnabled()


def test_mouse_back_and_forward_buttons(window, qtbot, paper):
    """The mouse's back / forward buttons over the text go Back and Forward."""
    before = _reading_in_the_middle(window, qtbot)
    window.show_marker(paper.markers[0].index)
    after = window.paper_view.top_position()
    viewport = window.paper_view.text.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.BackButton, pos=QPoint(50, 50))
    assert window.paper_view.top_position() == before
    qtbot.mousePress(viewport, Qt.MouseButton.ForwardButton, pos=QPoint(50, 50))
    assert window.paper_view.top_position() == after


def test_toolbar_arrow_goes_back(window, qtbot):
    """The toolbar's back arrow is a button a reader can click."""
    before = _reading_in_the_middle(window, qtbot)
    window.show_table(2)
    button = window.toolbar.widgetForAction(window.back_action)
    assert isinstance(button, QToolButton) and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current_tab() == "paper" and window.paper_view.top_position() == before


def test_backspace_still_edits_the_search_field(window, qtbot):
    """Where the platform's Back key is Backspace too, typing in the search field is not a Back step."""
    window.show_table(1)  # something to go back from
    window.activateWindow()
    field = window.search_panel.field
    field.setFocus()
    field.insert("abc")
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert field.text() == "ab" and window.current_tab() == "tables"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_toolbar_arrows_stand_out_in_each_theme(window, theme):
    """The arrows are drawn in the theme's text colour: clearly apart from the toolbar's background,
    the disabled one fainter than the enabled one."""
    from PySide6.QtGui import QGuiApplication, QIcon, QPalette

    window.set_theme(theme)
    window.show_table(1)  # Back enabled, Forward not
    ground = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness()
    on = window.back_action.icon().pixmap(24, 24).toImage().pixelColor(16, 12).lightness()
    off = window.forward_action.icon().pixmap(24, 24, QIcon.Mode.Disabled).toImage().pixelColor(8, 12).lightness()
    assert abs(on - ground) > 120
    assert abs(on - ground) > abs(off - ground) > 20


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_back_after_a_language_switch_returns_to_the_same_words(window, qtbot, lang):
    """The tables' links and notes in the text change length with the UI language: a Back step
    recorded before the switch still lands on the very words the reader left, not a few letters off."""
    from oqu.ui.language import manager

    view = window.paper_view
    window.show_tab("paper")
    document = view.text.document()
    start = max(p for name, p in view.anchors.items() if name.startswith("section-"))  # below the tables
    view.show_position(start + 100)
    start = view.top_position()
    words = document.toPlainText()[start:start + 40]
    view.toc.setCurrentRow(0)
    view.toc.itemActivated.emit(view.toc.item(0))  # to the introduction: a step
    assert view.top_position() < start
    manager().apply(lang)
    qtbot.waitUntil(lambda: document.toPlainText()[start:start + 40] != words)  # the text moved under it
    window.back_action.trigger()
    top = view.top_position()
    assert document.toPlainText()[top:top + 40] == words


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_first_paint_arrows_look_like_the_themes(window, theme):
    """The arrows shown until the first paint (drawn from the palette's brush, without QStyle) look
    as the theme's arrows drawn after it: the same shape and, on the window's ground, the same colours
    enabled and disabled."""
    from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap

    from oqu.ui.navigation import arrow_icon, palette_arrow_icon

    window.set_theme(theme)
    palette = QGuiApplication.palette()
    text, ground = palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
    faint = QColor(*(round(g + (c - g) * 0.35) for c, g in zip(text.getRgb()[:3], ground.getRgb()[:3])))

    def on_ground(icon, mode):
        pixmap = QPixmap(24, 24)
        pixmap.fill(ground)
        painter = QPainter(pixmap)
        painter.drawPixmap(0, 0, icon.pixmap(24, 24, mode))
        painter.end()
        image = pixmap.toImage()
        return [image.pixelColor(x, y).getRgb() for y in range(24) for x in range(24)]

    for left in (True, False):
        theirs, first = arrow_icon(text, faint, left=left), palette_arrow_icon(palette, left=left)
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
            expected, seen = on_ground(theirs, mode), on_ground(first, mode)
            assert len(set(expected)) > 2  # an arrow, not an empty square
            assert max(abs(a - b) for e, s in zip(expected, seen) for a, b in zip(e, s)) <= 2
