"""Comfortable pages: a readable measure, centred, with margins and a line height near 1.5.

``ReadingPage(browser, sample)`` keeps a text browser's lines near ``MEASURE`` characters
whatever its width: each paragraph and heading gets equal left and right margins -- written
into the style sheet when the text is set (``set_html``: no second layout), changed when the
view is resized or its font changes (``oqu.ui.textdoc.set_zoom`` calls ``refresh``). Tables
are left their width (they are centred by their HTML), so a wide table does not break its
words into a narrow column. The text itself is untouched: anchors and search offsets stay exact.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFontMetricsF, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QAbstractScrollArea, QTextEdit, QWidget

MEASURE = 68  # characters per line aimed at (typographers advise 60-80 for long reading)
MIN_MARGIN = 24  # pixels on either side, however narrow the window
MARGIN_STEP = 8  # pixels: the margins change in steps (a format change costs a full layout)
LINE_HEIGHT = 150  # percent of the font's line spacing
SAMPLE_CHARS = 2000  # the average letter width is measured on this much of the text's own words


def viewport(area: QAbstractScrollArea) -> QWidget:
    """``area.viewport()``, cheaply the first time: the widget Qt returns is new to PySide, which
    then looks for its Python type among all of Qt's widget classes, building their types and
    enums (~10 ms of the start); found by its object name it is simply a QWidget."""
    return area.findChild(QWidget, "qt_scrollarea_viewport") or area.viewport()


def style_sheet(margin: int) -> str:
    return (f"p {{ line-height: {LINE_HEIGHT}%; margin-left: {margin}px; margin-right: {margin}px; }} "
            f"h1, h2, h3 {{ margin-left: {margin}px; margin-right: {margin}px; }}")


class ReadingPage(QObject):
    def __init__(self, browser: QTextEdit, sample: str = ""):
        super().__init__(browser)
        self.setObjectName("readingPage")
        self.browser = browser
        self.sample = " ".join(sample.split())[:SAMPLE_CHARS] or "abcdefghijklmnopqrstuvwxyz "
        self._char_width: float | None = None
        self._margin: int | None = None  # the paragraphs' margin now
        document = browser.document()
        document.setUndoRedoEnabled(False)  # read-only text: the margins need no undo history
        document.setDocumentMargin(MIN_MARGIN)
        viewport(browser).installEventFilter(self)

    def set_html(self, html: str) -> None:
        """Set the text with the margins for the present width already in its style sheet."""
        margin = self.margin()
        self.browser.document().setDefaultStyleSheet(style_sheet(margin))
        self.browser.setHtml(html)
        self._margin = margin

    @staticmethod
    def of(browser: QTextEdit) -> ReadingPage | None:
        return browser.findChild(QObject, "readingPage")

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Resize:
            self.apply()
        return False

    def refresh(self) -> None:
        """The font changed: measure the letters again and set the margins again if they change."""
        self._char_width = None
        self.apply()

    def char_width(self) -> float:
        """The average width of the text's letters (its own words) in the document's font."""
        if self._char_width is None:
            metrics = QFontMetricsF(self.browser.document().defaultFont())
            self._char_width = metrics.horizontalAdvance(self.sample) / len(self.sample)
        return self._char_width

    def margin(self) -> int:
        """The paragraphs' left (and right) margin, inside the page's own, for the present width."""
        text_width = self.browser.viewport().width() - 2 * MIN_MARGIN
        spare = max(0, int((text_width - self.char_width() * MEASURE) / 2))
        # In steps: dragging the window's edge re-formats the paragraphs every 16 pixels, not every one
        # (a format change lays the whole text out again: ~0.1 s on a bundle 100 times the paper's size).
        return spare - spare % MARGIN_STEP

    def apply(self) -> None:
        margin = self.margin()
        if margin == self._margin:
            return
        self._margin = margin
        document = self.browser.document()
        fmt = QTextBlockFormat()
        fmt.setLeftMargin(margin)
        fmt.setRightMargin(margin)
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        run: list[int] = []  # (first, last) block positions of the run of paragraphs since the last table
        it = document.rootFrame().begin()
        while not it.atEnd():
            block = it.currentBlock()  # invalid where the item is a table: tables keep their width
            if block.isValid():
                run = [run[0] if run else block.position(), block.position()]
            elif run:
                self._merge(cursor, run, fmt)
                run = []
            it += 1
        if run:
            self._merge(cursor, run, fmt)
        cursor.endEditBlock()

    @staticmethod
    def _merge(cursor: QTextCursor, run: list[int], fmt: QTextBlockFormat) -> None:
        """One format change for a whole run of blocks: far cheaper than one per block."""
        cursor.setPosition(run[0])
        cursor.setPosition(run[1], QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeBlockFormat(fmt)
