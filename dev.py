#!/usr/bin/env python3
"""Set up and run Oqu from a checkout: the README's two commands.

    python3 dev.py run  [oqu arguments]   set up, then open the app
    python3 dev.py test [pytest arguments] set up, then run every test
    sudo python3 dev.py system             only the system packages (for CI runners that are not root)

Setting up means: a virtual environment in .venv with the project installed
(editable, with the test tools), the system libraries Qt needs on a bare
Linux machine and, for `test` and `setup`, the packages of the accessibility
test (Xvfb, openbox, D-Bus, the AT-SPI bus, pyatspi) -- installed with apt-get
when we are root, otherwise named in a clear message -- and compiled
translation catalogs. Each step is skipped when
it is already done, so the second run starts at once.
"""
from __future__ import annotations

import ctypes.util
import hashlib
import os
import re
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
# What the tests need besides Qt's libraries, and how to tell each is there: librsvg renders the
# exported SVG charts, and it finds fonts only system-wide (not the ones the app bundles).
TEST_PACKAGES = {
    "librsvg2-bin": lambda: shutil.which("rsvg-convert"),
    "fonts-dejavu-core": lambda: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(),
}

# Programs the tests run (Linux), with their Debian packages: AppStream's validator, strace, and
# objdump, which PyInstaller needs for the binary the slow test builds.
TEST_TOOLS = {"appstreamcli": "appstream", "strace": "strace", "objdump": "binutils"}

# What the accessibility test (tests/test_accessibility_bus.py) needs: a virtual display and a
# window manager, a private session bus, the AT-SPI bus and the system Python's pyatspi to read the tree with.
# Checked by a file each package installs; only `test` and `setup` need them.
ACCESSIBILITY_PACKAGES = {
    "xvfb": ["/usr/bin/Xvfb"],
    "openbox": ["/usr/bin/openbox"],  # a window manager: without one no window has the focus
    "dbus": ["/usr/bin/dbus-daemon"],
    "at-spi2-core": ["/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher"],
    "python3-pyatspi": ["/usr/lib/python3/dist-packages/pyatspi/__init__.py"],
}


def say(message: str) -> None:
    print(f"dev.py: {message}", flush=True)


def ensure_system_libraries(*, for_tests: bool) -> None:
    """Install the libraries Qt needs (and the tests' tools), or stop naming the missing ones."""
    if not sys.platform.startswith("linux"):
        return
    missing = sorted({pkg for lib, pkg in QT_LIBRARIES.items() if not ctypes.util.find_library(lib)}
                     | {pkg for tool, pkg in TEST_TOOLS.items() if for_tests and not shutil.which(tool)}
                     | {pkg for pkg, present in TEST_PACKAGES.items() if for_tests and not present()})
    if for_tests:
        missing += sorted(pkg for pkg, files in ACCESSIBILITY_PACKAGES.items()
                          if not any(Path(f).exists() for f in files))
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


def required_python() -> tuple:
    """The lowest Python pyproject.toml's requires-python allows, e.g. (3, 11) for ">=3.11".

    Read with a regular expression, not tomllib: this must run on the old Python it is about to refuse.
    """
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^requires-python\s*=\s*"\s*>=\s*(\d+)\.(\d+)', text, re.MULTILINE)
    return (int(match.group(1)), int(match.group(2))) if match else (3, 0)


def check_python(version: tuple = (), executable: str = "") -> None:
    """Stop before creating .venv when this Python (or ``version``) is too old for Oqu, naming the
    version needed."""
    version = tuple(version or sys.version_info[:3])
    executable = executable or sys.executable
    needed = required_python()
    if tuple(version[:2]) >= needed:
        return
    want = "%d.%d" % needed
    sys.exit(f"dev.py: Oqu needs Python {want} or newer (pyproject.toml: requires-python >={want}); "
             f"this is Python {'.'.join(map(str, version))} ({executable}).\n"
             f"  install Python {want}+ and run dev.py with it, e.g.: python{want} dev.py run")


def venv_problem() -> str | None:
    """Why the existing .venv cannot be used: broken, or made by another Python than this one; None when
    it is fine or there is none."""
    if not VENV.exists():
        return None
    if not PYTHON.exists():
        return "it has no Python (a broken or half-made .venv)"
    probe = "import sys; print(sys.base_prefix); print('%d.%d' % sys.version_info[:2])"
    try:
        out = subprocess.run([str(PYTHON), "-c", probe], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"its Python does not start ({exc})"
    lines = out.stdout.splitlines()
    if out.returncode != 0 or len(lines) < 2:
        return "its Python does not start (the Python it was made with may be gone)"
    base, version = lines[0], lines[1]
    ours = "%d.%d" % sys.version_info[:2]
    if version != ours or os.path.realpath(base) != os.path.realpath(sys.base_prefix):
        return f"it was made by another Python ({version} in {base}; this is {ours} in {sys.base_prefix})"
    return None


def requirements_digest() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_venv() -> None:
    """Create .venv (anew when it is broken or another Python's) and install the project into it when
    pyproject.toml changed."""
    problem = venv_problem()
    if problem:
        say(f"rebuilding .venv: {problem}")
        shutil.rmtree(VENV)
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
    if not argv or argv[0] not in {"run", "test", "setup", "system"}:
        print(__doc__.strip())
        return 2
    command, rest = argv[0], argv[1:]
    if command == "system":  # no venv: run as root, it would leave .venv root's
        ensure_system_libraries(for_tests=True)
        return 0
    check_python()
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
