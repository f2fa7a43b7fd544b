#!/usr/bin/env python3
"""Set up and run Oqu from a checkout: the README's two commands.

    python3 dev.py run  [oqu arguments]   set up, then open the app
    python3 dev.py test [pytest arguments] set up, then run every test

Setting up means: a virtual environment in .venv with the project installed
(editable, with the test tools), the system libraries Qt needs on a bare
Linux machine (installed with apt-get when we are root, otherwise named in a
clear message), and compiled translation catalogs. Each step is skipped when
it is already done, so the second run starts at once.
"""
from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".oqu-installed"

# Shared libraries Qt's xcb/offscreen platforms load, and the Debian package
# of each. The xcb ones are needed for a real window (Xvfb or a desktop).
QT_LIBRARIES = {
    "EGL": "libegl1",
    "GL": "libgl1",
    "xkbcommon": "libxkbcommon0",
    "fontconfig": "libfontconfig1",
    "glib-2.0": "libglib2.0-0",
    "dbus-1": "libdbus-1-3",
    "xkbcommon-x11": "libxkbcommon-x11-0",
    "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1",
    "xcb-cursor": "libxcb-cursor0",
    "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0",
    "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0",
    "xcb-xkb": "libxcb-xkb1",
    "X11-xcb": "libx11-xcb1",
}

# Programs the tests run (Linux), with their Debian packages: AppStream's validator, strace, and
# objdump, which PyInstaller needs for the binary the slow test builds.
TEST_TOOLS = {"appstreamcli": "appstream", "strace": "strace", "objdump": "binutils"}


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def ensure_system_libraries(*, for_tests: bool) -> None:
    """Install the libraries Qt needs (and the tests' tools), or stop naming the missing ones."""
    if not sys.platform.startswith("linux"):
        return
    missing = sorted({pkg for lib, pkg in QT_LIBRARIES.items() if not ctypes.util.find_library(lib)}
                     | {pkg for tool, pkg in TEST_TOOLS.items() if for_tests and not shutil.which(tool)})
    if not missing:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("installing system packages for Qt and the tests: " + " ".join(missing))
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                       check=True, env=env)
        return
    sys.exit("dev.py: Qt and the tests need these system packages, which are missing: "
             + " ".join(missing) + "\n  install them, e.g.: sudo apt-get install " + " ".join(missing))


def requirements_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv() -> None:
    """Create .venv and install the project into it when pyproject.toml changed."""
    if not PYTHON.exists():
        say("creating the virtual environment in .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = requirements_digest()
    if STAMP.exists() and STAMP.read_text() == digest:
        return
    say("installing Oqu and its test tools into .venv (first run only)")
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-e", f"{ROOT}[test,package]"], check=True)
    STAMP.write_text(digest)


def ensure_catalogs() -> None:
    """Compile the gettext catalogs (they are generated, never committed)."""
    subprocess.run([str(PYTHON), str(ROOT / "i18n" / "catalogs.py"), "compile", "--quiet"], check=True)


def setup(*, for_tests: bool = True) -> None:
    ensure_system_libraries(for_tests=for_tests)
    ensure_venv()
    ensure_catalogs()


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__.strip())
        return 2
    command, rest = argv[0], argv[1:]
    setup(for_tests=command != "run")
    if command == "setup":
        return 0
    if command == "run":
        return subprocess.call([str(PYTHON), "-m", "oqu", *rest])
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
