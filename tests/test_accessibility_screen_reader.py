"""What a screen reader needs from the widgets to speak (found by running Orca 43 on the app,
tests/orca_session.py): a caret in the texts it reads line by line, and the focus reported before a
text changes or is selected in the widget taking it (Orca took such an earlier text event as a
silent focus change and then said nothing at all)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


@pytest.fixture
def active(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.mark.parametrize("where", ["abstract", "paper", "reference"])
def test_the_arrows_move_a_caret_through_a_read_only_text(active, qtbot, where):
    """In the abstract, the paper and the selected reference, Down moves the text cursor to the next
    line (Orca reads the line the caret reaches; with no caret the arrows only scrolled, in silence),
    and Tab still leaves the text or walks its links."""
    if where == "abstract":
        view = active.abstract_view.browsers["en"]
    elif where == "paper":
        active.show_tab("paper")
        view = active.paper_view.text
    else:
        active.citation_pane.select_reference(1)
        view = active.citation_pane.details
    qtbot.waitUntil(lambda: view.isVisible() and view.document().characterCount() > 40)
    view.setFocus()
    cursor = view.textCursor()
    cursor.setPosition(0)
    view.setTextCursor(cursor)
    qtbot.keyClick(view, Qt.Key.Key_Down)
    first_line = view.document().firstBlock().layout().lineAt(0).textLength()
    assert view.textCursor().position() >= first_line > 0, where
    assert QApplication.focusWidget() is view


def order_of(qtbot, widget, move):
    """``move()`` the focus to a line edit holding text; what the widget saw first: "focus" (the
    application's focus reached it, the moment Qt reports it on the accessibility bus) or
    "selection" (its text selected)."""
    seen = []
    app = QApplication.instance()

    def focus_changed(_old, new):
        if new is widget:
            seen.append("focus")

    app.focusChanged.connect(focus_changed)
    widget.selectionChanged.connect(lambda: seen.append("selection"))
    try:
        move()
        qtbot.waitUntil(lambda: widget.selectedText() == widget.text())  # Tab and F6 still select it all
    finally:
        app.focusChanged.disconnect(focus_changed)
    return seen


def test_f6_and_tab_into_the_search_field_report_the_focus_before_the_selection(active, qtbot):
    """F6 to the Search field (which holds a query): its focus comes first, then its text is selected
    (Orca said nothing at all when the selection came first); the same by Tab from the pane's list."""
    field = active.search_panel.field
    field.setText("Kazakhstan")
    active.citation_pane.list.setFocus()
    assert order_of(qtbot, field, lambda: qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)) \
        == ["focus", "selection"]
    active.citation_pane.list.setFocus()
    field.deselect()
    assert order_of(qtbot, field, lambda: field.setFocus(Qt.FocusReason.TabFocusReason))[:2] == ["focus", "selection"]


def test_tab_into_a_tables_filter_reports_the_focus_before_the_selection(active, qtbot):
    """The countries' filter of a table, entered by Tab from the table's tab bar, is focused before its
    text is selected."""
    active.show_tab("tables")
    page = active.tables_view.page(1)
    qtbot.waitUntil(page.filter.isVisible)
    page.filter.setText("Kaz")
    active.tables_view.tabs.tabBar().setFocus()
    assert order_of(qtbot, page.filter, lambda: page.filter.setFocus(Qt.FocusReason.TabFocusReason)) \
        == ["focus", "selection"]


def test_enter_on_a_marker_focuses_the_reference_before_it_changes(active, qtbot):
    """F8 then Enter: the selected reference's view has the focus when its text changes to the
    reference (Orca, hearing of the change first, took the view as its focus without a word)."""
    details = active.citation_pane.details
    changes = []
    details.textChanged.connect(lambda: changes.append(details.hasFocus()))
    qtbot.keyClick(active, Qt.Key.Key_F8)
    changes.clear()
    qtbot.keyClick(active.paper_view.text, Qt.Key.Key_Return)
    assert active.citation_pane.current_reference() == 1 and QApplication.focusWidget() is details
    assert changes and all(changes), changes


