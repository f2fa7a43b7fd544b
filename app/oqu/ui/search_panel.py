"""The search panel: one field over everything, the hits with their context and place."""
from __future__ import annotations

from functools import cached_property

from PySide6.QtCore import QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QFontMetrics, QPalette, QTextDocument
from PySide6.QtWidgets import (QApplication, QDockWidget, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolButton, QVBoxLayout, QWidget)

from oqu import i18n
from oqu.core.model import Paper
from oqu.core.search import Hit, SearchIndex
from oqu.i18n import _, ngettext
from oqu.ui.common import Retranslating, esc, name_line_edit
from oqu.ui.dock_buttons import ThemedTitleButtons
from oqu.ui.focus import announce_focus_first, say
from oqu.ui.textdoc import zoomed_font

HIT_ROLE = Qt.ItemDataRole.UserRole
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_LISTED = 500  # more hits than this are counted, not listed
TYPING_PAUSE_MS = 150
HIT_LINES_MIN = 8.5  # the results list's least height, in lines of text: two whole hits


def location(paper: Paper, hit: Hit) -> str:
    """Where a hit stands, in words of the interface language."""
    u = hit.unit
    lang = i18n.language_name(u.lang)  # in the interface language, like every word of ours here
    section = paper.section(u.section).title if u.section and paper.section(u.section) else ""
    if u.kind == "title":
        return _("Title ({language})").format(language=lang)
    if u.kind == "author":
        return _("Authors ({language})").format(language=lang)
    if u.kind == "abstract":
        return _("Abstract ({language})").format(language=lang)
    if u.kind == "keywords":
        return _("Key words ({language})").format(language=lang)
    # A section's heading is the paper's (English) text: it stands apart, never inside our words.
    if u.kind == "heading":
        return f"{section} · {_('section heading')}"
    if u.kind == "paragraph":
        return f"{section} · {_('paragraph {n}').format(n=i18n.format_number(u.number + 1))}"
    if u.kind == "table-title":
        return _("Table {n}, title ({language})").format(n=u.number, language=lang)
    if u.kind == "table-column":
        return _("Table {n}, column ({language})").format(n=u.number, language=lang)
    if u.kind == "table-source":
        return _("Table {n}, source").format(n=u.number)
    if u.kind == "table-note":
        return _("Table {n}, note").format(n=u.number)
    if u.kind == "reference":
        return _("Reference [{n}]").format(n=u.number)
    if u.kind == "reference-transliterated":
        return _("Reference [{n}], transliterated list").format(n=u.number)
    return u.kind


def hit_html(paper: Paper, hit: Hit) -> str:
    before, match, after = hit.context()
    return (f"<small>{esc(location(paper, hit))}</small><br>"
            f"{esc(before)}<b><u>{esc(match)}</u></b>{esc(after)}")


def hit_text(paper: Paper, hit: Hit) -> str:
    """What a screen reader reads for a hit: its place, then the hit in its context."""
    return f"{location(paper, hit)}: {''.join(hit.context())}"


