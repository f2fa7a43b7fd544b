"""Comfortable pages: a readable measure, centred; line height; a reading font; places kept."""
from __future__ import annotations

import statistics

import pytest
from PySide6.QtGui import QFontInfo

from oqu.core.model import Paragraph
from oqu.ui.page import LINE_HEIGHT, MIN_MARGIN


def _lines(view) -> list[int]:
    """Characters per line of the paper's body paragraphs, as laid out (not the last line of each)."""
    doc = view.text.document()
    counts = []
    for section in view.paper.sections:
        for i, block in enumerate(section.blocks):
            if not isinstance(block, Paragraph):
                continue
            layout = doc.findBlock(view.anchors[f"para-{section.id}-{i}"]).layout()
            counts += [layout.lineAt(n).textLength() for n in range(layout.lineCount() - 1)]
    return counts


@pytest.mark.parametrize("width", [1400, 2400])
def test_lines_hold_60_to_80_characters_centred_in_a_wide_window(window, qtbot, width):
    """However wide the window, body lines hold about 68 characters, with equal margins either side."""
    window.resize(width, 900)
    window.show_tab("paper")
    view = window.paper_view
    qtbot.waitUntil(lambda: view.text.viewport().width() > width // 2)
    qtbot.wait(50)
    counts = _lines(view)
    assert len(counts) > 100
    assert 60 <= statistics.median(counts) <= 80, statistics.median(counts)
    block = view.text.document().findBlock(view.anchors["section-introduction"])
    fmt = block.blockFormat()
    assert fmt.leftMargin() == fmt.rightMargin() > 100  # centred: the spare width split in two
    line = block.next().next().layout().lineAt(0)  # the first paragraph's first line
    left = MIN_MARGIN + fmt.leftMargin()
    right = view.text.viewport().width() - left - line.width()
    assert abs(left - right) <= 2 * MIN_MARGIN


def test_a_narrow_window_keeps_margins_and_line_height_near_one_and_a_half(window, qtbot):
    """A narrow window still has margins; paragraphs are set with 150% line height."""
    window.resize(700, 700)
    window.show_tab("paper")
    view = window.paper_view
    qtbot.wait(50)
    assert view.text.document().documentMargin() >= MIN_MARGIN
    block = view.text.document().findBlock(view.anchors["para-introduction-0"])
    fmt = block.blockFormat()
    assert fmt.lineHeight() == LINE_HEIGHT and fmt.lineHeightType() == 1  # ProportionalHeight
    assert max(_lines(view)) < 80


def test_reading_font_serif_or_sans_from_the_view_menu(window, qtbot):
    """View > Reading font > Serif sets DejaVu Serif (with Kazakh letters) in the texts, and is remembered."""
    from oqu.ui.fonts import SERIF_FAMILY, covers
    from oqu.ui.settings import open_settings

    serif = window.findChild(type(window.about_action), "readingFont-serif")
    assert serif in window.font_menu.actions() and window.font_menu in [
        a.menu() for a in window.view_menu.actions() if a.menu()]
    serif.trigger()
    for browser in (window.paper_view.text, window.abstract_view.browsers["kk"]):
        font = browser.document().defaultFont()
        assert QFontInfo(font).family() == SERIF_FAMILY and covers(font, "ӘәҒғҚқҢңӨөҰұҮүҺһІі")
    assert open_settings().value("reading/font") == "serif"
    window.findChild(type(window.about_action), "readingFont-sans").trigger()
    assert QFontInfo(window.paper_view.text.document().defaultFont()).family() != SERIF_FAMILY


def test_each_tab_keeps_its_reading_place_across_a_restart(window, qtbot):
    """Paper scrolled, the Russian abstract scrolled, Table 3 open: a new window opens them all there."""
    from oqu.ui.main_window import MainWindow
    from oqu.ui.textdoc import top_position

    window.set_reading_font("serif", remember=True)
    window.show_tab("abstract")
    window.abstract_view.show_language("ru")
    ru = window.abstract_view.browsers["ru"]
    window.resize(900, 500)
    qtbot.waitUntil(lambda: ru.verticalScrollBar().maximum() > 0)
    ru.verticalScrollBar().setValue(ru.verticalScrollBar().maximum() // 2)
    ru_top = top_position(ru)
    window.show_table(3)
    window.show_tab("paper")
    bar = window.paper_view.text.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    paper_top = window.paper_view.top_position()
    assert ru_top > 0 and paper_top > 0
    window.close()

    again = MainWindow()
    qtbot.addWidget(again)
    again.resize(900, 500)
    again.show()
    qtbot.waitUntil(lambda: again.paper_view.top_position() == paper_top)
    assert again.current_tab() == "paper"
    assert again.tables_view.current_table() == 3
    again.show_tab("abstract")
    assert again.abstract_view.current_language() == "ru"
    qtbot.waitUntil(lambda: top_position(again.abstract_view.browsers["ru"]) == ru_top)
    assert again.font_actions["serif"].isChecked()
    # The tables' tabs wait for the reader (a first tab added selects itself, which a screen reader
    # heard at the start): none yet, and Table 3 is the one open when the tables tab is.
    tables = again.tables_view
    assert tables.tabs.count() == 0 and tables.pages == {}
    again.show_tab("tables")
    assert [tables.tabs.tabText(i) for i in range(tables.tabs.count())] == ["Table 1", "Table 2", "Table 3"]
    assert tables.tabs.currentIndex() == 2 and list(tables.pages) == [3]
