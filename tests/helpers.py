"""Helpers for tests: where the fixture files are; run the command line as a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The files the tests read, kept in the repository (tests/fixtures/README.md says where each is from).
FIXTURES = ROOT / "tests" / "fixtures"
SEED = FIXTURES / "seed.txt"
WORLDBANK = FIXTURES / "worldbank"
SOURCES = FIXTURES / "sources"

# Latin words a Russian or Kazakh text may keep: proper names and format names.
PROPER_NAMES = {"Oqu", "Qt", "English", "DOI", "URL", "CSV", "PNG", "SVG", "PDF", "HTML", "BibTeX", "RIS",
                "CSL", "JSON", "APA", "Chicago", "GOST", "World", "Bank", "ITU", "ICT", "UN", "EGDI",
                "OSI", "Excel", "zip", "HCI", "TII", "EPI", "ISBN", "ISSN", "Ctrl", "Alt", "Shift", "http", "https",
                # Table 1's sources: Transparency International's CPI, the World Bank's DAI, their file types
                "TI", "DAI", "CPI", "Transparency", "International", "xlsx", "csv"}


def run_cli(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run ``python -m oqu ARGS`` in a subprocess with offscreen Qt."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "oqu", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout)


# The bundle's JSON files that hold a list under one key beside "$schema" ({"$schema": ..., "tables": [...]}).
LIST_KEYS = {"tables.json": "tables", "references.json": "references", "spellings.json": "names"}


def edit_bundle_json(path: Path, change) -> None:
    """Apply ``change`` to a bundle JSON file's content (the list itself for a list file) and save it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    key = LIST_KEYS.get(path.name)
    change(data[key] if key and isinstance(data, dict) else data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


def bundle_list(path: Path) -> list:
    """The list a bundle list file holds (tables.json's tables, references.json's references)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return data[LIST_KEYS[path.name]] if isinstance(data, dict) else data
