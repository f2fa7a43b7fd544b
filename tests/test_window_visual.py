"""What the reader sees, measured on rendered pictures: screenshots, sizes, colours, places."""
from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QImage

from helpers import run_cli


def _near_white_share(image: QImage) -> float:
    """The share of pixels lighter than 90 % grey (sampled every 4th pixel each way)."""
    total = white = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            c = image.pixelColor(x, y)
            total += 1
            white += min(c.red(), c.green(), c.blue()) >= 230
    return white / total


def test_screenshot_size_is_the_window_size_and_the_theme_is_for_that_run(tmp_path):
    """--size makes the window that size (not a scaled grab) and --theme dark paints it dark,
    while the reader's settings file is neither created nor changed."""
    config = tmp_path / "config"
    env = {"OQU_CONFIG_DIR": str(config)}
    small, dark = tmp_path / "small.png", tmp_path / "dark.png"
    result = run_cli("screenshot", "--tab", "paper", "--size", "1100x700", "-o", str(small), env=env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(small))
    assert (image.width(), image.height()) == (1100, 700)
    assert _near_white_share(image) > 0.3  # light by default
    assert not config.exists()  # nothing read or written: not even the folder
    result = run_cli("screenshot", "--tab", "abstract", "--theme", "dark", "-o", str(dark), env=env)
    assert result.returncode == 0, result.stderr
    image = QImage(str(dark))
    assert (image.width(), image.height()) == (1280, 800)
    assert _near_white_share(image) < 0.05
    assert not config.exists()


def test_screenshot_leaves_an_existing_settings_file_byte_identical(tmp_path):
    """A reader's saved place (tab, zoom, theme) is not overwritten by a screenshot, nor used by it."""
    config = tmp_path / "config"
    config.mkdir()
    ini = config / "oqu.ini"
    ini.write_bytes(b"[oqu]\nformat=1\n\n[window]\ntab=tables\nzoom=150\n\n[ui]\ntheme=dark\n")
    before = ini.read_bytes()
    out = tmp_path / "shot.png"
    result = run_cli("screenshot", "--tab", "paper", "-o", str(out), env={"OQU_CONFIG_DIR": str(config)})
    assert result.returncode == 0, result.stderr
    assert ini.read_bytes() == before
    assert sorted(p.name for p in config.iterdir()) == ["oqu.ini"]
    assert _near_white_share(QImage(str(out))) > 0.3  # the saved dark theme was not used


def test_screenshot_size_is_checked(tmp_path):
    """A malformed --size is a usage error (exit 2, one line); a size the window cannot take
    says so and writes nothing (never a picture of another size)."""
    for size in ("1280", "1280x", "axb", "10x10"):
        result = run_cli("screenshot", "--size", size, "-o", "x.png")
        assert result.returncode == 2, size
        assert len(result.stderr.strip().splitlines()) == 1
    out = tmp_path / "tiny.png"
    result = run_cli("screenshot", "--size", "300x200", "-o", str(out))
    assert result.returncode == 1 and "cannot be 300x200" in result.stderr
    assert not out.exists()


def _dark_pixels(image: QImage) -> int:
    """How many pixels are text-dark (any channel below 100): glyphs on a light bar."""
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if max(image.pixelColor(x, y).getRgb()[:3]) < 100)


def test_the_status_bar_summary_stays_after_other_messages(window, qtbot, tmp_path):
    """The "26 references, 31 citation markers" summary is still drawn after a "Saved" message
    and after a menu's status tip have come and gone."""
    bar = window.statusBar()
    summary = window.findChild(type(window.summary), "paperSummary")
    assert summary.text() == "26 references, 31 citation markers"
    window.export_pdf(str(tmp_path / "paper.pdf"))
    assert bar.currentMessage().startswith("Saved")
    bar.showMessage("a menu item's status tip")  # what hovering a menu does
    qtbot.wait(20)
    bar.clearMessage()
    qtbot.wait(20)
    assert summary.isVisible()
    region = bar.grab(summary.geometry()).toImage()
    assert _dark_pixels(region) > 50  # its text is painted, not blank