def test_the_search_field_says_the_count_and_each_hit_it_goes_to(active, qtbot):
    """The reader stays in the Search field: its description says the count once the query is run
    (Orca speaks a focused widget's new description), and Enter, F3 and Shift+F3 each say the hit they
    went to, "Hit k of n:", its place and context (Orca said only "Abstract page tab"), in the
    interface language; with no query the description is the field's hint again."""
    from oqu.ui.language import manager

    panel = active.search_panel
    panel.focus_field()
    panel.set_query("digital")
    field = panel.field
    assert panel.total > 2 and field.accessibleDescription() == panel.count_label.text() == f"{panel.total} hits"
    qtbot.keyClick(field, Qt.Key.Key_Return)
    said = field.accessibleDescription()
    assert said.startswith(f"Hit 1 of {panel.total}: ") and "digital" in said.lower(), said
    assert said.endswith(panel.results.item(0).data(Qt.ItemDataRole.AccessibleTextRole))
    qtbot.keyClick(field, Qt.Key.Key_F3)
    assert field.accessibleDescription().startswith(f"Hit 2 of {panel.total}: ")
    qtbot.keyClick(field, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert field.accessibleDescription().startswith(f"Hit 1 of {panel.total}: ")
    manager().apply("ru")
    qtbot.waitUntil(lambda: panel.field.accessibleDescription() != said)
    assert field.accessibleDescription() == panel.count_label.text() and "совпадени" in field.accessibleDescription()
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_F3)
    assert field.accessibleDescription().startswith(f"Совпадение 2 из {panel.total}: Аннотация (английский)")
    manager().apply("en")
    panel.set_query("")
    assert field.accessibleDescription() == ""  # Qt then gives the tooltip: how the search matches


def test_a_hit_shown_on_another_tab_gives_the_search_field_its_focus_again(active, qtbot, monkeypatch):
    """Enter in the Search field shows the first hit on the Abstract tab (from the Paper tab): Orca
    takes a tab switched to for its focus and then no longer hears the field; so the field's focus is
    reported once more, after its description says the hit (Orca then says "Search, Hit 1 of n: ...")."""
    from PySide6.QtGui import QAccessible

    active.show_tab("paper")
    panel = active.search_panel
    panel.focus_field()
    panel.set_query("digital")
    reported = []
    real = QAccessible.updateAccessibility

    def spy(event):
        if event.type() == QAccessible.Event.Focus and event.object() is panel.field:
            reported.append(panel.field.accessibleDescription())
        real(event)

    monkeypatch.setattr(QAccessible, "updateAccessibility", staticmethod(spy))
    qtbot.keyClick(panel.field, Qt.Key.Key_Return)
    assert active.current_tab() == "abstract" and QApplication.focusWidget() is panel.field
    assert reported and reported[-1].startswith(f"Hit 1 of {panel.total}: "), reported


def test_tab_to_a_link_of_the_selected_reference_says_the_link(active, qtbot):
    """Tab in the selected reference reaches its "cited in" link; Qt says nothing of it on the bus, so
    the view's description becomes "Link: <its text>" (Orca speaks it); the arrows off the link, or
    another reference, clear it."""
    pane = active.citation_pane
    pane.select_reference(2)
    pane.details.setFocus()
    qtbot.keyClick(pane.details, Qt.Key.Key_Tab)
    selected = pane.details.textCursor().selectedText().strip()
    assert selected
    qtbot.waitUntil(lambda: pane.details.accessibleDescription() == f"Link: {selected}")
    qtbot.keyClick(pane.details, Qt.Key.Key_Down)
    assert pane.details.accessibleDescription() == ""
    qtbot.keyClick(pane.details, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: pane.details.accessibleDescription().startswith("Link: "))
    pane.select_reference(3)
    assert pane.details.accessibleDescription() == ""
