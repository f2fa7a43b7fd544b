"""A private desktop session with the accessibility bus, for tests that read the AT-SPI tree.

``accessibility_session()`` starts Xvfb, a window manager (openbox: without one no window is
active, so nothing has the keyboard focus), a private D-Bus session bus and the AT-SPI bus
launcher (which starts the accessibility bus and its registry) and yields the environment an
application needs to join them. Nothing touches the developer's own session: every process is
started here and stopped when the block ends. ``missing()`` names what this machine lacks
(``python3 dev.py setup`` installs it on Debian).
"""
from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

# The system's Python with python3-pyatspi (the venv has no PyGObject); the walker runs under it.
SYSTEM_PYTHONS = ("/usr/bin/python3", "/usr/local/bin/python3")
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher",
                 "/usr/lib/at-spi2/at-spi-bus-launcher")
PACKAGES = "xvfb openbox dbus at-spi2-core python3-pyatspi"


def system_python() -> str | None:
    for python in SYSTEM_PYTHONS:
        if Path(python).exists() and subprocess.run([python, "-c", "import pyatspi"],
                                                    capture_output=True).returncode == 0:
            return python
    return None


def bus_launcher() -> str | None:
    return next((p for p in BUS_LAUNCHERS if Path(p).exists()), None)


def missing() -> list[str]:
    """What the session needs and this machine lacks, in words."""
    lacks = [tool for tool in ("Xvfb", "openbox", "dbus-daemon") if not shutil.which(tool)]
    if not bus_launcher():
        lacks.append("at-spi-bus-launcher (at-spi2-core)")
    if not system_python():
        lacks.append("a system python3 with pyatspi (python3-pyatspi)")
    return lacks


def _read_line(process: subprocess.Popen, what: str, timeout: float = 20.0) -> str:
    end = time.monotonic() + timeout
    line = b""
    while time.monotonic() < end and not line.endswith(b"\n"):
        chunk = os.read(process.stdout.fileno(), 1)
        if not chunk:
            break
        line += chunk
    if not line.strip():
        raise RuntimeError(f"{what} did not start")
    return line.decode().strip()