def test_reopening_restores_the_inner_table_tab(window, qtbot):
    """Closed on Table 2, the window reopens on the Tables tab at Table 2 (not Table 1)."""
    from oqu.ui.main_window import MainWindow

    window.show_table(2)
    qtbot.waitUntil(lambda: window.tables_view.current_table() == 2)
    window.close()
    again = MainWindow()
    qtbot.addWidget(again)
    again.resize(1280, 800)
    again.show()
    assert again.current_tab() == "tables"
    assert again.tables_view.tabs.tabText(again.tables_view.tabs.currentIndex()) == "Table 2"
    qtbot.waitUntil(lambda: 2 in again.tables_view.pages)
    qtbot.waitUntil(lambda: again.tables_view.pages[2].isVisible())
    assert again.tables_view.tabs.currentWidget().isVisible()


def test_window_title_is_oqu_and_a_readable_short_title_in_each_language(window, qtbot):
    """"Oqu — " and the bundle's short title in the UI language, not the printed capitals."""
    from oqu.ui.language import manager

    expected = {"en": "Oqu — Digitalization of political processes in Kazakhstan",
                "ru": "Oqu — Цифровизация политического процесса в Казахстане",
                "kk": "Oqu — Қазақстандағы саяси процесті цифрландыру"}
    for lang, title in expected.items():
        manager().apply(lang)
        qtbot.waitUntil(lambda t=title: window.windowTitle() == t)
        words = title.split("— ")[1]
        assert words != words.upper()


def _ink(widget) -> int:
    """Pixels of a widget's grab that differ clearly from its background colour (its drawn text)."""
    image = widget.grab().toImage()
    background = image.pixelColor(1, 1)
    return sum(1 for y in range(image.height()) for x in range(image.width())
               if abs(image.pixelColor(x, y).lightness() - background.lightness()) > 60)


def test_filtering_the_selected_reference_out_clears_its_details_and_says_what_happened(window, qtbot, paper):
    """The details of a reference the filters hide are not left showing, and a filter that
    matches nothing says so (with the way back) instead of a blank list."""
    pane = window.citation_pane
    pane.select_reference(2)  # Hanna 2018, an English journal article
    assert "Hanna" in pane.details.toPlainText()
    pane.language_box.setCurrentIndex(pane.language_box.findData("ru"))
    assert 2 not in pane.visible_references()
    assert pane.current_reference() is None
    assert "Hanna" not in pane.details.toPlainText()
    qtbot.waitUntil(pane.filter_notice.isVisible)
    russian = sum(r.language == "ru" for r in paper.references)
    assert pane.filter_notice.text() == f"{russian} of 26 references shown"
    pane.language_box.setCurrentIndex(pane.language_box.findData("en"))
    pane.kind_box.setCurrentIndex(pane.kind_box.findData("legislation"))  # the only law is Russian
    assert pane.visible_references() == []
    text = pane.filter_notice.text()
    assert "No reference matches" in text and "Law, English" in text and "All kinds" in text
    assert _ink(pane.filter_notice) > 100  # drawn, not an empty strip
    pane.kind_box.setCurrentIndex(0)
    pane.language_box.setCurrentIndex(0)
    assert not pane.filter_notice.isVisible()


def _colour_pixels(widget, colour: str) -> int:
    from PySide6.QtGui import QColor

    target = QColor(colour).rgb()
    image = widget.grab().toImage()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) == target)


def test_the_search_pane_lists_several_hits_and_explains_no_hits(window, qtbot):
    """At 1280x800 at least three whole hits are in view (two at 1024x640); no hits says what
    was searched and what to try."""
    panel = window.search_panel
    for size, least in (((1280, 800), 3), ((1024, 640), 2)):
        window.resize(*size)
        panel.set_query("digital")
        qtbot.wait(50)
        view = panel.results.viewport().rect()
        whole = [r for r in range(panel.results.count())
                 if view.contains(panel.results.visualItemRect(panel.results.item(r)))]
        assert len(whole) >= least, size
    panel.set_query("qqqzzz")
    label = panel.count_label
    qtbot.waitUntil(lambda: label.heightForWidth(label.width()) <= label.height())  # wrapped, not clipped
    text = label.text()
    assert "No hits for “qqqzzz”" in text and "spelling" in text
    assert label.isVisible() and _ink(label) > 200


