"""The main window opens offscreen with real bundle content in each tab."""
from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QTabWidget


def test_window_tabs_and_pane_show_bundle_text(window, paper):
    """The window shows its three tabs and the bundle's text: 26 references, the abstracts, the body."""
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Abstract", "Paper", "Tables && charts"]
    pane = window.findChild(QDockWidget, "citationPane")
    refs = pane.findChild(QListWidget, "referenceList")
    assert refs.count() == 26 and "Konkov" in refs.item(0).text()
    abstract = window.abstract_view.browsers["kk"].toPlainText()
    assert "мәдениетінің" in abstract
    assert "Однако нет четкого и однозначного выбора" in window.abstract_view.browsers["ru"].toPlainText()
    assert "Digital Kyrgyzstan" in window.paper_view.text.toPlainText()


def test_a_complete_window_shows_no_loading_placeholder(window):
    """A window built in one go shows no loading placeholder, and the paper view sits at the top of its tab."""
    from PySide6.QtWidgets import QLabel

    # no event processed since construction: the placeholders must be gone already
    assert not [label for label in window.findChildren(QLabel, "loadingLabel") if label.isVisible()]
    window.show_tab("paper")
    assert window.paper_view.isVisible() and window.paper_view.geometry().top() <= 5


def test_main_window_importable_and_defaults_to_english(qtbot):
    """A main window imported from ``oqu.ui`` starts in English."""
    from oqu import i18n
    from oqu.ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert i18n.current_language() == "en"
    assert win.tabs.tabText(0) == "Abstract"


def test_marker_click_selects_reference(window, qtbot):
    """Following a marker link selects its reference in the pane."""
    from PySide6.QtCore import QUrl

    window.paper_view.text.anchorClicked.emit(QUrl("cite:15:20"))
    assert window.citation_pane.current_reference() == 15


def test_a_progressive_window_paints_the_abstract_first_and_completes_right_after(qtbot, tmp_path):
    """A progressive window shows the abstract in the reader's language first, then builds the rest with the saved tab
    and zoom."""
    from oqu.ui.language import manager
    from oqu.ui.main_window import MainWindow
    from oqu.ui.settings import open_settings

    settings = open_settings()
    settings.setValue("window/tab", "paper")
    settings.setValue("window/zoom", 125)
    settings.sync()
    manager().apply("ru")
    try:
        win = MainWindow(progressive=True)
        qtbot.addWidget(win)
        # Before the first paint: the abstract in the reader's language, the frame, no panes yet.
        assert not win.built and win.findChild(QDockWidget, "citationPane") is None
        assert "ЦИФРОВИЗАЦИИ" in win.abstract_view.browsers["ru"].toPlainText().upper()
        assert win.abstract_view.browsers["kk"].toPlainText() == ""  # laid out later
        assert win.current_tab() == "paper" and win.tabs.tabText(1) == "Статья"
        assert "Загрузка…" in win.tabs.widget(1).findChild(QLabel, "loadingLabel").text()
        win.show()
        qtbot.waitUntil(lambda: win.built, timeout=5000)
        pane = win.findChild(QDockWidget, "citationPane")
        qtbot.waitUntil(pane.isVisible)
        assert pane.findChild(QListWidget, "referenceList").count() == 26
        assert "мәдениетінің" in win.abstract_view.browsers["kk"].toPlainText()
        qtbot.waitUntil(lambda: win.findChild(QLabel, "loadingLabel") is None)
        assert win.paper_view.isVisible() and win.paper_view.zoom == 125  # restored onto the late view
        assert [a.text() for a in win.view_menu.actions()][-2:] == ["Панель &литературы", "Панель &поиска"]
    finally:
        manager().apply("en")


def test_reaching_a_view_before_the_first_paint_builds_it_at_once(qtbot):
    """Ctrl+F before a progressive window has completed builds it at once and shows the search panel."""
    from oqu.ui.main_window import MainWindow

    win = MainWindow(progressive=True)
    qtbot.addWidget(win)
    assert not win.built
    win.find_action.trigger()  # Ctrl+F pressed before the window completed itself
    assert win.built and win.search_panel.isVisibleTo(win)
