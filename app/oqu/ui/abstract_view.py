"""The abstract in English, Russian and Kazakh: a tab each, and all three side by side.

Each piece of text carries an anchor named by its search unit's key
(``oqu.core.search.paper_units``), so search hits are found where they stand.
"""
from __future__ import annotations

from itertools import zip_longest
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from oqu import i18n
from oqu.core.model import LANGS, Paper
from oqu.i18n import LANGUAGES, _
from oqu.ui.common import Retranslating, esc
from oqu.ui.page import ReadingPage, viewport
from oqu.ui.startup import BuiltLater
from oqu.ui.textdoc import (PRE, Highlighter, anchor_positions, cursor_for, find_in_document, reveal, set_zoom,
                            show_top, text_at, top_position)

if TYPE_CHECKING:
    from oqu.core.search import Hit
    from oqu.ui.quoting import CopyWithCitation

SIDE_BY_SIDE = "all"


def _a(name: str) -> str:
    return f'<a name="{esc(name)}"></a>'


def _title(paper: Paper, lang: str) -> str:
    return f"<h2 {PRE}>{_a(f'abstract-{lang}-title')}{esc(paper.title.get(lang, ''))}</h2>"


def _author(paper: Paper, lang: str, i: int) -> str:
    a = paper.authors[i]
    key = f"abstract-{lang}-author-{i}"
    star = "*" if a.corresponding else ""
    line = f"<p {PRE}><b>{_a(key + '-name')}{esc(a.name.get(lang, ''))}{star}</b><sup>{i + 1}</sup><br>"
    line += f"<i>{_a(key + '-position')}{esc(a.position.get(lang, ''))}</i><br>"
    line += f"{_a(key + '-affiliation')}{esc(a.affiliation.get(lang, ''))}"
    if a.email:
        line += f'<br><a name="{key}-email" href="mailto:{esc(a.email)}">{esc(a.email)}</a>'
    return line + "</p>"


def _heading(paper: Paper, lang: str) -> str:
    return f"<h3>{esc(paper.abstract_heading.get(lang, ''))}</h3>"


def _paragraph(lang: str, i: int, text: str | None) -> str:
    return f"<p {PRE}>{_a(f'abstract-{lang}-p-{i}')}{esc(text)}</p>" if text else ""


def _keywords(paper: Paper, lang: str) -> str:
    keywords = ", ".join(paper.keywords.get(lang, []))
    return (f"<p {PRE}><b>{esc(paper.keywords_label.get(lang, ''))}:</b> "
            f"{_a(f'abstract-{lang}-keywords')}{esc(keywords)}</p>")


def abstract_html(paper: Paper, lang: str) -> str:
    """Title, authors, abstract and keywords as the paper's ``lang`` block gives them."""
    parts = [_title(paper, lang)]
    parts += [_author(paper, lang, i) for i in range(len(paper.authors))]
    parts.append(_heading(paper, lang))
    parts += [_paragraph(lang, i, p) for i, p in enumerate(paper.abstract.get(lang, []))]
    parts.append(_keywords(paper, lang))
    return f'<html><body lang="{lang}">' + "".join(parts) + "</body></html>"


def unit_anchor(part: str, i: int, lang: str) -> str:
    """The anchor on the first character of unit ``i`` of ``part`` (data/alignment.json) in ``lang``."""
    return f"unit-{part}-{i}-{lang}"


def _aligned_title(paper: Paper, lang: str) -> str:
    units = "".join(f"{' ' if i else ''}{_a(unit_anchor('title', i, lang))}{esc(u[lang])}"
                    for i, u in enumerate(paper.alignment["title"]))
    return f"<h2 {PRE}>{_a(f'abstract-{lang}-title')}{units}</h2>"


def _aligned_keywords(paper: Paper, lang: str) -> str:
    units = ", ".join(f"{_a(unit_anchor('keywords', i, lang))}{esc(u[lang])}"
                      for i, u in enumerate(paper.alignment["keywords"]))
    return (f"<p {PRE}><b>{esc(paper.keywords_label.get(lang, ''))}:</b> "
            f"{_a(f'abstract-{lang}-keywords')}{units}</p>")


def _aligned_rows(paper: Paper) -> list[list[str]]:
    """One row per unit of the abstract: a sentence beside its translations."""
    rows = []
    next_paragraph = dict.fromkeys(LANGS, 0)
    for i, unit in enumerate(paper.alignment["abstract"]):
        row = []
        for lang in LANGS:
            paragraphs, k = paper.abstract.get(lang, []), next_paragraph[lang]
            starts = k < len(paragraphs) and paragraphs[k].startswith(unit[lang])
            anchor = _a(f"abstract-{lang}-p-{k}") if starts else ""
            next_paragraph[lang] += starts
            row.append(f"<p {PRE}>{anchor}{_a(unit_anchor('abstract', i, lang))}{esc(unit[lang])}</p>")
        rows.append(row)
    return rows


