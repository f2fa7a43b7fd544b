"""The full text: sections, tables where the paper places them, linked markers, references.

Every searchable piece of text carries an anchor named by its search unit's key
(``oqu.core.search.paper_units``) on its first character, so a search hit or a
marker is found in the rendered document by anchor plus offset.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QCursor, QTextCursor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QSplitter, QTextBrowser, QToolTip, QVBoxLayout, QWidget

from oqu import i18n
from oqu.core.history import moved_by_edits
from oqu.core.links import bare_doi, doi_url, safe_url
from oqu.core.model import Paper, Paragraph, Table
from oqu.core.search import Hit, fold
from oqu.core.sentences import sentence_span
from oqu.core.tables import plain_number
from oqu.i18n import _
from oqu.ui.common import Retranslating, esc, linkify_markers, linkify_text
from oqu.ui.focus import caret_browsing, say
from oqu.ui.link_opener import REFUSED, open_link, refusal_text
from oqu.ui.page import ReadingPage
from oqu.ui.quoting import CopyWithCitation
from oqu.ui.startup import BuiltLater
from oqu.ui.textdoc import (PRE, Highlighter, anchor_positions, cursor_for, find_in_document, reveal, set_zoom,
                            show_top, text_at, top_position)

ANCHOR_ROLE = Qt.ItemDataRole.UserRole


def _anchor(name: str) -> str:
    return f'<a name="{esc(name)}"></a>'


def table_html(table: Table, *, chart_link: str | None = None, notes_label: str | None = None,
               lang: str = "en") -> str:
    """The table as the paper prints it; optionally a link to its chart and the bundle's notes
    (ours, in ``lang``: the UI language, like their label)."""
    t = table.id
    head = "".join(f"<th {PRE}>{_anchor(f'table-{t}-col-{i}')}{esc(c.header or c.name)}</th>"
                   for i, c in enumerate(table.columns))
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
    link = f' &nbsp; <a href="chart:{t}">{esc(chart_link)}</a>' if chart_link else ""
    parts = [f'<p {PRE}><b>{_anchor(f"table-{t}")}Table {t}: {_anchor(f"table-{t}-title")}'
             f'{esc(table.title)}</b>{link}</p>',
             f'<table align="center" border="1" cellspacing="0" cellpadding="4">'
             f'<tr><th></th>{head}</tr>{"".join(rows)}</table>',
             f'<p {PRE}><small>{_anchor(f"table-{t}-source")}{linkify_markers(table.source_note, first)}'
             f'</small></p>']
    if notes_label and table.notes:
        parts.append(f'<p><small><i>{_anchor(f"table-{t}-notes")}{esc(notes_label)}</i></small></p>')
        parts += [f'<p {PRE}><small>• {_anchor(f"table-{t}-note-{i}")}{esc(note)}</small></p>'
                  for i, note in enumerate(table.notes_in(lang))]
    return "".join(parts)


def paper_html(paper: Paper, *, chart_link: str | None = None, notes_label: str | None = None,
               references: bool = True, lang: str = "en") -> str:
    """The body with its tables, then (``references``) both printed reference lists."""
    parts = [f"<h1 {PRE}>{esc(paper.title.get('en', ''))}</h1>"]
    tables = {t.id for t in paper.tables}
    for section in paper.sections:
        parts.append(f'<h2 {PRE}>{_anchor(f"section-{section.id}")}{esc(section.title)}</h2>')
        for i, block in enumerate(section.blocks):
            if isinstance(block, Paragraph):
                first = block.markers[0].index if block.markers else 0
                parts.append(f'<p {PRE}>{_anchor(f"para-{section.id}-{i}")}'
                             f"{linkify_text(block.text, first, tables)}</p>")
            else:
                table = paper.table(block.table)
                if table:
                    parts.append(table_html(table, chart_link=chart_link, notes_label=notes_label, lang=lang))
    if references:
        parts.append(references_html(paper))
    return "<html><body>" + "".join(parts) + "</body></html>"


# Web addresses and DOIs in the printed reference lists (trailing punctuation is not part of them).
_ADDRESS = re.compile(r"https?://[^\s<>\"«»]+|\b10\.\d{4,9}/[^\s<>\"«»]+")


def linkify_addresses(text: str) -> str:
    """Escape ``text`` and make each web address or DOI in it a link, if it stands as a word
    (after a space, ":" or "(", before a space or punctuation: not inside quotes or markup) and
    is safe to open (http, https, DOI: ``oqu.core.links``); anything else stays plain text."""
    out, pos = [], 0
    for m in _ADDRESS.finditer(text):
        raw = m.group().rstrip(".,;:)")
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.start() + len(raw):m.start() + len(raw) + 1] or " "
        if not (before.isspace() or before in ":(") or not (after.isspace() or after in ".,;:)"):
            continue
        href = safe_url(raw) if raw.lower().startswith("http") else (doi_url(raw) if bare_doi(raw) else None)
        if not href:
            continue
        out.append(esc(text[pos:m.start()]))
        out.append(f'<a href="{esc(href)}">{esc(raw)}</a>')
        pos = m.start() + len(raw)
    out.append(esc(text[pos:]))
    return "".join(out)


def references_html(paper: Paper) -> str:
    """The paper's reference lists under their printed headings (``reference_lists`` in paper.json):
    the entries as printed, then the transliterated list when the paper has one; each entry's number
    selects it in the References pane."""
    parts = []
    for prefix, key in (("ref", "printed"), ("reftr", "transliterated")):
        heading = paper.reference_lists.get(key) or ("References" if key == "printed" else "")
        if not heading:
            continue
        parts.append(f'<h2>{_anchor(f"references-{prefix}")}{esc(heading)}</h2>')
        for ref in paper.references:
            text = ref.printed if key == "printed" else ref.transliterated
            parts.append(f'<p {PRE}><a href="ref:{ref.n}">{ref.n}.</a> {_anchor(f"{prefix}-{ref.n}")}'
                         f'{linkify_addresses(text)}</p>')
    return "".join(parts)


class PaperView(BuiltLater, Retranslating, QWidget):
    """Table of contents beside the text.

    A click on [n] emits ``citationActivated(n)``; hovering it shows the
    reference; a table's chart link emits ``tableRequested(id)``.
    """

    citationActivated = Signal(int)
    citationOpened = Signal(int)  # Enter on the current marker: the reader wants to read reference n
    tableRequested = Signal(int)
    aboutToJump = Signal()  # the reader is about to leave this place (the window's Back remembers it)
    placesMoved = Signal(object)  # the UI's words in the text changed length: old position -> new one

    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("paperView")
        self.paper = paper
        self.zoom = 100
        self.anchors: dict[str, int] = {}
        self.query = ""
        self._reference: int | None = None
        self._marker: int | None = None
        self._current_hit: Hit | None = None
        self._pending_section: str | None = None
        self._pending_position: int | None = None
        self._kept_anchor: str | None = None  # held at the top across re-layouts until the reader scrolls

        self.toc = QListWidget(self)
        self.toc.setObjectName("paperToc")
        browser = self._text = QTextBrowser(self)
        browser.setObjectName("paperText")
        first = next((p.text for s in paper.sections for p in s.paragraphs), "")
        self.page = ReadingPage(browser, first)
        self.copy_with_citation = CopyWithCitation(browser, paper)
        browser.setOpenLinks(False)
        browser.anchorClicked.connect(self._anchor_clicked)
        browser.highlighted.connect(self._link_hovered)
        browser.verticalScrollBar().valueChanged.connect(self._sync_toc)
        browser.verticalScrollBar().actionTriggered.connect(self._release_anchor)
        browser.viewport().installEventFilter(self)
        browser.installEventFilter(self)  # Enter on a marker (see _key_pressed)
        self.highlighter = Highlighter(browser)
        self.toc.itemActivated.connect(self._toc_activated)
        self.toc.itemClicked.connect(self._toc_activated)
        splitter = QSplitter(self)
        splitter.addWidget(self.toc)
        splitter.addWidget(browser)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([200, 800])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()

    def focus_chain(self) -> list[QWidget]:
        return [self.toc, self._text]

    # -- rendering -----------------------------------------------------------
    @property
    def text(self) -> QTextBrowser:
        """The text browser, with the document built."""
        self.ensure_built()
        return self._text

    def _build(self) -> None:
        """The document (``oqu.ui.startup.BuiltLater``). The first window does not wait for it (on a
        100x bundle that is seconds): it is built when the tab is shown, when anything asks for the
        text, or right after the first paint."""
        caret_browsing(self._text)  # the arrows read line by line (F8 still selects the markers)
        self.render()

    def retranslate(self) -> None:
        self.toc.setToolTip(_("Sections of the paper: click one to go there"))
        self.toc.setAccessibleName(_("Contents"))
        self._text.setAccessibleName(_("Text of the paper"))
        self._describe_marker()
        if self.built:
            self._retranslate_document()

    @staticmethod
    def _chart_link() -> str:
        return _("Show the chart")

    @staticmethod
    def _notes_label() -> str:
        return _("Notes on the data (added to the bundle, not printed in the paper):")

    def _retranslate_document(self) -> None:
        """Replace the UI's few words in the built document instead of rebuilding it.

        Only each table's chart link and notes label are in the UI language; re-setting
        the whole HTML would cost a full layout on every switch (seconds on a large bundle).
        """
        document = self._text.document()
        edits = []  # (start, end, text, format), applied from the end so earlier positions hold
        for table in self.paper.tables:
            title = self.anchors.get(f"table-{table.id}-title")
            if title is not None:
                it = document.findBlock(title).begin()
                while not it.atEnd():
                    fragment = it.fragment()
                    if fragment.charFormat().anchorHref() == f"chart:{table.id}":
                        edits.append((fragment.position(), fragment.position() + fragment.length(),
                                      self._chart_link(), fragment.charFormat()))
                    it += 1
            notes = self.anchors.get(f"table-{table.id}-notes")
            if notes is not None:
                block = document.findBlock(notes)
                edits.append((block.position(), block.position() + block.length() - 1, self._notes_label(),
                              block.begin().fragment().charFormat()))
            for i, note in enumerate(table.notes_in(i18n.current_language())):  # ours: in the UI language
                start = self.anchors.get(f"table-{table.id}-note-{i}")
                if start is not None:
                    block = document.findBlock(start)
                    it = block.begin()
                    while not it.atEnd() and it.fragment().position() + it.fragment().length() <= start:
                        it += 1
                    edits.append((start, block.position() + block.length() - 1, note, it.fragment().charFormat()))
        cursor = QTextCursor(document)
        cursor.beginEditBlock()
        self.placesMoved.emit(moved_by_edits([(start, end, len(text)) for start, end, text, _fmt in edits]))
        for start, end, text, fmt in sorted(edits, key=lambda e: e[0], reverse=True):
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(text, fmt)
        cursor.endEditBlock()
        document.clearUndoRedoStacks()
        if edits:
            self.anchors = anchor_positions(document)
            self._refresh_layers()
        self._fill_toc()
        self._sync_toc()

    def render(self) -> None:
        """(Re)build the document, keeping the reader's place and the highlights.

        Also on a theme change: links take the palette's colours when the HTML is set.
        """
        if not self.built:
            return  # nothing built yet: ensure_built builds it in the current language and theme
        bar = self.text.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.page.set_html(paper_html(self.paper, chart_link=self._chart_link(), notes_label=self._notes_label(),
                                      lang=i18n.current_language()))
        set_zoom(self.text, self.zoom)
        self.anchors = anchor_positions(self.text.document())
        self._fill_toc()
        self._refresh_layers()
        bar.setValue(round(ratio * bar.maximum()))
        self._sync_toc()

    def _fill_toc(self) -> None:
        self.toc.clear()
        for section in self.paper.sections:
            self._toc_item(section.title, f"section-{section.id}", 0)
            for block in section.blocks:
                if not isinstance(block, Paragraph):  # as the paper captions it, like the headings
                    self._toc_item(f"Table {block.table}", f"table-{block.table}", 1)
        self._toc_item(self.paper.reference_lists.get("printed") or "References", "references-ref", 0)

    def _toc_item(self, title: str, anchor: str, depth: int) -> None:
        item = QListWidgetItem("    " * depth + title)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, title)  # read without the indent's spaces
        item.setData(ANCHOR_ROLE, anchor)
        self.toc.addItem(item)

    def set_zoom(self, percent: int) -> None:
        self.zoom = percent
        set_zoom(self._text, percent)  # render() applies it too

    # -- sections --------------------------------------------------------------
    def _toc_activated(self, item: QListWidgetItem) -> None:
        self.aboutToJump.emit()
        self.scroll_to_anchor(item.data(ANCHOR_ROLE))

    def scroll_to_anchor(self, name: str) -> None:
        self.ensure_built()
        if name in self.anchors:
            self._kept_anchor = name
            reveal(self.text, self.anchors[name], self.anchors[name], top=True)

    def _release_anchor(self, *_args) -> None:
        self._kept_anchor = None

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if obj is self._text and event.type() == event.Type.KeyPress and self._key_pressed(event):
            return True
        # A new width re-wraps the text: bring the section the reader went to back to the top.
        if obj is self._text.viewport() and event.type() == event.Type.Resize and self._kept_anchor:
            QTimer.singleShot(0, lambda: self._kept_anchor and self.scroll_to_anchor(self._kept_anchor))
        # A click in the text (not on a link): the reader has moved on from the back-link's sentence.
        if (obj is self._text.viewport() and event.type() == event.Type.MouseButtonPress
                and self._marker is not None and not self._text.anchorAt(event.position().toPoint())):
            self._marker = None
            self._refresh_layers()
        return super().eventFilter(obj, event)

    def show_section(self, section_id: str) -> None:
        if not self.isVisible():  # laid out for its real width once shown
            self._pending_section = section_id
            self._pending_position = None
            return
        self.scroll_to_anchor(f"section-{section_id}")

    def top_position(self) -> int:
        """The document position at the top of the view (or the one waiting to be shown)."""
        if self._pending_position is not None:
            return self._pending_position
        if self._pending_section:
            return self.anchors.get(f"section-{self._pending_section}", 0)
        if self._kept_anchor in self.anchors:  # a section gone to stays the place while the text re-wraps
            return self.anchors[self._kept_anchor]
        return top_position(self.text) if self.built else 0

    def show_position(self, position: int) -> None:
        """Scroll so that ``position`` is at the top (once shown, laid out for its real width)."""
        self._kept_anchor = None
        if not self.isVisible():
            self._pending_section = None
            self._pending_position = position
            return
        show_top(self.text, position)
        self._sync_toc()

    def current_section(self) -> str | None:
        """The id of the section at the top of the view (or the one waiting to be shown)."""
        if self._pending_section:
            return self._pending_section
        if not self.built:  # never built, so never read: the first section
            return self.paper.sections[0].id if self.paper.sections else None
        if self._kept_anchor and self._kept_anchor.startswith("section-"):
            return self._kept_anchor.removeprefix("section-")
        top = self.text.cursorForPosition(QPoint(0, 4)).position()
        current = None
        for section in self.paper.sections:
            pos = self.anchors.get(f"section-{section.id}")
            if pos is not None and pos <= top + 1:
                current = section.id
        return current or (self.paper.sections[0].id if self.paper.sections else None)

    def showEvent(self, event):  # noqa: N802 (Qt API)
        self.ensure_built()
        super().showEvent(event)
        QTimer.singleShot(0, self._sync_toc)
        if self._pending_section:
            section, self._pending_section = self._pending_section, None
            QTimer.singleShot(0, lambda: self.scroll_to_anchor(f"section-{section}"))
        if self._pending_position is not None:
            position, self._pending_position = self._pending_position, None
            QTimer.singleShot(0, lambda: self.show_position(position))

    def _sync_toc(self) -> None:
        """Keep the table of contents on the part being read."""
        top = self.text.cursorForPosition(QPoint(0, 4)).position()
        row = 0
        for i in range(self.toc.count()):
            if self.anchors.get(self.toc.item(i).data(ANCHOR_ROLE), 1 << 30) <= top + 1:
                row = i
        self.toc.blockSignals(True)
        self.toc.setCurrentRow(row)
        self.toc.blockSignals(False)

    # -- citations -------------------------------------------------------------
    def marker_span(self, index: int) -> tuple[int, int] | None:
        self.ensure_built()
        pos = self.anchors.get(f"marker-{index}")
        if pos is None:
            return None
        marker = next((m for m in self.paper.markers if m.index == index), None)
        return pos, pos + (marker.end - marker.start if marker else 1)

    def show_marker(self, index: int) -> None:
        """Scroll to marker ``index`` and highlight the sentence that holds it."""
        self._marker = index
        self._kept_anchor = None
        self._refresh_layers()
        span = self.marker_span(index)
        if span:
            reveal(self.text, *span)
        self._sync_toc()

    # -- citations by keyboard ---------------------------------------------------
    def step_marker(self, delta: int) -> int | None:
        """Select the next (``delta`` > 0) or previous marker after the text cursor; returns its index.

        The marker is selected as the text cursor, so Enter opens it, and it is announced: the
        text's accessible description names it and its reference, and a screen reader is told.
        """
        self.ensure_built()
        placed = sorted((self.anchors[f"marker-{m.index}"], m.index) for m in self.paper.markers
                        if f"marker-{m.index}" in self.anchors)
        if not placed:
            return None
        cursor = self._text.textCursor()
        here = cursor.selectionStart() if delta > 0 else cursor.selectionStart() - 1
        if delta > 0:
            after = [p for p in placed if p[0] > here or (p[0] == here and not cursor.hasSelection())]
            pos, index = after[0] if after else placed[0]  # past the last: round to the first
        else:
            before = [p for p in placed if p[0] <= here]
            pos, index = before[-1] if before else placed[-1]
        self.select_marker(index)
        return index

    def select_marker(self, index: int) -> None:
        """Make marker ``index`` the current one: its sentence shown, the marker selected and announced."""
        self.show_marker(index)
        span = self.marker_span(index)
        if span:
            self._text.setTextCursor(cursor_for(self._text.document(), *span))
        self._describe_marker(announce=True)
        self._text.setFocus()

    def current_marker(self) -> int | None:
        return self._marker

    def marker_announcement(self, index: int) -> str:
        marker = next((m for m in self.paper.markers if m.index == index), None)
        ref = self.paper.reference(marker.ref) if marker else None
        if marker is None or ref is None:
            return ""
        return _("Link: citation [{n}], {k} of {total}: {reference}. Enter opens it in the References pane.").format(
            n=ref.n, k=i18n.format_number(index + 1), total=i18n.format_number(len(self.paper.markers)),
            reference=ref.printed)

    def _describe_marker(self, announce: bool = False) -> None:
        text = self.marker_announcement(self._marker) if self._marker is not None else ""
        if announce and text:
            say(self._text, text)
        else:
            self._text.setAccessibleDescription(text or _("F8 and Shift+F8 go to the next and previous citation "
                                                          "marker; Enter opens it in the References pane."))

    def _key_pressed(self, event) -> bool:
        """Enter on a selected marker opens it (the References pane takes focus)."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        href = self._text.textCursor().charFormat().anchorHref() or self._text.anchorAt(
            self._text.cursorRect().center())
        if not href.startswith("cite:"):
            return False
        n = int(href.split(":")[1])
        # The focus first, then the reference: its text changing in a view about to take the focus
        # reaches Orca first, which then takes that view as its focus without a word (Enter was silent).
        self.citationOpened.emit(n)
        self.citationActivated.emit(n)
        return True

    def highlight_reference(self, n: int | None) -> None:
        """Mark every [n] of reference ``n`` in the text (a sentence marked for another one clears)."""
        self._reference = n
        if self._marker is not None and self._marker_reference(self._marker) != n:
            self._marker = None
        self._refresh_layers()

    def _marker_reference(self, index: int) -> int | None:
        return next((m.ref for m in self.paper.markers if m.index == index), None)

    def highlighted_markers(self) -> list[tuple[int, int]]:
        return self.highlighter.spans("reference")

    def _sentence_span(self) -> list[tuple[int, int]]:
        span = self.marker_span(self._marker) if self._marker is not None else None
        if not span:
            return []
        block = self.text.document().findBlock(span[0])
        start, end = sentence_span(block.text(), span[0] - block.position())
        return [(block.position() + start, block.position() + end)]

    def _refresh_layers(self) -> None:
        self.ensure_built()
        markers = self.paper.markers_for(self._reference) if self._reference is not None else []
        self.highlighter.replace({
            "reference": [s for s in (self.marker_span(m.index) for m in markers) if s],
            "sentence": self._sentence_span(),
            "search": find_in_document(self.text.document(), self.query, self.paper.spellings),
            "current": self._hit_span(self._current_hit),
        })

    def _anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme()
        if scheme == "cite":
            self.citationActivated.emit(int(url.path().split(":")[0]))
        elif scheme == "ref" and url.path().isdigit():
            self.citationActivated.emit(int(url.path()))
        elif scheme in ("chart", "table") and url.path().isdigit():
            self.tableRequested.emit(int(url.path()))
        elif scheme in ("http", "https"):
            if open_link(url.toString(), self) == REFUSED:
                QToolTip.showText(QCursor.pos(), refusal_text(), self.text.viewport())

    def _link_hovered(self, url: QUrl) -> None:
        """Hovering a marker shows the reference as printed."""
        text = self.tooltip_for(url)
        if text:
            QToolTip.showText(QCursor.pos(), text, self.text.viewport())
        else:
            QToolTip.hideText()

    def tooltip_for(self, url: QUrl) -> str:
        if url.scheme() == "cite":
            ref = self.paper.reference(int(url.path().split(":")[0]))
            return f"[{ref.n}] {ref.printed}" if ref else ""
        if url.scheme() in ("chart", "table"):
            return _("Open Table {n} and its chart").format(n=url.path())
        if url.scheme() == "ref":
            return _("Show reference {n} in the References pane").format(n=url.path())
        if url.scheme() in ("http", "https"):
            return _("Open in the web browser: {address}").format(address=url.toString())
        return ""

    # -- search ----------------------------------------------------------------
    def set_search(self, query: str) -> None:
        """Highlight every hit of ``query`` in the text (instead of a sentence a back-link marked)."""
        self.query = query
        self._current_hit = None
        if query:
            self._marker = None
        self._refresh_layers()

    def search_hits(self) -> list[tuple[int, int]]:
        return self.highlighter.spans("search")

    def _hit_span(self, hit: Hit | None) -> list[tuple[int, int]]:
        key = hit.unit.key if hit else ""
        if hit and hit.unit.kind == "table-note" and hit.unit.lang != "en":
            key = key.removesuffix(f"-{hit.unit.lang}")  # one anchor; the text check below says which language
        if hit is None or key not in self.anchors:
            return []
        start = self.anchors[key] + hit.start
        end = start + hit.end - hit.start
        if fold(text_at(self.text.document(), start, end)) != fold(hit.unit.text[hit.start:hit.end]):
            return []  # the rendered text differs from the unit's: do not mark a wrong place
        return [(start, end)]

    def can_show(self, hit: Hit) -> bool:
        return bool(self._hit_span(hit))

    def show_hit(self, hit: Hit) -> bool:
        """Scroll to a search hit and mark it as the current one."""
        self._current_hit = hit
        self._marker = None
        self._kept_anchor = None
        self._refresh_layers()
        span = self.highlighter.spans("current")
        if span:
            reveal(self.text, *span[0])
        return bool(span)
