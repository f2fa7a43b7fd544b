"""The Qt-free core: the paper bundle, its tables, references and search.

Nothing here may import Qt (checked by tests/test_architecture.py and the
import-linter contract in pyproject.toml).
"""
from oqu.core.bundle import LoadResult, load_bundle
from oqu.core.problems import Problem

__all__ = ["LoadResult", "Problem", "load_bundle"]
