"""The main window opens offscreen with real bundle content in each tab."""
from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QListWidget, QTabWidget


def test_window_tabs_and_pane_show_bundle_text(window, paper):
    tabs = window.findChild(QTabWidget, "mainTabs")
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Abstract", "Paper", "Tables && charts"]
    pane = window.findChild(QDockWidget, "citationPane")
    refs = pane.findChild(QListWidget, "referenceList")
    assert refs.count() == 26 and "Konkov" in refs.item(0).text()
    abstract = window.abstract_view.browsers["kk"].toPlainText()
    assert "мәдениетінің" in abstract
    assert "Однако нет четкого и однозначного выбора" in window.abstract_view.browsers["ru"].toPlainText()
    assert "Digital Kyrgyzstan" in window.paper_view.text.toPlainText()


def test_main_window_importable_and_defaults_to_english(qtbot):
    from oqu import i18n
    from oqu.ui import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    assert i18n.current_language() == "en"
    assert win.tabs.tabText(0) == "Abstract"


def test_marker_click_selects_reference(window, qtbot):
    from PySide6.QtCore import QUrl

    window.paper_view.text.anchorClicked.emit(QUrl("cite:15:20"))
    assert window.citation_pane.current_reference() == 15
