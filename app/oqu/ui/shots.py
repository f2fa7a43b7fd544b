"""Headless rendering: ``oqu screenshot`` and ``oqu smoke``."""
from __future__ import annotations

import os
import sys
import traceback

SIZE = (1280, 800)


def _offscreen_app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from oqu.ui.app import application

    return application()


def _window(args):
    from oqu.core import load_bundle
    from oqu.ui.main_window import MainWindow

    result = load_bundle(getattr(args, "bundle", None))
    for problem in result.problems:
        print(f"oqu: {problem}", file=sys.stderr)
    window = MainWindow(result.paper, remember_language=False)
    window.resize(*SIZE)
    window.show()
    return window, result.problems


def screenshot(args) -> int:
    app = _offscreen_app()
    from oqu import i18n
    from oqu.ui.language import manager

    manager().apply(getattr(args, "lang", None) or i18n.current_language())
    window, _problems = _window(args)
    window.show_tab(args.tab)
    window.resize(*SIZE)
    app.processEvents()
    pixmap = window.grab()
    if pixmap.isNull() or not pixmap.save(args.output, "PNG"):
        print(f"oqu: cannot write {args.output}", file=sys.stderr)
        return 1
    window.close()
    return 0


def smoke(args) -> int:
    """Visit every tab and the citation pane in every language; exit 0 or 1."""
    app = _offscreen_app()
    from oqu.i18n import LANGUAGES
    from oqu.ui.language import manager
    from oqu.ui.main_window import TAB_KEYS

    failures: list[str] = []
    try:
        window, problems = _window(args)
        failures += [f"bundle: {p}" for p in problems]
    except Exception:  # noqa: BLE001 - smoke reports every failure and exits 1
        print("oqu smoke: the window did not open:\n" + traceback.format_exc(), file=sys.stderr)
        return 1
    for lang in LANGUAGES:
        try:
            manager().apply(lang)
            for tab in TAB_KEYS:
                window.show_tab(tab)
                app.processEvents()
                if window.grab().isNull():
                    failures.append(f"{lang}/{tab}: rendered nothing")
            if window.citation_pane.grab().isNull() or window.citation_pane.list.count() == 0:
                failures.append(f"{lang}/citation pane: empty")
        except Exception:  # noqa: BLE001
            failures.append(f"{lang}: {traceback.format_exc()}")
    window.close()
    for failure in failures:
        print(f"oqu smoke: FAILED {failure}", file=sys.stderr)
    if not failures:
        print(f"oqu smoke: OK ({len(LANGUAGES)} languages x {len(TAB_KEYS)} tabs and the citation pane)")
    return 1 if failures else 0
