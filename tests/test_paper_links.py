"""Everything that refers is a link: table mentions in the text, the printed reference lists."""
from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices

from oqu.core.links import safe_url
from oqu.ui.textdoc import cursor_for, fragments


def _href_at(view, pos: int) -> str:
    return cursor_for(view.text.document(), pos + 1, pos + 1).charFormat().anchorHref()


def _point_at(view, pos: int) -> QPoint:
    """Scroll ``pos`` into view and return a point on its character, in viewport coordinates."""
    doc = view.text.document()
    view.text.setTextCursor(cursor_for(doc, pos, pos))
    view.text.ensureCursorVisible()
    left = view.text.cursorRect(cursor_for(doc, pos, pos))
    right = view.text.cursorRect(cursor_for(doc, pos + 1, pos + 1))
    return QPoint((left.left() + right.left()) // 2, left.center().y())


def _find(view, needle: str, start: int = 0) -> int:
    found = view.text.document().find(needle, start)
    assert not found.isNull(), needle
    return found.selectionStart()


def test_see_table_1_opens_table_1_and_back_returns(window, qtbot):
    """Clicking "Table 1" in "(see Table 1)" opens Table 1; Back returns to the passage."""
    window.show_tab("paper")
    view = window.paper_view
    pos = _find(view, "(see Table 1)") + len("(see ")
    assert _href_at(view, pos) == "table:1"
    point = _point_at(view, pos)
    before = view.top_position()
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.current_tab() == "tables" and window.tables_view.current_table() == 1
    window.back_action.trigger()
    assert window.current_tab() == "paper" and view.top_position() == before


def test_table_2_and_3_are_two_links(window, qtbot):
    """"(Table 2 and 3)": "Table 2" goes to Table 2, "3" to Table 3; the text reads as printed."""
    window.show_tab("paper")
    view = window.paper_view
    pos = _find(view, "(Table 2 and 3)")
    assert _href_at(view, pos + 1) == "table:2"  # "T"
    assert _href_at(view, pos + len("(Table ")) == "table:2"
    assert _href_at(view, pos + len("(Table 2 and ")) == "table:3"
    assert _href_at(view, pos + len("(Table 2 a")) == ""  # "and" is not a link
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=_point_at(view, pos + len("(Table 2 and ")))
    assert window.tables_view.current_table() == 3


def test_printed_reference_number_selects_the_entry(window, qtbot, paper):
    """In both printed lists, clicking an entry's number selects it in the References pane."""
    window.show_tab("paper")
    view = window.paper_view
    for prefix, n in (("ref", 12), ("reftr", 19)):
        anchor = view.anchors[f"{prefix}-{n}"]
        number = anchor - len(f"{n}. ")
        assert _href_at(view, number) == f"ref:{n}"
        qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=_point_at(view, number))
        assert window.citation_pane.current_reference() == n


def test_addresses_in_the_printed_lists_are_safe_links_opened_on_click(window, qtbot, paper, monkeypatch):
    """Web addresses and DOIs are links to http(s) only; a click opens it through the link opener."""
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    monkeypatch.setattr("oqu.ui.link_opener.is_offline", lambda: False)
    window.show_tab("paper")
    view = window.paper_view
    start = view.anchors["references-ref"]
    hrefs = {f.charFormat().anchorHref() for f in fragments(view.text.document(), start)}
    hrefs = {h for h in hrefs if h and not h.startswith("ref:")}
    urls = {r.url for r in paper.references if r.url}
    assert urls <= hrefs
    assert all(safe_url(h) == h and h.startswith(("http://", "https://")) for h in hrefs)
    assert "https://doi.org/10.1186/s13731-018-0086-3" in hrefs  # "DOI: 10.1186/..." as printed in [2]
    pos = _find(view, "https://digital.gov.kg/", start)
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=_point_at(view, pos + 3))
    assert opened == ["https://digital.gov.kg/"]
