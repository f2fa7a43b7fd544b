#!/usr/bin/env python3
"""Charts at the World Bank's full size: load a whole indicator file, re-draw after a filter, hover.

    .venv/bin/python bench/charts_bench.py [FILE.csv]

Without FILE, a generated one of 266 economies x 65 years in the real layout is used
(tests/fixtures/worldbank holds real ones to pass as FILE). Prints median times; asserts nothing.
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
REPEATS = 15


def generated_file(folder: Path) -> Path:
    """266 economies x 65 years (1960-2024), quoted, BOM, trailing commas, some gaps and exponents."""
    years = list(range(1960, 2025))
    codes = ["KAZ", "KGZ", "TJK", "TKM", "UZB"] + [f"{chr(65 + i // 26 % 26)}{chr(65 + i % 26)}X" for i in range(261)]
    lines = ['"Data Source","World Development Indicators",', "", '"Last Updated Date","2025-01-01",', "",
             ",".join(f'"{h}"' for h in ["Country Name", "Country Code", "Indicator Name", "Indicator Code",
                                          *map(str, years)]) + ","]
    for n, code in enumerate(codes):
        cells = ["" if (n + y) % 7 == 0 else (f"{(n * y) % 1000 / 7:.6g}" if y % 9 else "6.27E-05") for y in years]
        lines.append(",".join(f'"{v}"' for v in [f"Economy {code}", code, "Individuals using the Internet "
                                                 "(% of population)", "IT.NET.USER.ZS", *cells]) + ",")
    path = folder / "API_IT.NET.USER.ZS_DS2_en_csv_v2_0.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode())
    return path


def median_ms(fn, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> int:
    from oqu.core import load_bundle
    from oqu.core.worldbank import read_worldbank, table_for
    from oqu.ui.app import application

    app = application()
    paper = load_bundle().paper
    with tempfile.TemporaryDirectory() as tmp:
        if len(sys.argv) > 1:
            path = Path(sys.argv[1])
        else:
            path = generated_file(Path(tmp))
        wb = read_worldbank(path)
        print(f"file: {path.name}: {len(wb.frame)} economies x {len(wb.years)} years")
        print(f"load (parse and validate the whole file): {median_ms(lambda: read_worldbank(path), 7):8.1f} ms")

        from oqu.ui.tables.page import TablePage

        page = TablePage(paper, table_for(paper, wb))
        page.resize(1000, 700)
        page.show()
        app.processEvents()
        print(f"overlay the file on its table (compare, draw): {median_ms(lambda: page.set_overlay(wb), 7):8.1f} ms")

        def filter_and_draw(text=iter(["stan", "", "k", "", "z", ""] * 100)):
            page.filter.setText(next(text))
            app.processEvents()

        print(f"re-draw after a filter: {median_ms(filter_and_draw):8.1f} ms")
        chart, panel = page.chart, page.chart.panels[0]
        points = [panel.plot.vb.mapViewToScene(m.point) for m in panel.marks] or [chart.sceneRect().center()]
        cycle = iter(points * 100)

        def hover():
            chart.hover_at(next(cycle))
            app.processEvents()

        print(f"per hover (find the bar, show the box, repaint): {median_ms(hover, 50):8.2f} ms")
        page.close()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "app"))
    sys.exit(main())
