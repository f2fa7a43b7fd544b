"""The window with bad input: a broken bundle opens with its problems; markup from the bundle stays text."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QLabel, QListWidget, QMessageBox, QTextEdit,
                               QWidget)

from oqu.core import load_bundle

from helpers import edit_bundle_json, run_cli


edit_json = edit_bundle_json


def open_window(qtbot, folder: Path):
    from oqu.ui.language import manager
    from oqu.ui.main_window import MainWindow

    manager().apply("en")
    result = load_bundle(folder)
    win = MainWindow(result.paper, remember_language=False)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    return win, result.problems


# -- a broken bundle ------------------------------------------------------------------

def damage(bundle: Path) -> None:
    """Three everyday hand-edit slips: a decimal comma in a CSV, a marker renumbered, a bad date."""
    csv = bundle / "tables" / "table2.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace("118.3", "118,3", 1), encoding="utf-8")
    body = bundle / "body.md"
    body.write_text(body.read_text(encoding="utf-8").replace("[1]", "[27]", 1), encoding="utf-8")
    edit_json(bundle / "references.json",
              lambda refs: refs[4]["csl"].update(accessed={"date-parts": [[2021, 13, 3]]}))


def empty_a_table(bundle: Path) -> None:
    """A CSV column deleted: the table loses all its rows (its title and sources stay)."""
    csv = bundle / "tables" / "table2.csv"
    csv.write_text("\n".join(l.rsplit(",", 1)[0] for l in csv.read_text(encoding="utf-8").splitlines()),
                   encoding="utf-8")


def test_a_broken_bundle_opens_with_its_problems_and_shows_what_is_valid(qtbot, bundle_copy):
    """A damaged bundle opens: one dialog lists every problem, and each page draws what is valid."""
    from oqu.ui.headless import blank

    damage(bundle_copy)
    win, problems = open_window(qtbot, bundle_copy)
    listed = [str(p) for p in problems]
    assert "tables/table2.csv:2: wrong number of fields" in listed  # "118,3" splits the row
    assert any(p.endswith(": marker [27] cites no reference") for p in listed)
    assert ('references.json ([4].csl.accessed): expected {"date-parts": [[year, month, day]]} with a real date'
            in listed)

    win.show_problems(problems)
    box = win.findChild(QMessageBox, "problemsDialog")
    qtbot.waitUntil(box.isVisible)
    assert box.text() == f"The paper bundle has {len(problems)} problem(s). What is valid is shown."
    assert box.detailedText().splitlines() == listed
    assert box.findChild(QTextEdit).toPlainText() == box.detailedText()  # selectable, to copy

    # What is valid still shows: the other tables, every section, all 26 references.
    for tab in ("abstract", "paper", "tables"):
        win.show_tab(tab)
        qtbot.wait(10)
        assert not blank(win.tabs.currentWidget().grab()), tab  # something is drawn on each page
    assert win.citation_pane.list.count() == 26
    paper_text = win.paper_view.text.toPlainText()
    assert "Conclusion" in paper_text and "[27]" in paper_text
    assert [t.id for t in win.paper.tables] == [1, 2, 3]
    assert len(win.paper.table(2).rows) == len(win.paper.table(3).rows) - 1  # only the broken row is out
    assert "accessed" not in win.paper.reference(5).csl  # the bad date is left out, the rest is kept
    assert win.paper.reference(5).title


def test_oqu_check_lists_the_same_problems(bundle_copy):
    """``oqu check`` lists the same problems the window opens with, with no traceback."""
    damage(bundle_copy)
    result = run_cli("check", "--bundle", str(bundle_copy))
    assert result.returncode == 1
    assert [l.strip() for l in result.stdout.splitlines()[1:]] == [str(p) for p in load_bundle(bundle_copy).problems]
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("exit_after", ["paint", "charts"])
def test_oqu_bundle_dir_opens_the_window_and_paints(bundle_copy, exit_after):
    """The real command: ``oqu --bundle DIR`` on a broken bundle paints its window, no traceback."""
    damage(bundle_copy)
    result = run_cli("--bundle", str(bundle_copy), "--lang", "en", env={"OQU_EXIT_AFTER": exit_after})
    assert result.returncode == 0, result.stderr
    assert f"oqu-bench {exit_after}" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_table_without_rows_shows_its_empty_chart(bundle_copy):
    """In a subprocess: an error in a chart's showEvent can crash the process (see oqu.ui.errors)."""
    empty_a_table(bundle_copy)
    result = run_cli("--bundle", str(bundle_copy), "--lang", "en", env={"OQU_EXIT_AFTER": "charts"})
    assert result.returncode == 0, result.stderr[-1500:]


# -- markup from the bundle is text ---------------------------------------------------------

EVIL_LINK = '<a href="http://evil.example/">evil</a>'
MARK = f'<i>it</i>{EVIL_LINK}<img src="evil.png"><script>x()</script>'
RENDERED = ('href="http://evil.example/"', 'src="evil.png"')  # how markup would look once rendered


