#!/usr/bin/env python3
"""Build the standalone Oqu binary with PyInstaller: the one build script.

    python packaging/build.py                 dist/oqu/ (run dist/oqu/oqu) and dist/oqu-<os>-<arch>
    python packaging/build.py --kind folder   only the folder build
    python packaging/build.py --clean         forget PyInstaller's cache first

Run it with the project's environment (``.venv/bin/python``, or any Python
with ``pip install -e '.[package]'``). It compiles the translation catalogs,
checks the system libraries the X11 platform plugin needs, then runs
packaging/oqu.spec. The same command builds on Linux, Windows and macOS
(see .github/workflows/build.yml and packaging/README.md).
"""
from __future__ import annotations

import argparse
import ctypes.util
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = HERE / "oqu.spec"

# libqxcb.so links these; PyInstaller copies them from the build machine, so
# without them the binary cannot open an X11 window anywhere.
XCB_LIBRARIES = {"xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1"}


def say(message: str) -> None:
    print(f"build.py: {message}", flush=True)


def platform_tag() -> str:
    """linux-x86_64, windows-x86_64, macos-arm64, ..."""
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, sys.platform.rstrip("0123456789"))
    machine = platform.machine().lower()
    machine = {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(machine, machine)
    return f"{system}-{machine}"


def onefile_name(app: str = "oqu") -> str:
    return f"{app}-{platform_tag()}" + (".exe" if sys.platform == "win32" else "")


def folder_executable(dist: Path, app: str = "oqu") -> Path:
    return dist / app / (app + (".exe" if sys.platform == "win32" else ""))


def missing_tools() -> list[str]:
    """What PyInstaller itself needs and lacks here, each with how to get it."""
    missing = []
    if importlib.util.find_spec("PyInstaller") is None:
        missing.append("PyInstaller (pip install -e '.[package]')")
    if sys.platform.startswith("linux"):  # PyInstaller reads ELF files with these
        missing += [f"{tool} (apt-get install {pkg})" for tool, pkg in (("ldd", "libc-bin"), ("objdump", "binutils"))
                    if shutil.which(tool) is None]
    return missing


def check_tools() -> None:
    if missing_tools():
        sys.exit("build.py: missing: " + "; ".join(missing_tools()))
    if sys.platform.startswith("linux"):
        missing = [pkg for lib, pkg in XCB_LIBRARIES.items() if not ctypes.util.find_library(lib)]
        if missing:
            sys.exit("build.py: the X11 platform plugin needs these system libraries: " + " ".join(missing)
                     + "\n  install them (e.g. sudo apt-get install " + " ".join(missing)
                     + "), or run python3 dev.py setup as root")


def compile_catalogs() -> None:
    subprocess.run([sys.executable, str(ROOT / "i18n" / "catalogs.py"), "compile", "--quiet"], check=True)
    missing = [lang for lang in ("en", "ru", "kk")
               if not (ROOT / "i18n" / lang / "LC_MESSAGES" / "oqu.mo").is_file()]
    if missing:
        sys.exit(f"build.py: no compiled catalog for {', '.join(missing)}")


def add_desktop_files(folder: Path) -> None:
    """The .desktop entry, AppStream metainfo and install-desktop.sh beside dist/oqu/oqu."""
    linux = HERE / "linux"
    for sub, name in (("applications", "kz.oqu.Oqu.desktop"), ("metainfo", "kz.oqu.Oqu.metainfo.xml")):
        (folder / "share" / sub).mkdir(parents=True, exist_ok=True)
        shutil.copy2(linux / name, folder / "share" / sub / name)
    shutil.copy2(linux / "install-desktop.sh", folder / "install-desktop.sh")


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(*, app: str = "oqu", kind: str = "both", dist: Path = ROOT / "dist",
          work: Path = ROOT / "build" / "pyinstaller", clean: bool = False) -> dict[str, Path]:
    """Run the spec; return the outputs built: {"folder": dist/app/, "onefile": dist/app-os-arch}."""
    check_tools()
    if app == "oqu":
        compile_catalogs()
    outputs = {}
    if kind in ("both", "folder"):
        outputs["folder"] = dist / app
    if kind in ("both", "onefile"):
        outputs["onefile"] = dist / onefile_name(app)
    for path in outputs.values():  # never leave an old build looking like a new one
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work / app)]
    if clean:
        command.append("--clean")
    command += [str(SPEC), "--", "--app", app, "--kind", kind, "--onefile-name", onefile_name(app)]
    # PySide6's hooks import Qt while analysing; keep that from needing a display.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONHASHSEED="0")
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=ROOT, env=env)
    for path in outputs.values():
        if not path.exists():
            sys.exit(f"build.py: PyInstaller did not produce {path}")
    if app == "oqu" and "folder" in outputs and sys.platform.startswith("linux"):
        add_desktop_files(outputs["folder"])
    say(f"built in {time.monotonic() - started:.0f} s:")
    for path in outputs.values():
        say(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  "
            f"{size_of(path) / 1e6:.0f} MB")
    return outputs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the standalone Oqu binary.")
    parser.add_argument("--kind", choices=("both", "folder", "onefile"), default="both")
    parser.add_argument("--app", choices=("oqu", "minimal"), default="oqu",
                        help="'minimal': the bare PySide6 window the benchmark compares with")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    args = parser.parse_args(argv)
    build(app=args.app, kind=args.kind, dist=args.dist.resolve(), work=args.work.resolve(), clean=args.clean)
    return 0


if __name__ == "__main__":
    sys.exit(main())
