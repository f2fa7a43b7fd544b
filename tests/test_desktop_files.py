"""Desktop integration and the build's rules, checked without building.

The .desktop entry, AppStream metainfo, macOS Info.plist and Windows version
info are parsed by independent readers; the icon set is compared with a fresh
render of its SVG; packaging/slim.py's rules are checked on real file names.
"""
from __future__ import annotations

import ast
import configparser
import plistlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from oqu import __version__

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
ICONS = ROOT / "resources" / "icons"
APP_ID = "kz.oqu.Oqu"
sys.path.insert(0, str(PACKAGING))

import icons  # noqa: E402  (packaging/icons.py)
import slim  # noqa: E402  (packaging/slim.py)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_launches_oqu_with_its_icon(qapp):
    """The .desktop entry starts ``oqu`` (not in a terminal) with the app's icon, under Education, with Russian and
    Kazakh comments; the running app reports the same desktop file name, so docks match its window to the entry."""
    from oqu.ui.app import application

    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "Oqu"
    assert entry["Exec"].split()[0] == "oqu" == entry["TryExec"]
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == APP_ID
    # Wayland and X11 docks match the window to this file by the app's desktop file name
    assert application().desktopFileName() == APP_ID
    assert entry["Categories"].endswith(";") and "Education" in entry["Categories"].split(";")
    for lang in ("ru", "kk"):
        assert entry[f"Comment[{lang}]"] and entry[f"Comment[{lang}]"] != entry["Comment"]