def add_markup(bundle: Path, *, note_first: bool = False) -> None:
    edit_json(bundle / "paper.json", lambda p: (p["title"].update(en=p["title"]["en"] + " " + MARK),
                                               p["abstract"]["en"].__setitem__(0, MARK + p["abstract"]["en"][0])))
    # the alignment repeats the front matter's text: the same markup there (Side by side shows it)
    edit_json(bundle / "alignment.json", lambda a: (a["title"][0].update(en=a["title"][0]["en"] + " " + MARK),
                                                   a["abstract"][0].update(en=MARK + a["abstract"][0]["en"])))
    body = bundle / "body.md"
    lines = body.read_text(encoding="utf-8").splitlines()
    first_paragraph = next(i for i, l in enumerate(lines) if l and not l.startswith("#"))
    lines[first_paragraph] = MARK + " " + lines[first_paragraph]
    body.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def tables(data):
        data[0]["title"] += " " + MARK
        data[0]["notes"].insert(0 if note_first else len(data[0]["notes"]), "A note " + MARK)
        for notes in data[0].get("notes_i18n", {}).values():  # its translations, at the same place
            notes.insert(0 if note_first else len(notes), "Заметка " + MARK)
        data[0]["columns"][0]["label"]["en"] += " " + MARK
    edit_json(bundle / "tables.json", tables)

    def refs(data):
        data[0]["printed"] += " " + MARK
        data[0]["csl"]["title"] += " " + MARK
        data[0]["remarks"][0]["text"] += " " + MARK
    edit_json(bundle / "references.json", refs)


def rich_texts(win) -> list[tuple[str, str]]:
    """Every text in the window that Qt would render as HTML, with where it is."""
    found = []
    for w in [win, *win.findChildren(QWidget)]:
        if isinstance(w, QTextEdit):
            found.append((f"{type(w).__name__} {w.objectName()}", w.document().toHtml()))
        if isinstance(w, QLabel) and (w.textFormat() == Qt.TextFormat.RichText or (
                w.textFormat() == Qt.TextFormat.AutoText and QtGui_Qt.mightBeRichText(w.text()))):
            found.append((f"QLabel {w.objectName()}", w.text()))
        if w.toolTip() and QtGui_Qt.mightBeRichText(w.toolTip()):  # tooltips are rich text when they look so
            found.append((f"tooltip of {type(w).__name__} {w.objectName()}", w.toolTip()))
        if isinstance(w, QListWidget):
            for i in range(w.count()):
                tip = w.item(i).toolTip()
                if tip and QtGui_Qt.mightBeRichText(tip):
                    found.append((f"tooltip of item {i} in {w.objectName()}", tip))
        if isinstance(w, QAbstractItemView) and w.model() is not None and not isinstance(w, QListWidget):
            model = w.model()
            for row in range(model.rowCount()):
                for col in range(model.columnCount()):
                    tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and QtGui_Qt.mightBeRichText(tip):
                        found.append((f"tooltip of cell {row},{col} in {w.objectName()}", tip))
    return found


def test_markup_in_titles_notes_and_references_is_shown_as_text(qtbot, bundle_copy):
    """HTML in titles, a table note, column labels and references is shown as text everywhere in the window."""
    check_markup_is_text(qtbot, bundle_copy, note_first=False)


def test_markup_in_the_first_table_note_is_shown_as_text(qtbot, bundle_copy):
    """HTML in a table's first note is shown as text, as in any other place."""
    check_markup_is_text(qtbot, bundle_copy, note_first=True)


def check_markup_is_text(qtbot, bundle_copy, *, note_first: bool) -> None:
    add_markup(bundle_copy, note_first=note_first)
    win, problems = open_window(qtbot, bundle_copy)
    assert problems == []  # markup is valid text: the bundle loads, and must be shown safely
    win.citation_pane.select_reference(1)
    for tab in ("abstract", "paper", "tables"):
        win.show_tab(tab)
        qtbot.wait(20)
    texts = rich_texts(win)
    assert len(texts) > 5
    rendered = [(where, needle) for where, html in texts for needle in RENDERED if needle in html]
    assert rendered == [], rendered

    # ...and the reader sees the characters as typed.
    abstract_text = "\n".join(b.toPlainText() for b in win.abstract_view.browsers.values())
    assert MARK in abstract_text
    paper_text = win.paper_view.text.toPlainText()
    assert MARK + " " in paper_text and "A note " + MARK in paper_text
    assert MARK in win.citation_pane.details.toPlainText()


def test_no_data_link_is_opened_without_a_click(qtbot, bundle_copy, monkeypatch):
    """Opening the window with links in the data opens nothing by itself."""
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toString())))
    add_markup(bundle_copy)
    win, _problems = open_window(qtbot, bundle_copy)
    for tab in ("abstract", "paper", "tables"):
        win.show_tab(tab)
        qtbot.wait(20)
    win.citation_pane.select_reference(1)
    QApplication.processEvents()
    assert opened == []
