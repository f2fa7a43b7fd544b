#!/usr/bin/env python3
"""Oqu's benchmark: prints figures and ratios against baselines measured in the same run.

    .venv/bin/python bench/run.py [--runs N] [--quick]

Each figure is the median of N runs (default 5) of a fresh process, timed
from outside (launch until the process has painted and quit):

- start to first paint of the main window vs a bare PySide6 window (target <= 1.3x)
- start until the charts are drawn vs a script that imports pandas and pyqtgraph
  and draws one bar chart (target <= 1.2x)
- peak memory (max RSS) of the app after visiting every tab vs that script (<= 1.3x)
- start-up when the bundle grows 10x and 100x (a generated bundle)
then the feature benchmarks beside this file (language switch, search, charts),
each printing its own figures.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
win = QMainWindow(); win.setCentralWidget(QLabel("Hello")); win.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = F(); win.installEventFilter(f); win.show(); app.exec()
"""

BAR_CHART = """
import sys
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
frame = pd.DataFrame({"country": ["KZ", "TM", "KG", "TJ", "UZ"], "v": [118.3, 62.9, 97.3, 77.7, 73.2]})
plot = pg.PlotWidget(); plot.resize(1280, 800)
plot.addItem(pg.BarGraphItem(x=list(range(len(frame))), height=frame.v.tolist(), width=0.6))
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, app.quit)
        return False
f = F(); plot.installEventFilter(f); plot.show(); app.exec()
"""


def _env(extra: dict | None = None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("OQU_EXIT_AFTER", None)
    env.update(extra or {})
    return env


def timed(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed with status {status}")
    return elapsed, usage.ru_maxrss / 1024


def median_of(runs: int, cmd: list[str], env: dict) -> tuple[float, float]:
    times, peaks = zip(*(timed(cmd, env) for _ in range(runs)))
    return statistics.median(times), max(peaks)


def line(label: str, value: str, ratio: float | None = None, target: float | None = None) -> None:
    extra = ""
    if ratio is not None:
        extra = f"  ratio {ratio:.2f}x"
        if target is not None:
            extra += f" (target <= {target:.1f}x: {'met' if ratio <= target else 'NOT met'})"
    print(f"  {label:<58} {value:>10}{extra}", flush=True)


def app_cmd(*extra: str) -> list[str]:
    return [sys.executable, "-m", "oqu", *extra]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="skip the feature benchmarks")
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as cfg:
        env = _env({"OQU_CONFIG_DIR": cfg})
        print(f"Oqu benchmark: median of {runs} fresh processes, {os.cpu_count()} cores, offscreen Qt")

        print("\nStart-up")
        bare, bare_mem = median_of(runs, [sys.executable, "-c", BARE_WINDOW], env)
        line("bare PySide6 window: start to first paint", f"{bare * 1000:.0f} ms")
        first, _ = median_of(runs, app_cmd(), dict(env, OQU_EXIT_AFTER="paint"))
        line("Oqu: start to first paint (abstract readable)", f"{first * 1000:.0f} ms", first / bare, 1.3)

        chart, chart_mem = median_of(runs, [sys.executable, "-c", BAR_CHART], env)
        line("pandas + pyqtgraph bar chart script: start to paint", f"{chart * 1000:.0f} ms")
        charts, app_mem = median_of(runs, app_cmd(), dict(env, OQU_EXIT_AFTER="charts"))
        line("Oqu: start until the charts are drawn", f"{charts * 1000:.0f} ms", charts / chart, 1.2)

        print("\nMemory (peak RSS)")
        line("bare PySide6 window", f"{bare_mem:.0f} MB")
        line("pandas + pyqtgraph bar chart script", f"{chart_mem:.0f} MB")
        _t, visit_mem = median_of(max(1, runs // 2), app_cmd("smoke"), env)
        line("Oqu after visiting every tab in every language (smoke)", f"{visit_mem:.0f} MB",
             visit_mem / chart_mem, 1.3)

        print("\nGrowth with the bundle (generated bundles)")
        from generate_bundle import generate

        base = None
        for factor in (1, 10, 100):
            with tempfile.TemporaryDirectory() as tmp:
                folder = generate(Path(tmp) / "bundle", factor)
                t, _ = median_of(max(3, runs // 2), app_cmd("--bundle", str(folder)),
                                 dict(env, OQU_EXIT_AFTER="paint"))
                base = base or t
                line(f"start to first paint, bundle x{factor}", f"{t * 1000:.0f} ms", t / base)

    if not args.quick:
        for script in ("language_bench.py", "search_bench.py", "charts_bench.py"):
            path = HERE / script
            if path.exists():
                print(f"\n{script}")
                sys.stdout.flush()
                subprocess.run([sys.executable, str(path)], env=_env(), check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
