"""Without a screen: the window says so in one line; the headless commands print nothing on stderr."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from helpers import run_cli

NO_DISPLAY = "oqu: no display: run it on a desktop, under xvfb-run, or use the headless commands (see 'oqu --help')"


def without_display(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(extra)
    return env


@pytest.mark.parametrize("args", [[], ["--lang", "kk"]])
def test_the_window_without_a_display_is_one_line_and_exit_1(args):
    """`oqu` on Linux with no DISPLAY/WAYLAND_DISPLAY (and no screenless Qt platform chosen) prints one
    line and exits 1, instead of Qt's abort about xcb-cursor0."""
    result = subprocess.run([sys.executable, "-m", "oqu", *args], capture_output=True, text=True,
                            env=without_display(), timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == NO_DISPLAY and result.stdout == ""
    xcb = subprocess.run([sys.executable, "-m", "oqu"], capture_output=True, text=True,
                         env=without_display(QT_QPA_PLATFORM="xcb"), timeout=60)
    assert xcb.returncode == 1 and xcb.stderr.strip() == NO_DISPLAY


@pytest.mark.parametrize("args", [["screenshot", "--tab", "tables", "-o", "{tmp}/s.png"],
                                  ["export", "chart", "1", "-o", "{tmp}/c.svg"],
                                  ["smoke"]])
def test_headless_commands_are_silent_on_stderr(tmp_path, args):
    """screenshot, chart export and smoke need no display and write nothing to stderr (no "This plugin
    does not support propagateSizeHints()")."""
    argv = [a.format(tmp=tmp_path) for a in args]
    result = subprocess.run([sys.executable, "-m", "oqu", *argv], capture_output=True, text=True,
                            env=without_display(), timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_a_chosen_screenless_platform_is_respected(tmp_path):
    """QT_QPA_PLATFORM=offscreen (as in tests) is not "no display": the headless commands still work."""
    result = run_cli("export", "chart", "2", "-o", str(tmp_path / "c.png"))
    assert result.returncode == 0 and result.stderr == ""


def test_a_screenshot_waits_until_the_charts_have_settled(tmp_path):
    """Two screenshots of the tables tab are the same picture: the charts' layout passes are over
    before the window is captured, however long they take."""
    from PySide6.QtGui import QImage

    shots = []
    for n in (1, 2):
        out = tmp_path / f"tables-{n}.png"
        result = run_cli("screenshot", "--tab", "tables", "--lang", "ru", "--size", "1024x640", "-o", str(out),
                         env={"OQU_CONFIG_DIR": str(tmp_path)})
        assert result.returncode == 0, result.stderr
        shots.append(QImage(str(out)))
    assert shots[0].size().toTuple() == (1024, 640) and shots[0] == shots[1]