def test_a_back_link_highlight_clears_when_the_reader_searches(window, qtbot, paper):
    """The sentence a back-link marked (light blue) is no longer painted once the reader searches,
    picks another reference or clicks in the text."""
    from PySide6.QtCore import QPoint, Qt

    from oqu.ui.textdoc import COLORS

    view = window.paper_view
    marker = paper.markers[-1]
    window.citation_pane.markerRequested.emit(marker.index)
    qtbot.wait(50)
    assert _colour_pixels(view.text.viewport(), COLORS["sentence"]) > 500
    window.search_panel.set_query("Tokayev")
    qtbot.wait(50)
    assert view.highlighter.spans("sentence") == []
    assert _colour_pixels(view.text.viewport(), COLORS["sentence"]) == 0
    window.search_panel.set_query("")
    window.citation_pane.markerRequested.emit(marker.index)
    qtbot.wait(50)
    assert view.highlighter.spans("sentence")
    other = next(r.n for r in paper.references if r.n != marker.ref)
    window.citation_pane.select_reference(other)
    qtbot.wait(50)
    assert _colour_pixels(view.text.viewport(), COLORS["sentence"]) == 0
    window.citation_pane.markerRequested.emit(marker.index)
    qtbot.wait(50)
    assert _colour_pixels(view.text.viewport(), COLORS["sentence"]) > 500
    qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # a click in the text
    qtbot.wait(50)
    assert _colour_pixels(view.text.viewport(), COLORS["sentence"]) == 0


def _luminance(c) -> float:
    def f(v: int) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
    return 0.2126 * f(c.red()) + 0.7152 * f(c.green()) + 0.0722 * f(c.blue())


def contrast(a, b) -> float:
    """WCAG's contrast ratio of two colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _strongest(image, rect, background) -> float:
    """The contrast of a glyph's core against ``background``: the highest over the rect's pixels
    (anti-aliased edges are in between)."""
    rect = rect.intersected(image.rect())
    return max((contrast(image.pixelColor(x, y), background)
                for x in range(rect.left(), rect.right() + 1) for y in range(rect.top(), rect.bottom() + 1)),
               default=0.0)


def link_contrasts(browser) -> list[tuple[str, float]]:
    """Each link in view in a text browser and its text's contrast against the background
    beside it, measured in a grab of the viewport."""
    from PySide6.QtCore import QRect

    from oqu.ui.textdoc import cursor_for, fragments

    image = browser.viewport().grab().toImage()
    found = []
    document = browser.document()
    for fragment in fragments(document):
        href = fragment.charFormat().anchorHref()
        if not href:
            continue
        first = browser.cursorRect(cursor_for(document, fragment.position(), fragment.position()))
        last = browser.cursorRect(cursor_for(document, fragment.position() + 1, fragment.position() + 1))
        rect = QRect(first.left(), first.top(), max(4, last.left() - first.left()), first.height())
        if image.rect().contains(rect):
            background = image.pixelColor(max(0, rect.left() - 3), rect.top() + 1)
            found.append((href, _strongest(image, rect, background)))
    return found


def _label_link_contrast(label) -> float:
    """The contrast of a "Source: … [6] …" label's links: measured right of its plain prefix."""
    from PySide6.QtCore import QRect

    image = label.grab().toImage()
    prefix = label.text().split("<a ")[0]
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument()
    doc.setHtml(prefix)
    start = label.fontMetrics().horizontalAdvance(doc.toPlainText()) + 8
    rect = QRect(start, 0, min(150, image.width() - start), image.height())
    return _strongest(image, rect, image.pixelColor(image.width() - 2, 1))


