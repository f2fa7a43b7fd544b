"""The abstract in English, Russian and Kazakh, a tab each."""
from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from oqu.core.model import LANGS, Paper
from oqu.i18n import LANGUAGES
from oqu.ui.common import Retranslating, esc


def abstract_html(paper: Paper, lang: str) -> str:
    """Title, authors, abstract and keywords as the paper's ``lang`` block gives them."""
    parts = [f"<h2>{esc(paper.title.get(lang, ''))}</h2>"]
    for i, a in enumerate(paper.authors, start=1):
        star = "*" if a.corresponding else ""
        line = f"<p><b>{esc(a.name.get(lang, ''))}{star}</b><sup>{i}</sup><br>"
        line += f"<i>{esc(a.position.get(lang, ''))}</i><br>{esc(a.affiliation.get(lang, ''))}"
        if a.email:
            line += f'<br><a href="mailto:{esc(a.email)}">{esc(a.email)}</a>'
        parts.append(line + "</p>")
    parts.append(f"<h3>{esc(paper.abstract_heading.get(lang, ''))}</h3>")
    parts += [f"<p>{esc(p)}</p>" for p in paper.abstract.get(lang, [])]
    keywords = ", ".join(paper.keywords.get(lang, []))
    parts.append(f"<p><b>{esc(paper.keywords_label.get(lang, ''))}:</b> {esc(keywords)}</p>")
    return f'<html><body lang="{lang}">' + "".join(parts) + "</body></html>"


class AbstractView(Retranslating, QWidget):
    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("abstractView")
        self.paper = paper
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("abstractTabs")
        self.browsers: dict[str, QTextBrowser] = {}
        for lang in LANGS:
            browser = QTextBrowser(self)
            browser.setObjectName(f"abstract-{lang}")
            browser.setOpenLinks(False)
            browser.setHtml(abstract_html(paper, lang))
            self.browsers[lang] = browser
            self.tabs.addTab(browser, LANGUAGES[lang])  # each language by its own name
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()

    def retranslate(self) -> None:
        pass  # the tabs carry language names in their own language
