"""The citation pane: styles, filters, cited-in links, slips, copy and export, really clicked."""
from __future__ import annotations

import copy
import json

import pytest
from PySide6.QtGui import QGuiApplication

from test_citations import HANNA_APA, HANNA_APA_HTML, HANNA_GOST
from test_links import anchors, click_link


@pytest.fixture
def pane(window):
    return window.citation_pane


def _choose(box, data) -> None:
    box.setCurrentIndex(box.findData(data))


def test_the_style_selector_formats_the_list(qtbot, pane, paper):
    """Picking a style in the selector reformats the list and the details (APA, GOST); the details keep the paper's
    printed and transliterated entries."""
    pane.select_reference(2)
    item = pane.list.currentItem()
    assert item.text().replace("\u200b", "") == "[2] " + paper.reference(2).printed
    box = pane.style_box
    box.activated.emit(box.findData("apa"))  # what a pick in the combo box sends
    assert pane.current_style() == "apa"
    assert item.text().replace("\u200b", "") == "[2] " + HANNA_APA
    assert HANNA_APA in pane.details.toPlainText()
    pane.set_style("gost")
    assert item.text().replace("\u200b", "") == "[2] " + HANNA_GOST
    # both the paper's entries stay visible beside the style
    text = pane.details.toPlainText()
    assert paper.reference(2).printed in text and paper.reference(2).transliterated in text


@pytest.mark.parametrize("style, cite", [("apa", "(The World Bank, 2021c)"), ("chicago", "(The World Bank 2021c)")])
def test_details_show_the_in_text_citation_with_its_year_suffix(qtbot, pane, paper, style, cite):
    """An author-date style shows how the text cites the reference; ref 9 is the World Bank's
    third work of 2021, so "2021c" in its entry and in its citation."""
    pane.set_style(style)
    pane.select_reference(9)
    text = pane.details.toPlainText()
    assert f"In the text: {cite}" in text and "2021c" in pane.list.currentItem().text()
    pane.set_style("gost")
    assert "In the text:" not in pane.details.toPlainText()


def test_the_chosen_style_is_remembered(qtbot, window):
    """The citation style picked in the pane is the style a new pane starts with."""
    from oqu.ui.citation_pane import CitationPane

    pane = window.citation_pane
    pane.style_box.activated.emit(pane.style_box.findData("chicago"))
    again = CitationPane(window.paper)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.current_style() == "chicago")


def test_cited_in_links_emit_the_markers(qtbot, pane, paper):
    """The details say how often a reference is cited and in which sections; each "cited in" link, really clicked, asks
    for its marker."""
    for n in (6, 11, 15):  # 6: body and Table 1's source; 11: twice in one section; 15: two sections
        pane.select_reference(n)
        markers = paper.markers_for(n)
        text = pane.details.toPlainText()
        assert f"Cited {len(markers)} times" in text
        for section_id in paper.cited_in(n):
            assert paper.section(section_id).title in text
        hrefs = [h for h in anchors(pane.details) if h.startswith("marker:")]
        assert sorted(int(h.split(":")[1]) for h in hrefs) == sorted(m.index for m in markers)
        for href in hrefs:
            with qtbot.waitSignal(pane.markerRequested) as signal:
                click_link(qtbot, pane.details, href)
            assert signal.args == [int(href.split(":")[1])]


def test_a_back_link_scrolls_the_paper_to_its_marker(qtbot, window, paper):
    """A click on a "cited in" link opens the paper tab with that marker in view."""
    from oqu.ui.textdoc import cursor_for

    view = window.paper_view
    window.show_tab("paper")
    view.text.verticalScrollBar().setValue(0)
    pane = window.citation_pane
    pane.select_reference(14)
    marker = paper.markers_for(14)[0]
    start, _end = view.marker_span(marker.index)
    in_view = lambda: view.text.viewport().rect().contains(  # noqa: E731
        view.text.cursorRect(cursor_for(view.text.document(), start, start)).center())
    assert not in_view()  # the marker is further down the text
    window.show_tab("abstract")
    click_link(qtbot, pane.details, f"marker:{marker.index}")
    assert window.current_tab() == "paper"
    qtbot.waitUntil(in_view)


def test_filters_by_kind_and_language(qtbot, pane, paper):
    """The kind and language filters show exactly the matching references; a marker click still shows a filtered-out
    reference."""
    _choose(pane.kind_box, "webpage")
    assert pane.visible_references() == [r.n for r in paper.references if r.type == "webpage"]
    _choose(pane.kind_box, "")
    _choose(pane.language_box, "ru")
    assert pane.visible_references() == [r.n for r in paper.references if r.language == "ru"]
    _choose(pane.kind_box, "article-journal")
    assert pane.visible_references() == [r.n for r in paper.references
                                         if r.language == "ru" and r.type == "article-journal"] == [1]
    assert pane.kind_box.count() == 1 + len({r.type for r in paper.references})
    pane.select_reference(2)  # a marker click shows a filtered-out reference
    assert pane.current_reference() == 2 and 2 in pane.visible_references()


