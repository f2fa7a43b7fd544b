"""Where the reader is, and going back there: the window's Back / Forward.

A ``Place`` is what a jump leaves behind: the main tab, the view inside it (the abstract's
language, the table), the document position at the top of the text, and the reference
selected in the References pane. The history itself is ``oqu.core.history.History``.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeySequence


@dataclass(frozen=True)
class Place:
    tab: str
    view: str = ""  # the abstract's language tab, or the table's id
    position: int = 0  # document position at the top of the text
    reference: int | None = None


def shortcuts(standard: QKeySequence.StandardKey, extra: str) -> list[QKeySequence]:
    """The platform's standard keys for Back or Forward, and Alt+Left/Right everywhere."""
    keys = list(QKeySequence.keyBindings(standard))
    if not any(k.toString() == extra for k in keys):
        keys.insert(0, QKeySequence(extra))
    return keys


class MouseButtons(QObject):
    """The mouse's back and forward buttons, anywhere in ``window``, go Back / Forward."""

    def __init__(self, window, back, forward):
        super().__init__(window)
        self.window, self.back, self.forward = window, back, forward

    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.MouseButtonPress and obj.isWidgetType() and obj.window() is self.window:
            from PySide6.QtCore import Qt

            if event.button() == Qt.MouseButton.BackButton:
                self.back()
                return True
            if event.button() == Qt.MouseButton.ForwardButton:
                self.forward()
                return True
        return False
