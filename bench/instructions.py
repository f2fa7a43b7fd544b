#!/usr/bin/env python3
"""Instructions from launch to the first paint: Oqu against a bare PySide6 window.

    .venv/bin/python bench/instructions.py [--steps]

bench/run.py's milliseconds move with the machine's load by more than a small change to the
start costs; the number of instructions a start executes (counted by valgrind's callgrind) does
not. Each process stops at its first paint (``os._exit``, so no tear-down is counted). With
``--steps`` Oqu's start is also cut short after each of its steps, so the extra can be located.
Needs valgrind (Debian: ``apt install valgrind``); each run takes 10-20 s under it.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
import os, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
win = QMainWindow(); win.setCentralWidget(QLabel("Hello")); win.resize(1280, 800)
class F(QObject):
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: os._exit(0))
        return False
f = F(); win.installEventFilter(f); win.show(); app.exec()
"""

# Oqu's own start (oqu.cli.cmd_gui, oqu.ui.app.run) step by step; STOP ends it after step N.
OQU = """
import os, sys
STOP = int(sys.argv[1])
def step(n):
    if n == STOP:
        os._exit(0)
from oqu.core.bundle_cache import load_cached
step(1)
result = load_cached(None)
step(2)
from PySide6.QtWidgets import QApplication
step(3)
from oqu.ui import app as A
step(4)
qt = A.application(icon=False)
step(5)
A.install_error_handlers(qt)
A.manager().apply(A.initial_language(None))
window = A.MainWindow(result.paper, remember_language=True, progressive=True)
step(6)
os.environ["OQU_EXIT_AFTER"] = "paint"
A.startup._report = lambda _window, _mode: os._exit(0)
A.startup.show(window)
qt.exec()
"""
STEPS = ("Python and the bundle cache's imports", "the bundle, from the cache", "PySide6's modules",
         "Oqu's window modules (and the Qt types they use)", "the QApplication, names and fonts",
         "the main window built", "shown and painted")


def instructions(code: str, *args: str, env: dict) -> int:
    """Instructions the Python ``code`` executes until it exits, as callgrind counts them."""
    with tempfile.TemporaryDirectory() as tmp:
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", sys.executable, "-c", code, *args],
            env=env, capture_output=True, text=True, check=False)
    found = re.search(r"Collected : (\d+)", result.stderr)
    if not found:
        raise RuntimeError(f"callgrind printed no count: {result.stderr.strip()[-500:]}")
    return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", action="store_true", help="count Oqu's start cut short after each step too")
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        print("bench/instructions.py needs valgrind (Debian: apt install valgrind)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_CONFIG_DIR=f"{tmp}/config",
                   OQU_CACHE_DIR=f"{tmp}/cache")
        env.pop("OQU_EXIT_AFTER", None)
        instructions(OQU, "0", env=env)  # once, so the bundle cache holds the paper as at a usual start
        bare = instructions(BARE, env=env)
        print("Instructions from launch to the first paint (callgrind, millions)")
        print(f"  bare PySide6 window {bare / 1e6:10.0f}")
        if args.steps:
            before = 0
            for n, what in enumerate(STEPS, start=1):
                count = instructions(OQU, str(n), env=env)
                print(f"  Oqu, {n}. {what:<50} {(count - before) / 1e6:6.0f} (to here {count / 1e6:5.0f})")
                before = count
        oqu = instructions(OQU, "0", env=env)
        print(f"  Oqu                 {oqu / 1e6:10.0f}  ratio {oqu / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
