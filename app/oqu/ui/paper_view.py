"""The full text: sections, tables where the paper places them, linked markers."""
from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from oqu.core.model import Paper, Paragraph, Table
from oqu.core.tables import plain_number
from oqu.i18n import _
from oqu.ui.common import Retranslating, esc, linkify_markers


def table_html(table: Table) -> str:
    head = "".join(f"<th>{esc(c.header or c.name)}</th>" for c in table.columns)
    rows = []
    for row in table.rows:
        cells = [f"<td>{esc(row['country'])}</td>"]
        for c in table.columns:
            value = plain_number(row[c.name])
            if c.year_column and row.get(c.year_column):
                value += f" ({row[c.year_column]})"
            cells.append(f"<td align='right'>{esc(value) or '—'}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    first = table.markers[0].index if table.markers else 0
    return (f'<a name="table-{table.id}"></a><p><b>Table {table.id}: {esc(table.title)}</b></p>'
            f'<table border="1" cellspacing="0" cellpadding="4"><tr><th></th>{head}</tr>{"".join(rows)}</table>'
            f'<p><small>{linkify_markers(table.source_note, first)}</small></p>')


def paper_html(paper: Paper) -> str:
    parts = [f"<h1>{esc(paper.title.get('en', ''))}</h1>"]
    for section in paper.sections:
        parts.append(f'<a name="section-{section.id}"></a><h2>{esc(section.title)}</h2>')
        for block in section.blocks:
            if isinstance(block, Paragraph):
                first = block.markers[0].index if block.markers else 0
                parts.append(f"<p>{linkify_markers(block.text, first)}</p>")
            else:
                table = paper.table(block.table)
                if table:
                    parts.append(table_html(table))
    return "<html><body>" + "".join(parts) + "</body></html>"


class PaperView(Retranslating, QWidget):
    """Table of contents beside the text; a click on [n] emits ``citationActivated(n)``."""

    citationActivated = Signal(int)

    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("paperView")
        self.paper = paper
        self.toc = QListWidget(self)
        self.toc.setObjectName("paperToc")
        self.text = QTextBrowser(self)
        self.text.setObjectName("paperText")
        self.text.setOpenLinks(False)
        self.text.setHtml(paper_html(paper))
        self.text.anchorClicked.connect(self._anchor_clicked)
        for section in paper.sections:
            item = QListWidgetItem(section.title)
            item.setData(256, section.id)
            self.toc.addItem(item)
        self.toc.currentItemChanged.connect(lambda item, _prev: item and self.show_section(item.data(256)))
        splitter = QSplitter(self)
        splitter.addWidget(self.toc)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([200, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()

    def retranslate(self) -> None:
        self.toc.setToolTip(_("Sections of the paper: click one to go there"))

    def show_section(self, section_id: str) -> None:
        self.text.scrollToAnchor(f"section-{section_id}")

    def show_marker(self, index: int) -> None:
        self.text.scrollToAnchor(f"marker-{index}")

    def highlight_reference(self, n: int) -> None:
        """Mark every [n] of reference ``n`` in the text (extraSelections)."""
        from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
        from PySide6.QtWidgets import QTextEdit

        selections = []
        cursor = QTextCursor(self.text.document())
        while True:
            cursor = self.text.document().find(f"[{n}]", cursor)
            if cursor.isNull():
                break
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            fmt = QTextCharFormat()
            fmt.setBackground(QColor("#ffe08a"))
            sel.format = fmt
            selections.append(sel)
        self.text.setExtraSelections(selections)

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "cite":
            self.citationActivated.emit(int(url.path().split(":")[0]))
