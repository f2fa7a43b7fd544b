"""Switching the language through the menu re-translates the whole running window."""
from __future__ import annotations

import dataclasses
import html
import re
import subprocess
import sys

import pytest
from helpers import PROPER_NAMES
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QComboBox, QDockWidget, QGraphicsTextItem, QGraphicsView,
                               QGroupBox, QLabel,
                               QLineEdit, QMenu, QTabBar, QTableView, QTreeView, QWidget)

# Latin words a Russian or Kazakh interface may show: proper names, formats, keys.



def _bundle_strings(obj, out: set[str]) -> set[str]:
    """Every text of the paper bundle: shown as it is, never translated."""
    if isinstance(obj, str):
        if len(obj.strip()) >= 2:
            out.add(obj.strip())
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if not f.name.startswith("_"):
                _bundle_strings(getattr(obj, f.name), out)
    elif isinstance(obj, dict):
        for key, value in obj.items():
            _bundle_strings(key, out)
            _bundle_strings(value, out)
    elif isinstance(obj, (list, tuple, set)):
        for value in obj:
            _bundle_strings(value, out)
    return out


def _add(texts: dict[str, str], key: str, text) -> None:
    if isinstance(text, str) and text.strip():
        texts[key] = text


def ui_texts(window) -> dict[str, str]:
    """The interface's own texts (not the paper's), keyed by where they stand."""
    texts: dict[str, str] = {}
    _add(texts, "window title", window.windowTitle())
    _add(texts, "status bar", window.summary.text())

    def menu(m: QMenu, path: str) -> None:
        _add(texts, f"{path} title", m.title())
        for i, action in enumerate(m.actions()):
            if action.menu():
                menu(action.menu(), f"{path}/{i}")
            elif not action.isSeparator():
                _add(texts, f"{path}/{i} {action.objectName()}", action.text())
                if action.toolTip() != action.text().replace("&", ""):
                    _add(texts, f"{path}/{i} {action.objectName()} tooltip", action.toolTip())

    for i, action in enumerate(window.menuBar().actions()):
        menu(action.menu(), f"menu {i}")
    for action in window.findChildren(QAction):
        if action.objectName() and not action.objectName().startswith("lang-"):
            _add(texts, f"action {action.objectName()}", action.text())
    for w in window.findChildren(QWidget):
        name = w.objectName() or type(w).__name__
        key = f"{name}#{id(w)}"
        _add(texts, f"{key} tooltip", w.toolTip())
        if isinstance(w, QDockWidget):
            _add(texts, f"{key} title", w.windowTitle())
        if isinstance(w, QTabBar):
            for i in range(w.count()):
                _add(texts, f"{key} tab {i}", w.tabText(i))
                _add(texts, f"{key} tab {i} tooltip", w.tabToolTip(i))
        if isinstance(w, QLabel) and not w.textFormat() == Qt.TextFormat.RichText:
            _add(texts, f"{key} text", w.text())
        if isinstance(w, QAbstractButton):
            _add(texts, f"{key} text", w.text())
        if isinstance(w, QLineEdit):
            _add(texts, f"{key} placeholder", w.placeholderText())
        if isinstance(w, QGroupBox):
            _add(texts, f"{key} title", w.title())
        if isinstance(w, QComboBox) and w.objectName() != "languageSelector":
            for i in range(w.count()):
                _add(texts, f"{key} item {i}", w.itemText(i))
        header = w.horizontalHeader() if isinstance(w, QTableView) else w.header() if isinstance(w, QTreeView) \
            else None
        if header is not None and w.model() is not None and not header.isHidden():
            for c in range(header.count()):
                _add(texts, f"{key} header {c}", w.model().headerData(c, Qt.Orientation.Horizontal))
    for view in window.findChildren(QGraphicsView):  # charts: titles, axis labels, legends, tags
        if view.scene() is None:
            continue
        for i, item in enumerate(view.scene().items()):
            if isinstance(item, QGraphicsTextItem):
                _add(texts, f"{view.objectName() or type(view).__name__}#{id(view)} text {i}", item.toPlainText())
    return texts


def english_words(text: str, bundle: set[str]) -> set[str]:
    """Latin words of ``text`` that are neither the paper's own text nor proper names."""
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text))  # rich-text tooltips: compare their plain text
    for piece in sorted(bundle, key=len, reverse=True):
        if len(piece) >= 3 and piece in text:
            text = text.replace(piece, " ")
    text = re.sub(r"\*\.\w+|\S*_\S*|https?://\S+", " ", text.replace("&", ""))
    return {w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in bundle} - PROPER_NAMES


