"""The command line: exports, check, screenshot, usage errors."""
from __future__ import annotations

import csv
import io
import json

from PySide6.QtGui import QImage

from helpers import run_cli


def test_check_ok():
    """``oqu check`` on the embedded bundle exits 0 and counts the paper's markers and references."""
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "31 citation markers" in result.stdout and "26 references" in result.stdout


def test_export_table_1_csv(paper, tmp_path):
    """``oqu export table 1 --ids`` writes the seed's ranks and DAI figures as CSV; a missing rank is empty."""
    out = tmp_path / "t1.csv"
    result = run_cli("export", "table", "1", "--format", "csv", "--ids", "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["country", "imd_rank", "cpi_rank", "dai_2014", "dai_2016"]
    assert [r["country"] for r in rows] == [r["country"] for r in paper.table(1).rows]
    columns = ["imd_rank", "cpi_rank", "dai_2014", "dai_2016"]
    assert [[float(r[c]) if r[c] else None for c in columns] for r in rows] == \
        [[r[c] for c in columns] for r in paper.table(1).rows]  # the seed's figures (test_bundle)
    kz = next(r for r in rows if r["country"] == "Kazakhstan")
    assert (kz["imd_rank"], kz["cpi_rank"], kz["dai_2014"], kz["dai_2016"]) == ("36", "94", "63", "67")
    assert next(r for r in rows if r["country"] == "Uzbekistan")["imd_rank"] == ""


def test_export_table_to_stdout_parses_with_pandas():
    """``oqu export table 2`` without -o writes CSV to stdout that pandas reads with the paper's figures."""
    import pandas as pd

    result = run_cli("export", "table", "2", "--ids")
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame.loc[frame.country == "Kazakhstan", "y2010"].item() == 118.3
    assert len(frame) == 5


def test_export_table_as_printed_in_the_paper(paper):
    """Without --ids the header row is the paper's printed captions and the cells its spellings: "№",
    "Country", "in 2010"...; "The USA"; Table 3's "38 (in 2017)"; Table 1's shared DAI caption per year."""
    t2 = list(csv.reader(io.StringIO(run_cli("export", "table", "2").stdout)))
    assert t2[0] == ["№", "Country", "in 2010", "in 2018", "in 2019"]
    assert t2[1] == ["1", "Kazakhstan", "118.3", "146.6", "139"]
    t3 = list(csv.reader(io.StringIO(run_cli("export", "table", "3").stdout)))
    assert t3[0] == ["№", "Country", "in 2010", "in 2018"]
    assert ["3", "Kyrgyzstan", "16.3", "38 (in 2017)"] in t3
    t1 = list(csv.reader(io.StringIO(run_cli("export", "table", "1").stdout)))
    captions = [c.header for c in paper.table(1).columns]
    assert t1[0][0] == "Country" and t1[0][1:3] == captions[:2]
    assert t1[0][3] == captions[2] + " — 2014" and t1[0][4] == captions[3] + " — 2016"
    assert t1[1][0] == "The USA" and t1[1][1:] == ["1", "25", "72", "74"]


def test_export_references_csl_json(tmp_path):
    """``oqu export references --format csl-json`` writes all references as CSL-JSON items."""
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
    """``oqu screenshot`` writes a 1280x800 PNG of the window."""
    out = tmp_path / "shot.png"
    result = run_cli("screenshot", "--tab", "paper", "--lang", "kk", "-o", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)


def test_python_dash_m_and_version():
    """``python -m oqu --version`` prints the version."""
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("oqu ")