def _check_links(window, qtbot, theme: str) -> None:
    pane, view = window.citation_pane, window.paper_view
    pane.select_reference(6)  # cited twice (back-links) and with a URL
    window.show_tab("paper")
    view.scroll_to_anchor("marker-0")
    qtbot.wait(50)
    measured = {"details": link_contrasts(pane.details), "paper": link_contrasts(view.text)}
    window.show_tab("abstract")
    qtbot.wait(20)
    measured["abstract"] = link_contrasts(window.abstract_view.browsers["en"])
    for where, links in measured.items():
        assert links, (theme, where)
        for href, ratio in links:
            assert ratio >= 4.5, (theme, where, href, ratio)
    assert {h.split(":")[0] for h, _r in measured["details"]} >= {"marker", "https"}
    window.show_tab("tables")
    qtbot.waitUntil(lambda: 1 in window.tables_view.pages)
    sources = window.tables_view.pages[1].sources
    qtbot.waitUntil(sources.isVisible)
    assert _label_link_contrast(sources) >= 4.5, theme


def test_links_keep_aa_contrast_in_both_themes_set_at_start_and_switched_live(window, qtbot):
    """Reference details (back-links, URL), markers in the text, the abstract's e-mail and a
    table's "Source:" links stay at least 4.5:1 against their background: in the light theme,
    after switching live to the dark one from View, and back."""
    _check_links(window, qtbot, "light")
    window.findChild(type(window.quit_action), "theme-dark").trigger()
    qtbot.wait(50)
    _check_links(window, qtbot, "dark")
    window.findChild(type(window.quit_action), "theme-light").trigger()
    qtbot.wait(50)
    _check_links(window, qtbot, "light again")


def test_a_dark_window_is_dark(window, qtbot):
    """At 1280x800 in the dark theme, every tab (the charts too) is at most 5 % near-white."""
    window.set_theme("dark")
    window.citation_pane.select_reference(6)
    for tab in ("abstract", "paper", "tables"):
        window.show_tab(tab)
        qtbot.wait(200 if tab == "tables" else 50)
        assert _near_white_share(window.grab().toImage()) <= 0.05, tab


def test_zoom_keeps_the_passage_at_the_top(window, qtbot):
    """At Table 2 in the paper, Ctrl++ twice (and Ctrl+- once) keeps Table 2 at the top of the view."""
    from PySide6.QtCore import QPoint, Qt

    window.show_tab("paper")
    view = window.paper_view
    view.scroll_to_anchor("table-2")
    qtbot.wait(50)

    def top() -> str:
        return view.text.cursorForPosition(QPoint(0, 4)).block().text()

    assert top().startswith("Table 2:")
    for key in (Qt.Key.Key_Plus, Qt.Key.Key_Plus, Qt.Key.Key_Minus):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(30)
        assert top().startswith("Table 2:"), (window.zoom, top()[:50])
    assert window.zoom == 110


