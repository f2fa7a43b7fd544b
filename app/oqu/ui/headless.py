"""Qt without a screen, for the headless commands (screenshot, smoke, chart export): quiet on stderr.

Qt's offscreen platform warns "This plugin does not support propagateSizeHints()" whenever a window
is laid out; it says nothing about the user's work, so a command that wrote its file prints nothing.
Every other Qt message still reaches stderr.
"""
from __future__ import annotations

import os
import sys

NOISE = ("This plugin does not support propagateSizeHints()",)


def offscreen_application():
    """The QApplication on the offscreen platform (unless another was chosen), with Qt's noise filtered."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import qInstallMessageHandler

    from oqu.ui.app import application

    qInstallMessageHandler(_filtered)
    return application()


def _filtered(_mode, _context, message: str) -> None:
    if message in NOISE:
        return
    print(message, file=sys.stderr)
