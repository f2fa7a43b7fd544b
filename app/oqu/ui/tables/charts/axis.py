"""The charts' axes: pyqtgraph's, with tick labels that keep apart however large their font.

pyqtgraph spaces ticks by the axis' length alone and always writes the first level's labels: at
the reader's zoom of 150 % a narrow rank axis wrote "150 10050". Here the ticks are spread out
(1, 2, 5, 10, 20, 50, ... apart) until the widest label and a gap fit between two of them.
"""
from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

GAP = 4  # pixels between two tick labels, at least


def wider_step(step: float) -> float:
    """The next round distance between ticks: 1 -> 2 -> 5 -> 10 (times a power of ten), by 25 from 20
    (20 -> 25 -> 50: "25 50 75" where "0 50 100" would leave a narrow axis a single label)."""
    mantissa = step / 10 ** math.floor(math.log10(step))
    if abs(mantissa - 2) < 1e-6:
        return step * 1.25 if step >= 20 else step * 2.5
    return step * 2


class Axis(pg.AxisItem):
    def tick_font(self):
        return self.style.get("tickFont") or self.font()

    def reserve_width(self, labels: list[str]) -> None:
        """A vertical axis as wide as its longest tick label, the ticks and its title side by side:
        pyqtgraph allows the title 0.8 of its height and, at 200 %, drew it over the labels."""
        metrics = QFontMetricsF(self.tick_font())
        ticks = max((metrics.horizontalAdvance(s) for s in labels), default=0)
        title = self.label.boundingRect().height() if self.label.isVisible() else 0
        self.setWidth(int(ticks + 16 + title))

    def reserve_height(self) -> None:
        """A horizontal axis as high as a line of tick labels and its title one under the other:
        pyqtgraph allows the title 0.8 of its height and, at 200 %, drew it over the labels."""
        label = self.label
        title = label.boundingRect().height() - label.document().documentMargin() if label.isVisible() else 0
        self.setHeight(int(QFontMetricsF(self.tick_font()).height() + title + 4))

    def tickSpacing(self, minVal, maxVal, size):  # noqa: N802, N803 (pyqtgraph API)
        levels = super().tickSpacing(minVal, maxVal, size)
        span = abs(maxVal - minVal)
        if not levels or span == 0 or size <= 0:
            return levels
        step = levels[0][0]
        metrics = QFontMetricsF(self.tick_font())
        if self.orientation in ("left", "right"):
            room = metrics.height()
        else:
            ends = [round(v / step) * step for v in (minVal, maxVal)]
            strings = self.tickStrings(ends, self.autoSIPrefixScale * self.scale, step)
            room = max(metrics.horizontalAdvance(s) for s in strings)
        least = (room + GAP) * span / size  # in the axis' values
        if step >= least:
            return levels
        while step < least:
            step = wider_step(step)
        return [(step, 0)]
