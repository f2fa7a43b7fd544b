"""The citation pane: the 26 references beside every tab.

Each reference as the paper prints it and in a style the reader picks, how
often and where it is cited (each place a link back into the text), its DOI
and URL as links that open only on a click, and the paper's own slips marked.
Formatting and exports live in ``oqu.core.citations``; this widget presents them.
"""
from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMimeData, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDockWidget, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QMenu, QMessageBox, QSplitter, QStyle, QStyledItemDelegate,
                               QTextBrowser, QToolButton, QVBoxLayout, QWidget)

from oqu import i18n
from oqu.core import citations
from oqu.core.links import doi_url, safe_url
from oqu.core.model import Marker, Paper, Reference, remark_text
from oqu.i18n import N_, _, ngettext
from oqu.ui.common import Retranslating, esc, name_combo
from oqu.ui.dock_buttons import ThemedTitleButtons
from oqu.ui.focus import caret_browsing, speak_links
from oqu.ui.link_opener import REFUSED, open_link, refusal_text
from oqu.ui.saving import save_data
from oqu.ui.settings import open_settings
from oqu.ui.textdoc import set_zoom, zoomed_font
from oqu.ui.theme import warning_colour

REF_ROLE = Qt.ItemDataRole.UserRole
STYLE_KEY = "citations/style"
ALL = ""

EXPORT_FILTERS = {
    "bibtex": N_("BibTeX (*.bib)"),
    "ris": N_("RIS (*.ris)"),
    "csl-json": N_("CSL-JSON (*.json)"),
    "html": N_("Bibliography as HTML (*.html)"),
    "text": N_("Bibliography as plain text (*.txt)"),
}
FIELD_NAMES = {"DOI": N_("DOI"), "URL": N_("URL"), "title": N_("Title"), "author": N_("Authors"),
               "issued": N_("Date"), "transliterated": N_("Second list"), "body": N_("Body text")}


_LONG_TOKEN = re.compile(r"\S{28,}")


def breakable(text: str) -> str:
    """Let long addresses wrap in a narrow list: a zero-width space after / . - _ (display only)."""
    return _LONG_TOKEN.sub(lambda m: re.sub(r"([/._-])", "\\1\u200b", m.group(0)), text)


class WrappingDelegate(QStyledItemDelegate):
    """Item heights for word-wrapped entries: QListView's own estimate leaves out the icon
    and spacing, and cut the last line of long entries."""

    def sizeHint(self, option, index):  # noqa: N802 (Qt API)
        view = self.parent()
        width = max(80, view.viewport().width() - 2 * view.spacing() - view.iconSize().width() - 16)
        bounds = option.fontMetrics.boundingRect(QRect(0, 0, width, 1_000_000),
                                                 Qt.TextFlag.TextWordWrap, index.data() or "")
        return QSize(width, bounds.height() + 8)


