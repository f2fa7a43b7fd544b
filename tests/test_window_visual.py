"""What the reader sees, measured on rendered pictures: screenshots, sizes, colours, places."""
from __future__ import annotations

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


def test_screenshot_size_is_checked():
    """A malformed --size is a usage error (exit 2, one line)."""
    for size in ("1280", "1280x", "axb", "10x10"):
        result = run_cli("screenshot", "--size", size, "-o", "x.png")
        assert result.returncode == 2, size
        assert len(result.stderr.strip().splitlines()) == 1


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
    """At 1280x800 (and 1024x640) at least three whole hits are in view; no hits says what was
    searched and what to try."""
    panel = window.search_panel
    for size in ((1280, 800), (1024, 640)):
        window.resize(*size)
        panel.set_query("digital")
        qtbot.wait(50)
        view = panel.results.viewport().rect()
        whole = [r for r in range(panel.results.count())
                 if view.contains(panel.results.visualItemRect(panel.results.item(r)))]
        assert len(whole) >= 3, size
    panel.set_query("qqqzzz")
    label = panel.count_label
    qtbot.waitUntil(lambda: label.heightForWidth(label.width()) <= label.height())  # wrapped, not clipped
    text = label.text()
    assert "No hits for “qqqzzz”" in text and "spelling" in text
    assert label.isVisible() and _ink(label) > 200


def test_a_back_link_highlight_clears_when_the_reader_searches(window, qtbot, paper):
    """The sentence a back-link marked (light blue) is no longer painted once the reader searches
    or picks another reference."""
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