@contextlib.contextmanager
def accessibility_session(tmp: Path):
    """Yield the environment of a fresh X display + session bus + accessibility bus."""
    started: list[subprocess.Popen] = []
    try:
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        started.append(xvfb)
        display = ":" + _read_line(xvfb, "Xvfb")
        dbus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        started.append(dbus)
        address = _read_line(dbus, "dbus-daemon")
        env = dict(os.environ, DISPLAY=display, DBUS_SESSION_BUS_ADDRESS=address,
                   XDG_RUNTIME_DIR=str(tmp), OQU_CONFIG_DIR=str(tmp / "config"),
                   QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", NO_AT_BRIDGE="0")
        env.pop("WAYLAND_DISPLAY", None)
        launcher = subprocess.Popen([bus_launcher(), "--launch-immediately"], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(launcher)
        ready = tmp / "openbox-ready"
        started.append(subprocess.Popen(["openbox", "--sm-disable", "--startup", f"touch {shlex.quote(str(ready))}"],
                                        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for_bus(env)
        _wait_for_file(ready, "openbox")
        yield env
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_for_file(path: Path, what: str, timeout: float = 30.0) -> None:
    """Until ``what`` has made ``path``: a window mapped before openbox manages the screen is
    never made active, so it never has the keyboard focus (a loaded machine showed it)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists():
            return
        time.sleep(0.05)
    raise RuntimeError(f"{what} did not start")


def _wait_for_bus(env: dict, timeout: float = 20.0) -> None:
    """Until the session bus knows org.a11y.Bus (the launcher has registered it)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        names = subprocess.run(["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
                                "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"],
                               env=env, capture_output=True, text=True).stdout
        if "org.a11y.Bus" in names:
            return
        time.sleep(0.1)
    raise RuntimeError("the AT-SPI bus launcher did not register org.a11y.Bus")


def walk(env: dict, pid: int, langs: str = "en,ru,kk", timeout: int = 300) -> dict:
    """Run tests/atspi_walker.py under the system Python against the application ``pid``."""
    import json

    walker = Path(__file__).with_name("atspi_walker.py")
    result = subprocess.run([system_python(), str(walker), "--pid", str(pid), "--langs", langs],
                            env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"the AT-SPI walker failed: {result.stderr.strip()[-2000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def need_session() -> None:
    """Fail (not skip: .ci/run must run the check) saying what is missing and how to get it."""
    lacks = missing()
    if lacks:
        import pytest

        pytest.fail("the AT-SPI check cannot run: this machine lacks " + ", ".join(lacks)
                    + f". Run `python3 dev.py setup` as root (installs {PACKAGES}) or install them.")


def walk_app(command: list[str], tmp: Path, attempts: int = 2) -> dict:
    """Start ``command`` (the app, in English) in a fresh accessibility session and walk its tree.

    The app gets a desktop's few variables, not the test process's whole environment (what earlier
    tests left there is no part of a reader's desktop). A start the walker never sees complete is
    tried once more in a new session (the bus stack, not the app, has failed that way), and both
    failures are reported if it fails again."""
    need_session()
    failures = []
    for attempt in range(attempts):
        try:
            return _walk_once(command, tmp / f"session-{attempt}")
        except RuntimeError as exc:
            failures.append(str(exc))
            if "did not complete" not in str(exc):
                break
    raise RuntimeError("\n---\n".join(failures))


DESKTOP_VARIABLES = ("PATH", "HOME", "LANG", "LC_ALL", "USER", "OQU_CACHE_DIR")


def _walk_once(command: list[str], tmp: Path) -> dict:
    tmp.mkdir(parents=True, exist_ok=True)
    log = tmp / "app-stderr.txt"  # a file, not an unread pipe: a full pipe would stop the app mid-start
    with accessibility_session(tmp) as env, log.open("wb") as err:
        session = ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "OQU_CONFIG_DIR", "QT_QPA_PLATFORM",
                   "QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "NO_AT_BRIDGE")
        app_env = {k: env[k] for k in (*DESKTOP_VARIABLES, *session) if k in env}
        app = subprocess.Popen(command, env=app_env, stdout=subprocess.DEVNULL, stderr=err)
        try:
            return walk(env, app.pid)
        except RuntimeError as exc:
            said = log.read_text(encoding="utf-8", errors="replace").strip()[-2000:]
            state = f"exit {app.poll()}" if app.poll() is not None else "running"
            raise RuntimeError(f"{exc}\nthe app ({state}) wrote: {said or 'nothing'}") from None
        finally:
            app.terminate()
            app.wait(timeout=20)


SAMPLED_IDS = {"searchField", "paperText", "paperToc", "tableView", "chart1", "searchNext", "styleSelector"}


def assert_accessible(report: dict) -> None:
    """What tests/atspi_walker.py saw: the marker announcements, no unnamed node, names that follow
    the language."""
    first, second = report["citation"]["steps"]
    assert first["selected"] == "[1]" and second["selected"] == "[2]", report["citation"]
    assert first["focused"] and second["focused"]  # the reader is taken to the marker
    # and told, as Orca hears it: an AT-SPI announcement of the link and its reference
    assert len(first["announced"]) == 1 and len(second["announced"]) == 1, report["citation"]
    assert first["announced"][0].startswith("Link: citation [1], 1 of 31: Konkov A.E."), first
    assert second["announced"][0].startswith("Link: citation [2], 2 of 31: Hanna N."), second
    assert first["description"].startswith("Link: citation [1], 1 of 31: Konkov A.E. Digitalization"), first
    assert second["description"].startswith("Link: citation [2], 2 of 31: Hanna N."), second
    for lang in ("en", "ru", "kk"):
        assert report[lang]["nodes"] > 100, report[lang]  # the whole window was walked
        assert report[lang]["unnamed"] == [], f"{lang}: {len(report[lang]['unnamed'])} unnamed nodes:\n" + \
            "\n".join(report[lang]["unnamed"])
    # Focused (AT-SPI grabFocus), a chart is named by its first value, in the interface language.
    charts = {lang: report[lang]["chart"] for lang in ("en", "ru", "kk")}
    assert charts["en"]["before"] == "Chart of Table 1" and charts["en"]["focused"], charts
    assert charts["en"]["name"] == "United States, IMD rank 2020: 1 (1 of 21)", charts
    assert charts["en"]["name"].endswith("(1 of 21)"), charts
    assert charts["kk"]["name"].startswith("Америка Құрама Штаттары, IMD рейтингі, 2020: 1"), charts
    assert charts["ru"]["name"].endswith("(1 из 21)"), charts
    samples = {lang: report[lang]["sample"] for lang in ("en", "ru", "kk")}
    descriptions = {lang: {k: v for k, v in samples[lang].items() if k.endswith(".description")}
                    for lang in samples}
    for lang in samples:
        for key in descriptions[lang]:
            del samples[lang][key]
    assert set(samples["en"]) == SAMPLED_IDS, samples
    # A chart says what it shows: its title, its size and how to read it, in the interface language.
    assert descriptions["en"]["chart1.description"].startswith("Table 1: Comparative indicators"), descriptions
    assert "Arrow keys read each value" in descriptions["en"]["chart1.description"]
    assert descriptions["kk"]["chart1.description"].startswith("1-кесте"), descriptions
    # The current marker (the second, from the check above) is announced in the new language too.
    assert descriptions["ru"]["paperText.description"].startswith("Ссылка: источник [2], 2 из 31: Hanna N.")
    assert descriptions["kk"]["paperText.description"].startswith("Сілтеме: [2] дереккөз, 31 ішінен 2: Hanna N.")
    assert samples["en"]["paperText"] == "Text of the paper"
    for key in samples["en"]:  # each in the interface language: three different names
        assert len({samples[lang][key] for lang in samples}) == 3, (key, samples)
    assert samples["ru"]["searchField"] == "Поиск" and samples["kk"]["searchField"] == "Іздеу"
