"""Small pieces every widget shares."""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent

from oqu.core.model import MARKER_RE


class Retranslating:
    """Mixin: calls ``retranslate()`` on every language switch.

    Each widget sets all its texts in ``retranslate()``, called once at
    construction and again whenever Qt sends LanguageChange. A widget that
    cannot be seen at that moment (a tab in the background, a closed pane)
    only notes that its texts are stale and retranslates when it is shown:
    a switch then costs what the reader sees, not every chart of every tab.
    """

    _texts_stale = False

    def changeEvent(self, event):  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.LanguageChange:
            if self.isWindow() or self.isVisibleTo(self.window()):
                self._texts_stale = False
                self.retranslate()
            else:
                self._texts_stale = True
        super().changeEvent(event)

    def showEvent(self, event):  # noqa: N802 (Qt API)
        self.ensure_translated()
        super().showEvent(event)

    def ensure_translated(self) -> None:
        """Retranslate now if a language switch happened while this widget was hidden."""
        if self._texts_stale:
            self._texts_stale = False
            self.retranslate()

    def retranslate(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


def name_line_edit(field, name: str, clear_name: str) -> None:
    """A line edit's accessible name, and one for its clear button (a tool button Qt adds)."""
    from PySide6.QtWidgets import QToolButton

    field.setAccessibleName(name)
    for button in field.findChildren(QToolButton):
        button.setAccessibleName(clear_name)


def name_combo(box, name: str) -> None:
    """A combo box and the list it pops up, named alike for a screen reader."""
    box.setAccessibleName(name)
    box.view().setAccessibleName(name)


# html.escape's table (quote=True), without importing html: its entity tables cost start-up time.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def esc(text: str) -> str:
    """Bundle text shown as text: markup in it is escaped, never rendered."""
    return text.translate(_ESCAPES)


def linkify_markers(text: str, first_index: int = 0) -> str:
    """Escape ``text`` and turn each [n] into a link ``cite:n:index`` with an anchor."""
    out, pos, index = [], 0, first_index
    for m in MARKER_RE.finditer(text):
        out.append(esc(text[pos:m.start()]))
        n = m.group(1)
        out.append(f'<a name="marker-{index}" href="cite:{n}:{index}">[{n}]</a>')
        index += 1
        pos = m.end()
    out.append(esc(text[pos:]))
    return "".join(out)


# "Table 1", "Tables 2 and 3", "Table 2 and 3": each number a link to its table.
_TABLE_MENTION = re.compile(r"\b(Tables? )(\d+)((?:(?:,| and| &| or)\s*\d+\b)*)")


def linkify_text(text: str, first_index: int = 0, tables: set[int] | frozenset[int] = frozenset()) -> str:
    """``linkify_markers``, and each mention of a table in ``tables`` a link ``table:n``.

    The text itself is unchanged (only links are added), so offsets into it stay exact.
    """
    out, pos = [], 0
    for m in _TABLE_MENTION.finditer(text):
        numbers = [(m.start(2), m.end(2))] + [(m.start(3) + d.start(), m.start(3) + d.end())
                                              for d in re.finditer(r"\d+", m.group(3))]
        for i, (a, b) in enumerate(numbers):
            start = m.start() if i == 0 else a  # the first link holds the word "Table" too
            if int(text[a:b]) not in tables:
                continue
            out.append(linkify_markers(text[pos:start], first_index))
            first_index += len(MARKER_RE.findall(text[pos:start]))
            out.append(f'<a href="table:{int(text[a:b])}">{esc(text[start:b])}</a>')
            pos = b
    out.append(linkify_markers(text[pos:], first_index))
    return "".join(out)

