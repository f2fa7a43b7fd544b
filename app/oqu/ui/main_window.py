"""The main window: abstract, paper and tables tabs, the citation pane beside them.

With ``progressive=True`` (the app's start, ``oqu.ui.app.run``) the first paint shows the
abstract in the window's frame -- tabs, menus, toolbar -- and the rest (the paper and tables
pages, the citation and search panes) is built right after it (``oqu.ui.startup.BuiltLater``),
so the reader sees the paper at once instead of waiting for every view. Without it (tests,
screenshots) the window is built when the constructor returns. Either way the views are
reached through properties that build the window first.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QActionGroup, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QTabWidget, QToolBar, QToolButton, QVBoxLayout, QWidget

from oqu import APP_NAME, __version__, i18n
from oqu.core import Problem, load_bundle
from oqu.core.history import History
from oqu.core.model import Paper
from oqu.i18n import LANGUAGES, N_, _
from oqu.ui.abstract_view import AbstractView
from oqu.ui.common import Retranslating, esc, name_combo
from oqu.ui.language import manager
from oqu.ui.navigation import MouseButtons, Place, arrow_icon, palette_arrow_icon, shortcuts
from oqu.ui.settings import open_settings
from oqu.ui.startup import AfterFirstPaint, BuiltLater, built_part, warm_up_soon
from oqu.ui.textdoc import READING, show_top, top_position
from oqu.ui.theme import THEMES, apply_theme, note_system_scheme, refresh_rich_labels, system_wants_high_contrast

if TYPE_CHECKING:  # imported when the window is built, after the first paint (oqu.ui.startup)
    from oqu.ui.citation_pane import CitationPane
    from oqu.ui.paper_view import PaperView
    from oqu.ui.search_panel import SearchPanel
    from oqu.ui.tables.view import TablesView

TAB_KEYS = ("abstract", "paper", "tables")
READING_FONTS = {"serif": N_("&Serif"), "sans": N_("S&ans-serif")}
TAB_TITLES = {"abstract": N_("Abstract"), "paper": N_("Paper"), "tables": N_("Tables && charts")}
ZOOM_STEPS = (50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)  # percent, as browsers do


class MainWindow(BuiltLater, Retranslating, QMainWindow):
    """``MainWindow()`` opens the embedded paper; pass a loaded ``Paper`` to show another."""

    def __init__(self, paper: Paper | None = None, *, remember_language: bool = True,
                 progressive: bool = False, parent: QWidget | None = None):
        super().__init__(parent)  # in the running QApplication (oqu.ui.app.application())
        if paper is None:
            paper = load_bundle().paper
        self.paper = paper
        self.remember_language = remember_language
        self.setObjectName("mainWindow")
        self.zoom = 100
        self.theme = "system"
        self.high_contrast: bool | None = None  # None: as the system prefers
        self.history: History[Place] = History()
        self._quiet = 1  # > 0: tab changes are not history steps (while starting, going Back, jumping)

        self.abstract_view = AbstractView(paper, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.abstract_view, "")
        self._add_pages()
        self.setCentralWidget(self.tabs)
        self.tabs.tabBar().setFocus()  # the reader starts at the tabs (see order_focus)

        self._build_actions()
        self._build_menus()
        # The paper's figures stay in the status bar: a permanent widget, which menu hovers
        # and "Saved …" messages do not replace.
        self.summary = QLabel(self)
        self.summary.setObjectName("paperSummary")
        self.statusBar().addPermanentWidget(self.summary)
        manager().languageChanged.connect(self._language_changed)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._system_theme_changed)
        self.resize(1280, 800)
        self._restore_window()
        self._tab_index = self.tabs.currentIndex()
        self.tabs.currentChanged.connect(self._tab_changed)
        self._quiet = 0
        self.retranslate()
        if progressive:
            AfterFirstPaint(self, self._build_after_paint)
        else:
            self.ensure_built()
            AfterFirstPaint(self, self._after_first_paint)

    # -- built after the first paint ---------------------------------------------
    def _add_pages(self) -> None:
        """The paper and tables tabs as empty pages, filled by _build(); until then a page
        restored as the current tab says "Loading…"."""
        self._pages = {key: QWidget(self.tabs) for key in TAB_KEYS[1:]}
        self._loading = []
        for page in self._pages.values():
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            label = QLabel(page)
            label.setObjectName("loadingLabel")
            layout.addWidget(label)
            self._loading.append(label)
            self.tabs.addTab(page, "")

    def _build(self) -> None:
        """The paper and tables pages and the two panes (BuiltLater: once; every view property builds first)."""
        from oqu.ui.citation_pane import CitationPane
        from oqu.ui.paper_view import PaperView
        from oqu.ui.search_panel import SearchPanel
        from oqu.ui.tables.view import TablesView

        paper = self.paper
        for label in self._loading:
            label.hide()  # at once: deleteLater waits for the event loop (a screenshot may not)
            label.deleteLater()
        self._loading = []
        self.abstract_view.ensure_built()
        self._paper_view = PaperView(paper, self._pages["paper"])
        self._tables_view = TablesView(paper, self._pages["tables"])
        for key, view in (("paper", self._paper_view), ("tables", self._tables_view)):
            self._pages[key].layout().addWidget(view)

        right = QtCore.Qt.DockWidgetArea.RightDockWidgetArea
        self._citation_pane = CitationPane(paper, self)
        self.addDockWidget(right, self._citation_pane)
        self._search_panel = SearchPanel(paper, self)
        self.addDockWidget(right, self._search_panel)
        self.splitDockWidget(self._citation_pane, self._search_panel, QtCore.Qt.Orientation.Vertical)
        # The references are read more than searched, but a search needs room for several hits.
        self.resizeDocks([self._citation_pane, self._search_panel], [3, 2], QtCore.Qt.Orientation.Vertical)
        self.view_menu.addSeparator()
        self.view_menu.addAction(self._citation_pane.toggleViewAction())
        self.view_menu.addAction(self._search_panel.toggleViewAction())

        # Citations, both ways: marker -> reference, reference -> its markers.
        self.tabs.currentChanged.connect(self._size_by_current_tab)
        self._size_by_current_tab()

        self._paper_view.citationActivated.connect(self.show_reference)
        self._paper_view.citationOpened.connect(lambda _n: self._citation_pane.focus_details())
        self._citation_pane.referenceSelected.connect(self._paper_view.highlight_reference)
        self._citation_pane.markerRequested.connect(self.show_marker)
        self._tables_view.referenceRequested.connect(self.show_reference)
        self._paper_view.tableRequested.connect(self.show_table)
        self._paper_view.aboutToJump.connect(self.note_jump)
        self._paper_view.placesMoved.connect(self._move_paper_places)
        self._search_panel.queryChanged.connect(self.set_search)
        self._search_panel.hitActivated.connect(self.show_hit)

        self._paint_arrows()
        # Keyboard use, set up once the first paint is out (Qt's enums cost start-up time).
        for action in self.toolbar.actions():  # in the Tab order, as the menus' items are reachable
            button = self.toolbar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
        self._tables_view.pageBuilt.connect(self.order_focus)
        self.order_focus()
        from oqu.ui.focus import install_focus_ring

        install_focus_ring()

        for view in (self._paper_view, self._tables_view, self._citation_pane, self._search_panel):
            view.set_zoom(self.zoom)
        self._restore_panes()
        self._retranslate_panes()

    def _size_by_current_tab(self, *_args) -> None:
        """Only the tab in view sets how small the window may be: the charts' minimum must not
        keep the window large while the reader is on the abstract or the paper."""
        from PySide6.QtWidgets import QSizePolicy

        for i in range(self.tabs.count()):
            policy = QSizePolicy.Policy.Preferred if i == self.tabs.currentIndex() else QSizePolicy.Policy.Ignored
            self.tabs.widget(i).setSizePolicy(policy, policy)

    paper_view: PaperView = built_part("_paper_view")
    tables_view: TablesView = built_part("_tables_view")
    citation_pane: CitationPane = built_part("_citation_pane")
    search_panel: SearchPanel = built_part("_search_panel")

    def _build_after_paint(self) -> None:
        self.ensure_built()
        QTimer.singleShot(0, self._after_first_paint)  # let the panes paint first

    def _after_first_paint(self) -> None:
        """Prepare what the first look does not need (see oqu.ui.startup)."""
        self._follow_system_contrast()
        self.paper_view.ensure_built()
        self.search_panel.index  # noqa: B018 -- built now, so the first keystroke finds it ready
        warm_up_soon()

    # -- actions and menus -------------------------------------------------
    def _build_actions(self) -> None:
        self.quit_action = QAction(self)
        self.quit_action.setObjectName("quit")
        self.quit_action.setShortcuts(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.print_action = self._action("print", QKeySequence.StandardKey.Print, self.print_paper)
        self.pdf_action = self._action("exportPdf", QKeySequence("Ctrl+Shift+S"), self.export_pdf)
        self.find_action = self._action("find", QKeySequence.StandardKey.Find,
                                        lambda: self.search_panel.focus_field())
        self.find_next_action = self._action("findNext", QKeySequence.StandardKey.FindNext,
                                             lambda: self.search_panel.next())
        self.find_previous_action = self._action("findPrevious", QKeySequence.StandardKey.FindPrevious,
                                                 lambda: self.search_panel.previous())
        self.zoom_in_action = self._action("zoomIn", QKeySequence.StandardKey.ZoomIn, lambda: self.step_zoom(1))
        # Ctrl+= as well: on many keyboards "+" needs Shift.
        self.zoom_in_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")])
        self.zoom_out_action = self._action("zoomOut", QKeySequence.StandardKey.ZoomOut,
                                            lambda: self.step_zoom(-1))
        self.zoom_reset_action = self._action("zoomReset", QKeySequence("Ctrl+0"), lambda: self.set_zoom(100))
        self._build_navigation()
        self.next_marker_action = self._action("nextMarker", QKeySequence("F8"), lambda: self.step_marker(1))
        self.previous_marker_action = self._action("previousMarker", QKeySequence("Shift+F8"),
                                                   lambda: self.step_marker(-1))
        # F6 / Shift+F6, as in browsers and file managers: the next part of the window at once, where Tab
        # would stop at each link of a text first.
        self.next_pane_action = self._action("nextPane", QKeySequence("F6"), lambda: self.step_pane(1))
        self.previous_pane_action = self._action("previousPane", QKeySequence("Shift+F6"),
                                                 lambda: self.step_pane(-1))
        self.tab_actions = [self._action(f"tab-{key}", QKeySequence(f"Alt+{i}"),
                                         lambda _c=False, k=key: self.show_tab(k))
                            for i, key in enumerate(TAB_KEYS, start=1)]
        self.theme_group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for mode in THEMES:
            action = QAction(self, checkable=True)
            action.setObjectName(f"theme-{mode}")
            action.triggered.connect(lambda _checked=False, m=mode: self.set_theme(m))
            self.theme_group.addAction(action)
            self.theme_actions[mode] = action
        self.high_contrast_action = self._action("highContrast", QKeySequence("Ctrl+Alt+H"),
                                                 lambda: self.set_high_contrast(self.high_contrast_action.isChecked()))
        self.high_contrast_action.setCheckable(True)
        self.font_group = QActionGroup(self)
        self.font_actions: dict[str, QAction] = {}
        for kind in READING_FONTS:
            action = QAction(self, checkable=True)
            action.setObjectName(f"readingFont-{kind}")
            action.triggered.connect(lambda _checked=False, k=kind: self.set_reading_font(k, remember=True))
            self.font_group.addAction(action)
            self.font_actions[kind] = action
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

    def _build_navigation(self) -> None:
        """Back / Forward: the actions with Alt+Left / Alt+Right and the platform's Back / Forward
        keys, and the mouse's back / forward buttons anywhere in the window."""
        palette = QGuiApplication.palette()  # its arrows until the first paint; then _paint_arrows draws the theme's
        self.back_action = self._action("navBack", QKeySequence.StandardKey.Back, self.go_back)
        self.back_action.setShortcuts(shortcuts(QKeySequence.StandardKey.Back, "Alt+Left"))
        self.back_action.setIcon(palette_arrow_icon(palette, left=True))  # no QStyle: ~20 ms of the start
        self.forward_action = self._action("navForward", QKeySequence.StandardKey.Forward, self.go_forward)
        self.forward_action.setShortcuts(shortcuts(QKeySequence.StandardKey.Forward, "Alt+Right"))
        self.forward_action.setIcon(palette_arrow_icon(palette, left=False))
        self.back_action.setEnabled(False)
        self.forward_action.setEnabled(False)
        MouseButtons(self, self.go_back, self.go_forward)  # application-wide once the window has painted

    def _action(self, name: str, shortcut, slot) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        # setShortcuts: a standard key may have several sequences (F3 and Ctrl+G for Find next);
        # setShortcut() would also build the Qt namespace's enums before the first paint.
        action.setShortcuts(shortcut if isinstance(shortcut, QKeySequence.StandardKey) else [shortcut])
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # the shortcut works while the menus are closed, from any tab
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.setObjectName("fileMenu")
        self.file_menu.addActions([self.print_action, self.pdf_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.setObjectName("editMenu")
        self.edit_menu.addActions([self.find_action, self.find_next_action, self.find_previous_action])
        self.view_menu = bar.addMenu("")
        self.view_menu.setObjectName("viewMenu")
        self.view_menu.addActions([self.back_action, self.forward_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions(self.tab_actions)
        self.view_menu.addActions([self.next_marker_action, self.previous_marker_action])
        self.view_menu.addActions([self.next_pane_action, self.previous_pane_action])
        self.view_menu.addSeparator()
        self.view_menu.addActions([self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action])
        self.view_menu.addSeparator()
        self.theme_menu = self.view_menu.addMenu("")
        self.theme_menu.setObjectName("themeMenu")
        self.theme_menu.addActions(list(self.theme_actions.values()))
        self.font_menu = self.view_menu.addMenu("")
        self.font_menu.setObjectName("readingFontMenu")
        self.font_menu.addActions(list(self.font_actions.values()))
        self.view_menu.addAction(self.high_contrast_action)
        # The panes' toggles follow when the panes are built (_build()).
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
        self.toolbar.addActions([self.back_action, self.forward_action])
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.language_box)
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.find_action, self.zoom_out_action, self.zoom_in_action, self.print_action])

    def retranslate(self) -> None:
        self.setWindowTitle(f"{APP_NAME} — {self.paper.short_title_in(i18n.current_language())}")
        self.tabs.setAccessibleName(_("Abstract, paper and tables"))
        for i, key in enumerate(TAB_KEYS):
            self.tabs.setTabText(i, _(TAB_TITLES[key]))
        for label in self._loading:  # centred by HTML: Qt's alignment enums cost start-up time
            label.setText(f'<div align="center">{esc(_("Loading…"))}</div>')
        self.file_menu.setTitle(_("&File"))
        self.view_menu.setTitle(_("&View"))
        self.language_menu.setTitle(_("&Language"))
        self.help_menu.setTitle(_("&Help"))
        self.quit_action.setText(_("&Quit"))
        self.edit_menu.setTitle(_("&Edit"))
        self.print_action.setText(_("&Print…"))
        self.pdf_action.setText(_("Save as P&DF…"))
        self.find_action.setText(_("&Find…"))
        self.find_next_action.setText(_("Find &next"))
        self.find_previous_action.setText(_("Find &previous"))
        self.zoom_in_action.setText(_("Zoom &in"))
        self.zoom_out_action.setText(_("Zoom &out"))
        self.zoom_reset_action.setText(_("&Normal size"))
        self.next_marker_action.setText(_("Next citation &marker"))
        self.previous_marker_action.setText(_("Previous citation mar&ker"))
        self.next_pane_action.setText(_("Next &part of the window"))
        self.previous_pane_action.setText(_("Previous part of the &window"))
        self.back_action.setText(_("&Back"))
        self.back_action.setToolTip(_("Back to where you were before the last jump ({key})").format(
            key=self.back_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        self.forward_action.setText(_("&Forward"))
        self.forward_action.setToolTip(_("Forward again ({key})").format(
            key=self.forward_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)))
        for action, key in zip(self.tab_actions, TAB_KEYS):
            action.setText(_(TAB_TITLES[key]))
        self.theme_menu.setTitle(_("&Theme"))
        for mode, action in self.theme_actions.items():
            action.setText(_(THEMES[mode]))
        self.font_menu.setTitle(_("Reading &font"))
        for kind, action in self.font_actions.items():
            action.setText(_(READING_FONTS[kind]))
        self.high_contrast_action.setText(_("&High contrast"))
        self.about_action.setText(_("&About Oqu"))
        self.toolbar.setWindowTitle(_("Toolbar"))
        self.language_box.setToolTip(_("Language of the interface"))
        self.language_box.setAccessibleName(_("Language of the interface"))  # its list: _retranslate_panes
        extension = self.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if extension is not None:  # Qt's "»" button, shown when the toolbar is too narrow
            extension.setAccessibleName(_("More tools"))
        self.summary.setText(_("{n} references, {m} citation markers").format(
            n=i18n.format_number(len(self.paper.references)), m=i18n.format_number(len(self.paper.markers))))
        self._retranslate_panes()

    def _retranslate_panes(self) -> None:
        if self.built:
            # view() builds the combo box's popup: not before the first paint (start-up time).
            name_combo(self.language_box, _("Language of the interface"))
            self._search_panel.toggleViewAction().setText(_("&Search pane"))
            self._citation_pane.toggleViewAction().setText(_("&References pane"))

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

    def place(self, tab: str | None = None) -> Place:
        """Where the reader is (on ``tab``, by default the current one)."""
        tab = tab or self.current_tab()
        reference = self._citation_pane.current_reference() if self.built else None
        if tab == "abstract":
            lang = self.abstract_view.current_language()
            return Place(tab, lang, top_position(self.abstract_view.browsers[lang]), reference)
        if tab == "paper":
            return Place(tab, "", self._paper_view.top_position() if self.built else 0, reference)
        view = str(self._tables_view.current_table()) if self.built else ""
        return Place(tab, view, 0, reference)

    def go_to(self, place: Place) -> None:
        """Show ``place`` again (a Back or Forward step: itself no step)."""
        self._quiet += 1
        try:
            self.show_tab(place.tab)
            if place.tab == "abstract" and place.view in self.abstract_view.browsers:
                self.abstract_view.show_language(place.view)
                show_top(self.abstract_view.browsers[place.view], place.position)
            elif place.tab == "paper":
                self.paper_view.show_position(place.position)
            elif place.tab == "tables" and place.view.isdigit():
                self.tables_view.show_table(int(place.view))
            if place.reference != self.citation_pane.current_reference():
                if place.reference is None:
                    self.citation_pane.list.setCurrentRow(-1)
                    self.paper_view.highlight_reference(None)
                else:
                    self.citation_pane.select_reference(place.reference)
        finally:
            self._tab_index = self.tabs.currentIndex()
            self._quiet -= 1
            self._update_history_actions()

    def _paint_arrows(self) -> None:
        """Back / Forward arrows in the theme's text colour (after the first paint: the Qt namespace's
        enums cost start-up time; until then palette_arrow_icon's stand in)."""
        from PySide6.QtGui import QPalette

        palette = QGuiApplication.palette()  # the theme's, at once (the window's follows by events)
        color = palette.color(QPalette.ColorRole.WindowText)
        ground = palette.color(QPalette.ColorRole.Window)
        faint = QColor(*(round(g + (c - g) * 0.35) for c, g in zip(color.getRgb()[:3], ground.getRgb()[:3])))
        self.back_action.setIcon(arrow_icon(color, faint, left=True))
        self.forward_action.setIcon(arrow_icon(color, faint, left=False))

    def note_jump(self) -> None:
        """The reader is about to jump: where they are becomes the Back step."""
        if not self._quiet:
            self.history.jumped(self.place())
            self._update_history_actions()

    def _move_paper_places(self, move) -> None:
        """The paper's text was edited (a language switch): its Back and Forward places follow their words."""
        self.history.remap(lambda p: replace(p, position=move(p.position)) if p.tab == "paper" else p)

    def go_back(self) -> None:
        place = self.history.back(self.place())
        if place is not None:
            self.go_to(place)

    def go_forward(self) -> None:
        place = self.history.forward(self.place())
        if place is not None:
            self.go_to(place)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def _tab_changed(self, index: int) -> None:
        """A change of the main tab is a step: Back returns to the tab (and place) left."""
        previous, self._tab_index = self._tab_index, index
        if not self._quiet and 0 <= previous < len(TAB_KEYS):
            self.history.jumped(self.place(TAB_KEYS[previous]))
            self._update_history_actions()

    def _jump(self, go) -> None:
        """Note the place, then ``go()`` there; the tab changes it makes are not steps of their own."""
        self.note_jump()
        self._quiet += 1
        try:
            go()
        finally:
            self._tab_index = self.tabs.currentIndex()
            self._quiet -= 1

    def show_reference(self, n: int) -> None:
        """Select reference ``n`` in the References pane (a marker or a printed entry was clicked)."""
        self._jump(lambda: self.citation_pane.select_reference(n))

    def show_marker(self, index: int) -> None:
        """Scroll the paper to citation marker ``index`` and highlight its sentence; the marker
        becomes the current one, with the focus (back from the References pane's "cited in" links)."""
        def go():
            self.show_tab("paper")
            self.paper_view.select_marker(index)
        self._jump(go)

    def step_marker(self, delta: int) -> None:
        """F8 / Shift+F8: the next or previous citation marker in the paper, from any tab."""
        self.show_tab("paper")
        self.paper_view.step_marker(delta)

    def step_pane(self, delta: int) -> None:
        """F6 / Shift+F6: the focus to the next or previous part of the window -- the tabs, the text or
        table in view, the References pane, the Search pane, the toolbar -- skipping hidden panes."""
        parts = self._window_parts()
        focus = self.focusWidget()
        here = next((i for i, (area, _entry) in enumerate(parts)
                     if focus is not None and (focus is area or area.isAncestorOf(focus))), -1 if delta > 0 else 0)
        for step in range(1, len(parts) + 1):
            area, entry = parts[(here + delta * step) % len(parts)]
            if area.isVisible() and entry.isVisible():
                entry.setFocus(QtCore.Qt.FocusReason.TabFocusReason)
                return

    def _window_parts(self) -> list[tuple[QWidget, QWidget]]:
        """(area, the widget that takes the focus in it) of each part F6 visits, in the Tab order."""
        tab = self.current_tab()
        content = {"abstract": lambda: self.abstract_view.browsers[self.abstract_view.current_language()],
                   "paper": lambda: self.paper_view.text,
                   "tables": lambda: self.tables_view.tabs.tabBar()}[tab]()
        return [(self.tabs.tabBar(), self.tabs.tabBar()), (self.tabs.currentWidget(), content),
                (self.citation_pane, self.citation_pane.list), (self.search_panel, self.search_panel.field),
                (self.toolbar, self.language_box)]

    def order_focus(self) -> None:
        """Tab goes tabs → content → panes → toolbar (Qt's order would follow construction)."""
        from oqu.ui.focus import chain_focus

        chain = [self.tabs.tabBar(), *self.abstract_view.focus_chain()]
        if self.built:
            chain += [*self._paper_view.focus_chain(), *self._tables_view.focus_chain(),
                      *self._citation_pane.focus_chain(), *self._search_panel.focus_chain()]
        chain += [self.language_box, *(self.toolbar.widgetForAction(a) for a in self.toolbar.actions()
                                       if not a.isSeparator())]
        chain_focus([w for w in chain if w is not None])

    def current_tab(self) -> str:
        return TAB_KEYS[self.tabs.currentIndex()]

    def show_table(self, table_id: int) -> None:
        """Switch to the tables tab and open table ``table_id`` with its chart."""
        def go():
            self.show_tab("tables")
            self.tables_view.show_table(table_id)
        self._jump(go)

    # -- search ----------------------------------------------------------------
    def set_search(self, query: str) -> None:
        """Highlight every hit of ``query`` where it stands."""
        self.paper_view.set_search(query)
        self.abstract_view.set_search(query)

    def show_hit(self, hit) -> None:
        """Go to a search hit: its abstract, the text, or (translations of a table) its table."""
        self._jump(lambda: self._show_hit(hit))

    def _show_hit(self, hit) -> None:
        kind = hit.unit.kind
        if kind in ("title", "author", "abstract", "keywords"):
            self.show_tab("abstract")
            self.abstract_view.show_hit(hit)
            return
        if kind.startswith("reference"):
            self.citation_pane.select_reference(hit.unit.number)
        if self.paper_view.can_show(hit):
            self.show_tab("paper")
            self.paper_view.show_hit(hit)
        elif kind.startswith("table"):
            self.show_table(hit.unit.number)

    # -- reading comfort ---------------------------------------------------------
    def set_zoom(self, percent: int) -> None:
        self.zoom = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], int(percent)))
        self.abstract_view.set_zoom(self.zoom)
        if self.built:  # every pane the reader reads follows
            for view in (self._paper_view, self._tables_view, self._citation_pane, self._search_panel):
                view.set_zoom(self.zoom)
        self.zoom_reset_action.setEnabled(self.zoom != 100)

    def step_zoom(self, direction: int) -> None:
        bigger = [z for z in ZOOM_STEPS if z > self.zoom]
        smaller = [z for z in ZOOM_STEPS if z < self.zoom]
        if direction > 0 and bigger:
            self.set_zoom(bigger[0])
        elif direction < 0 and smaller:
            self.set_zoom(smaller[-1])

    def set_high_contrast(self, on: bool | None) -> None:
        """View → High contrast: on, off, or (None) as the system prefers; remembered."""
        self.high_contrast = on
        settings = open_settings()
        if on is None:
            settings.remove("ui/highContrast")
        else:
            settings.setValue("ui/highContrast", "on" if on else "off")
        self.set_theme(self.theme)

    def _high_contrast_now(self) -> bool:
        if self.high_contrast is not None:
            return self.high_contrast
        # Asked of Qt only after the first paint (its enums cost start-up time): see _after_first_paint.
        return self._system_high_contrast

    _system_high_contrast = False

    def set_reading_font(self, kind: str, *, remember: bool = False) -> None:
        """The texts in a serif or a sans-serif font (both shipped, both with Kazakh letters)."""
        kind = kind if kind in READING_FONTS else "sans"
        self.font_actions[kind].setChecked(True)
        if remember:
            open_settings().setValue("reading/font", kind)
        if READING["font"] != kind:
            READING["font"] = kind
            self.set_zoom(self.zoom)  # every text takes the font with its size

    def set_theme(self, mode: str) -> None:
        self.theme = mode if mode in THEMES else "system"
        self.theme_actions[self.theme].setChecked(True)
        high = self._high_contrast_now()
        self.high_contrast_action.setChecked(high)
        before = QGuiApplication.instance().property("oqu-theme")
        # The views were built in light colours: re-render when the colours changed.
        if apply_theme(self.theme, high_contrast=high) != (before or "light"):
            self.abstract_view.render()  # links take the palette's colours when the HTML is set
            if self.built:
                self._paper_view.render()
                self._citation_pane.show_details()
                self._paint_arrows()
            refresh_rich_labels(self)

    def _follow_system_contrast(self) -> None:
        """The system's contrast preference, now and when it changes (Qt 6.10+ reports it)."""
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "accessibility") and not self.property("oqu-contrast-followed"):
            self.setProperty("oqu-contrast-followed", True)
            hints.accessibility().contrastPreferenceChanged.connect(lambda _p: self._follow_system_contrast())
        wanted = system_wants_high_contrast()
        if wanted != self._system_high_contrast:
            self._system_high_contrast = wanted
            if self.high_contrast is None:
                self.set_theme(self.theme)

    def _system_theme_changed(self, scheme) -> None:
        note_system_scheme(scheme)
        if self.theme == "system":
            self.set_theme("system")

    def print_paper(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog

        from oqu.ui.printing import new_printer, print_to

        printer = new_printer()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            print_to(self.paper, printer)

    def export_pdf(self, path: str | None = None) -> str | None:
        """Save the paper as PDF (asks where when ``path`` is not given); returns the file."""
        from oqu.ui import saving
        from oqu.ui.printing import write_pdf

        target = Path(path) if path else saving.ask_save_path(
            self, _("Save the paper as PDF"), "oqu-paper.pdf", _("PDF files (*.pdf)"), ".pdf")
        if target is None or not saving.save_with(self, target, lambda tmp: write_pdf(self.paper, tmp)):
            return None
        self.statusBar().showMessage(_("Saved {file}").format(file=str(target)), 5000)
        return str(target)

    # -- dialogs -------------------------------------------------------------
    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(self, _("About Oqu"), "<p><b>{}</b> {}</p><p>{}</p>".format(
            APP_NAME, __version__, esc(_("A reading companion for one research paper, offline, "
                                         "in English, Russian and Kazakh."))))

    def show_problems(self, problems: list[Problem]) -> None:
        """A damaged bundle: list its problems; what is valid is shown anyway."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, _("Problems in the paper bundle"),
                          _("The paper bundle has {n} problem(s). What is valid is shown.").format(
                              n=i18n.format_number(len(problems))), parent=self)
        box.setDetailedText("\n".join(str(p) for p in problems))
        box.setObjectName("problemsDialog")
        box.open()
        self.problems_box = box

    # -- state ---------------------------------------------------------------
    def _restore_window(self) -> None:
        """Where the reader was: size and place, tab, zoom, theme (the panes: _restore_panes)."""
        settings = open_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        tab = settings.value("window/tab")
        if tab in TAB_KEYS:
            self.show_tab(tab)
        self.set_reading_font(str(settings.value("reading/font", "sans")))
        self.abstract_view.restore_places(settings.value("reading/abstract"),
                                          {lang: settings.value(f"reading/abstract-{lang}") for lang in
                                           self.abstract_view.browsers})
        try:
            self.set_zoom(int(settings.value("window/zoom", 100)))
        except (TypeError, ValueError):
            self.set_zoom(100)
        contrast = settings.value("ui/highContrast")
        self.high_contrast = {"on": True, "off": False}.get(str(contrast)) if contrast else None
        self.set_theme(str(settings.value("ui/theme", "system")))

    def _restore_panes(self) -> None:
        """The panes and toolbar as the reader left them, and the paper's section."""
        settings = open_settings()
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        section = settings.value("window/section")
        position = _whole(settings.value("reading/paper"))
        if position is not None:  # the very line the reader was at
            self.paper_view.show_position(position)
        elif section and self.paper.section(str(section)):
            self.paper_view.show_section(str(section))
        table = _whole(settings.value("reading/table"))
        ids = [t.id for t in self.paper.tables]
        if table in ids:  # the page itself (and its chart) is built when the tab is first shown
            self._tables_view.choose_table(table)

    def save_state(self) -> None:
        settings = open_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/tab", self.current_tab())
        settings.setValue("window/zoom", self.zoom)
        if self.built:  # else the panes and section stay as they were saved
            settings.setValue("window/state", self.saveState())
            settings.setValue("window/section", self._paper_view.current_section() or "")
            settings.setValue("reading/paper", self._paper_view.top_position())
            settings.setValue("reading/table", self._tables_view.current_table() or "")
        settings.setValue("reading/abstract", self.abstract_view.current_language())
        for lang, position in self.abstract_view.places().items():
            settings.setValue(f"reading/abstract-{lang}", position)
        settings.setValue("ui/theme", self.theme)
        settings.sync()

    def closeEvent(self, event):  # noqa: N802 (Qt API)
        self.save_state()
        super().closeEvent(event)


def _whole(value) -> int | None:
    """A setting read back as a whole number (INI files give text), or None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None
