"""The accessibility tree as a screen reader reads it, over the real AT-SPI bus.

The app runs as a real window under Xvfb with a private D-Bus session and the AT-SPI bus;
``tests/atspi_walker.py`` (under the system's Python, which has pyatspi) switches the
interface language through the Language menu, opens every tab and lists each interactive
node without a name. tests/test_packaging.py runs the same check on the standalone binary.
"""
from __future__ import annotations

import sys

from atspi_session import assert_accessible, walk_app


def test_every_interactive_node_is_named_in_every_language(tmp_path):
    """Started in English, switched live to Russian and Kazakh through the Language menu, with every
    tab opened: no push button, tab, menu item, text view, list, table, chart, combo box or entry is
    unnamed, and the names are in the interface language; a chart given the focus through AT-SPI
    is named by its first value. Before that, View → "Next citation marker" (F8), pressed through
    AT-SPI, selects [1] then [2] in the focused paper text; the bus carries an announcement of
    each as a link with its reference (what Orca speaks), and the text's description says it too."""
    assert_accessible(walk_app([sys.executable, "-m", "oqu", "--lang", "en"], tmp_path))
