"""Light and dark themes; by default the one the system uses."""
from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from oqu.i18n import N_

THEMES = {"system": N_("Follow the &system"), "light": N_("&Light"), "dark": N_("&Dark")}
_DARK = {
    QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e8e8e8",
    QPalette.ColorRole.Base: "#1f1f1f", QPalette.ColorRole.AlternateBase: "#2f2f2f",
    QPalette.ColorRole.Text: "#e8e8e8", QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e8e8e8", QPalette.ColorRole.ToolTipBase: "#3a3a3a",
    QPalette.ColorRole.ToolTipText: "#f0f0f0", QPalette.ColorRole.Highlight: "#3d7ab8",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.Link: "#8ab4f8",
    QPalette.ColorRole.LinkVisited: "#c58af9", QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    QPalette.ColorRole.BrightText: "#ff6b6b",
}

# High contrast (View → High contrast, or the system's contrast preference): pure black and
# white, every text colour at least 7:1 on its background; frames drawn in the text colour.
_HIGH_CONTRAST = {
    "light": {"Window": "#ffffff", "WindowText": "#000000", "Base": "#ffffff", "AlternateBase": "#f2f2f2",
              "Text": "#000000", "Button": "#ffffff", "ButtonText": "#000000", "ToolTipBase": "#ffffff",
              "ToolTipText": "#000000", "Highlight": "#00007a", "HighlightedText": "#ffffff",
              "Link": "#0000cc", "LinkVisited": "#5a0f8f", "PlaceholderText": "#3d3d3d",
              "BrightText": "#a30000", "Light": "#ffffff", "Midlight": "#000000", "Mid": "#000000",
              "Dark": "#000000", "Shadow": "#000000"},
    "dark": {"Window": "#000000", "WindowText": "#ffffff", "Base": "#000000", "AlternateBase": "#141414",
             "Text": "#ffffff", "Button": "#000000", "ButtonText": "#ffffff", "ToolTipBase": "#000000",
             "ToolTipText": "#ffffff", "Highlight": "#ffff00", "HighlightedText": "#000000",
             "Link": "#00ffff", "LinkVisited": "#ff99ff", "PlaceholderText": "#d0d0d0",
             "BrightText": "#ff8080", "Light": "#ffffff", "Midlight": "#ffffff", "Mid": "#ffffff",
             "Dark": "#ffffff", "Shadow": "#ffffff"},
}


def high_contrast_palette(theme: str) -> QPalette:
    """Black on white (``light``) or white on black (``dark``); disabled text still 4.5:1."""
    palette = QPalette()
    for name, color in _HIGH_CONTRAST[theme].items():
        role = getattr(QPalette.ColorRole, name)
        palette.setColor(role, QColor(color))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color))
    disabled = QColor("#595959" if theme == "light" else "#a6a6a6")
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def system_wants_high_contrast() -> bool:
    """The platform's contrast preference (GNOME/KDE/Windows high contrast), as Qt reports it."""
    from PySide6.QtCore import Qt

    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    return accessibility is not None and accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast


_system_dark: bool | None = None


def system_is_dark() -> bool:
    """Whether the system's colours are dark.

    Read once from the palette Qt starts with (the platform's), before ours replaces it, then
    kept up to date by ``note_system_scheme``. Asking ``styleHints().colorScheme()`` instead
    would build the enums of the whole Qt namespace (20-30 ms) before the first paint (oqu.ui.startup, rule 2).
    """
    global _system_dark
    if _system_dark is None:
        _system_dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
    return _system_dark


def note_system_scheme(scheme) -> None:
    """The system switched between light and dark (``styleHints().colorSchemeChanged``)."""
    global _system_dark
    _system_dark = scheme.name == "Dark"


def effective_theme(mode: str) -> str:
    """``light`` or ``dark``: what ``mode`` (system, light, dark) means on this machine now."""
    if mode == "system":
        return "dark" if system_is_dark() else "light"
    return mode if mode in ("light", "dark") else "light"


PLACEHOLDER_LIGHT = "#6b6b6b"  # 5.3:1 on white

# Warnings written in the text (the paper's slips): dark orange on light, light orange on dark,
# both above WCAG AA's 4.5:1 against the text background.
WARNING_COLOURS = {"light": "#9a4a00", "dark": "#ffb870"}


def current_theme() -> str:
    """``light`` or ``dark``: the colours the application has now."""
    return QApplication.instance().property("oqu-theme") or "light"


def warning_colour() -> str:
    return WARNING_COLOURS[current_theme()]


def refresh_rich_labels(root) -> None:
    """Re-set the text of every label under ``root`` that shows links.

    A label lays out its rich text, links coloured, when the text is set: after a live theme
    switch the old link colour (dark blue on near-black) would stay.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    for label in root.findChildren(QLabel):
        text = label.text()
        if "<a " in text and label.textFormat() != Qt.TextFormat.PlainText:
            label.setText("")
            label.setText(text)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, color in _DARK.items():
        palette.setColor(role, QColor(color))
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(color).darker(130))
    return palette


def apply_theme(mode: str, *, high_contrast: bool = False) -> str:
    """Colour the whole application for ``mode``; returns ``light`` or ``dark`` (``high-contrast-light``
    or ``high-contrast-dark`` with ``high_contrast``)."""
    app = QApplication.instance()
    system_is_dark()  # noted from the system's colours before ours first replace them
    theme = effective_theme(mode)
    if high_contrast:
        if app.property("oqu-theme") != f"high-contrast-{theme}":
            if app.style().name().lower() != "fusion":
                app.setStyle("Fusion")  # the native styles may ignore the palette
            app.setPalette(high_contrast_palette(theme))
            app.setProperty("oqu-theme", f"high-contrast-{theme}")
        return f"high-contrast-{theme}"
    if theme == (app.property("oqu-theme") or "light"):
        if theme == "light" and not app.property("oqu-readable"):
            app.setPalette(readable(app.palette()))  # the greys Qt starts with, made legible
            app.setProperty("oqu-readable", True)
        return theme  # Qt starts in the system's light colours: nothing else to change (start-up time)
    style = app.style()
    if theme == "dark" and style.name().lower() != "fusion":
        app.setStyle("Fusion")  # the native styles may ignore a dark palette
        style = app.style()
    app.setPalette(dark_palette() if theme == "dark" else readable(style.standardPalette()))
    app.setProperty("oqu-theme", theme)
    app.setProperty("oqu-readable", True)
    return theme


def readable(palette: QPalette) -> QPalette:
    """A light palette whose placeholder text ("Search the abstracts…") meets WCAG AA's 4.5:1 on
    its field: Qt's own grey reaches only 4.0:1 on white."""
    base = palette.color(QPalette.ColorRole.Base)
    if base.lightness() > 128:
        palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(PLACEHOLDER_LIGHT))
    return palette
