"""Finding places in a rendered QTextDocument and marking them with highlight layers."""
from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFont, QTextCursor, QTextDocument, QTextFragment
from PySide6.QtWidgets import QApplication, QTextEdit, QWidget

from oqu.ui.fonts import SERIF_FAMILY, register
from oqu.ui.page import ReadingPage

# Highlight colours: dark text on light backgrounds reads in the light and the dark theme.
COLORS = {"reference": "#ffd166", "sentence": "#cfe8ff", "search": "#fff3a3", "current": "#ff9f43"}
LAYER_ORDER = ("sentence", "reference", "search", "current")  # later layers paint over earlier
PRE = 'style="white-space:pre-wrap"'  # keep the text's own spaces: offsets stay exact


# The reading font: "sans" (the interface's font) or "serif" (DejaVu Serif, shipped); see oqu.ui.fonts.
READING = {"font": "sans"}


def zoomed_font(percent: int, *, reading: bool = False, like: QWidget | None = None) -> QFont:
    """The application's font at ``percent`` of its size (the reader's zoom); ``reading``: in the
    reading font the reader chose (the abstract and the paper); ``like``: the font Qt gives that
    widget's class (a table's headers have their own, and so do not follow their table's)."""
    font = QFont(QApplication.font(like) if like is not None else QApplication.font())
    if reading and READING["font"] == "serif":
        register(SERIF_FAMILY)
        font.setFamilies([SERIF_FAMILY, *font.families()])
    font.setPointSizeF(max(4.0, font.pointSizeF() * percent / 100))
    return font


def set_zoom(browser: QTextEdit, percent: int, *, reading: bool = True) -> None:
    """Scale the document's text (headings follow, they are relative to it), in the reading font
    (unless not ``reading``: a pane), keeping the passage at the top of the view at the top."""
    font = zoomed_font(percent, reading=reading)
    if browser.document().defaultFont() == font:
        return
    bar = browser.verticalScrollBar()
    top = browser.cursorForPosition(QPoint(0, 0)).position() if bar.value() > 0 else None
    browser.document().setDefaultFont(font)

    page = ReadingPage.of(browser)
    if page is not None:  # the letters' width changed: so does the measure
        page.refresh()
    if top is not None:
        rect = browser.cursorRect(cursor_for(browser.document(), top, top))
        bar.setValue(bar.value() + rect.top())


def fragments(document: QTextDocument, start: int = 0) -> Iterator[QTextFragment]:
    """Each run of equally formatted text, in order, from the block holding ``start`` on."""
    block = document.findBlock(start)
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()


def anchor_positions(document: QTextDocument) -> dict[str, int]:
    """Each ``<a name>`` of the document and the position of the character it marks."""
    found: dict[str, int] = {}
    for fragment in fragments(document):
        for name in fragment.charFormat().anchorNames():
            found.setdefault(name, fragment.position())
    return found


def cursor_for(document: QTextDocument, start: int, end: int) -> QTextCursor:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def find_in_document(document: QTextDocument, query: str,
                     spellings: tuple[tuple[str, ...], ...] = ()) -> list[tuple[int, int]]:
    """Every hit of ``query`` in the document, block by block, with the search's folding and
    the paper's ``spellings`` of names."""
    if not query:
        return []
    from oqu.core.search import fold, folded_spans, query_forms  # with the first query (start-up time)

    forms = query_forms(query, spellings)
    if not forms:
        return []
    spans = []
    block = document.begin()
    while block.isValid():
        base = block.position()
        spans += [(base + a, base + b) for a, b in folded_spans(fold(block.text()), forms)]
        block = block.next()
    return spans


def text_at(document: QTextDocument, start: int, end: int) -> str:
    return cursor_for(document, start, end).selectedText()


class Highlighter:
    """Named layers of extra selections on one text widget (search hits, a reference, a sentence)."""

    def __init__(self, edit: QTextEdit):
        self.edit = edit
        self.layers: dict[str, list[tuple[int, int]]] = {}

    def set(self, layer: str, spans: list[tuple[int, int]]) -> None:
        self.layers[layer] = spans
        self._apply()

    def replace(self, layers: dict[str, list[tuple[int, int]]]) -> None:
        self.layers = dict(layers)
        self._apply()

    def spans(self, layer: str) -> list[tuple[int, int]]:
        return self.layers.get(layer, [])

    def _apply(self) -> None:
        document = self.edit.document()
        selections = []
        for layer in LAYER_ORDER:
            if not self.layers.get(layer):
                continue  # nothing to draw (and QBrush would build the Qt namespace's enums at start)
            from PySide6.QtGui import QTextCharFormat  # its enums are many: built on first highlight

            fmt = QTextCharFormat()
            fmt.setBackground(QColor(COLORS[layer]))
            fmt.setForeground(QColor("#000000"))
            for start, end in self.layers.get(layer, []):
                sel = QTextEdit.ExtraSelection()
                sel.cursor = cursor_for(document, start, end)
                sel.format = fmt
                selections.append(sel)
        self.edit.setExtraSelections(selections)


def reveal(edit: QTextEdit, start: int, end: int, *, top: bool = False) -> None:
    """Scroll ``edit`` so that the span is visible: a little below the top, or (``top``) at it."""
    cursor = cursor_for(edit.document(), start, start)  # no selection: the layers colour the span
    edit.setTextCursor(cursor)
    rect = edit.cursorRect(cursor)
    bar = edit.verticalScrollBar()
    bar.setValue(bar.value() + rect.top() - (0 if top else edit.viewport().height() // 4))


def top_position(edit: QTextEdit) -> int:
    """The document position at the top of the view: where the reader is."""
    from PySide6.QtCore import QPoint

    return edit.cursorForPosition(QPoint(0, 4)).position()


def show_top(edit: QTextEdit, position: int) -> None:
    """Scroll so that the line holding ``position`` is at the top (the reverse of top_position)."""
    position = max(0, min(position, edit.document().characterCount() - 1))
    reveal(edit, position, position, top=True)