def test_zoom_scales_every_pane_the_reader_reads(window, qtbot):
    """Ctrl++ twice makes the text 125 % in the abstract, the paper, a table and its chart's
    labels, the references (list and details) and the search hits; their pictures grow too."""
    from PySide6.QtWidgets import QApplication

    base = QApplication.font().pointSizeF()
    window.show_tab("tables")
    qtbot.waitUntil(lambda: 1 in window.tables_view.pages)
    page = window.tables_view.pages[1]
    window.citation_pane.select_reference(2)
    window.search_panel.set_query("digital")
    row_before = page.view.rowHeight(0)
    header = page.view.horizontalHeader()
    header_before = (header.font().pointSizeF(), header.height())
    names_before = page.chart.panels[0].plot.getAxis("left").width()
    item_before = window.citation_pane.list.visualItemRect(window.citation_pane.list.item(0)).height()
    for _ in range(2):
        window.zoom_in_action.trigger()
    qtbot.wait(50)
    expected = base * 1.25
    sizes = {
        "abstract": window.abstract_view.browsers["en"].document().defaultFont().pointSizeF(),
        "paper": window.paper_view.text.document().defaultFont().pointSizeF(),
        "table": page.view.font().pointSizeF(),
        "chart ticks": page.chart.panels[0].plot.getAxis("left").style["tickFont"].pointSizeF(),
        "references": window.citation_pane.list.font().pointSizeF(),
        "reference details": window.citation_pane.details.document().defaultFont().pointSizeF(),
        "search hits": window.search_panel.results.font().pointSizeF(),
    }
    for where, size in sizes.items():
        assert abs(size - expected) < 0.01, (where, size)
    assert page.view.rowHeight(0) > row_before  # measured: rows, names and entries are larger
    # The column headings too (Qt gives headers a font of their own, which a table's zoom missed).
    assert abs(header.font().pointSizeF() - header_before[0] * 1.25) < 0.01, (header.font().pointSizeF(), header_before)
    assert header.height() > header_before[1]
    assert page.chart.panels[0].plot.getAxis("left").width() > names_before
    qtbot.waitUntil(lambda: window.citation_pane.list.visualItemRect(
        window.citation_pane.list.item(0)).height() > item_before)
    window.zoom_reset_action.trigger()
    assert abs(window.search_panel.results.font().pointSizeF() - base) < 0.01


