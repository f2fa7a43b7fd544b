"""The Qt-free core: the paper bundle, its tables, references and search.

Nothing here may import Qt (checked by tests/test_architecture.py and the
import-linter contract in pyproject.toml).
"""
from oqu.core.bundle import LoadResult, load_bundle
from oqu.core.problems import BundleError, Problem

__all__ = ["BundleError", "LoadResult", "Problem", "load_bundle"]
