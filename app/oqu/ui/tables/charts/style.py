"""The charts' colours in the light and the dark theme.

A chart on screen follows the window's palette (View > Theme, or the system's); an exported
chart is a document and is always drawn light, like paper. The series colours (the palette of
bars and dots) read on both backgrounds; text keeps at least 4.5:1 against its background.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPalette


@dataclass(frozen=True)
class ChartStyle:
    name: str
    background: str
    text: str  # axes, tick labels, legend, headings
    muted: str  # the small labels in the plot: changes, years, country codes, "no data"
    connector: str  # the line joining a country's ranks
    outline: str  # the ring around a dot: the background's colour, so touching dots stay apart
    selected: str  # the outline of a selected country's bar
    official: str  # the World Bank file's own value
    hover_fill: tuple[int, int, int, int]
    hover_border: str


LIGHT = ChartStyle("light", background="#ffffff", text="#000000", muted="#333333", connector="#bbbbbb",
                   outline="#ffffff", selected="#000000", official="#222222",
                   hover_fill=(255, 255, 240, 240), hover_border="#888888")
DARK = ChartStyle("dark", background="#1f1f1f", text="#e8e8e8", muted="#cfcfcf", connector="#6a6a6a",
                  outline="#1f1f1f", selected="#ffffff", official="#f0f0f0",
                  hover_fill=(58, 58, 58, 245), hover_border="#9a9a9a")


def style_for(palette: QPalette) -> ChartStyle:
    """The chart colours that go with a widget's palette: dark on a dark window."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT
