#!/usr/bin/env python3
"""Size and start-to-first-paint of the standalone binary, beside a bare PySide6 window.

    .venv/bin/python bench/binary_bench.py [--runs 5] [--reuse]

Builds, in this run and with the same spec and settings (packaging/build.py),
Oqu and bench/minimal_window.py, each as a folder and a single file, under
build/bench/. Prints each one's size, and the median wall time from starting
the process to its first paint (OQU_EXIT_AFTER=paint makes both print a line
at their first paint and quit; the time is taken when that line arrives).
Runs offscreen with a fresh HOME. Targets (issue 7): the folder no larger
than a default-settings PySide6 + pandas + pyqtgraph build (281 MB seen
here), and the folder's first paint within 1.3x the bare window's.
--reuse skips the builds when build/bench/ already holds them;
--with-default also freezes a bare PySide6 + pandas + pyqtgraph window with
PyInstaller's default settings (no spec, no slimming), the size target.
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
import build  # noqa: E402  (packaging/build.py)

OUT = ROOT / "build" / "bench"


def first_paint(exe: Path, home: Path) -> float:
    """Seconds from starting ``exe`` to its 'oqu-bench paint' line."""
    env = {"HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "OQU_EXIT_AFTER": "paint",
           "OQU_CONFIG_DIR": str(home / "config"), "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe)], env=env, cwd=home, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    painted = None
    for line in proc.stdout:
        if line.startswith("oqu-bench paint"):
            painted = time.perf_counter() - started
            break
    proc.wait(timeout=120)
    if painted is None:
        raise SystemExit(f"binary_bench.py: {exe} never painted (exit {proc.returncode})")
    return painted


def outputs(app: str, reuse: bool) -> dict[str, Path]:
    dist = OUT / "dist"
    found = {"folder": build.folder_executable(dist, app), "onefile": dist / build.onefile_name(app)}
    if reuse and all(p.exists() for p in found.values()):
        return found
    build.build(app=app, kind="both", dist=dist, work=OUT / "work")
    return found


DEFAULT_APP = """\
import sys
import pandas, pyqtgraph  # noqa: F401  (what Oqu freezes besides Qt)
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
QLabel("Hello").show()
"""


def default_build(reuse: bool) -> dict[str, int]:
    """Sizes of PySide6 + pandas + pyqtgraph frozen with PyInstaller's defaults."""
    base = OUT / "default"
    dist = base / "dist"
    found = {"folder": dist / "default", "onefile": dist / "default-onefile"}
    if not (reuse and all(p.exists() for p in found.values())):
        base.mkdir(parents=True, exist_ok=True)
        script = base / "default.py"
        script.write_text(DEFAULT_APP, encoding="utf-8")
        for name, mode in (("default", "--onedir"), ("default-onefile", "--onefile")):
            subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", mode,
                            "--name", name, "--distpath", str(dist), "--workpath", str(base / "work"),
                            "--specpath", str(base), str(script)], check=True, cwd=base)
    return {kind: build.size_of(path) for kind, path in found.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="starts per binary (median)")
    parser.add_argument("--reuse", action="store_true", help="do not rebuild what build/bench/ holds")
    parser.add_argument("--with-default", action="store_true",
                        help="also freeze PySide6 + pandas + pyqtgraph with default settings (sizes only)")
    args = parser.parse_args()
    default = default_build(args.reuse) if args.with_default else None

    binaries = {app: outputs(app, args.reuse) for app in ("oqu", "minimal")}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for kind in ("folder", "onefile"):
            for app in ("oqu", "minimal"):
                exe = binaries[app][kind]
                first_paint(exe, home)  # warm the page cache: the figures are for a warm start
                times = [first_paint(exe, home) for _ in range(args.runs)]
                size = build.size_of(exe.parent if kind == "folder" else exe)
                rows.append((kind, app, size, statistics.median(times)))

    print(f"binary_bench: {args.runs} offscreen starts each, median, warm cache")
    print(f"{'build':<8} {'app':<8} {'size MB':>8} {'first paint s':>14}")
    for kind, app, size, paint in rows:
        print(f"{kind:<8} {app:<8} {size / 1e6:>8.1f} {paint:>14.3f}")
    by = {(k, a): (s, p) for k, a, s, p in rows}
    for kind in ("folder", "onefile"):
        (o_size, o_paint), (m_size, m_paint) = by[(kind, "oqu")], by[(kind, "minimal")]
        print(f"{kind}: Oqu is {o_size / m_size:.2f}x the bare window's size, "
              f"{o_paint / m_paint:.2f}x its start-to-first-paint time")
        if default:
            print(f"{kind}: PySide6 + pandas + pyqtgraph with default settings: {default[kind] / 1e6:.1f} MB "
                  f"(Oqu: {o_size / default[kind]:.2f}x that)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
