"""dev.py refuses a too-old Python before creating .venv, and rebuilds a .venv that is broken or another
Python's (tested in-process on temporary folders: the real .venv is never touched)."""
from __future__ import annotations

import importlib.util
import stat
import sys
import textwrap

import pytest

from helpers import ROOT


@pytest.fixture
def dev(tmp_path, monkeypatch):
    """dev.py as a module, its .venv moved into a temporary folder."""
    spec = importlib.util.spec_from_file_location("dev_under_test", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    venv = tmp_path / ".venv"
    monkeypatch.setattr(module, "VENV", venv)
    monkeypatch.setattr(module, "BIN", venv / "bin")
    monkeypatch.setattr(module, "PYTHON", venv / "bin" / "python")
    monkeypatch.setattr(module, "STAMP", venv / ".oqu-installed")
    return module


def fake_python(path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def test_the_needed_python_is_read_from_pyproject(dev):
    """requires-python ">=3.11" -> (3, 11), read without tomllib (an old Python has none)."""
    assert dev.required_python() == (3, 11)


def test_a_too_old_python_is_refused_before_creating_the_venv(dev, monkeypatch):
    """Python 3.8 gets one message naming the version needed and the interpreter used; no .venv appears."""
    created = []
    monkeypatch.setattr(dev.venv.EnvBuilder, "create", lambda self, path: created.append(path))
    with pytest.raises(SystemExit) as stop:
        dev.check_python((3, 8, 10), "/usr/bin/python3")
    message = str(stop.value.code)
    assert "needs Python 3.11 or newer" in message and "Python 3.8.10 (/usr/bin/python3)" in message
    assert not created and not dev.VENV.exists()
    dev.check_python((3, 11, 0), "/usr/bin/python3.11")  # new enough: nothing happens
    monkeypatch.setattr(dev.sys, "version_info", (3, 8, 10, "final", 0))
    monkeypatch.setattr(dev, "setup", lambda: created.append("setup"))
    with pytest.raises(SystemExit):
        dev.main(["run"])  # main checks before any set-up
    assert not created


def test_a_working_venv_of_this_python_is_kept(dev):
    """A .venv whose python reports this interpreter's base and version needs no rebuild."""
    fake_python(dev.PYTHON, f"""\
        echo '{sys.base_prefix}'
        echo '{sys.version_info[0]}.{sys.version_info[1]}'
        """)
    assert dev.venv_problem() is None


@pytest.mark.parametrize("body, says", [
    ("echo /opt/python3.9\necho 3.9\n", "made by another Python (3.9 in /opt/python3.9"),
    ("exit 127\n", "does not start"),
    (None, "has no Python"),
])
def test_a_broken_or_foreign_venv_is_rebuilt(dev, monkeypatch, body, says):
    """Another interpreter's .venv, one whose python no longer runs, and a half-made one are removed and
    created anew by ensure_venv (creation and pip are stubbed)."""
    if body is None:
        (dev.VENV / "lib").mkdir(parents=True)
    else:
        fake_python(dev.PYTHON, body)
    (dev.VENV / "old-marker").write_text("x")
    assert says in dev.venv_problem()
    created, ran = [], []

    def create(_builder, path):
        created.append(path)
        fake_python(dev.PYTHON, "exit 0\n")

    real_run = dev.subprocess.run

    def run(cmd, *args, **kwargs):  # the probe of the .venv's python runs; pip is only recorded
        if "-c" in cmd:
            return real_run(cmd, *args, **kwargs)
        ran.append(cmd)

    monkeypatch.setattr(dev.venv.EnvBuilder, "create", create)
    monkeypatch.setattr(dev.subprocess, "run", run)
    dev.ensure_venv()
    assert created == [dev.VENV] and not (dev.VENV / "old-marker").exists()
    assert any("-e" in cmd for cmd in ran)  # the project installed into the new .venv


def test_system_installs_only_the_system_packages(dev, monkeypatch):
    """`sudo python3 dev.py system` (CI runners that are not root) installs the packages and makes no
    .venv, which would then belong to root."""
    done = []
    monkeypatch.setattr(dev, "ensure_system_libraries", lambda for_tests: done.append(("system", for_tests)))
    monkeypatch.setattr(dev, "ensure_venv", lambda: done.append("venv"))
    assert dev.main(["system"]) == 0
    assert done == [("system", True)] and not dev.VENV.exists()
