"""The command line: exports, check, screenshot, usage errors."""
from __future__ import annotations

import csv
import io
import json

from PySide6.QtGui import QImage

from helpers import run_cli


def test_check_ok():
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "31 citation markers" in result.stdout and "26 references" in result.stdout


def test_export_table_1_csv(paper, tmp_path):
    out = tmp_path / "t1.csv"
    result = run_cli("export", "table", "1", "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["country", "imd_rank", "cpi_rank", "dai_2014", "dai_2016"]
    assert [r["country"] for r in rows] == [r["country"] for r in paper.table(1).rows]
    kz = next(r for r in rows if r["country"] == "Kazakhstan")
    assert (kz["imd_rank"], kz["cpi_rank"], kz["dai_2014"], kz["dai_2016"]) == ("36", "94", "63", "67")
    assert next(r for r in rows if r["country"] == "Uzbekistan")["imd_rank"] == ""


def test_export_table_to_stdout_parses_with_pandas():
    import pandas as pd

    result = run_cli("export", "table", "2")
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame.loc[frame.country == "Kazakhstan", "y2010"].item() == 118.3
    assert len(frame) == 5


def test_export_references_csl_json(tmp_path):
    out = tmp_path / "refs.json"
    assert run_cli("export", "references", "--format", "csl-json", "-o", str(out)).returncode == 0
    items = json.loads(out.read_text(encoding="utf-8"))
    assert len(items) == 26 and items[0]["id"] == "ref1"


def test_usage_errors_exit_2_with_one_line():
    """A malformed command line exits 2 with one line; a table the bundle lacks exits 1 naming it."""
    for args in (["export", "table", "x"], ["frobnicate"], ["export", "references"]):
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("oqu:")
    for args in (["export", "table", "4"], ["export", "chart", "4", "--format", "png", "-o", "x.png"]):
        result = run_cli(*args)
        assert (result.returncode, result.stderr) == (1, "oqu: the bundle has no table 4\n"), args


def test_screenshot_is_1280x800(tmp_path):
    out = tmp_path / "shot.png"
    result = run_cli("screenshot", "--tab", "paper", "--lang", "kk", "-o", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_python_dash_m_and_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("oqu ")
