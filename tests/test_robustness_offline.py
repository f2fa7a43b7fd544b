"""The app makes no network connection on its own: a whole ``oqu smoke`` with every socket call failing."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

# Loaded by Python at start-up (it is first on PYTHONPATH): every way to reach the network records
# the attempt and fails, and at exit the record says the guard was really in place.
SITECUSTOMIZE = textwrap.dedent('''
    import atexit, json, os, socket, sys

    LOG = os.environ["OQU_NET_LOG"]
    attempts = []

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append([name, repr(args)[:200]])
            raise OSError(101, "network access is forbidden in this test: " + name)
        return refused

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, name, refuse("socket." + name))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, refuse(name))

    @atexit.register
    def report():
        with open(LOG, "w") as fp:
            json.dump({"guarded": True, "attempts": attempts,
                       "qtnetwork": "PySide6.QtNetwork" in sys.modules}, fp)
''')


@pytest.fixture
def no_network(tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "net.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_NET_LOG=str(log),
               PYTHONPATH=os.pathsep.join(filter(None, [str(guard), os.environ.get("PYTHONPATH")])))
    return env, log


def read_log(log):
    import json

    return json.loads(log.read_text(encoding="utf-8"))


def test_the_guard_catches_a_connection(no_network):
    """The control: with the guard in place, a real attempt is recorded and fails."""
    env, log = no_network
    code = "import urllib.request\ntry:\n urllib.request.urlopen('http://example.com', timeout=5)\nexcept OSError: pass"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)
    assert [a[0] for a in read_log(log)["attempts"]] == ["create_connection"]


@pytest.mark.slow
def test_a_whole_smoke_run_attempts_no_connection(no_network):
    """A whole ``oqu smoke`` run attempts no network connection and never loads Qt's networking."""
    env, log = no_network
    result = subprocess.run([sys.executable, "-m", "oqu", "smoke"], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "oqu smoke: OK" in result.stdout
    record = read_log(log)
    assert record["guarded"] is True
    assert record["attempts"] == []
    assert record["qtnetwork"] is False  # Qt's own networking (which bypasses Python's sockets) never loaded


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="strace is Linux's")
def test_no_internet_socket_at_the_system_call_level(tmp_path):
    """Below Python and Qt: the kernel sees no socket of an internet family opened by ``oqu smoke``."""
    assert shutil.which("strace"), "strace is missing: run python3 dev.py setup as root (or apt-get install strace)"
    trace = tmp_path / "trace.txt"
    result = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace),
                             sys.executable, "-m", "oqu", "smoke"],
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), capture_output=True, text=True,
                            timeout=300)
    assert "PTRACE" not in result.stderr.upper(), "this machine forbids ptrace: " + result.stderr[-500:]
    assert result.returncode == 0, result.stderr[-2000:]
    calls = trace.read_text(encoding="utf-8").splitlines()
    assert [c for c in calls if "AF_INET" in c] == []  # AF_INET and AF_INET6; local AF_UNIX is fine
