"""The abstract in English, Russian and Kazakh: a tab each, and all three side by side.

Each piece of text carries an anchor named by its search unit's key
(``oqu.core.search.paper_units``), so search hits are found where they stand.
"""
from __future__ import annotations

from itertools import zip_longest
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from oqu.core.model import LANGS, Paper
from oqu import i18n
from oqu.i18n import LANGUAGES, _
from oqu.ui.common import Retranslating, esc
from oqu.ui.textdoc import PRE, Highlighter, anchor_positions, find_in_document, reveal, set_zoom, text_at

if TYPE_CHECKING:
    from oqu.core.search import Hit

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


def side_by_side_html(paper: Paper) -> str:
    """All three blocks in columns, one row per piece: translations line up paragraph by paragraph."""
    rows = [[_title(paper, lang) for lang in LANGS]]
    rows += [[_author(paper, lang, i) for lang in LANGS] for i in range(len(paper.authors))]
    rows.append([_heading(paper, lang) for lang in LANGS])
    paragraphs = zip_longest(*(paper.abstract.get(lang, []) for lang in LANGS))
    rows += [[_paragraph(lang, i, text) for lang, text in zip(LANGS, row)] for i, row in enumerate(paragraphs)]
    rows.append([_keywords(paper, lang) for lang in LANGS])
    head = "".join(f'<th width="33%">{esc(LANGUAGES[lang])}</th>' for lang in LANGS)
    body = "".join("<tr>" + "".join(f'<td valign="top" lang="{lang}">{cell}</td>'
                                    for lang, cell in zip(LANGS, row)) + "</tr>" for row in rows)
    return (f'<html><body><table width="100%" cellspacing="0" cellpadding="6"><tr>{head}</tr>'
            f"{body}</table></body></html>")


class AbstractView(Retranslating, QWidget):
    """The abstract's tabs. Only the reader's language is laid out at construction (start-up
    time); the others follow on ``ensure_rendered()``, which everything that reads them calls."""

    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("abstractView")
        self.paper = paper
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("abstractTabs")
        self.browsers: dict[str, QTextBrowser] = {}
        self._anchors: dict[str, dict[str, int]] = {}  # per language, found when first needed
        self._rendered: set[str] = set()
        self.highlighters: dict[str, Highlighter] = {}
        self.query = ""
        for lang in (*LANGS, SIDE_BY_SIDE):
            browser = QTextBrowser(self)
            browser.setObjectName(f"abstract-{lang}")
            browser.setOpenLinks(False)
            self.browsers[lang] = browser
            self.highlighters[lang] = Highlighter(browser)
            self.tabs.addTab(browser, LANGUAGES.get(lang, ""))  # each language by its own name
        self.zoom = 100
        self.render([i18n.current_language()])
        self.show_language(i18n.current_language())  # the reader's own language first
        self.tabs.currentChanged.connect(lambda _i: self.ensure_rendered())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        index = list(self.browsers).index(SIDE_BY_SIDE)
        self.tabs.setTabText(index, _("Side by side"))
        self.tabs.setTabToolTip(index, _("The three languages next to each other, paragraph by paragraph"))

    def render(self, langs=None) -> None:
        """(Re)build the documents (all, or ``langs``): at start and when the theme changes
        (links take its colours)."""
        for lang in langs or list(self.browsers):
            browser = self.browsers[lang]
            browser.setHtml(side_by_side_html(self.paper) if lang == SIDE_BY_SIDE
                            else abstract_html(self.paper, lang))
            set_zoom(browser, self.zoom)
            self._anchors.pop(lang, None)
            self._rendered.add(lang)
            hits = find_in_document(browser.document(), self.query, self.paper.spellings)
            self.highlighters[lang].replace({"search": hits})

    def ensure_rendered(self) -> None:
        missing = [lang for lang in self.browsers if lang not in self._rendered]
        if missing:
            self.render(missing)

    def anchors(self, lang: str) -> dict[str, int]:
        """Where each anchor of ``lang``'s document stands (its search units start there)."""
        self.ensure_rendered()
        if lang not in self._anchors and lang in self.browsers:
            self._anchors[lang] = anchor_positions(self.browsers[lang].document())
        return self._anchors.get(lang, {})

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
        self.ensure_rendered()
        for lang, browser in self.browsers.items():
            hits = find_in_document(browser.document(), query, self.paper.spellings)
            self.highlighters[lang].replace({"search": hits})

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