def side_by_side_html(paper: Paper) -> str:
    """All three blocks in columns, one row per piece: with the bundle's alignment the abstract
    lines up sentence by sentence (a row per unit), otherwise paragraph by paragraph."""
    aligned = all(paper.alignment.get(part) for part in ("title", "keywords", "abstract"))
    rows = [[(_aligned_title if aligned else _title)(paper, lang) for lang in LANGS]]
    rows += [[_author(paper, lang, i) for lang in LANGS] for i in range(len(paper.authors))]
    rows.append([_heading(paper, lang) for lang in LANGS])
    if aligned:
        rows += _aligned_rows(paper)
    else:
        paragraphs = zip_longest(*(paper.abstract.get(lang, []) for lang in LANGS))
        rows += [[_paragraph(lang, i, text) for lang, text in zip(LANGS, row)] for i, row in enumerate(paragraphs)]
    rows.append([(_aligned_keywords if aligned else _keywords)(paper, lang) for lang in LANGS])
    head = "".join(f'<th width="33%">{esc(LANGUAGES[lang])}</th>' for lang in LANGS)
    body = "".join("<tr>" + "".join(f'<td valign="top" lang="{lang}">{cell}</td>'
                                    for lang, cell in zip(LANGS, row)) + "</tr>" for row in rows)
    return (f'<html><body><table width="100%" cellspacing="0" cellpadding="6"><tr>{head}</tr>'
            f"{body}</table></body></html>")


