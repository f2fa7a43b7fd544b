"""The baseline bench/binary_bench.py freezes beside Oqu: one bare PySide6 window.

It is frozen by the same spec and settings as the app. With
OQU_EXIT_AFTER=paint it prints a line at its first paint and quits, as the
app does (oqu.ui.startup.show), so the two start times compare.
"""
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

STARTED = time.perf_counter()


class _FirstPaint(QObject):
    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self._done)
        return False

    def _done(self):
        print(f"oqu-bench paint {time.perf_counter() - STARTED:.4f}", flush=True)
        QApplication.instance().quit()


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1280, 800)
    if os.environ.get("OQU_EXIT_AFTER") == "paint":
        hook = _FirstPaint(window)
        window.installEventFilter(hook)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