def clipped_widgets(root) -> list:
    """Visible labels, buttons and tabs whose text does not fit where it is drawn."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QTabBar, QWidget

    found = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        if isinstance(w, QLabel) and w.text():
            if w.wordWrap():
                if w.heightForWidth(w.width()) > w.height() + 1:
                    found.append(("wrapped label", w.objectName(), w.text()[:40]))
            elif w.sizeHint().width() > w.width() + 1 or w.minimumSizeHint().height() > w.height() + 1:
                found.append(("label", w.objectName(), w.text()[:40]))
        elif isinstance(w, (QAbstractButton, QComboBox)) and not isinstance(w.parent(), QTabBar):
            if w.sizeHint().width() > w.width() + 1:
                found.append(("button", w.objectName(), getattr(w, "text", lambda: "")()))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                text = w.tabText(i).replace("&&", "&")
                if w.tabRect(i).width() < w.fontMetrics().horizontalAdvance(text) + 8:
                    found.append(("tab", w.objectName(), text))
    return found


def test_the_window_goes_down_to_1024x640_with_nothing_clipped(window, qtbot):
    """At 1024x640 the window really is that size on every tab (each of the three tables too), in
    every language: no label, button or tab is cut, no text needs a sideways scroll bar."""
    from oqu.ui.language import manager

    window.show_tab("tables")
    qtbot.waitUntil(lambda: 1 in window.tables_view.pages and window.tables_view.pages[1].isVisible())
    qtbot.wait(100)  # laid out: the charts' minimum has reached the window
    window.show_tab("abstract")
    qtbot.wait(50)
    window.resize(1024, 640)
    for lang in ("en", "ru", "kk"):
        manager().apply(lang)
        for tab in ("abstract", "paper"):
            window.show_tab(tab)
            qtbot.wait(50)
            assert (window.width(), window.height()) == (1024, 640), (lang, tab)
            assert clipped_widgets(window) == [], (lang, tab)
            browsers = [window.paper_view.text] if tab == "paper" else [window.abstract_view.tabs.currentWidget()]
            for browser in browsers:
                assert browser.horizontalScrollBar().maximum() == 0, (lang, tab)
                assert browser.viewport().width() > 400
        window.show_tab("tables")
        for table in (1, 2, 3):
            window.tables_view.show_table(table)
            qtbot.waitUntil(lambda t=table: window.tables_view.pages[t].isVisible())
            qtbot.wait(100)
            assert (window.width(), window.height()) == (1024, 640), (lang, table)
            assert clipped_widgets(window) == [], (lang, table)
    assert window.citation_pane.list.viewport().height() > 60  # a reference at least, and its details
    assert window.citation_pane.details.viewport().height() > 60


CYRILLIC = re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")
KEEP_LATIN = {"DOI", "URL", "CSL", "IMD", "CPI", "Oqu", "sic"}


def _latin_words(text: str) -> set[str]:
    """Latin words of our own sentence: quoted words of the paper (« »), addresses, identifiers
    and abbreviations aside."""
    text = re.sub(r"«[^»]*»|https?://\S+|\S*_\S*|\S*/\S*|\[\d+\]|\b[\w-]+\.(?:org|com|net|kz|ru)\b", " ", text)
    return {w for w in re.findall(r"[A-Za-z]{2,}", text)} - KEEP_LATIN


def _lines(document) -> list[str]:
    lines, block = [], document.begin()
    while block.isValid():
        lines += [x for x in block.text().split("\u2028") if x.strip()]
        block = block.next()
    return lines


@pytest.mark.parametrize("code", ["ru", "kk"])
def test_no_sentence_is_built_from_two_languages(window, qtbot, paper, code):
    """In Russian and Kazakh, what Oqu says is wholly in that language, what the paper prints is
    shown as printed on its own (a section heading in a list, "As printed: …"), and our notes and
    remarks about the paper come translated: over every reference's details and tooltips, the
    contents list, the notes in the text and on the tables tab, the table sources."""
    import re as _re

    from oqu.core import citations
    from oqu.ui.language import manager

    manager().apply(code)
    qtbot.wait(20)
    pane = window.citation_pane
    headings = {s.title for s in paper.sections}
    for ref in paper.references:
        pane.select_reference(ref.n)
        printed = {ref.printed, ref.transliterated, citations.format_reference(ref, pane.current_style())}
        for line in _lines(pane.details.document()):
            if _re.sub(r" \([\d, ]+\)$", "", line) in headings:
                continue  # a place it is cited: the paper's heading, alone on its line
            label, _sep, value = line.partition(": ")
            if value in printed:
                line = label  # "As printed: <the entry as printed>"
            assert not _latin_words(line), (ref.n, line)
        tooltip = pane.list.item(ref.n - 1).toolTip()
        for line in filter(None, _re.sub(r"<[^>]+>", "\n", tooltip).split("\n")):
            assert not _latin_words(line), (ref.n, line)
    from oqu.ui.search_panel import location

    for query in ("digital", "Қазақстан", "Kazakhstan"):
        for hit in window.search_panel.index.search(query, limit=500):
            where = location(paper, hit)
            section, _sep, ours = where.rpartition(" · ")
            assert section in headings | {""} and CYRILLIC.search(ours) and not _latin_words(ours), where
    window.show_tab("paper")
    toc = [window.paper_view.toc.item(i).text().strip() for i in range(window.paper_view.toc.count())]
    assert not any(CYRILLIC.search(entry) for entry in toc), toc  # the paper's contents, as printed
    assert set(toc) - headings == {"Table 1", "Table 2", "Table 3", "References"}
    text = window.paper_view.text.toPlainText()
    for table in paper.tables:
        for note in table.notes_in(code):
            assert note in text and note not in table.notes
            assert not _latin_words(note), note
        assert not any(note in text for note in table.notes)
    window.show_tab("tables")
    for table in paper.tables:
        window.tables_view.show_table(table.id)
        page = window.tables_view.pages[table.id]
        qtbot.waitUntil(page.isVisible)
        notes = _re.sub(r"<[^>]+>", " ", page.title.toolTip())
        assert CYRILLIC.search(notes) and not _latin_words(notes), notes
        sources = _re.sub(r"<a [^>]*>.*?</a>", "", page.sources.text())  # the links: titles as printed
        assert CYRILLIC.search(sources) and not _latin_words(sources), sources


def test_the_bundle_checks_its_translations_of_our_notes_and_remarks(bundle_copy):
    """A notes_i18n list of the wrong length, or a remark translation that is not text, is named
    with its file; the rest of the paper still loads."""
    import json

    from oqu.core import load_bundle

    path = bundle_copy / "tables.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["tables"][0]["notes_i18n"]["ru"] = data["tables"][0]["notes_i18n"]["ru"][:-1]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    path = bundle_copy / "references.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["references"][0]["remarks"][0]["text_i18n"] = {"kk": 5, "de": "Titel"}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    result = load_bundle(bundle_copy)
    problems = [str(p) for p in result.problems]
    assert any("tables.json" in p and "notes_i18n.ru" in p and "7 texts" in p for p in problems), problems
    assert any("references.json" in p and "text_i18n.kk" in p for p in problems), problems
    assert any("references.json" in p and "'de'" in p for p in problems), problems
    assert len(problems) == 3
    assert result.paper.table(1).notes_in("ru") == result.paper.table(1).notes  # falls back to English
    assert len(result.paper.references) == 26


@pytest.fixture(scope="module")
def paper_pdf(tmp_path_factory):
    """The paper saved as PDF (as Ctrl+Shift+S does), its pages' text and 72-dpi pictures."""
    import subprocess

    import pypdf

    from oqu.core import load_bundle
    from oqu.ui.app import application
    from oqu.ui.printing import write_pdf

    application()
    folder = tmp_path_factory.mktemp("pdf")
    pdf = folder / "paper.pdf"
    write_pdf(load_bundle().paper, pdf)
    subprocess.run(["pdftoppm", "-r", "72", "-png", str(pdf), str(folder / "page")], check=True)
    import unicodedata

    texts = [unicodedata.normalize("NFKC", p.extract_text()) for p in pypdf.PdfReader(pdf).pages]
    pictures = sorted(folder.glob("page-*.png"))
    assert len(pictures) == len(texts)
    return texts, pictures


