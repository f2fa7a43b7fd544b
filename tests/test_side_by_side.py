"""Side by side: a sentence and its translations, highlighted together, rows aligned by unit."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from oqu.core.model import LANGS
from oqu.ui.abstract_view import SIDE_BY_SIDE
from oqu.ui.textdoc import cursor_for, text_at


@pytest.fixture
def side(window, qtbot):
    window.show_tab("abstract")
    view = window.abstract_view
    view.show_language(SIDE_BY_SIDE)
    browser = view.browsers[SIDE_BY_SIDE]
    qtbot.waitExposed(browser)
    return view, browser


def _point(browser, pos: int) -> QPoint:
    """Scroll ``pos`` into view (without moving the text cursor) and return a point on its character."""
    doc = browser.document()
    rect = browser.cursorRect(cursor_for(doc, pos, pos))
    if not browser.viewport().rect().contains(rect.center()):
        bar = browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - 20)
        rect = browser.cursorRect(cursor_for(doc, pos, pos))
    right = browser.cursorRect(cursor_for(doc, pos + 1, pos + 1))
    return QPoint((rect.left() + right.left()) // 2, rect.center().y())


def _highlighted(view, browser) -> list[str]:
    return sorted(text_at(browser.document(), a, b) for a, b in view.highlighters[SIDE_BY_SIDE].spans("sentence"))


def test_hovering_a_sentence_highlights_its_translations(side, qtbot, paper):
    """The mouse over the 4th Russian sentence marks it and the 4th English and Kazakh sentences."""
    view, browser = side
    unit = paper.alignment["abstract"][3]
    start, _end = view.unit_spans()[("abstract", 3)]["ru"]
    qtbot.mouseMove(browser.viewport(), _point(browser, start + 10))
    assert view.hovered_unit == ("abstract", 3)
    assert _highlighted(view, browser) == sorted(unit[lang] for lang in LANGS)


def test_the_second_russian_sentence_of_a_merged_unit_shows_the_one_english_sentence(side, qtbot, paper):
    """The Russian abstract splits the last sentence in two: either half shows the whole unit."""
    view, browser = side
    unit = paper.alignment["abstract"][8]
    start, end = view.unit_spans()[("abstract", 8)]["ru"]
    second = start + unit["ru"].index("Таким образом")
    qtbot.mouseMove(browser.viewport(), _point(browser, second + 3))
    assert _highlighted(view, browser) == sorted(unit[lang] for lang in LANGS)
    assert any(text.startswith("The latest processes") for text in _highlighted(view, browser))


def test_clicking_a_sentence_selects_it_and_key_words_align_too(side, qtbot, paper):
    """A click puts the cursor in a Kazakh key word: its Russian and English key words light up, and
    stay lit when the mouse leaves."""
    view, browser = side
    start, _end = view.unit_spans()[("keywords", 3)]["kk"]
    point = _point(browser, start + 2)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.selected_unit == ("keywords", 3)
    assert _highlighted(view, browser) == sorted(["social networks", "социальные сети", "әлеуметтік желілер"])
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(browser.viewport(), QEvent(QEvent.Type.Leave))
    assert len(_highlighted(view, browser)) == 3


def test_rows_line_up_and_counterparts_scroll_into_view(window, side, qtbot, paper):
    """Each unit starts on the same line in all three columns (they scroll together); in a low window,
    pointing at the end of a long Kazakh sentence brings the top of its English one back into view."""
    view, browser = side
    for key, spans in view.unit_spans().items():
        if key[0] == "keywords":
            continue  # key words run on in one line each language: aligned by highlight only
        tops = {browser.cursorRect(cursor_for(browser.document(), s, s)).top() for s, _e in spans.values()}
        assert len(tops) == 1, key
    height = browser.viewport().height()
    window.resize(800, 480)  # narrow columns, a low view: the long last unit is taller than the view
    qtbot.waitUntil(lambda: browser.viewport().height() < height)
    doc = browser.document()

    bar = browser.verticalScrollBar()

    def y(pos):  # in the document
        return browser.cursorRect(cursor_for(doc, pos, pos)).top() + bar.value()
    units = view.unit_spans()
    # the unit whose Kazakh text runs furthest below its English one (with room to scroll past the English)
    key = max((k for k in units if k[0] == "abstract" and y(units[k]["en"][1]) + 30 < bar.maximum()),
              key=lambda k: y(units[k]["kk"][1]) - y(units[k]["en"][1]))
    spans = units[key]
    en_start, en_end = spans["en"]
    kk_start, kk_end = spans["kk"]
    bar.setValue(bar.value() + browser.cursorRect(cursor_for(doc, en_end, en_end)).bottom() + 4)
    assert browser.cursorRect(cursor_for(doc, en_end, en_end)).bottom() < 0  # the English unit: all above
    visible = [p for p in range(kk_start, kk_end)
               if 0 < browser.cursorRect(cursor_for(doc, p, p)).top() < browser.viewport().height() - 20]
    assert visible, "the Kazakh unit is longer than the English one: its end is still in view"
    rect = browser.cursorRect(cursor_for(doc, visible[len(visible) // 2], visible[len(visible) // 2]))
    qtbot.mouseMove(browser.viewport(), QPoint(rect.left() + 2, rect.center().y()))
    assert view.hovered_unit == key
    top = browser.cursorRect(cursor_for(browser.document(), en_start, en_start)).top()
    assert 0 <= top < browser.viewport().height()


def test_the_keyboard_walks_the_sentences(side, qtbot, paper):
    """With the caret in a sentence, Down moves it on; the highlight follows into the next unit."""
    view, browser = side
    start, end = view.unit_spans()[("abstract", 2)]["en"]
    browser.setFocus()
    browser.setTextCursor(cursor_for(browser.document(), end - 1, end - 1))
    assert view.selected_unit == ("abstract", 2)
    for _ in range(12):
        qtbot.keyClick(browser, Qt.Key.Key_Down)
        if view.selected_unit != ("abstract", 2):
            break
    assert view.selected_unit == ("abstract", 3)
    assert sorted(t for t in _highlighted(view, browser)) == sorted(paper.alignment["abstract"][3][lang]
                                                                    for lang in LANGS)


def test_a_search_keeps_the_sentence_shown(side, qtbot, paper):
    """Typing a search while a sentence is shown marks the hits and keeps the sentence's translations lit."""
    view, browser = side
    start, _end = view.unit_spans()[("abstract", 1)]["en"]
    browser.setTextCursor(cursor_for(browser.document(), start + 3, start + 3))
    view.set_search("Казахстан")
    assert view.search_hits(SIDE_BY_SIDE)
    assert _highlighted(view, browser) == sorted(paper.alignment["abstract"][1][lang] for lang in LANGS)


def test_a_sentence_in_its_own_tab_shows_its_translations_as_a_tooltip(window, qtbot, paper):
    """Resting the mouse on the 5th English sentence shows the Russian and Kazakh ones; between
    sentences of the title, nothing."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    window.show_tab("abstract")
    view = window.abstract_view
    view.show_language("en")
    browser = view.browsers["en"]
    unit = paper.alignment["abstract"][4]
    pos = browser.document().find(unit["en"]).selectionStart() + 5
    point = _point(browser, pos)
    QApplication.sendEvent(browser.viewport(), QHelpEvent(QEvent.Type.ToolTip, point,
                                                          browser.viewport().mapToGlobal(point)))
    assert QToolTip.isVisible()
    tip = QToolTip.text()
    assert unit["ru"] in tip and unit["kk"] in tip and "Русский" in tip and unit["en"] not in tip
    assert view.translations_at("en", 0) == ""  # the title is no sentence of the abstract
    # the last unit: the two Russian sentences under the one English sentence
    last = paper.alignment["abstract"][8]
    ru = view.browsers["ru"]
    view.show_language("ru")
    second = ru.document().find("Таким образом").selectionStart()
    html = view.translations_at("ru", second)
    assert last["kk"] in html and last["en"] in html
