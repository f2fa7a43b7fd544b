""""Copy with citation" on a text of the paper: the selected passage and the paper's own reference.

The context menu offers it (in the style chosen in the References pane, or GOST when the pane
shows the paper's own lists) and, in a submenu, in each of GOST, APA and Chicago; Ctrl+Shift+C
copies at once. The clipboard gets plain text and HTML (``oqu.core.quoting``).
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QTextEdit

from oqu.core.citations import CSL_STYLES, STYLE_NAMES
from oqu.core.model import Paper
from oqu.core.quoting import quote, style_for
from oqu.i18n import _
from oqu.ui.settings import open_settings

STYLE_KEY = "citations/style"  # the References pane's style (oqu.ui.citation_pane.STYLE_KEY)
SHORTCUT = "Ctrl+Shift+C"


class CopyWithCitation(QObject):
    def __init__(self, browser: QTextEdit, paper: Paper):
        super().__init__(browser)
        self.setObjectName("copyWithCitationHelper")
        self.browser, self.paper = browser, paper
        self.action = QAction(browser)
        self.action.setObjectName("copyWithCitation")
        self.action.setShortcuts([QKeySequence(SHORTCUT)])
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.action.setEnabled(False)
        self.action.triggered.connect(lambda _checked=False: self.copy())
        browser.addAction(self.action)
        browser.copyAvailable.connect(self.action.setEnabled)
        browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        browser.customContextMenuRequested.connect(self._popup)
        self.retranslate()

    def event(self, event):
        # A widget passes LanguageChange on to its children, this helper among them.
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        return super().event(event)

    def retranslate(self) -> None:
        self.action.setText(_("Copy with &citation"))
        self.action.setToolTip(_("Copy the selected passage with the paper's reference"))

    def chosen_style(self) -> str:
        return style_for(str(open_settings().value(STYLE_KEY, "")))

    def copy(self, style: str | None = None) -> bool:
        """Put the selected passage and the paper's reference on the clipboard; False if nothing is selected."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return False

        text, rich = quote(cursor.selectedText(), self.paper, style or self.chosen_style())
        mime = QMimeData()
        mime.setText(text)
        mime.setHtml(rich)
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def context_menu(self, pos: QPoint) -> QMenu:
        """The text's usual menu (Copy, Select all) with Copy with citation and a choice of style."""
        self.retranslate()
        menu = self.browser.createStandardContextMenu(pos)
        menu.setObjectName("textContextMenu")
        menu.addSeparator()
        menu.addAction(self.action)
        styles = menu.addMenu(_("Copy with citation &in"))
        styles.setObjectName("copyWithCitationStyles")
        styles.setEnabled(self.action.isEnabled())
        for style in CSL_STYLES:
            action = styles.addAction(_(STYLE_NAMES[style]))
            action.setObjectName(f"copyWithCitation-{style}")
            action.triggered.connect(lambda _checked=False, s=style: self.copy(s))
        return menu

    def _popup(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.browser.viewport().mapToGlobal(pos))