def _tokens(text: str) -> list[str]:
    return text.split()


def test_pdf_keeps_each_table_with_its_caption_and_breaks_headers_between_words(paper_pdf, paper):
    """Each table's caption, header, every row and source line are on one page; a header word
    (e.g. "competitiveness") is never split over two lines."""
    texts, _pictures = paper_pdf
    for table in paper.tables:
        caption = f"Table {table.id}:"
        pages = [i for i, t in enumerate(texts) if caption in " ".join(_tokens(t))]
        assert len(pages) == 1, (caption, pages)
        page = texts[pages[0]]
        tokens = _tokens(page)
        for row in table.rows:
            assert row["country"].split()[-1] in tokens, (caption, row["country"])
        assert " ".join(_tokens(table.source_note))[:40] in " ".join(tokens), caption
        for column in table.columns:
            for word in _tokens(column.header):
                assert word in tokens, (caption, word)


def test_pdf_margins_are_those_of_a_printed_article(paper_pdf):
    """Measured in the pictures of the pages: the text starts 20-25 mm from the left edge, ends
    within 20-25 mm of the right one (on a full page of text) and 20-25 mm below the top."""
    from PySide6.QtGui import QImage

    _texts, pictures = paper_pdf
    mm = 72 / 25.4
    lefts, rights, tops = [], [], []
    for path in pictures:
        image = QImage(str(path))
        ink = [(x, y) for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y).lightness() < 128]
        lefts.append(min(x for x, _y in ink))
        rights.append(image.width() - max(x for x, _y in ink))
        tops.append(min(y for _x, y in ink))
    assert 19 * mm <= min(lefts) <= 25 * mm, min(lefts) / mm
    assert 19 * mm <= min(rights) <= 25 * mm, min(rights) / mm
    assert 19 * mm <= min(tops) <= 25 * mm, min(tops) / mm


