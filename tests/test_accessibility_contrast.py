"""High contrast (View → High contrast, or the system's preference) and the system's text size."""
from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def text_contrast(widget) -> float:
    """Contrast, measured in the widget's pixels, between its background (the commonest colour)
    and its text (the pixel that differs most from it: a glyph's stem, not its anti-aliased edge)."""
    from oqu.ui.focus import contrast

    image = widget.grab().toImage()
    pixels = Counter(image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    background = QColor(pixels.most_common(1)[0][0])
    return max(contrast(background, QColor(p)) for p in pixels)


@pytest.fixture
def restore_theme():
    yield
    from oqu.ui.theme import apply_theme

    apply_theme("light")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_high_contrast_text_is_at_least_7_to_1_in_pixels(window, qtbot, theme, restore_theme):
    """Ctrl+Alt+H (View → High contrast) turns it on: the paper, the tabs, the references, the search
    field's hint, the status bar and the menu bar draw text at 7:1 or more, in both themes; every
    text colour of the palette is 7:1 on its background; Ctrl+Alt+H again turns it off."""
    from oqu.ui.focus import contrast

    window.set_theme(theme)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert window.high_contrast_action.isChecked()
    assert QApplication.instance().property("oqu-theme") == f"high-contrast-{theme}"
    palette = QApplication.palette()
    role = QPalette.ColorRole
    pairs = [(role.Text, role.Base), (role.WindowText, role.Window),
             (role.ButtonText, role.Button), (role.Link, role.Base),
             (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
             (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
             (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase)]
    for fg, bg in pairs:
        assert contrast(palette.color(fg), palette.color(bg)) >= 7, (fg, bg)
    window.show_tab("paper")
    qtbot.wait(50)
    for widget in (window.paper_view.text.viewport(), window.paper_view.toc, window.tabs.tabBar(),
                   window.citation_pane.list, window.search_panel.field, window.statusBar(), window.menuBar()):
        assert text_contrast(widget) >= 7, (theme, widget.objectName())
    background = window.paper_view.text.viewport().grab().toImage().pixelColor(5, 5)
    assert background.name() == ("#ffffff" if theme == "light" else "#000000")
    qtbot.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    assert not window.high_contrast_action.isChecked()
    assert QApplication.instance().property("oqu-theme") == theme


def test_high_contrast_follows_the_system_unless_the_reader_chose(qtbot, monkeypatch, restore_theme):
    """With no choice of the reader's, a system that prefers high contrast gets it (checked after the
    first paint); once the reader turns it off in the View menu, that is remembered over the system's."""
    from oqu.ui import main_window
    from oqu.ui.main_window import MainWindow

    monkeypatch.setattr(main_window, "system_wants_high_contrast", lambda: True)
    win = MainWindow()
    qtbot.addWidget(win)
    win._follow_system_contrast()
    assert win.high_contrast_action.isChecked()
    assert QApplication.instance().property("oqu-theme").startswith("high-contrast-")
    win.high_contrast_action.trigger()  # the reader turns it off
    assert QApplication.instance().property("oqu-theme") in ("light", "dark")
    win.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again._follow_system_contrast()
    assert not again.high_contrast_action.isChecked()


def test_the_window_follows_the_system_text_size(qtbot):
    """A larger system font (QApplication's font, which Qt takes from the desktop) enlarges the
    paper, the abstracts, the references and the search field; the zoom scales the texts from it."""
    from oqu.ui.main_window import MainWindow

    app = QApplication.instance()
    normal = app.font()
    big = app.font()
    big.setPointSizeF(normal.pointSizeF() * 1.5)
    app.setFont(big)
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        size = big.pointSizeF()
        assert win.paper_view.text.document().defaultFont().pointSizeF() == pytest.approx(size)
        assert win.abstract_view.browsers["kk"].document().defaultFont().pointSizeF() == pytest.approx(size)
        assert win.citation_pane.list.font().pointSizeF() == pytest.approx(size)
        assert win.search_panel.field.font().pointSizeF() == pytest.approx(size)
        win.set_zoom(150)
        assert win.paper_view.text.document().defaultFont().pointSizeF() == pytest.approx(size * 1.5)
    finally:
        app.setFont(normal)


def title_buttons(window):
    """The float and close buttons of the References and Search panes' title bars."""
    from PySide6.QtWidgets import QAbstractButton

    for pane in (window.citation_pane, window.search_panel):
        for name in ("qt_dockwidget_floatbutton", "qt_dockwidget_closebutton"):
            yield pane, pane.findChild(QAbstractButton, name)


@pytest.mark.parametrize("theme, high", [("light", False), ("dark", False), ("light", True), ("dark", True)])
def test_pane_title_buttons_stand_out_in_every_theme(window, qtbot, theme, high, restore_theme):
    """The panes' float and close icons, measured in the buttons' pixels against the title bar, stand
    out 3:1 or more (WCAG 1.4.11) in the light and dark themes and 7:1 with high contrast — also after
    the pane floats and docks again (Qt then puts its own grey icons back); each button has a name and
    a tooltip."""
    window.set_theme(theme)
    if high:
        window.high_contrast_action.trigger()
        assert QApplication.instance().property("oqu-theme") == f"high-contrast-{theme}"
    qtbot.wait(50)
    least = 7 if high else 3
    for pane, button in title_buttons(window):
        assert button.isVisible(), (pane.objectName(), button.objectName())
        assert text_contrast(button) >= least, (theme, high, pane.objectName(), button.objectName(),
                                                round(text_contrast(button), 2))
        assert button.accessibleName() and button.toolTip(), button.objectName()
    pane = window.search_panel
    pane.setFloating(True)
    pane.setFloating(False)
    qtbot.wait(50)
    for _pane, button in title_buttons(window):
        assert text_contrast(button) >= least, (button.objectName(), "after floating")


def test_pane_title_buttons_speak_the_interface_language(window, qtbot):
    """The buttons' names and tooltips come in the interface language (Qt's own say "Float" and "Close"
    in English only) and follow a live switch; the float button says what it will do, detach or attach."""
    from oqu.ui.language import manager

    names = {}
    for lang in ("en", "ru", "kk"):
        manager().apply(lang)
        qtbot.wait(10)
        names[lang] = [(b.accessibleName(), b.toolTip()) for _p, b in title_buttons(window)]
    assert names["en"][0][0] == "Detach the pane" and names["en"][1][0] == "Close the pane"
    assert len({str(v) for v in names.values()}) == 3  # three languages, three sets of words
    assert any(ch in str(names["kk"]) for ch in "әғқңөұүһі")
    pane = window.citation_pane
    pane.setFloating(True)
    try:
        float_button = next(b for p, b in title_buttons(window) if p is pane)
        assert float_button.accessibleName() == "Тақтаны терезеге қайтару"
    finally:
        pane.setFloating(False)
