"""The search field: typed queries, hit counts, next/previous, hits highlighted where they stand."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidget

from oqu.ui.textdoc import text_at


def _type(window, qtbot, text):
    """Type like a reader (insert: keyClicks aborts on non-ASCII) and wait for the typing pause."""
    field = window.findChild(QLineEdit, "searchField")
    field.clear()
    field.insert(text)
    qtbot.waitUntil(lambda: window.search_panel.query() == text and not window.search_panel.timer.isActive())
    return field


def test_ctrl_f_focuses_the_field(window, qtbot):
    """Ctrl+F shows the search panel and puts the focus in its field."""
    window.search_panel.hide()
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=2000)
    qtbot.keyClick(window.paper_view.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    field = window.findChild(QLineEdit, "searchField")
    assert window.search_panel.isVisible()
    qtbot.waitUntil(lambda: field.hasFocus(), timeout=2000)


def test_folded_query_lists_every_hit_and_highlights_them(window, qtbot, paper):
    """"казакстан" typed without Kazakh letters lists every spelling of Kazakhstan and highlights each in the paper and
    the Kazakh abstract."""
    _type(window, qtbot, "казакстан")
    results = window.findChild(QListWidget, "searchResults")
    body = " ".join(p.text for s in paper.sections for p in s.paragraphs)
    kazakh = " ".join([paper.title["kk"], *paper.abstract["kk"], ", ".join(paper.keywords["kk"])])
    assert results.count() == len(window.search_panel.hits) > 0
    in_body = len(re.findall("kaza(?:kh|h)stan", body, re.IGNORECASE))  # Latin spelling of the same name
    kinds = [h.unit.kind for h in window.search_panel.hits]
    assert kinds.count("paragraph") == in_body
    # Every hit of the body is highlighted in the paper view (plus those in headings, tables, references).
    spans = window.paper_view.search_hits()
    assert len(spans) >= in_body
    assert all(re.fullmatch("kaza(?:kh|h)stan", text_at(window.paper_view.text.document(), a, b), re.I)
               for a, b in spans)
    # The Kazakh abstract tab highlights its own spelling.
    kk = window.abstract_view.search_hits("kk")
    kk_texts = [text_at(window.abstract_view.browsers["kk"].document(), a, b) for a, b in kk]
    assert "Қазақстан" in kk_texts
    assert len([t for t in kk_texts if t.lower() == "қазақстан"]) >= len(re.findall("қазақстан", kazakh, re.I))
    assert str(len(window.search_panel.hits)) in window.search_panel.count_label.text()


def test_next_and_previous_walk_the_hits_where_they_stand(window, qtbot, paper):
    """Enter walks every hit in order, showing and highlighting each where it stands; next and previous wrap round."""
    _type(window, qtbot, "Freedom House")
    panel = window.search_panel
    hits = panel.hits
    expected = sum(len(re.findall("freedom house", t, re.I)) for t in
                   [p.text for s in paper.sections for p in s.paragraphs]
                   + [r.printed for r in paper.references] + [r.transliterated for r in paper.references]
                   + [n for t in paper.tables for n in (t.title, t.source_note, *t.notes)])
    assert len(hits) == expected
    kinds = {h.unit.kind for h in hits}
    assert "paragraph" in kinds and "reference" in kinds  # both branches below are walked
    seen = []
    for _ in range(len(hits)):
        qtbot.keyClick(panel.field, Qt.Key.Key_Return)
        hit = hits[panel.results.currentRow()]
        seen.append(hit)
        if hit.unit.kind in ("paragraph", "reference", "reference-transliterated"):
            assert window.current_tab() == "paper"
            [(a, b)] = window.paper_view.highlighter.spans("current")
            assert text_at(window.paper_view.text.document(), a, b).lower() == "freedom house"
        if hit.unit.kind.startswith("reference"):
            assert window.citation_pane.current_reference() == hit.unit.number
    assert seen == hits
    panel.next()  # wraps round to the first
    assert panel.results.currentRow() == 0
    panel.previous()
    assert panel.results.currentRow() == len(hits) - 1


def test_abstract_hit_opens_its_language(window, qtbot, paper):
    """A hit in the Russian abstract opens the abstract tab on Russian with the word highlighted."""
    _type(window, qtbot, "цифровизации")
    panel = window.search_panel
    assert len(panel.hits) == sum(len(re.findall("цифровизации", t, re.I))
                                  for t in [paper.title["ru"], *paper.abstract["ru"]]
                                  + [t.title_i18n.get("ru", "") for t in paper.tables])
    panel.results.setCurrentRow(0)
    assert window.current_tab() == "abstract" and window.abstract_view.current_language() == "ru"
    [(a, b)] = window.abstract_view.highlighters["ru"].spans("current")
    assert text_at(window.abstract_view.browsers["ru"].document(), a, b) == "ЦИФРОВИЗАЦИИ"


def test_transliterated_name_in_the_field(window, qtbot):
    """A name typed in Cyrillic finds its Latin spelling in the body and in the references."""
    _type(window, qtbot, "Токаев")
    places = {(h.unit.kind, h.unit.number) for h in window.search_panel.hits}
    assert ("reference", 13) in places and any(k == "paragraph" for k, _n in places)


def test_clearing_the_field_clears_highlights(window, qtbot):
    """Clearing the field removes the highlights and the results."""
    field = _type(window, qtbot, "digital")
    assert window.paper_view.search_hits()
    field.clear()
    qtbot.waitUntil(lambda: not window.search_panel.timer.isActive())
    assert window.paper_view.search_hits() == [] and window.search_panel.results.count() == 0


def test_set_query_searches_at_once(window, qtbot):
    """``set_query`` fills the field and lists the hits without waiting for the typing pause."""
    window.search_panel.set_query("Tokayev")
    assert window.search_panel.field.text() == "Tokayev"
    assert window.search_panel.results.count() > 0 and not window.search_panel.timer.isActive()
    window.search_panel.set_query("")
    assert window.search_panel.results.count() == 0
