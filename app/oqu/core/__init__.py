"""The Qt-free core: the paper bundle, its tables, references and search.

Nothing here may import Qt (checked by tests/test_architecture.py and the
import-linter contract in pyproject.toml).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from oqu.core.problems import LoadResult, Problem

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["LoadResult", "Problem", "load_bundle"]


def load_bundle(folder: str | Path | None = None) -> LoadResult:
    """``oqu.core.bundle.load_bundle``: the loader and its checks are imported when a bundle is
    loaded, not with ``oqu.core`` (a start from the bundle cache needs neither; start-up time)."""
    from oqu.core.bundle import load_bundle as load

    return load(folder)
