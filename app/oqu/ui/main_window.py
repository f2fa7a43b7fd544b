"""The main window: abstract, paper and tables tabs, the citation pane beside them."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QMainWindow, QMessageBox, QTabWidget, QToolBar, QWidget

from oqu import APP_NAME, __version__, i18n
from oqu.core import Problem, load_bundle
from oqu.core.model import Paper
from oqu.i18n import LANGUAGES, N_, _
from oqu.ui.abstract_view import AbstractView
from oqu.ui.citation_pane import CitationPane
from oqu.ui.common import Retranslating, esc
from oqu.ui.language import manager
from oqu.ui.paper_view import PaperView
from oqu.ui.settings import open_settings
from oqu.ui.tables_view import TablesView

TAB_KEYS = ("abstract", "paper", "tables")
TAB_TITLES = {"abstract": N_("Abstract"), "paper": N_("Paper"), "tables": N_("Tables && charts")}


class MainWindow(Retranslating, QMainWindow):
    """``MainWindow()`` opens the embedded paper; pass a loaded ``Paper`` to show another."""

    def __init__(self, paper: Paper | None = None, *, remember_language: bool = True,
                 parent: QWidget | None = None):
        super().__init__(parent)
        from oqu.ui.app import application

        application()
        if paper is None:
            paper = load_bundle().paper
        self.paper = paper
        self.remember_language = remember_language
        self.setObjectName("mainWindow")

        self.abstract_view = AbstractView(paper, self)
        self.paper_view = PaperView(paper, self)
        self.tables_view = TablesView(paper, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        for view in (self.abstract_view, self.paper_view, self.tables_view):
            self.tabs.addTab(view, "")
        self.setCentralWidget(self.tabs)

        self.citation_pane = CitationPane(paper, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.citation_pane)
        # Citations, both ways: marker -> reference, reference -> its markers.
        self.paper_view.citationActivated.connect(self.citation_pane.select_reference)
        self.citation_pane.referenceSelected.connect(self.paper_view.highlight_reference)
        self.citation_pane.markerRequested.connect(self.show_marker)
        self.tables_view.referenceRequested.connect(self.citation_pane.select_reference)

        self._build_actions()
        self._build_menus()
        manager().languageChanged.connect(self._language_changed)
        self.resize(1280, 800)
        self.restore_state()
        self.retranslate()

    # -- actions and menus -------------------------------------------------
    def _build_actions(self) -> None:
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quit")
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.about_action = QAction(self)
        self.about_action.setObjectName("about")
        self.about_action.triggered.connect(self.show_about)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():
            action = QAction(name, self, checkable=True)  # each language by its own name
            action.setObjectName(f"lang-{code}")
            action.setData(code)
            action.setChecked(code == i18n.current_language())
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addAction(self.citation_pane.toggleViewAction())
        self.language_menu = bar.addMenu("")
        self.language_menu.setObjectName("languageMenu")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.setObjectName("helpMenu")
        self.help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.addToolBar(self.toolbar)
        self.language_box = QComboBox(self)
        self.language_box.setObjectName("languageSelector")
        for code, name in LANGUAGES.items():
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(list(LANGUAGES).index(i18n.current_language()))
        self.language_box.activated.connect(lambda i: self.set_language(self.language_box.itemData(i)))
        self.toolbar.addWidget(self.language_box)

    def retranslate(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self.paper.title.get(i18n.current_language(), '')}")
        for i, key in enumerate(TAB_KEYS):
            self.tabs.setTabText(i, _(TAB_TITLES[key]))
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.quit_action.setText(_("&Quit"))
        self.about_action.setText(_("&About Oqu"))
        self.toolbar.setWindowTitle(_("Toolbar"))
        self.language_box.setToolTip(_("Language of the interface"))
        self.citation_pane.toggleViewAction().setText(_("&References pane"))
        self.statusBar().showMessage(_("{n} references, {m} citation markers").format(
            n=i18n.format_number(len(self.paper.references)), m=i18n.format_number(len(self.paper.markers))))

    # -- language ----------------------------------------------------------
    def set_language(self, code: str) -> None:
        if code != i18n.current_language():
            manager().apply(code)
        if self.remember_language:
            open_settings().setValue("ui/language", code)

    def _language_changed(self, code: str) -> None:
        self.language_actions[code].setChecked(True)
        self.language_box.setCurrentIndex(list(LANGUAGES).index(code))

    # -- navigation ----------------------------------------------------------
    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex(TAB_KEYS.index(key))

    def show_marker(self, index: int) -> None:
        """Scroll the paper to citation marker ``index`` and highlight its sentence."""
        self.show_tab("paper")
        self.paper_view.show_marker(index)

    def current_tab(self) -> str:
        return TAB_KEYS[self.tabs.currentIndex()]

    # -- dialogs -------------------------------------------------------------
    def show_about(self) -> None:
        QMessageBox.about(self, _("About Oqu"), "<p><b>{}</b> {}</p><p>{}</p>".format(
            APP_NAME, __version__, esc(_("A reading companion for one research paper, offline, "
                                         "in English, Russian and Kazakh."))))

    def show_problems(self, problems: list[Problem]) -> None:
        """A damaged bundle: list its problems; what is valid is shown anyway."""
        box = QMessageBox(QMessageBox.Icon.Warning, _("Problems in the paper bundle"),
                          _("The paper bundle has {n} problem(s). What is valid is shown.").format(
                              n=i18n.format_number(len(problems))), parent=self)
        box.setDetailedText("\n".join(str(p) for p in problems))
        box.setObjectName("problemsDialog")
        box.open()
        self.problems_box = box

    # -- state ---------------------------------------------------------------
    def restore_state(self) -> None:
        settings = open_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        tab = settings.value("window/tab")
        if tab in TAB_KEYS:
            self.show_tab(tab)

    def save_state(self) -> None:
        settings = open_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/tab", self.current_tab())
        settings.sync()

    def closeEvent(self, event):  # noqa: N802 (Qt API)
        self.save_state()
        super().closeEvent(event)