def test_metainfo_names_the_desktop_entry_binary_and_version():
    """The AppStream metainfo names the desktop entry, the entry's binary and the app's version, with a description in
    English, Russian and Kazakh."""
    root = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == f"{APP_ID}.desktop"
    assert root.find("provides/binary").text == desktop_entry()["Exec"].split()[0]
    assert root.find("releases/release").get("version") == __version__
    assert {p.get("{http://www.w3.org/XML/1998/namespace}lang") for p in root.findall("description/p")} \
        >= {None, "ru", "kk"}


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="AppStream metadata is Linux's")
def test_metainfo_passes_appstreamcli():
    """The metainfo file passes AppStream's own validator (dev.py installs appstreamcli)."""
    assert shutil.which("appstreamcli"), "appstreamcli is missing: run python3 dev.py setup as root " \
                                         "(or apt-get install appstream)"
    result = subprocess.run(["appstreamcli", "validate", "--no-net",
                             str(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_info_plist_identifies_the_mac_app():
    """The macOS Info.plist carries the app id, the app's version, the ``oqu`` executable, an icon that exists and the
    three UI languages."""
    with open(PACKAGING / "macos" / "Info.plist", "rb") as fp:
        info = plistlib.load(fp)
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleShortVersionString"] == __version__
    assert info["CFBundleExecutable"] == "oqu"
    assert (ICONS / info["CFBundleIconFile"]).is_file()
    assert set(info["CFBundleLocalizations"]) == {"en", "ru", "kk"}


def test_windows_version_info_matches_the_app_version():
    """The Windows version resource gives the app's version in its strings and its numeric file version, for oqu.exe."""
    tree = ast.parse((PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8"), mode="eval")
    assert tree.body.func.id == "VSVersionInfo"
    strings = {call.args[0].value: call.args[1].value for call in ast.walk(tree)
               if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "StringStruct"}
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "oqu.exe"
    filevers = next(kw.value for node in ast.walk(tree) if isinstance(node, ast.Call)
                    for kw in node.keywords if kw.arg == "filevers")
    assert ".".join(str(e.value) for e in filevers.elts[:3]) == __version__


@pytest.mark.parametrize("size", icons.PNG_SIZES)
def test_each_png_is_the_svg_rendered_at_its_size(qapp, size, tmp_path):
    """Each committed PNG icon has its nominal size and is (up to antialiasing) the SVG rendered afresh at that size."""
    with Image.open(icons.png_path(size)) as png:
        assert png.size == (size, size)
        committed = png.convert("RGBA")
    assert icons.render(size).save(str(tmp_path / "fresh.png"), "PNG")
    with Image.open(tmp_path / "fresh.png") as png:
        fresh = png.convert("RGBA")
    differing = sum(1 for v in ImageChops.difference(committed, fresh).tobytes() if v > 8)  # channel values
    assert differing <= 4 * size * size // 100, "stale PNG: run python packaging/icons.py"


def test_ico_and_icns_hold_every_size():
    """The Windows .ico and the macOS .icns hold the sizes each system asks for, from 16 px up to 512 px."""
    with Image.open(ICONS / "oqu.ico") as ico:
        assert {s for s, _ in ico.info["sizes"]} >= {16, 32, 48, 256}
    with Image.open(ICONS / "oqu.icns") as icns:
        assert {(w, scale) for w, _h, scale in icns.info["sizes"]} >= {(16, 2), (128, 1), (256, 1), (512, 1)}


def test_app_icon_offers_small_and_large_sizes(qapp):
    """The window's icon offers sizes from 16 px (title bar) to 512 px (docks and switchers)."""
    from oqu.ui.icons import app_icon

    sizes = {s.width() for s in app_icon().availableSizes()}
    assert {16, 32, 256, 512} <= sizes


@pytest.mark.parametrize("dest, kept", [
    ("PySide6/Qt/translations/qtbase_ru.qm", True),
    ("PySide6/Qt/translations/qtbase_kk.qm", True),
    ("PySide6/Qt/translations/qtbase_en.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/qtdeclarative_ru.qm", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/Qt/plugins/platforms/libqminimal.so", True),
    ("PySide6/Qt/plugins/platforms/libqminimalegl.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", True),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
    ("PySide6/Qt/plugins/networkinformation/libqnetworkmanager.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/lib/libQt6Svg.so.6", True),
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/ru.dat", True),
    ("babel/locale-data/kk_Cyrl_KZ.dat", True),
    ("babel/locale-data/en_US.dat", True),
    ("babel/locale-data/de.dat", False),
    ("babel/locale-data/rw.dat", False),
    ("babel/global.dat", True),
    ("citeproc/data/locales/locales-ru-RU.xml", True),
    ("citeproc/data/locales/locales-de-DE.xml", False),
    ("data/tables/table2.csv", True),
    ("resources/fonts/DejaVuSans.ttf", True),
    ("resources/fonts/DejaVuSerif.ttf", True),
])
def test_slim_keeps_what_the_app_uses(dest, kept):
    """The build's slimming keeps what the app needs (our three languages, the platform and SVG plugins, the bundle, the
    fonts) and drops what it never uses."""
    assert slim.keep(dest) is kept


def test_slim_keeps_every_file_babel_has_for_our_languages():
    """Of babel's locale data the build keeps every file our three languages need and drops most of the rest."""
    import babel

    locale_data = Path(babel.__file__).parent / "locale-data"
    names = {p.stem for p in locale_data.glob("*.dat") if slim.keep(f"babel/locale-data/{p.name}")}
    assert {"root", "en", "ru", "kk", "ru_RU", "kk_KZ"} <= names
    assert len(names) < 200  # of about 1,000


@pytest.mark.slow
def test_smoke_fails_loudly_on_a_broken_bundle(bundle_copy, tmp_path):
    """``oqu smoke`` on a bundle with a broken table exits 1 and names the file in its FAILED line."""
    (bundle_copy / "tables" / "table2.csv").write_text("no,country\n1\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "oqu", "smoke", "--bundle", str(bundle_copy)],
                            capture_output=True, text=True, timeout=300,
                            env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen",
                                 "OQU_CONFIG_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "oqu smoke: FAILED bundle:" in result.stderr and "table2.csv" in result.stderr


def test_blank_detects_an_empty_view(qapp):
    """The smoke check's ``blank`` calls a single-colour or null picture empty."""
    from PySide6.QtGui import QColor, QPixmap

    from oqu.ui.headless import blank

    empty = QPixmap(200, 100)
    empty.fill(QColor("white"))
    assert blank(empty) and blank(QPixmap())


def test_a_real_view_is_notblank(window):
    """The smoke check's ``blank`` does not call the real window's picture empty."""
    from oqu.ui.headless import blank

    assert not blank(window.grab())


def test_ci_builds_every_platform_with_the_one_build_script():
    """The build workflow builds on Linux, Windows and macOS with packaging/build.py and smoke-tests the binary."""
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "build.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["binary"]
    systems = {os_name.split("-")[0] for os_name in job["strategy"]["matrix"]["os"]}
    assert systems == {"ubuntu", "windows", "macos"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert "python packaging/build.py" in runs
    assert any("--smoke" in run for run in runs)


def test_build_names_the_tools_it_lacks(monkeypatch, tmp_path):
    """build.py names each missing tool with how to install it (ldd and objdump on Linux only) and names its binary
    oqu-<system>-<machine>."""
    import build  # packaging/build.py

    monkeypatch.setenv("PATH", str(tmp_path))  # no ldd, no objdump
    missing = build.missing_tools()
    elf_tools = [m for m in missing if m.startswith(("ldd", "objdump"))]
    if sys.platform.startswith("linux"):  # PyInstaller reads ELF files with them; elsewhere they are not asked for
        assert elf_tools == ["ldd (apt-get install libc-bin)", "objdump (apt-get install binutils)"]
    else:
        assert elf_tools == []
    monkeypatch.undo()
    assert not any(m.startswith("PyInstaller") for m in build.missing_tools())
    system = {"win32": "windows", "darwin": "macos"}.get(sys.platform, "linux")
    assert re.fullmatch(rf"oqu-{system}-(x86_64|arm64)" + (r"\.exe" if system == "windows" else ""),
                        build.onefile_name()), build.onefile_name()
