"""The headless commands: ``oqu screenshot``, ``oqu smoke`` and ``oqu export chart``, used by the CLI.

Each sets up Qt without a screen and exits with 0 or 1. Qt's offscreen platform warns "This plugin
does not support propagateSizeHints()" whenever a window is laid out; it says nothing about the
user's work, so a command that wrote its file prints nothing. Every other Qt message still reaches
stderr.
"""
from __future__ import annotations

import os
import sys
import traceback

SIZE = (1280, 800)
NOISE = ("This plugin does not support propagateSizeHints()",)


def offscreen_application():
    """The QApplication on the offscreen platform (unless another was chosen), with Qt's noise filtered."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler

    from oqu.ui.app import application
    from oqu.ui.settings import use_scratch_settings

    qInstallMessageHandler(_filtered)
    app = application()
    use_scratch_settings()  # the reader's settings are neither read nor written
    return app


def _filtered(_mode, _context, message: str) -> None:
    if message in NOISE:
        return
    print(message, file=sys.stderr)


def settle(app, seconds: float = 0.3) -> None:
    """Run the event loop a little: pyqtgraph's layouts settle over several passes."""
    import time

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def steady_grab(window, app, timeout: float = 3.0):
    """The window's picture once two grabs in a row are alike: a chart lays itself out over several
    passes, and a busy machine stretches them past any fixed wait (at most ``timeout`` seconds)."""
    import time

    settle(app)
    pixmap = window.grab()
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        settle(app, 0.15)
        again = window.grab()
        if again.toImage() == pixmap.toImage():
            break
        pixmap = again
    return pixmap


def _window(args, result=None):
    from oqu.core import load_bundle
    from oqu.ui.main_window import MainWindow

    if result is None:
        result = load_bundle(getattr(args, "bundle", None))
        for problem in result.problems:
            print(f"oqu: {problem}", file=sys.stderr)
    window = MainWindow(result.paper, remember_language=False)
    window.resize(*SIZE)
    window.show()
    return window, result.problems


def screenshot(args) -> int:
    """``oqu screenshot``: a PNG of the window at ``args.size`` (its own size, so the PNG has exactly
    those pixels) in ``args.theme``; a broken bundle exits 1 with its problems, like ``check``."""
    from oqu.core import load_bundle

    result = load_bundle(getattr(args, "bundle", None))
    if result.problems:
        for problem in result.problems:
            print(f"oqu: {problem}", file=sys.stderr)
        return 1
    app = offscreen_application()
    from oqu import i18n
    from oqu.core.atomic import write_failure, write_output
    from oqu.ui.language import manager

    manager().apply(getattr(args, "lang", None) or i18n.current_language())
    size = tuple(getattr(args, "size", SIZE))
    window, _problems = _window(args, result)
    window.set_theme(getattr(args, "theme", "light"))
    window.show_tab(args.tab)
    window.resize(*size)
    for path in getattr(args, "compare", None) or []:  # files compared with the paper, as from the window
        if not window.tables_view.load_compare_file(path):
            print(f"oqu: cannot compare {path}: {window.tables_view.error_box.informativeText()}", file=sys.stderr)
            return 1
    pixmap = steady_grab(window, app)
    if (window.width(), window.height()) != size:
        least = window.minimumSize().expandedTo(window.minimumSizeHint())
        print(f"oqu: the window cannot be {size[0]}x{size[1]}: its views need at least "
              f"{least.width()}x{least.height()}", file=sys.stderr)
        window.close()
        return 1
    pixmap.setDevicePixelRatio(1.0)
    data = _png_bytes(pixmap) if pixmap.size().toTuple() == size else b""
    window.close()
    if not data:
        print(f"oqu: cannot render the window for {args.output}", file=sys.stderr)
        return 1
    try:
        write_output(args.output, data)
    except OSError as exc:
        print(f"oqu: {write_failure(args.output, exc)}", file=sys.stderr)
        return 1
    return 0


def _png_bytes(pixmap) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice

    if pixmap.isNull():
        return b""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    return bytes(buffer.data()) if pixmap.save(buffer, "PNG") else b""