def switch(qtbot, window, code: str) -> None:
    """Choose a language from the Language menu, as a user would."""
    action = window.findChild(QAction, f"lang-{code}")
    assert action in window.language_menu.actions()
    action.trigger()
    qtbot.waitUntil(lambda: window.citation_pane.windowTitle() != "" and
                    window.tabs.tabText(0) == {"en": "Abstract", "ru": "Аннотация", "kk": "Аңдатпа"}[code])


@pytest.fixture
def bundle(paper) -> set[str]:
    return _bundle_strings(paper, set())


def visit_every_tab(window, qtbot) -> None:
    """Show each tab and each table once, so lazily built views and charts exist."""
    for key in ("abstract", "paper", "tables"):
        window.show_tab(key)
        qtbot.wait(10)
    tabs = window.tables_view.tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        qtbot.wait(10)


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_menu_switch_translates_every_text(window, qtbot, bundle, code):
    """Switching language from the menu leaves no English text anywhere in the window, hidden tabs included."""
    visit_every_tab(window, qtbot)
    english = ui_texts(window)
    assert any("Hover over the chart" in t for t in english.values())
    assert any(t == "Change 2014 → 2016" for t in english.values())  # a chart title
    assert english["window title"].startswith("Oqu")
    assert len(english) > 15
    switch(qtbot, window, code)
    visit_every_tab(window, qtbot)  # hidden tabs retranslate when shown
    translated = ui_texts(window)
    unchanged = {k: v for k, v in translated.items() if english.get(k) == v and english_words(v, bundle)}
    assert unchanged == {}, "texts still in English after the switch"
    leftovers = {k: v for k, v in translated.items() if english_words(v, bundle)}
    assert leftovers == {}, "English words in the translated interface"
    assert window.findChild(QAction, f"lang-{code}").isChecked()
    assert window.language_box.currentData() == code


def test_main_widgets_in_russian_and_kazakh(window, qtbot, paper):
    """Menus, tabs, the pane's title, the window title and the summary read in Russian, in Kazakh, then in
    English again."""
    switch(qtbot, window, "ru")
    menus = [a.menu().title() for a in window.menuBar().actions()]
    assert {"&Файл", "&Вид", "&Язык", "&Справка"} <= set(menus)
    assert [window.tabs.tabText(i) for i in range(3)] == ["Аннотация", "Статья", "Таблицы и графики"]
    assert window.citation_pane.windowTitle() == "Литература"
    assert window.windowTitle() == f"Oqu — {paper.short_title['ru']}"
    assert "26" in window.summary.text() and "Источников" in window.summary.text()
    switch(qtbot, window, "kk")
    menus = [a.menu().title() for a in window.menuBar().actions()]
    assert {"&Файл", "&Көрініс", "&Тіл", "&Анықтама"} <= set(menus)
    assert [window.tabs.tabText(i) for i in range(3)] == ["Аңдатпа", "Мақала", "Кестелер мен диаграммалар"]
    assert window.citation_pane.windowTitle() == "Әдебиеттер"
    assert window.windowTitle() == f"Oqu — {paper.short_title['kk']}"
    assert window.language_box.toolTip() == "Интерфейс тілі"
    switch(qtbot, window, "en")
    assert window.tabs.tabText(0) == "Abstract" and window.citation_pane.windowTitle() == "References"


def test_language_menu_names_each_language_in_its_own_name(window, qtbot):
    """The language menu and selector name each language in itself, whatever the UI language."""
    names = {a.objectName(): a.text() for a in window.language_menu.actions()}
    assert names == {"lang-en": "English", "lang-ru": "Русский", "lang-kk": "Қазақша"}
    switch(qtbot, window, "kk")
    assert {a.objectName(): a.text() for a in window.language_menu.actions()} == names
    assert [window.language_box.itemText(i) for i in range(3)] == ["English", "Русский", "Қазақша"]


def test_toolbar_selector_switches_too(window, qtbot):
    """Choosing a language in the toolbar's selector switches the UI and checks the menu's entry."""
    box = window.language_box
    box.setCurrentIndex(1)
    box.activated.emit(1)  # what a user's choice in the combo sends
    qtbot.waitUntil(lambda: window.tabs.tabText(0) == "Аннотация")
    assert window.findChild(QAction, "lang-ru").isChecked()


