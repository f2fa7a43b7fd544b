"""The linters, run as tests so ``python3 dev.py test`` (and .ci/run) holds the code to them.

Their rules live in pyproject.toml ([tool.ruff], [tool.mypy], [tool.importlinter]); the tools are
pinned in the ``test`` extra so every run applies the same ones.
"""
from __future__ import annotations

import ast
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

from helpers import ROOT


def tool(name: str) -> str:
    """The tool installed beside this interpreter (the virtual environment's)."""
    scripts = Path(sysconfig.get_path("scripts"))
    found = [p for p in (scripts / name, scripts / f"{name}.exe") if p.exists()]
    assert found, f"{name} is not installed: pip install -e '.[test]'"
    return str(found[0])


def run(*command: str) -> subprocess.CompletedProcess:
    """Run a linter from the repository's root with the checkout's ``app`` on the path."""
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "app")))


def test_ruff_finds_nothing():
    """Every Python file of the repository passes ruff with the project's rules; each ``noqa`` is still needed."""
    result = run(tool("ruff"), "check", "--no-cache", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_type_checks():
    """mypy finds no type error in ``oqu.core``."""
    result = run(sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", os.devnull)
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_are_kept():
    """import-linter: the core knows nothing of Qt; cli > ui > core > i18n > resources; no import cycles."""
    result = run(tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_ci_runs_everything_on_linux_and_the_core_elsewhere():
    """GitHub Actions: the whole suite on Linux (as .ci/run), the linters, and on Windows and macOS
    the core and headless test files, each of which exists."""
    import shlex

    import yaml

    jobs = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))["jobs"]
    linux_runs = [step.get("run", "") for step in jobs["linux"]["steps"]]
    assert any(run.startswith("python3 dev.py test") and "-m" not in run.split() for run in linux_runs)
    assert "python3 dev.py test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lint = " ".join(step.get("run", "") for step in jobs["lint"]["steps"])
    assert all(name in lint for name in ("ruff check", "mypy", "lint-imports"))
    others = jobs["core-and-headless"]
    assert {os_name.split("-")[0] for os_name in others["strategy"]["matrix"]["os"]} == {"windows", "macos"}
    [command] = [step["run"] for step in others["steps"] if "dev.py test" in step.get("run", "")]
    files = [word for word in shlex.split(command) if word.startswith("tests/")]
    assert files and all((ROOT / f).is_file() for f in files), files


def undocumented_tests(source: str) -> list[str]:
    """The ``test_*`` functions (module level or in a class) of ``source`` that have no docstring."""
    return [f"{node.lineno}: {node.name}" for node in ast.walk(ast.parse(source))
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test_")
            and not ast.get_docstring(node)]


def test_the_docstring_check_finds_a_test_without_one():
    """The check below flags a test (function or method) with a comment or a bare string after it, not its docstring."""
    source = ("def test_said():\n    \"\"\"Says what it pins down.\"\"\"\n\n"
              "def test_silent():\n    # a comment is not a docstring\n    assert 1\n\n"
              "class TestGroup:\n    def test_method(self):\n        x = 1\n        'too late'\n\n"
              "def helper():\n    pass\n")
    assert undocumented_tests(source) == ["4: test_silent", "9: test_method"]


def test_every_test_says_what_it_checks():
    """Every ``test_*`` function in tests/ has a docstring saying what behaviour it pins down (GUIDE.md)."""
    missing = [f"{path.relative_to(ROOT).as_posix()}:{where}" for path in sorted((ROOT / "tests").glob("test_*.py"))
               for where in undocumented_tests(path.read_text(encoding="utf-8"))]
    assert missing == [], "tests without a docstring:\n" + "\n".join(missing)
