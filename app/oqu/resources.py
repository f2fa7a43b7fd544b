"""One locator for data/, resources/ and i18n/.

They sit at the project root in a checkout (and an editable install), under
``<prefix>/share/oqu`` in a wheel install, and in the unpack folder of a
PyInstaller binary. ``OQU_HOME`` overrides all three for special setups.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

_MARKER = Path("data") / "paper.json"


def _candidates() -> list[Path]:
    found: list[Path] = []
    if os.environ.get("OQU_HOME"):
        found.append(Path(os.environ["OQU_HOME"]))
    if getattr(sys, "frozen", False):
        found.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)))
    found.append(Path(__file__).resolve().parents[2])  # checkout: app/oqu/resources.py
    for prefix in {sys.prefix, sys.base_prefix}:
        found.append(Path(prefix) / "share" / "oqu")
    return found


@lru_cache(maxsize=1)
def root() -> Path:
    """The folder that holds data/, resources/ and i18n/."""
    for candidate in _candidates():
        if (candidate / _MARKER).is_file():
            return candidate
    return _candidates()[0]


def data_dir() -> Path:
    return root() / "data"


def resources_dir() -> Path:
    return root() / "resources"


def i18n_dir() -> Path:
    return root() / "i18n"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