def test_choice_is_remembered_and_survives_a_restart(window, qtbot, isolated_settings):
    """The language chosen is the one the next start uses; --lang overrides it for one run."""
    from oqu.ui.app import initial_language
    from oqu.ui.language import manager
    from oqu.ui.main_window import MainWindow

    switch(qtbot, window, "kk")
    window.close()
    assert initial_language(None) == "kk"
    manager().apply("en")  # a fresh process starts in English ...
    manager().apply(initial_language(None))  # ... and app.run applies the remembered choice
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.tabs.tabText(0) == "Аңдатпа"
    assert again.findChild(QAction, "lang-kk").isChecked() and again.language_box.currentData() == "kk"
    assert initial_language("ru") == "ru"  # --lang overrides for one run


def test_restart_in_a_new_process_keeps_the_choice(window, qtbot, isolated_settings):
    """A new process starts in the language chosen in the previous one."""
    switch(qtbot, window, "ru")
    code = ("from oqu.ui.app import application, initial_language\n"
            "from oqu.ui.language import manager\n"
            "from oqu.ui.main_window import MainWindow\n"
            "application(); manager().apply(initial_language(None))\n"
            "w = MainWindow(); print(w.tabs.tabText(0)); print(w.menuBar().actions()[0].menu().title())\n")
    env = {"OQU_CONFIG_DIR": str(isolated_settings), "QT_QPA_PLATFORM": "offscreen", "LANG": "en_US.UTF-8"}
    import os

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, **env))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["Аннотация", "&Файл"]


def test_lang_option_is_not_remembered(qtbot, isolated_settings):
    """A language switch in a window opened with --lang is not saved as the reader's choice."""
    from oqu.ui.language import manager
    from oqu.ui.main_window import MainWindow
    from oqu.ui.settings import open_settings

    manager().apply("ru")
    win = MainWindow(remember_language=False)  # what `oqu --lang ru` opens
    qtbot.addWidget(win)
    win.findChild(QAction, "lang-kk").trigger()
    qtbot.waitUntil(lambda: win.tabs.tabText(0) == "Аңдатпа")
    assert open_settings().value("ui/language") is None
    manager().apply("en")


def test_first_start_follows_the_system_locale(monkeypatch):
    """The first start follows the system locale when it is one of ours, and English otherwise."""
    from oqu.ui.app import initial_language

    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "kk_KZ.UTF-8")
    assert initial_language(None) == "kk"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert initial_language(None) == "en"


@pytest.mark.parametrize("code, value, country", [("en", "118.3", "Kazakhstan"), ("ru", "118,3", "Казахстан"),
                                                  ("kk", "118,3", "Қазақстан")])
def test_table_cells_follow_the_locale(window, qtbot, paper, code, value, country):
    """Table 2 prints Kazakhstan's 2010 mobile subscriptions as 118.3: the UI shows it per locale."""
    table = next(t for t in paper.tables if t.id == 2)
    row = next(r for r in table.rows if r.get("iso2") == "KZ")
    assert 118.3 in row.values()  # read from the bundle, not assumed
    visit_every_tab(window, qtbot)
    if code != "en":
        switch(qtbot, window, code)
        visit_every_tab(window, qtbot)  # hidden tables retranslate when shown
    cells = set()
    for view in window.tables_view.findChildren(QTableView):
        model = view.model()
        if model is None:
            continue
        for r in range(model.rowCount()):
            cells.update(str(model.index(r, c).data()) for c in range(model.columnCount()))
    assert value in cells and country in cells
    wrong = "118,3" if code == "en" else "118.3"
    assert wrong not in cells


def test_hidden_tab_shown_after_a_switch_is_in_the_new_language(window, qtbot, bundle):
    """Tabs in the background retranslate when they are shown, not during the switch."""
    from oqu.i18n import _

    visit_every_tab(window, qtbot)
    window.tables_view.tabs.setCurrentIndex(0)
    window.show_tab("paper")
    page = window.tables_view.page(window.paper.tables[0].id)
    qtbot.waitUntil(lambda: not page.isVisible())
    english_filter = page.filter.placeholderText()
    switch(qtbot, window, "ru")
    link = _("Show the chart")
    assert link != "Show the chart"
    document = window.paper_view.text.toPlainText()  # the tab in view: changed at once
    assert link in document and "Show the chart" not in document
    window.show_tab("tables")
    qtbot.waitUntil(page.isVisible)
    assert page.filter.placeholderText() not in ("", english_filter)
    for text in (page.title.text(), page.units.text(), page.filter.placeholderText(), page.export_button.text()):
        assert not english_words(text, bundle), text
    chart_texts = [item.toPlainText() for item in page.chart.scene().items() if isinstance(item, QGraphicsTextItem)]
    assert chart_texts and not [t for t in chart_texts if english_words(t, bundle)]
