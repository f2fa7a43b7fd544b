"""Switching the UI language live: our gettext catalog, Qt's own translations.

Installing the translators makes Qt send ``LanguageChange`` to every widget;
each widget answers by calling its ``retranslate()``, so no text is left in
the old language. Qt's own strings (Cancel, Copy, Select All) come from the
``qtbase_xx.qm`` files of the PySide6 wheel, with our catalog as a fallback.
"""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from oqu import i18n
from oqu.i18n import N_

# Locale names, not QLocale enums: building the Language/Country enums costs start-up time.
QT_LOCALES = {"en": "en_US", "ru": "ru_RU", "kk": "kk_KZ"}

# Qt's own strings that the app can show but qtbase_ru.qm or qtbase_kk.qm of
# PySide6 6.11 leave untranslated (found by recording every string Qt asks for
# in the file dialogs, message boxes and context menus; tests/test_language_qt.py
# checks them). Listed here so that extraction keeps them in our catalog.
QT_MISSING = (
    N_("&Look in:"), N_("Look in:"), N_("Files of &type:"), N_("Files of type:"),  # QFileDialog
    N_("My Computer"), N_("%1 File"),
    N_("Drive"), N_("Folder"), N_("File Folder"), N_("File"), N_("Alias"), N_("Shortcut"),  # icon provider
    N_("Unknown"),
    N_("Invalid filename"),  # QFileSystemModel
    N_("<b>The name \"%1\" cannot be used.</b><p>Try using another name, with fewer characters "
       "or no punctuation marks."),
    N_("An error occurred"),  # QErrorMessage
)


class GettextTranslator(QTranslator):
    """Answers Qt's own strings from our catalog where qtbase lacks them."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        # None (a null QString) lets Qt ask the next translator; "" would blank the text.
        if not source_text:
            return None
        translated = i18n._(source_text)
        return translated if translated != source_text else None

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return False


class LanguageManager(QObject):
    languageChanged = Signal(str)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._qt = QTranslator(self)
        self._ours = GettextTranslator(self)

    @property
    def language(self) -> str:
        return i18n.current_language()

    def apply(self, lang: str) -> None:
        """Make ``lang`` the UI language of the whole running application."""
        i18n.set_language(lang)
        app = QApplication.instance()
        QLocale.setDefault(QLocale(QT_LOCALES[lang]))
        app.removeTranslator(self._qt)
        app.removeTranslator(self._ours)
        self._qt = QTranslator(self)
        if lang != "en":
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if self._qt.load(f"qtbase_{lang}", folder):
                app.installTranslator(self._qt)
        app.installTranslator(self._ours)  # always: the install sends LanguageChange
        self.languageChanged.emit(lang)


_manager: LanguageManager | None = None


def manager() -> LanguageManager:
    global _manager
    if _manager is None:
        _manager = LanguageManager(QApplication.instance())
    return _manager
