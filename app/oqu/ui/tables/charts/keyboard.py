"""Reading a chart with the keyboard: every bar and dot in turn, its value announced.

The chart takes focus with Tab. The arrow keys step through what it draws (panel by panel,
in the table's order), Page Up / Page Down jump between panels, Home / End go to the first
and last value, Enter or Space selects that country's row in the table, and the keys 1 to 9
show or hide the panel's legend entries (as a click on the legend does). The value is shown
in the chart's hover box and becomes the chart's accessible name, so a screen reader says it
(Qt announces a name change of the focused widget); out of focus the chart is named for what
it shows and its description lists its panels.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt

from oqu import i18n
from oqu.i18n import _, ngettext
from oqu.ui.tables.charts.legend import NoteSample

NEXT = {Qt.Key.Key_Right, Qt.Key.Key_Down}
PREVIOUS = {Qt.Key.Key_Left, Qt.Key.Key_Up}


class ChartKeyboard(QObject):
    """Installed on a ``ChartFigure``: its keys, focus and accessible name."""

    def __init__(self, chart, title):
        super().__init__(chart)
        self.chart = chart
        self.title = title  # the chart's title in the interface language: title(table)
        self.position: tuple[int, int] | None = None  # (panel, mark) being read
        chart.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        chart.installEventFilter(self)

    # -- what is read -----------------------------------------------------
    def marks(self, panel: int) -> list:
        return [m for m in self.chart.panels[panel].marks if m.item is None or m.item.isVisible()]

    def current(self):
        if self.position is None:
            return None
        panel, k = self.position
        marks = self.marks(panel)
        return marks[k] if 0 <= k < len(marks) else None

    def describe(self) -> None:
        """Name and description for what the chart shows (the language may have changed)."""
        chart = self.chart
        headings = [p.heading.text() for p in chart.panels if p.heading.text()]
        count = sum(len(self.marks(i)) for i in range(len(chart.panels)))
        chart.setAccessibleDescription(" ".join([
            self.title(chart.table) + ".",
            ngettext("{n} country", "{n} countries", len(chart.rows)).format(n=i18n.format_number(len(chart.rows)))
            + "; " + ngettext("{n} value", "{n} values", count).format(n=i18n.format_number(count)) + ".",
            *(h.rstrip(".") + "." for h in headings),
            _("Arrow keys read each value; Page Up and Page Down move between panels; "
              "Enter selects the country's row; keys 1 to 9 show or hide the legend's entries."),
        ]))
        mark = self.current() if chart.hasFocus() else None
        chart.setAccessibleName(self.announcement(mark) if mark else
                                _("Chart of Table {n}").format(n=chart.table.id))
        chart.viewport().setAccessibleName(_("Chart of Table {n}").format(n=chart.table.id))

    def announcement(self, mark) -> str:
        panel, k = self.position
        where = _("{k} of {n}").format(k=i18n.format_number(k + 1), n=i18n.format_number(len(self.marks(panel))))
        return f"{mark.text().replace(chr(10), ', ')} ({where})"

    # -- moving -----------------------------------------------------------
    def move(self, step: int = 0, *, panel_step: int = 0, to: int | None = None) -> None:
        panels = len(self.chart.panels)
        panel, k = self.position or (0, -1 if step > 0 else 0)
        if panel_step:
            panel, k = (panel + panel_step) % panels, 0
        for _tries in range(panels):  # skip panels with nothing drawn
            marks = self.marks(panel)
            if marks:
                break
            panel = (panel + (panel_step or 1)) % panels
        else:
            return
        if to is not None:
            k = to % len(marks)
        elif step:
            k = max(0, min(len(marks) - 1, k + step))
        self.position = (panel, max(0, min(len(marks) - 1, k)))
        mark = self.current()
        self.chart.show_mark(self.chart.panels[panel], mark)
        self.chart.setAccessibleName(self.announcement(mark))

    def reset(self) -> None:
        """The chart was redrawn: the marks are new."""
        if self.position is not None and self.current() is None:
            self.position = None
        self.describe()

    def toggle_series(self, number: int) -> bool:
        """Show or hide entry ``number`` (1-based) of the current panel's legend; announce it."""
        panel = self.position[0] if self.position else 0
        entries = self.chart.panels[panel].legend.items
        if not 1 <= number <= len(entries):
            return False
        sample, label = entries[number - 1]
        if isinstance(sample, NoteSample):
            return False  # it explains a way of drawing: no series to show or hide
        sample.item.setVisible(not sample.item.isVisible())
        sample.update()
        series = label.text
        state = _("{series}: shown") if sample.item.isVisible() else _("{series}: hidden")
        if self.position is not None and self.current() is None:
            self.position = (panel, 0) if self.marks(panel) else None
        self.chart.show_mark(None, None)
        self.chart.setAccessibleName(state.format(series=series))
        return True

    # -- events -----------------------------------------------------------
    def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            return self._key(event.key())
        if kind == QEvent.Type.FocusIn:
            self.move()
        elif kind == QEvent.Type.FocusOut:
            self.chart.show_mark(None, None)
            self.describe()
        return False

    def _key(self, key) -> bool:
        if key in NEXT:
            self.move(1)
        elif key in PREVIOUS:
            self.move(-1)
        elif key == Qt.Key.Key_PageDown:
            self.move(panel_step=1)
        elif key == Qt.Key.Key_PageUp:
            self.move(panel_step=-1)
        elif key == Qt.Key.Key_Home:
            self.move(to=0)
        elif key == Qt.Key.Key_End:
            self.move(to=-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.current():
            self.chart.rowClicked.emit(self.current().iso2)
        elif Qt.Key.Key_1 <= key <= Qt.Key.Key_9:
            return self.toggle_series(key - Qt.Key.Key_0)
        else:
            return False
        return True