def test_the_papers_slips_are_marked(qtbot, pane, paper):
    """A reference's remark about the paper's slip (a wrong DOI) shows in the details and the list's tooltip; the DOI is
    linked as printed."""
    pane.select_reference(4)
    text = pane.details.toPlainText()
    doi_remark = next(r["text"] for r in paper.reference(4).remarks if r["field"] == "DOI")
    assert doi_remark in text
    assert "https://doi.org/10.1177/0267323118789517a" in anchors(pane.details)  # shown as printed
    item = pane.list.currentItem()
    assert doi_remark in item.toolTip().replace("&#x27;", "'").replace("&quot;", '"')
    assert not pane.list.item(1).toolTip()  # ref 2 has no remark


def test_access_date_in_the_ui_language(qtbot, window):
    """A reference's access date is written in the UI language, and follows a live switch to Russian."""
    from oqu.ui.language import manager

    pane = window.citation_pane
    pane.select_reference(6)
    assert "July 3, 2021" in pane.details.toPlainText()
    manager().apply("ru")
    qtbot.waitUntil(lambda: "3 июля 2021" in pane.details.toPlainText())


def test_cited_counts_take_russian_plural_forms(qtbot, window, paper):
    """The "cited n times" line takes Russian plural forms (1 раз, 2 раза)."""
    from oqu.ui.language import manager

    pane = window.citation_pane
    manager().apply("ru")
    qtbot.waitUntil(lambda: pane.windowTitle() != "References")
    assert len(paper.markers_for(1)) == 1 and len(paper.markers_for(6)) == 2
    pane.select_reference(1)
    assert "1 раз" in pane.details.toPlainText() and "1 раза" not in pane.details.toPlainText()
    pane.select_reference(6)
    assert "2 раза" in pane.details.toPlainText()


def test_copy_plain_and_rich_text(qtbot, pane, paper):
    """Copy gives plain and rich text in the chosen style; one reference as the list shows it (2021c)."""
    pane.set_style("apa")
    pane.select_reference(2)
    pane.copy_action.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.text() == HANNA_APA
    assert HANNA_APA_HTML in mime.html()
    pane.copy_all_action.trigger()
    assert len(QGuiApplication.clipboard().text().splitlines()) == 26
    pane.select_reference(9)  # the World Bank's third work of 2021: 2021c in both forms
    pane.copy_action.trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert "(2021c)" in mime.text() and "(2021c)" in mime.html()


def test_export_selected_and_all(qtbot, pane, paper, tmp_path):
    """The selected references and all 26 export as BibTeX, RIS, CSL-JSON and text that other readers parse back."""
    import bibtexparser
    import rispy

    pane.select_reference(2)
    pane.list.item(3).setSelected(True)
    chosen = pane.selected_references()
    assert [r.n for r in chosen] == [2, 4]
    assert pane.export_to(tmp_path / "sel.bib", chosen, "bibtex")
    assert [e.key for e in bibtexparser.parse_file(str(tmp_path / "sel.bib")).entries] == ["ref2", "ref4"]
    assert pane.export_to(tmp_path / "all.ris", paper.references, "ris")
    assert len(rispy.loads((tmp_path / "all.ris").read_text(encoding="utf-8"))) == 26
    assert pane.export_to(tmp_path / "all.json", paper.references, "csl-json")
    assert len(json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))) == 26
    pane.set_style("gost")
    assert pane.export_to(tmp_path / "all.txt", paper.references, "text")
    assert (tmp_path / "all.txt").read_text(encoding="utf-8").splitlines()[1] == "2. " + HANNA_GOST


def test_export_dialog_writes_the_chosen_format(qtbot, pane, tmp_path, monkeypatch):
    """Export all writes the format picked in the save dialog and adds its suffix."""
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "refs"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "RIS (*.ris)")))
    pane.export_all_action.trigger()
    assert (tmp_path / "refs.ris").read_text(encoding="utf-8").count("ER  -") == 26


def test_reference_text_with_markup_is_shown_as_text(qtbot, paper):
    """HTML in a reference's fields is shown as literal text in the details and the list, never rendered."""
    from oqu.ui.app import application
    from oqu.ui.citation_pane import CitationPane

    application()
    bad = copy.deepcopy(paper)
    bad.reference(2).printed = "<b>Bold</b> <img src=x> & co"
    bad.reference(2).csl["title"] = "<i>Italic</i> title"
    pane = CitationPane(bad)
    qtbot.addWidget(pane)
    pane.set_style("apa")
    pane.select_reference(2)
    text = pane.details.toPlainText()
    assert "<b>Bold</b> <img src=x> & co" in text and "<i>Italic</i> title" in text
    assert "<i>Italic</i> title" in pane.list.currentItem().text()
