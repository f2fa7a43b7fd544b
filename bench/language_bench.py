#!/usr/bin/env python3
"""How long a full language switch of the main window takes.

One switch = installing the translators (Qt posts LanguageChange), the
retranslate() of every widget in view, and a repaint of the window, as a user
would wait for it. Tabs in the background retranslate when they are shown, so
a second figure adds showing every tab and table once after the switch.
Prints the median and spread over repeated switches per language.

    python bench/language_bench.py [--runs 15]
"""
from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="switches into each language (default 15)")
    args = parser.parse_args()

    import tempfile

    os.environ.setdefault("OQU_CONFIG_DIR", tempfile.mkdtemp(prefix="oqu-bench-"))  # never the user's settings
    from oqu.ui.app import application
    from oqu.ui.language import manager
    from oqu.ui.main_window import MainWindow

    app = application()
    manager().apply("en")
    window = MainWindow(remember_language=False)
    window.resize(1280, 800)
    window.show()
    for tab in ("abstract", "paper", "tables"):  # build and paint every tab once, as a reader would
        window.show_tab(tab)
        app.processEvents()
    window.show_tab("paper")
    app.processEvents()

    def switch(code: str) -> float:
        start = time.perf_counter()
        manager().apply(code)
        app.processEvents()  # LanguageChange is posted: every retranslate() runs here
        window.repaint()
        return time.perf_counter() - start

    def switch_and_visit(code: str) -> float:
        """The switch plus what the hidden tabs owe when they are shown."""
        start = time.perf_counter()
        manager().apply(code)
        app.processEvents()
        for tab in ("abstract", "tables"):
            window.show_tab(tab)
            app.processEvents()
        tables = window.tables_view.tabs
        for i in range(tables.count()):
            tables.setCurrentIndex(i)
            app.processEvents()
        tables.setCurrentIndex(0)
        window.show_tab("paper")
        app.processEvents()
        window.repaint()
        return time.perf_counter() - start

    for code in ("ru", "kk", "en"):  # warm-up: catalogs compiled/loaded, caches filled
        switch(code)
        switch_and_visit(code)
    times: dict[str, list[float]] = {"ru": [], "kk": [], "en": []}
    for _ in range(args.runs):
        for code in ("ru", "kk", "en"):
            times[code].append(switch(code))

    every = [t for ts in times.values() for t in ts]
    print(f"language switch of the main window ({args.runs} runs per language, tab 'paper' shown)")
    for code, ts in times.items():
        print(f"  -> {code}: median {statistics.median(ts) * 1000:7.1f} ms   "
              f"min {min(ts) * 1000:7.1f} ms   max {max(ts) * 1000:7.1f} ms")
    print(f"  all : median {statistics.median(every) * 1000:7.1f} ms over {len(every)} switches")
    visits = [switch_and_visit(code) for _ in range(args.runs) for code in ("ru", "kk", "en")]
    print(f"switch, then every tab and table shown once: median {statistics.median(visits) * 1000:7.1f} ms   "
          f"min {min(visits) * 1000:7.1f} ms   max {max(visits) * 1000:7.1f} ms")
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
