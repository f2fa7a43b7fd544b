#!/usr/bin/env python3
"""Oqu's benchmark: prints figures and ratios against baselines measured in the same run.

    .venv/bin/python bench/run.py [--runs N] [--quick]

Each figure is the median of N runs (default 9) of a fresh process, a baseline's runs
interleaved with the app's (the package byte-compiled first, as an install would leave it): from the
launch (a time.time() passed in OQU_BENCH_T0) to the moment the process reports
its paint ("oqu-bench paint SECONDS", oqu.ui.startup.show; the baselines print the same):

- start to first paint of the main window vs a bare PySide6 window (target <= 1.3x)
- start until the charts are drawn vs a script that imports pandas and pyqtgraph
  and draws one bar chart (target <= 1.2x)
- peak memory (max RSS) of the app after visiting every tab vs that script (<= 1.3x)
- loading the bundle and start-up when it grows 10x and 100x (bench/generate_bundle.py)
then the feature benchmarks beside this file (language switch, search on the paper and
on bundles 10x and 100x, charts: World Bank file, re-draw, hover), each printing its own figures.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

# Both baselines report as oqu.ui.startup reports the app: once their first paint has finished.
_REPORT_AFTER_PAINT = """
def report():
    print(f"oqu-bench paint {time.time() - float(os.environ['OQU_BENCH_T0']):.4f}", flush=True)
    app.quit()
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not hasattr(self, "done"):
            self.done = QTimer.singleShot(0, report)
        return False
f = F()
"""

BARE_WINDOW = """
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
win = QMainWindow(); win.setCentralWidget(QLabel("Hello")); win.resize(1280, 800)
""" + _REPORT_AFTER_PAINT + """
win.installEventFilter(f); win.show(); app.exec()
"""

BAR_CHART = """
import os, sys, time
import pandas as pd
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
frame = pd.DataFrame({"country": ["KZ", "TM", "KG", "TJ", "UZ"], "v": [118.3, 62.9, 97.3, 77.7, 73.2]})
plot = pg.PlotWidget(); plot.resize(1280, 800)
plot.addItem(pg.BarGraphItem(x=list(range(len(frame))), height=frame.v.tolist(), width=0.6))
""" + _REPORT_AFTER_PAINT + """
plot.viewport().installEventFilter(f); plot.show(); app.exec()  # a QGraphicsView paints its viewport
"""
TIMEOUT = 120  # seconds: a process that never paints is reported, not waited on forever


def _env(extra: dict | None = None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("OQU_EXIT_AFTER", None)
    env.update(extra or {})
    return env


def timed(cmd: list[str], env: dict, what: str = "paint") -> tuple[float, float]:
    """Seconds from launch until the process reports ``what``, and its peak RSS (MB)."""
    env = dict(env, OQU_BENCH_T0=repr(time.time()))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    killer = threading.Timer(TIMEOUT, proc.kill)  # a process that never finishes is stopped
    killer.start()
    out = proc.stdout.read()  # until the process closes it (exits)
    _pid, status, usage = os.wait4(proc.pid, 0)  # reaped here, so its peak RSS can be read
    killer.cancel()
    proc.returncode = status
    if status != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} failed with status {status}")
    reported = [float(x.split()[2]) for x in out.splitlines() if x.startswith(f"oqu-bench {what} ")]
    if not reported:
        raise RuntimeError(f"{' '.join(cmd[:3])} did not report '{what}'")
    return reported[0], usage.ru_maxrss / 1024


def median_of(runs: int, cmd: list[str], env: dict, what: str = "paint") -> tuple[float, float]:
    times, peaks = zip(*(timed(cmd, env, what) for _ in range(runs)))
    return statistics.median(times), max(peaks)


def paired_medians(runs: int, base: tuple, app: tuple) -> tuple[tuple[float, float], tuple[float, float]]:
    """Median time and peak RSS of a baseline and the app, their runs interleaved (A B A B ...),
    so that both meet the same machine load and the ratio is fair. Each is (cmd, env, what)."""
    pairs = [(timed(*base), timed(*app)) for _ in range(runs)]
    result = []
    for side in (0, 1):
        times, peaks = zip(*(pair[side] for pair in pairs))
        result.append((statistics.median(times), max(peaks)))
    return result[0], result[1]


def compile_app() -> None:
    """Byte-compile the package, as pip does when it installs it: with PYTHONDONTWRITEBYTECODE set
    (as on some machines) a checkout would otherwise compile every changed module at each start."""
    import compileall

    compileall.compile_dir(str(ROOT / "app"), quiet=1)


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
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="skip the feature benchmarks")
    args = parser.parse_args()
    runs = args.runs
    compile_app()
    with tempfile.TemporaryDirectory() as cfg:
        env = _env({"OQU_CONFIG_DIR": cfg})
        print(f"Oqu benchmark: median of {runs} fresh processes, {os.cpu_count()} cores, offscreen Qt")

        print("\nStart-up")
        (bare, bare_mem), (first, _) = paired_medians(
            runs, ([sys.executable, "-c", BARE_WINDOW], env, "paint"),
            (app_cmd(), dict(env, OQU_EXIT_AFTER="paint"), "paint"))
        line("bare PySide6 window: start to first paint", f"{bare * 1000:.0f} ms")
        line("Oqu: start to first paint (abstract readable)", f"{first * 1000:.0f} ms", first / bare, 1.3)

        (chart, chart_mem), (charts, _) = paired_medians(
            runs, ([sys.executable, "-c", BAR_CHART], env, "paint"),
            (app_cmd(), dict(env, OQU_EXIT_AFTER="charts"), "charts"))
        line("pandas + pyqtgraph bar chart script: start to paint", f"{chart * 1000:.0f} ms")
        line("Oqu: start until the charts are drawn", f"{charts * 1000:.0f} ms", charts / chart, 1.2)

        print("\nMemory (peak RSS)")
        line("bare PySide6 window", f"{bare_mem:.0f} MB")
        line("pandas + pyqtgraph bar chart script", f"{chart_mem:.0f} MB")
        _t, visit_mem = median_of(runs, app_cmd(), dict(env, OQU_EXIT_AFTER="tabs"), "tabs")
        line("Oqu after visiting every tab", f"{visit_mem:.0f} MB", visit_mem / chart_mem, 1.3)

        print("\nGrowth with the bundle (generated bundles)")
        from generate_bundle import generate

        from oqu.core import load_bundle

        base = None
        for factor in (1, 10, 100):
            with tempfile.TemporaryDirectory() as tmp:
                folder = generate(Path(tmp) / "bundle", factor)
                loads = []
                for _ in range(3):
                    start = time.perf_counter()
                    load_bundle(folder)
                    loads.append(time.perf_counter() - start)
                line(f"load and validate the bundle, x{factor}", f"{statistics.median(loads) * 1000:.0f} ms")
                t, _ = median_of(max(3, runs // 2), app_cmd("--bundle", str(folder)),
                                 dict(env, OQU_EXIT_AFTER="paint"))
                base = base or t
                line(f"start to first paint, bundle x{factor}", f"{t * 1000:.0f} ms", t / base)

    if not args.quick:
        for script, *extra in (("language_bench.py",), ("search_bench.py", "10"), ("search_bench.py", "100"),
                               ("charts_bench.py",), ("references_bench.py",)):
            path = HERE / script
            if path.exists():
                print(f"\n{script} {' '.join(extra)}")
                sys.stdout.flush()
                subprocess.run([sys.executable, str(path), *extra], env=_env(), check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