def blank(pixmap) -> bool:
    """True when a rendered view is empty or a single colour (nothing was drawn)."""
    if pixmap.isNull():
        return True
    image = pixmap.toImage()
    step_x, step_y = max(1, image.width() // 40), max(1, image.height() // 40)
    colours = {image.pixel(x, y) for x in range(0, image.width(), step_x)
               for y in range(0, image.height(), step_y)}
    return len(colours) < 3


def _environment_failures(app) -> list[str]:
    """What a frozen build can lose: Qt modules, plugins, fonts, catalogs, Qt's translations, the icon."""
    from PySide6.QtCore import QLibraryInfo, QTranslator
    from PySide6.QtGui import QFontDatabase, QImageReader

    from oqu import i18n
    from oqu.ui.fonts import FALLBACK_FAMILY, SERIF_FAMILY, register

    failures = []
    for module in ("QtSvg", "QtPrintSupport", "QtOpenGL"):  # SVG export, printing, pyqtgraph
        try:
            __import__(f"PySide6.{module}")
        except ImportError as exc:
            failures.append(f"Qt module {module}: {exc}")
    formats = {bytes(f).decode() for f in QImageReader.supportedImageFormats()}
    failures += [f"image format plugin {f} missing" for f in ("svg", "ico") if f not in formats]
    for family in (FALLBACK_FAMILY, SERIF_FAMILY):  # registered when needed: here, to see that they load
        if not register(family) or family not in QFontDatabase.families():
            failures.append(f"font {family} not installed from resources/fonts")
    if app.windowIcon().isNull():
        failures.append("the application icon is missing (resources/icons)")
    translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for lang in i18n.LANGUAGES:
        if not (i18n.i18n_dir() / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo").is_file():
            failures.append(f"{lang}: no compiled catalog {i18n.DOMAIN}.mo")
        if lang != "en" and not QTranslator().load(f"qtbase_{lang}", translations):
            failures.append(f"{lang}: Qt's own translation qtbase_{lang}.qm missing in {translations}")
    return failures


def _visit(app, window, lang: str) -> list[str]:
    """Show every tab and the citation pane in ``lang``; what looked wrong."""
    from oqu.ui.language import manager
    from oqu.ui.main_window import TAB_KEYS

    failures = []
    manager().apply(lang)
    english = {"abstract": "Abstract", "paper": "Paper"}
    for i, tab in enumerate(TAB_KEYS):
        window.show_tab(tab)
        app.processEvents()
        if blank(window.grab()):
            failures.append(f"{lang}/{tab}: rendered nothing")
        if lang != "en" and window.tabs.tabText(i) == english.get(tab):
            failures.append(f"{lang}/{tab}: the tab title is not translated")
    pane = window.citation_pane
    pane.show()
    first = pane.list.item(0)
    if first is None:
        return failures + [f"{lang}/citation pane: no references"]
    pane.list.setCurrentItem(first)
    app.processEvents()
    if blank(pane.grab()) or not pane.details.toPlainText().strip():
        failures.append(f"{lang}/citation pane: the first reference shows nothing")
    return failures + _styles(app, pane, lang)


def _styles(app, pane, lang: str) -> list[str]:
    """Every reference style formats the references (citeproc-py with our CSL files and its locales)."""
    from oqu.core import citations

    failures = []
    for style in citations.STYLES:
        pane.set_style(style)
        app.processEvents()
        if not pane.list.item(0).text().strip():
            failures.append(f"{lang}/citation pane: style {style} formats nothing")
    pane.set_style(citations.PRINTED)
    return failures


def smoke(args) -> int:
    """Visit every tab and the citation pane in every language; exit 0 or 1."""
    app = offscreen_application()
    from oqu.i18n import LANGUAGES
    from oqu.ui.main_window import TAB_KEYS

    failures: list[str] = []
    try:
        window, problems = _window(args)
        failures += [f"bundle: {p}" for p in problems]
    except Exception:  # noqa: BLE001 - smoke reports every failure and exits 1
        print("oqu smoke: the window did not open:\n" + traceback.format_exc(), file=sys.stderr)
        return 1
    failures += _environment_failures(app)
    for lang in LANGUAGES:
        try:
            failures += _visit(app, window, lang)
        except Exception:  # noqa: BLE001
            failures.append(f"{lang}: {traceback.format_exc()}")
    window.close()
    for failure in failures:
        print(f"oqu smoke: FAILED {failure}", file=sys.stderr)
    if not failures:
        from oqu.core.citations import STYLES

        print(f"oqu smoke: OK ({len(LANGUAGES)} languages x {len(TAB_KEYS)} tabs, "
              f"and the citation pane in {len(STYLES)} styles)")
    return 1 if failures else 0


def export_chart(paper, number: int, fmt: str, output: str) -> int:
    """``oqu export chart N --format png|svg -o FILE`` (``-o -``: standard output): exit status 0, or 1
    with a message."""
    from oqu.core.atomic import write_failure, write_output
    from oqu.ui.tables.charts.export import framed_copy, render

    offscreen_application()
    table = paper.table(number)
    if table is None:
        print(f"oqu: the bundle has no table {number}", file=sys.stderr)
        return 1
    chart = framed_copy(paper=paper, table=table)
    try:
        data = render(chart, fmt)
    finally:
        chart.close()
        chart.deleteLater()
    try:
        write_output(output, data)
    except OSError as exc:
        print(f"oqu: {write_failure(output, exc)}", file=sys.stderr)
        return 1
    return 0