def test_pdf_keeps_each_title_and_author_block_on_one_page(paper_pdf, paper):
    """The Russian (and each other) block of title, authors and abstract heading is not split
    over two pages."""
    texts, _pictures = paper_pdf
    joined = [" ".join(_tokens(t)) for t in texts]
    for lang in ("en", "ru", "kk"):
        title = " ".join(_tokens(paper.title[lang]))[:30]
        [page] = [i for i, t in enumerate(joined) if title in t]
        for author in paper.authors:
            assert " ".join(_tokens(author.name[lang])) in joined[page], (lang, author.name[lang])
            assert " ".join(_tokens(author.affiliation[lang]))[:20] in joined[page], lang
        assert paper.abstract_heading[lang] in joined[page], lang


def _cell_contrast(view, index) -> float:
    """The contrast of a table cell's text against the cell's own background, in a grab."""
    rect = view.visualRect(index)
    image = view.viewport().grab(rect).toImage()
    return _strongest(image, image.rect(), image.pixelColor(1, 1))


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_greyed_and_marked_text_keeps_aa_contrast(window, qtbot, theme):
    """Placeholder text in empty fields, a table's "no data" cells and the World Bank
    differences marked in light red stay at least 4.5:1 against their own background."""
    from PySide6.QtCore import Qt

    from helpers import WORLDBANK

    window.set_theme(theme)
    window.show_tab("tables")
    qtbot.waitUntil(lambda: 1 in window.tables_view.pages)
    page = window.tables_view.pages[1]
    qtbot.waitUntil(page.view.isVisible)
    for field in (window.search_panel.field, page.filter):
        field.clear()
        image = field.grab().toImage()
        text_area = image.rect().adjusted(6, 4, -image.width() // 2, -4)
        assert _strongest(image, text_area, image.pixelColor(image.width() // 2, image.height() // 2)) >= 4.5
    proxy = page.view.model()
    missing = next(proxy.index(r, c) for r in range(proxy.rowCount()) for c in range(1, proxy.columnCount())
                   if proxy.index(r, c).data() and not any(ch.isdigit() for ch in proxy.index(r, c).data()))
    page.view.scrollTo(missing)
    qtbot.wait(20)
    assert _cell_contrast(page.view, missing) >= 4.5, missing.data()
    path = next(WORLDBANK.glob("API_IT.CEL.SETS*.csv"))
    assert window.tables_view.load_worldbank(str(path))
    diff_page = window.tables_view.pages[2]
    qtbot.waitUntil(diff_page.differences.isVisible)
    model = diff_page.differences.model()
    differing = [model.index(r, 0) for r in range(model.rowCount())
                 if model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole)]
    assert differing
    diff_page.differences.scrollTo(differing[0])
    qtbot.wait(20)
    assert _cell_contrast(diff_page.differences, differing[0]) >= 4.5


def test_headless_commands_do_not_create_or_touch_settings(tmp_path):
    """`oqu smoke` (which opens the whole window) and a chart export run without creating the
    reader's settings folder."""
    config = tmp_path / "config"
    env = {"OQU_CONFIG_DIR": str(config)}
    result = run_cli("smoke", env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    result = run_cli("export", "chart", "2", "--format", "png", "-o", str(tmp_path / "c.png"), env=env)
    assert result.returncode == 0, result.stderr
    assert not config.exists()


def test_a_zoomed_table_keeps_two_rows_in_view(window, qtbot):
    """At 200 % in a 1280 x 800 window the chart needs most of the height; the table above it keeps
    room for its headings and two rows (its least height follows the zoomed font; it was left at
    the 100 % rows', less than one row in view)."""
    window.resize(1280, 800)
    window.show_tab("tables")
    qtbot.waitUntil(lambda: 1 in window.tables_view.pages)
    page = window.tables_view.pages[1]
    rows_before = page.view.rowHeight(0)
    window.set_zoom(200)
    qtbot.wait(50)
    rows = page.view.rowHeight(0)
    assert rows > 1.5 * rows_before  # the rows did grow with the zoom
    bar = page.view.horizontalScrollBar()
    room = page.view.viewport().height() + (bar.height() if bar.isVisible() else 0)
    assert room >= 2 * rows, (room, rows)
    assert page.view.rowAt(rows + 2) == 1  # the second row shows
