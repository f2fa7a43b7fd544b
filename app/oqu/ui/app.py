"""Creating the application: fonts, language, theme, the main window."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from oqu import APP_NAME, ORG_NAME, __version__, i18n
from oqu.core import load_bundle
from oqu.ui import startup
from oqu.ui.errors import install as install_error_handlers
from oqu.ui.fonts import install_fonts
from oqu.ui.language import manager
from oqu.ui.main_window import MainWindow
from oqu.ui.settings import open_settings


def application(argv: list[str] | None = None, *, icon: bool = True) -> QApplication:
    """The QApplication, set up once (fonts, names, icon unless ``icon=False``); reused when it
    exists (tests)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else [sys.argv[0]])
    if not app.property("oqu-ready"):
        app.setApplicationName(APP_NAME)
        app.setOrganizationName(ORG_NAME)
        app.setApplicationVersion(__version__)
        app.setDesktopFileName("kz.oqu.Oqu")
        if icon:
            set_app_icon()
        install_fonts(app)
        app.setProperty("oqu-ready", True)
    return app


def set_app_icon() -> None:
    from oqu.ui.icons import app_icon

    QApplication.instance().setWindowIcon(app_icon())


def initial_language(cli_lang: str | None) -> str:
    """--lang for this run, else the remembered choice, else the system's language."""
    if cli_lang:
        return cli_lang

    saved = open_settings().value("ui/language")
    if saved in i18n.LANGUAGES:
        return saved
    return i18n.system_language()


def run(args, result=None) -> int:
    """The window on the bundle of ``args`` (or its ``result``, when the caller loaded it)."""
    app = application(icon=False)  # set once the window is up: QIcon costs start-up time

    install_error_handlers(app)  # from here on an unexpected error shows a dialog and is logged

    lang = initial_language(getattr(args, "lang", None))
    manager().apply(lang)
    if result is None:
        result = load_bundle(getattr(args, "bundle", None))
    window = MainWindow(result.paper, remember_language=not getattr(args, "lang", None), progressive=True)
    startup.AfterFirstPaint(window, set_app_icon)
    startup.show(window)
    if result.problems:
        window.show_problems(result.problems)
    return app.exec()