def _bring_into_view(browser: QTextBrowser, start: int, end: int) -> None:
    """Scroll the least so that some of the span shows (the text cursor stays where it is)."""
    document = browser.document()
    top = browser.cursorRect(cursor_for(document, start, start)).top()
    bottom = browser.cursorRect(cursor_for(document, end, end)).bottom()
    height = browser.viewport().height()
    bar = browser.verticalScrollBar()
    if bottom < 0:  # all above the view: its start to the top
        bar.setValue(bar.value() + top - 4)
    elif top > height:  # all below: its start a third of the way down
        bar.setValue(bar.value() + top - height // 3)


class AbstractView(BuiltLater, Retranslating, QWidget):
    """The abstract's tabs. Only the reader's language is laid out at construction (start-up
    time); the others follow on ``ensure_built()`` (``oqu.ui.startup.BuiltLater``), which
    everything that reads them calls."""

    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("abstractView")
        self.paper = paper
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("abstractTabs")
        self.browsers: dict[str, QTextBrowser] = {}
        self.pages: dict[str, ReadingPage] = {}  # the single-language tabs' measure and margins
        self._anchors: dict[str, dict[str, int]] = {}  # per language, found when first needed
        self._rendered: set[str] = set()
        self.highlighters: dict[str, Highlighter] = {}
        self.query = ""
        for lang in (*LANGS, SIDE_BY_SIDE):
            browser = QTextBrowser(self)
            browser.setObjectName(f"abstract-{lang}")
            if lang != SIDE_BY_SIDE:  # three columns need the whole width
                self.pages[lang] = ReadingPage(browser, " ".join(paper.abstract.get(lang, [])))
            browser.setOpenLinks(False)
            self.browsers[lang] = browser
            self.highlighters[lang] = Highlighter(browser)
            self.tabs.addTab(browser, LANGUAGES.get(lang, ""))  # each language by its own name
        self.zoom = 100
        self._units: dict | None = None  # unit_spans(), found when first needed
        self._rendering = False
        self.copy_helpers: dict[str, CopyWithCitation] = {}  # "Copy with citation" on each tab, added by _build
        self._pending_tops: dict[str, int] = {}  # restored reading places, applied when a tab is shown
        self.hovered_unit: tuple[str, int] | None = None  # Side by side: the unit under the mouse
        self.selected_unit: tuple[str, int] | None = None  # ... and the one holding the text cursor
        side = self.browsers[SIDE_BY_SIDE]
        viewport(side).setMouseTracking(True)
        viewport(side).installEventFilter(self)
        side.cursorPositionChanged.connect(self._side_cursor_moved)
        for lang in LANGS:  # a sentence's translations as its tooltip
            viewport(self.browsers[lang]).installEventFilter(self)
        self.render([i18n.current_language()])
        self.show_language(i18n.current_language())  # the reader's own language first
        self.tabs.currentChanged.connect(lambda _i: (self.ensure_built(), self._apply_pending_tops()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setAccessibleName(_("Languages of the abstract"))
        index = list(self.browsers).index(SIDE_BY_SIDE)
        self.tabs.setTabText(index, _("Side by side"))
        self.tabs.setTabToolTip(index, _("The three languages next to each other, sentence by sentence: "
                                         "point at a sentence to see its translations"))
        for lang, browser in self.browsers.items():
            browser.setAccessibleName(_("Abstract, three languages side by side") if lang == SIDE_BY_SIDE
                                      else _("Abstract ({language})").format(language=LANGUAGES[lang]))

    def focus_chain(self) -> list[QWidget]:
        return [self.tabs.tabBar(), *self.browsers.values()]

    def render(self, langs=None) -> None:
        """(Re)build the documents (all, or ``langs``): at start and when the theme changes
        (links take its colours)."""
        for lang in langs or list(self.browsers):
            browser = self.browsers[lang]
            self._rendering = True  # setHtml moves the text cursor: no unit to look for yet
            if lang == SIDE_BY_SIDE:
                browser.setHtml(side_by_side_html(self.paper))
            else:
                self.pages[lang].set_html(abstract_html(self.paper, lang))
            self._rendering = False
            set_zoom(browser, self.zoom)
            self._anchors.pop(lang, None)
            if lang == SIDE_BY_SIDE:
                self._units = None
                self.hovered_unit = self.selected_unit = None
            self._rendered.add(lang)
            hits = find_in_document(browser.document(), self.query, self.paper.spellings)
            self.highlighters[lang].replace({"search": hits})

    def _build(self) -> None:
        """The other languages' documents, "Copy with citation" and the keyboard caret (after the first
        paint: the Qt namespace's enums cost start-up time, oqu.ui.startup)."""
        from oqu.ui.focus import caret_browsing, speak_links
        from oqu.ui.quoting import CopyWithCitation

        self.copy_helpers = {lang: CopyWithCitation(b, self.paper) for lang, b in self.browsers.items()}
        for browser in self.browsers.values():  # a caret: the arrows walk the lines (a screen reader reads them)
            caret_browsing(browser)  # and the sentences side by side
            speak_links(browser)  # the authors' e-mail addresses
        missing = [lang for lang in self.browsers if lang not in self._rendered]
        if missing:
            self.render(missing)

    def anchors(self, lang: str) -> dict[str, int]:
        """Where each anchor of ``lang``'s document stands (its search units start there)."""
        self.ensure_built()
        if lang not in self._anchors and lang in self.browsers:
            self._anchors[lang] = anchor_positions(self.browsers[lang].document())
        return self._anchors.get(lang, {})

    # -- Side by side: a unit and its translations -------------------------------------
    def unit_spans(self) -> dict[tuple[str, int], dict[str, tuple[int, int]]]:
        """(part, i) -> each language's (start, end) of that unit in the Side by side document."""
        if self._units is None:
            anchors = self.anchors(SIDE_BY_SIDE)
            self._units = {}
            for part, units in self.paper.alignment.items():
                for i, unit in enumerate(units):
                    spans = {lang: (anchors[unit_anchor(part, i, lang)],
                                    anchors[unit_anchor(part, i, lang)] + len(unit[lang]))
                             for lang in LANGS if unit_anchor(part, i, lang) in anchors}
                    if len(spans) == len(LANGS):
                        self._units[(part, i)] = spans
        return self._units

    def unit_at(self, position: int) -> tuple[str, int] | None:
        """The unit whose text holds document ``position`` (its end included), if any."""
        for key, spans in self.unit_spans().items():
            if any(start <= position <= end for start, end in spans.values()):
                return key
        return None

    def show_unit(self, key: tuple[str, int] | None, *, scroll: bool = True) -> None:
        """Highlight unit ``key`` in all three columns and (``scroll``) bring each part of it into view."""
        browser = self.browsers[SIDE_BY_SIDE]
        spans = self.unit_spans().get(key, {}) if key else {}
        self.highlighters[SIDE_BY_SIDE].set("sentence", list(spans.values()))
        for start, end in spans.values() if scroll else ():
            _bring_into_view(browser, start, end)

    def translations_at(self, lang: str, position: int) -> str:
        """For a position in ``lang``'s own tab: the other two languages' text of the unit there,
        as the tooltip's HTML (bundle text escaped), or "" outside the aligned abstract."""
        units = self.paper.alignment.get("abstract", [])
        paragraphs = self.paper.abstract.get(lang, [])
        anchors = self.anchors(lang)
        at, k = 0, 0  # walk the units through the paragraphs, as the alignment lays them
        for unit in units:
            while k < len(paragraphs) and paragraphs[k].find(unit[lang], at) < 0:
                k, at = k + 1, 0
            if k >= len(paragraphs) or f"abstract-{lang}-p-{k}" not in anchors:
                return ""
            start = anchors[f"abstract-{lang}-p-{k}"] + paragraphs[k].find(unit[lang], at)
            at = paragraphs[k].find(unit[lang], at) + len(unit[lang])
            if start <= position < start + len(unit[lang]):
                return "".join(f'<p><b>{esc(LANGUAGES[other])}</b><br>{esc(unit[other])}</p>'
                               for other in LANGS if other != lang)
        return ""

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == event.Type.ToolTip:
            lang = next((lang for lang in LANGS if obj is self.browsers[lang].viewport()), None)
            if lang:
                from PySide6.QtWidgets import QToolTip

                browser = self.browsers[lang]
                text = self.translations_at(lang, browser.cursorForPosition(event.pos()).position())
                if text:
                    QToolTip.showText(event.globalPos(), text, obj)
                else:
                    QToolTip.hideText()
                return True
        browser = self.browsers[SIDE_BY_SIDE]
        if obj is browser.viewport():
            kind = event.type()
            if kind == event.Type.MouseMove:
                unit = self.unit_at(browser.cursorForPosition(event.position().toPoint()).position())
                if unit != self.hovered_unit:
                    self.hovered_unit = unit
                    self.show_unit(unit or self.selected_unit)
            elif kind == event.Type.Leave and self.hovered_unit:
                self.hovered_unit = None
                self.show_unit(self.selected_unit)
        return super().eventFilter(obj, event)

    def _side_cursor_moved(self) -> None:
        """A click or the keyboard put the text cursor in a unit (or selected text): show its translations."""
        if self._rendering:
            return
        cursor = self.browsers[SIDE_BY_SIDE].textCursor()
        unit = self.unit_at(cursor.selectionStart() if cursor.hasSelection() else cursor.position())
        if unit != self.selected_unit:
            self.selected_unit = unit
            self.show_unit(unit)

    # -- reading places, kept across a restart ------------------------------------------
    def places(self) -> dict[str, int]:
        """Each tab's document position at the top of its view (pending ones as they wait)."""
        found = {lang: top_position(b) for lang, b in self.browsers.items() if lang in self._rendered}
        found.update(self._pending_tops)
        return found

    def restore_places(self, current, tops: dict) -> None:
        """Open tab ``current`` and scroll each tab to its saved position once it is shown."""
        if current in self.browsers:
            self.show_language(current)
        for lang, value in tops.items():
            try:
                position = int(value)
            except (TypeError, ValueError):
                continue
            if lang in self.browsers and position > 0:
                self._pending_tops[lang] = position
        self._apply_pending_tops()

    def _apply_pending_tops(self) -> None:
        """Scroll the tab on show to its saved place, once laid out for its real width."""
        lang = self.current_language()
        if lang in self._pending_tops and self.browsers[lang].isVisible():
            from PySide6.QtCore import QTimer

            def scroll():
                position = self._pending_tops.pop(lang, None)
                if position is not None:
                    show_top(self.browsers[lang], position)
            QTimer.singleShot(0, scroll)

    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        self._apply_pending_tops()

    def show_language(self, lang: str) -> None:
        self.tabs.setCurrentWidget(self.browsers[lang])

    def current_language(self) -> str:
        return list(self.browsers)[self.tabs.currentIndex()]

    def set_zoom(self, percent: int) -> None:
        self.zoom = percent
        for browser in self.browsers.values():
            set_zoom(browser, percent)

    # -- search ----------------------------------------------------------------
    def set_search(self, query: str) -> None:
        self.query = query
        self.ensure_built()
        for lang, browser in self.browsers.items():
            hits = find_in_document(browser.document(), query, self.paper.spellings)
            self.highlighters[lang].replace({"search": hits})
        if self.hovered_unit or self.selected_unit:  # the sentence shown stays shown
            self.show_unit(self.hovered_unit or self.selected_unit, scroll=False)

    def search_hits(self, lang: str) -> list[tuple[int, int]]:
        return self.highlighters[lang].spans("search")

    def show_hit(self, hit: Hit) -> bool:
        """Open the hit's language and mark the hit there."""
        lang = hit.unit.lang
        browser = self.browsers.get(lang)
        pos = self.anchors(lang).get(hit.unit.key)
        if browser is None or pos is None:
            return False
        start, end = pos + hit.start, pos + hit.end
        from oqu.core.search import fold

        if fold(text_at(browser.document(), start, end)) != fold(hit.unit.text[hit.start:hit.end]):
            return False
        for highlighter in self.highlighters.values():
            highlighter.set("current", [])
        self.highlighters[lang].set("current", [(start, end)])
        self.show_language(lang)
        reveal(browser, start, end)
        return True