class CitationPane(Retranslating, ThemedTitleButtons, QDockWidget):
    referenceSelected = Signal(int)  # n of the reference the reader selected
    markerRequested = Signal(int)  # index of a marker whose place the reader wants to see

    def __init__(self, paper: Paper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("citationPane")
        self.setMinimumWidth(300)
        self.paper = paper
        self._style = citations.PRINTED
        self._texts: dict[int, str] = {}  # n -> entry in the current style (plain)
        self._build()
        self.retranslate()
        self.dress_title_buttons()
        saved = str(open_settings().value(STYLE_KEY, citations.PRINTED))
        if saved in citations.STYLES and saved != citations.PRINTED:
            # citeproc loads after the window has painted (start-up time)
            QTimer.singleShot(0, lambda: self.set_style(saved))

    # -- construction ---------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        self.style_label = QLabel(body)
        self.style_box = QComboBox(body)
        self.style_box.setObjectName("styleSelector")
        for key in citations.STYLES:
            self.style_box.addItem("", key)
        self.style_box.activated.connect(lambda i: self.set_style(self.style_box.itemData(i), remember=True))
        self.style_label.setBuddy(self.style_box)
        row = QHBoxLayout()
        row.addWidget(self.style_label)
        row.addWidget(self.style_box, 1)
        layout.addLayout(row)

        self.kind_box = QComboBox(body)
        self.kind_box.setObjectName("kindFilter")
        self.kind_box.addItem("", ALL)
        for kind in citations.KIND_NAMES:
            if any(r.type == kind for r in self.paper.references):
                self.kind_box.addItem("", kind)
        self.language_box = QComboBox(body)
        self.language_box.setObjectName("languageFilter")
        self.language_box.addItem("", ALL)
        for code in sorted({r.language for r in self.paper.references if r.language}):
            self.language_box.addItem("", code)
        for box in (self.kind_box, self.language_box):
            box.currentIndexChanged.connect(self._apply_filter)
        row = QHBoxLayout()
        row.addWidget(self.kind_box, 1)
        row.addWidget(self.language_box, 1)
        layout.addLayout(row)
        self.filter_notice = QLabel(body)  # what the filters hide; empty (hidden) without filters
        self.filter_notice.setObjectName("filterNotice")
        self.filter_notice.setWordWrap(True)
        self.filter_notice.hide()
        layout.addWidget(self.filter_notice)

        self.list = QListWidget(body)
        self.list.setObjectName("referenceList")
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.list.setItemDelegate(WrappingDelegate(self.list))
        # Wrapped heights are measured a batch at a time: a long list does not delay the first paint.
        self.list.setLayoutMode(QListWidget.LayoutMode.Batched)
        self.list.setBatchSize(200)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        blank = QPixmap(16, 16)
        blank.fill(Qt.GlobalColor.transparent)  # keeps entries without a warning aligned
        self.list.setIconSize(QSize(16, 16))
        for ref in self.paper.references:
            item = QListWidgetItem()
            item.setData(REF_ROLE, ref.n)
            item.setIcon(warning if ref.remarks else QIcon(blank))
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(lambda _item: self.details.setFocus())  # Enter: read it, its links
        self.splitter = QSplitter(Qt.Orientation.Vertical, body)
        self.splitter.setObjectName("referenceSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.list)
        layout.addWidget(self.splitter, 1)

        self.details = QTextBrowser(body)
        self.details.setObjectName("referenceDetails")
        self.details.setOpenLinks(False)
        self.details.setOpenExternalLinks(False)
        self.details.anchorClicked.connect(self._link_clicked)
        caret_browsing(self.details)  # the arrows read it line by line
        speak_links(self.details)  # Tab to "cited in" links and DOIs is said
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])  # the list first: it is what a reader scans

        self.notice = QLabel(body)
        self.notice.setObjectName("linkNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self._build_actions()
        row = QHBoxLayout()
        self.copy_button = QToolButton(body)
        self.copy_button.setObjectName("copyReferences")
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.copy_button.setDefaultAction(self.copy_action)
        self.copy_button.setMenu(QMenu(self.copy_button))
        self.copy_button.menu().addActions([self.copy_action, self.copy_all_action])
        self.export_button = QToolButton(body)
        self.export_button.setObjectName("exportReferences")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export_button.setMenu(QMenu(self.export_button))
        self.export_button.menu().addActions([self.export_selected_action, self.export_all_action])
        row.addWidget(self.copy_button)
        row.addWidget(self.export_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.setWidget(body)

    def focus_chain(self) -> list[QWidget]:
        return [self.style_box, self.kind_box, self.language_box, self.list, self.details,
                self.copy_button, self.export_button]

    def focus_details(self) -> None:
        """The selected reference, where its "cited in" links are reached with Tab (a marker was opened)."""
        self.show()
        self.raise_()
        self.details.setFocus()

    def _build_actions(self) -> None:
        self.copy_action = QAction(self)
        self.copy_action.setObjectName("copyReference")
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.copy_action.triggered.connect(lambda: self.copy_references(self.selected_references()))
        self.copy_all_action = QAction(self)
        self.copy_all_action.setObjectName("copyAllReferences")
        self.copy_all_action.triggered.connect(lambda: self.copy_references(self.paper.references))
        self.export_selected_action = QAction(self)
        self.export_selected_action.setObjectName("exportSelectedReferences")
        self.export_selected_action.triggered.connect(lambda: self.export_dialog(self.selected_references()))
        self.export_all_action = QAction(self)
        self.export_all_action.setObjectName("exportAllReferences")
        self.export_all_action.triggered.connect(lambda: self.export_dialog(self.paper.references))
        self.list.addActions([self.copy_action, self.copy_all_action,
                              self.export_selected_action, self.export_all_action])

    # -- texts ------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("References"))
        self.style_label.setText(_("&Style:"))
        for i in range(self.style_box.count()):
            self.style_box.setItemText(i, _(citations.STYLE_NAMES[self.style_box.itemData(i)]))
        self.style_box.setToolTip(_("How the references are written"))
        name_combo(self.style_box, _("Reference style"))
        self.kind_box.setItemText(0, _("All kinds"))
        for i in range(1, self.kind_box.count()):
            self.kind_box.setItemText(i, _(citations.KIND_NAMES[self.kind_box.itemData(i)]))
        self.kind_box.setToolTip(_("Show only references of this kind"))
        name_combo(self.kind_box, _("Kind of reference"))
        self.language_box.setItemText(0, _("All languages"))
        for i in range(1, self.language_box.count()):
            self.language_box.setItemText(i, i18n.language_name(self.language_box.itemData(i)))
        self.language_box.setToolTip(_("Show only sources in this language"))
        name_combo(self.language_box, _("Language of the source"))
        self._show_filter_notice()
        self.list.setAccessibleName(_("References"))
        self.details.setAccessibleName(_("The selected reference"))
        self.copy_action.setText(_("&Copy reference"))
        self.copy_all_action.setText(_("Copy &all references"))
        self.export_selected_action.setText(_("Export &selected references…"))
        self.export_all_action.setText(_("&Export all references…"))
        self.export_button.setText(_("Export"))
        self._refresh()

    def _refresh(self) -> None:
        """Fill the list in the current style and show the current reference."""
        self._texts = dict(citations.formatted(self.paper.references, self._style))
        for row in range(self.list.count()):
            item = self.list.item(row)
            ref = self.paper.reference(item.data(REF_ROLE))
            item.setText(breakable(f"[{ref.n}] {self._texts[ref.n]}"))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"[{ref.n}] {self._texts[ref.n]}")  # no breaks read
            item.setToolTip(self._remarks_tooltip(ref))
        self.list.scheduleDelayedItemsLayout()  # new texts, new heights (once, when the loop runs)
        self._show_details()

    def _remarks_tooltip(self, ref: Reference) -> str:
        if not ref.remarks:
            return ""
        lines = [esc(_("The paper's slips in this reference:"))]
        lang = i18n.current_language()
        lines += [f"• {esc(self._field_name(r.get('field', '')))}: {esc(remark_text(r, lang))}" for r in ref.remarks]
        return "<br>".join(lines)

    @staticmethod
    def _field_name(field: str) -> str:
        return _(FIELD_NAMES[field]) if field in FIELD_NAMES else field

    # -- style and filters ------------------------------------------------------------
    def current_style(self) -> str:
        return self._style

    def set_style(self, style: str, *, remember: bool = False) -> None:
        if style not in citations.STYLES:
            return
        self._style = style
        self.style_box.setCurrentIndex(citations.STYLES.index(style))
        if remember:
            open_settings().setValue(STYLE_KEY, style)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self._refresh()
        finally:
            QGuiApplication.restoreOverrideCursor()

    def _apply_filter(self) -> None:
        kind, lang = self.kind_box.currentData(), self.language_box.currentData()
        for row in range(self.list.count()):
            item = self.list.item(row)
            ref = self.paper.reference(item.data(REF_ROLE))
            item.setHidden(bool(kind and ref.type != kind) or bool(lang and ref.language != lang))
        current = self.list.currentItem()
        if current is not None and current.isHidden():  # its details would speak of a reference not listed
            self.list.clearSelection()
            self.list.setCurrentRow(-1)
        self._show_filter_notice()

    def _show_filter_notice(self) -> None:
        """Say what the filters do: how many are listed, or that none matches and how to see them."""
        shown, total = len(self.visible_references()), self.list.count()
        if shown == total:
            self.filter_notice.hide()
            return
        if shown:
            text = ngettext("{n} of {total} reference shown", "{n} of {total} references shown", total).format(
                n=i18n.format_number(shown), total=i18n.format_number(total))
        else:
            chosen = ", ".join(box.currentText() for box in (self.kind_box, self.language_box) if box.currentData())
            text = _("No reference matches the filters ({filters}). Choose “{all_kinds}” or “{all_languages}” "
                     "to see more.").format(filters=chosen, all_kinds=self.kind_box.itemText(0),
                                            all_languages=self.language_box.itemText(0))
        self.filter_notice.setText(text)
        self.filter_notice.show()

    def visible_references(self) -> list[int]:
        return [self.list.item(r).data(REF_ROLE) for r in range(self.list.count()) if not self.list.item(r).isHidden()]

    # -- selection ----------------------------------------------------------------
    def select_reference(self, n: int) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(REF_ROLE) == n:
                if item.isHidden():  # a marker was clicked: show it even if filtered out
                    self.kind_box.setCurrentIndex(0)
                    self.language_box.setCurrentIndex(0)
                self.list.setCurrentRow(row)
                self.list.scrollToItem(item)
                return

    def current_reference(self) -> int | None:
        item = self.list.currentItem()
        return item.data(REF_ROLE) if item else None

    def selected_references(self) -> list[Reference]:
        """The selected references in the paper's order; the current one if none is selected."""
        numbers = {item.data(REF_ROLE) for item in self.list.selectedItems() if not item.isHidden()}
        if not numbers and self.current_reference() is not None:
            numbers = {self.current_reference()}
        return [r for r in self.paper.references if r.n in numbers]

    def _current_changed(self, item: QListWidgetItem | None, _previous) -> None:
        self.notice.hide()
        self._show_details()
        if item is not None:
            self.referenceSelected.emit(item.data(REF_ROLE))

    # -- the selected reference ------------------------------------------------------------
    def set_zoom(self, percent: int) -> None:
        """The reader's zoom: the list and the details grow with the text."""
        self.list.setFont(zoomed_font(percent))
        self.list.scheduleDelayedItemsLayout()  # wrapped heights follow the font
        set_zoom(self.details, percent, reading=False)  # a pane: the interface font

    def show_details(self) -> None:
        """Show the current reference again (after a theme switch: links take the new colours)."""
        self._show_details()

    def _show_details(self) -> None:
        n = self.current_reference()
        ref = self.paper.reference(n) if n is not None else None
        if ref is None:
            self.details.setHtml(f"<p>{esc(_('Select a reference to see where the paper cites it.'))}</p>")
            return
        self.details.setHtml(self.details_html(ref))

    def details_html(self, ref: Reference) -> str:
        parts = []
        kind = _(citations.KIND_NAMES[ref.type]) if ref.type in citations.KIND_NAMES else ref.type
        head = " · ".join(x for x in (kind, i18n.language_name(ref.language) if ref.language else "") if x)
        parts.append(f"<p><b>[{ref.n}]</b> {esc(head)}</p>")
        if self._style in citations.CSL_STYLES:
            entry = citations.format_reference(ref, self._style, as_html=True, among=self.paper.references)
            parts.append(f"<p>{entry}</p>")
            if self._style != "gost":  # author-date: how the text cites it (2021a, 2021b ...)
                cite = dict(citations.citations_of(self.paper.references, self._style))[ref.n]
                parts.append(f"<p><i>{esc(_('In the text:'))}</i> {esc(cite)}</p>")
        parts.append(self._cited_html(ref))
        parts.append(self._links_html(ref))
        other = [r for r in ref.remarks if r.get("field") not in ("DOI", "URL")]
        if other:
            items = "".join(f"<li>{esc(self._field_name(r.get('field', '')))}: "
                            f"{esc(remark_text(r, i18n.current_language()))}</li>" for r in other)
            heading = esc(_("The paper's slips in this reference:"))
            parts.append(f"<p>⚠ {heading}</p><ul>{items}</ul>")
        parts.append(f"<p><i>{esc(_('As printed:'))}</i> {esc(ref.printed)}</p>")
        parts.append(f"<p><i>{esc(_('Second list (transliterated):'))}</i> {esc(ref.transliterated)}</p>")
        return "\n".join(p for p in parts if p)

    def _links_html(self, ref: Reference) -> str:
        rows = []
        for field, label, value, href in (("DOI", _("DOI"), ref.doi, doi_url(ref.doi) if ref.doi else None),
                                          ("URL", _("URL"), ref.url, ref.url)):
            if not value:
                continue
            row = f'{esc(label)}: <a href="{esc(href)}">{esc(href)}</a>'
            if safe_url(href) is None:
                row += f" ⚠ {esc(_('not a web address; it will not open'))}"
            for remark in ref.remarks:
                if remark.get("field") == field:
                    row += (f'<br><span style="color:{warning_colour()}">⚠ '
                            f'{esc(remark_text(remark, i18n.current_language()))}</span>')
            rows.append(row)
        if ref.accessed:
            rows.append(esc(_("Accessed: {date}").format(date=i18n.format_date(ref.accessed))))
        return f"<p>{'<br>'.join(rows)}</p>" if rows else ""

    def _cited_html(self, ref: Reference) -> str:
        markers = self.paper.markers_for(ref.n)
        if not markers:
            return f"<p>{esc(_('Not cited in the text.'))}</p>"
        # Our words, wholly in the UI language; then the places, each a section heading as the
        # paper prints it (its body is English) on a line of its own, never inside our sentence.
        count = esc(ngettext("Cited {n} time", "Cited {n} times", len(markers)).format(
            n=i18n.format_number(len(markers))))
        places = []
        for section_id in self.paper.cited_in(ref.n):
            here = [m for m in markers if self._section_of(m) == section_id]
            section = self.paper.section(section_id)
            title = esc(section.title if section else section_id)
            link = f'<a href="marker:{here[0].index}">{title}</a>'
            if len(here) > 1:  # several markers in one section: one link each
                link += " (" + ", ".join(f'<a href="marker:{m.index}">{i18n.format_number(i)}</a>'
                                         for i, m in enumerate(here, 1)) + ")"
            places.append(f"<li>{link}</li>")
        return f"<p>{count}:</p><ul>{''.join(places)}</ul>"

    def _section_of(self, marker: Marker) -> str:
        if marker.section.startswith("table-"):
            return self.paper.section_of_table(int(marker.section.split("-")[1])) or marker.section
        return marker.section

    def _link_clicked(self, url: QUrl) -> None:
        text = url.toString()
        if url.scheme() == "marker":
            try:
                self.markerRequested.emit(int(url.path()))
            except ValueError:
                pass
            return

        if open_link(text, self) == REFUSED:
            self.notice.setText(f"⚠ {refusal_text()}")
            self.notice.show()

    # -- copy and export ----------------------------------------------------------------
    def copy_references(self, refs: list[Reference]) -> None:
        """Copy in the current style: plain text and rich text (italics, numbering)."""
        if not refs:
            return
        mime = QMimeData()
        if len(refs) == 1:  # one reference as the list shows it (its 2021a)
            mime.setText(citations.format_reference(refs[0], self._style, among=self.paper.references))
            mime.setHtml("<p>" + citations.format_reference(refs[0], self._style, as_html=True,
                                                            among=self.paper.references) + "</p>")
        else:
            mime.setText(citations.bibliography_text(refs, self._style))
            mime.setHtml("".join(f"<p>{text}</p>" for _n, text in
                                 citations.formatted(refs, self._style, as_html=True)))
        QGuiApplication.clipboard().setMimeData(mime)

    def export_dialog(self, refs: list[Reference]) -> None:
        if not refs:
            return
        filters = {_(EXPORT_FILTERS[f]): f for f in citations.EXPORT_FORMATS}
        path, chosen = QFileDialog.getSaveFileName(  # the dialog asks before overwriting
            self, _("Export references"), str(Path.home() / "references.bib"), ";;".join(filters))
        if not path:
            return
        fmt = filters.get(chosen, "bibtex")
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(citations.SUFFIXES[fmt])
        self.export_to(path, refs, fmt)

    def export_to(self, path: str | Path, refs: list[Reference], fmt: str) -> bool:
        """Write ``refs`` as ``fmt`` (HTML and text in the current style), whole or not at all."""
        try:
            text = citations.export_references(refs, fmt, style=self._style)
        except ValueError as exc:
            QMessageBox.critical(self, _("Export failed"), _("Could not write {path}: {error}").format(
                path=str(path), error=str(exc)))
            return False
        return save_data(self, path, text)