class RichTextDelegate(QStyledItemDelegate):
    """Paints an item's HTML (the hit in bold in its context)."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(50, option.rect.width() - 8))
        return doc

    def paint(self, painter, option, index):
        self.initStyleOption(option, index)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        style = option.widget.style() if option.widget else QApplication.style()
        option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = self._document(option, index)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        doc.setDefaultStyleSheet(f"body {{ color: {option.palette.color(role).name()}; }}")
        doc.setHtml(index.data(HTML_ROLE) or "")
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        doc.drawContents(painter, QRectF(0, 0, option.rect.width() - 8, option.rect.height()))
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802 (Qt API)
        self.initStyleOption(option, index)
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


class SearchPanel(Retranslating, ThemedTitleButtons, QDockWidget):
    """``hitActivated(hit)``: the reader chose a hit; ``queryChanged(text)``: highlight these."""

    hitActivated = Signal(object)
    queryChanged = Signal(str)

    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.paper = paper
        self.hits: list[Hit] = []
        self.total = 0

        self.field = QLineEdit(self)
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        announce_focus_first(self.field)  # Tab and F6 selected its text first: Orca said nothing
        self.previous_button = QToolButton(self)
        self.previous_button.setObjectName("searchPrevious")
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.next_button = QToolButton(self)
        self.next_button.setObjectName("searchNext")
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("searchCount")
        self.count_label.setWordWrap(True)  # "no hits" explains itself in a sentence or two
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setWordWrap(True)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setUniformItemSizes(False)
        # Never less than two whole hits (a place line, two lines of context, spacing each), however
        # small the window; the window gives the pane room for more (MainWindow._build).
        self.results.setMinimumHeight(round(self.results.fontMetrics().height() * HIT_LINES_MIN))

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self.timer.timeout.connect(self.run)
        self.field.textChanged.connect(lambda _text: self.timer.start())
        self.field.returnPressed.connect(self._return_pressed)
        self.next_button.clicked.connect(self.next)
        self.previous_button.clicked.connect(self.previous)
        self.results.currentRowChanged.connect(self._row_changed)
        self.results.itemActivated.connect(lambda item: self._row_changed(self.results.row(item)))

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.count_label)
        layout.addWidget(self.results, 1)
        self.setWidget(body)
        self.retranslate()
        self.dress_title_buttons()

    def focus_chain(self) -> list[QWidget]:
        return [self.field, self.previous_button, self.next_button, self.results]

    @cached_property
    def index(self) -> SearchIndex:
        """The paper's search index, built on the first query or after the first paint (folding every
        text takes a while on a large bundle)."""
        return SearchIndex.for_paper(self.paper)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Search"))
        self.field.setPlaceholderText(_("Search the abstracts, text, tables and references"))
        self.field.setToolTip(_("Case and Kazakh letters do not matter: “казакстан” finds “Қазақстан”; "
                                "Latin names find Cyrillic ones"))
        self.previous_button.setToolTip(_("Previous hit (Shift+F3)"))
        self.next_button.setToolTip(_("Next hit (F3)"))
        name_line_edit(self.field, _("Search"), _("Clear the search"))
        self.previous_button.setAccessibleName(_("Previous hit"))
        self.next_button.setAccessibleName(_("Next hit"))
        self.results.setAccessibleName(_("Search results"))
        self._show_count()
        for row in range(self.results.count()):  # locations are in the interface language
            item = self.results.item(row)
            item.setData(HTML_ROLE, hit_html(self.paper, item.data(HIT_ROLE)))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, hit_text(self.paper, item.data(HIT_ROLE)))

    def set_zoom(self, percent: int) -> None:
        """The reader's zoom: the hits (painted in the list's font) grow with the text."""
        font = zoomed_font(percent)
        self.results.setFont(font)
        self.results.setMinimumHeight(round(QFontMetrics(font).height() * HIT_LINES_MIN))
        self.results.scheduleDelayedItemsLayout()

    def query(self) -> str:
        return self.field.text().strip()

    def set_query(self, text: str) -> None:
        """Put ``text`` in the field and search at once (no typing pause)."""
        self.field.setText(text)
        self.run()

    def run(self) -> None:
        self.timer.stop()
        query = self.query()
        self.hits = self.index.search(query, limit=MAX_LISTED) if query else []
        self.total = self.index.count(query) if len(self.hits) >= MAX_LISTED else len(self.hits)
        self.results.blockSignals(True)
        self.results.clear()
        for hit in self.hits:
            item = QListWidgetItem()
            item.setData(HIT_ROLE, hit)
            item.setData(HTML_ROLE, hit_html(self.paper, hit))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, hit_text(self.paper, hit))  # painted as HTML: no text
            item.setToolTip(location(self.paper, hit))
            self.results.addItem(item)
        self.results.blockSignals(False)
        self._show_count()
        self.queryChanged.emit(query)

    def _show_count(self) -> None:
        self._show_count_text()
        # A screen reader hears the count in the field, as it would a live region (Orca speaks the
        # focused widget's new description); with no query the field's description is its tooltip.
        self.field.setAccessibleDescription(self.count_label.text())

    def _show_count_text(self) -> None:
        if not self.query():
            self.count_label.setText("")
        elif not self.total:
            self.count_label.setText(_("No hits for “{query}” in the abstracts, text, tables or references. "
                                       "Check the spelling or try a shorter word: case and Kazakh letters "
                                       "do not matter.").format(query=self.query()))
        elif self.total > len(self.hits):
            self.count_label.setText(_("{n} hits, the first {m} listed").format(
                n=i18n.format_number(self.total), m=i18n.format_number(len(self.hits))))
        else:
            self.count_label.setText(ngettext("{n} hit", "{n} hits", self.total).format(
                n=i18n.format_number(self.total)))

    def _return_pressed(self) -> None:
        if self.timer.isActive() or not self.hits:
            self.run()
        self.next()

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.timer.isActive():
            self.run()
        if not self.hits:
            return
        row = self.results.currentRow()
        row = (0 if delta > 0 else len(self.hits) - 1) if row < 0 else (row + delta) % len(self.hits)
        if row == self.results.currentRow():
            self._row_changed(row)
        self.results.setCurrentRow(row)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.hits):
            self.hitActivated.emit(self.hits[row])
            if not self.results.hasFocus():  # there the list reads its own item
                self._announce_hit(row)

    def hit_announcement(self, row: int) -> str:
        """The hit Enter, F3 or Shift+F3 went to, as a screen reader says it."""
        return _("Hit {k} of {n}: {hit}").format(k=i18n.format_number(row + 1), n=i18n.format_number(self.total),
                                                 hit=hit_text(self.paper, self.hits[row]))

    def _announce_hit(self, row: int) -> None:
        """The reader stays in the field while the hit is shown elsewhere: they hear it (Orca 43
        speaks the focused field's new description; later Orca the announcement)."""
        say(self.field, self.hit_announcement(row))
        if self.field.hasFocus():
            # Showing the hit may have switched a tab: Orca then takes that tab for the focus and
            # no longer hears the field. The field's focus, said again, brings it back with the hit.
            QAccessible.updateAccessibility(QAccessibleEvent(self.field, QAccessible.Event.Focus))

    def focus_field(self) -> None:
        self.show()
        self.raise_()
        self.field.setFocus()
        self.field.selectAll()
