"""The accessibility tree as a screen reader reads it, over the real AT-SPI bus.

The app runs as a real window under Xvfb with a private D-Bus session and the AT-SPI bus;
``tests/atspi_walker.py`` (under the system's Python, which has pyatspi) switches the
interface language through the Language menu, opens every tab and lists each interactive
node without a name.
"""
from __future__ import annotations

import subprocess
import sys

import pytest
from atspi_session import PACKAGES, accessibility_session, missing, walk


def _need_session() -> None:
    lacks = missing()
    if lacks:  # not a skip: .ci/run must run this check; dev.py installs what it needs
        pytest.fail("the AT-SPI check cannot run: this machine lacks " + ", ".join(lacks)
                    + f". Run `python3 dev.py setup` as root (installs {PACKAGES}) or install them.")


def test_every_interactive_node_is_named_in_every_language(tmp_path):
    """Started in English, switched live to Russian and Kazakh through the Language menu, with every
    tab opened: no push button, tab, menu item, text view, list, table, combo box or entry is
    unnamed, and the names are in the interface language."""
    _need_session()
    with accessibility_session(tmp_path) as env:
        app = subprocess.Popen([sys.executable, "-m", "oqu", "--lang", "en"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            report = walk(env, app.pid)
        finally:
            app.terminate()
            app.wait(timeout=20)
    for lang in ("en", "ru", "kk"):
        assert report[lang]["nodes"] > 100, report[lang]  # the whole window was walked
        assert report[lang]["unnamed"] == [], f"{lang}: {len(report[lang]['unnamed'])} unnamed nodes:\n" + \
            "\n".join(report[lang]["unnamed"])
    samples = {lang: report[lang]["sample"] for lang in ("en", "ru", "kk")}
    assert set(samples["en"]) == {"searchField", "paperText", "paperToc", "tableView", "chart1", "searchNext",
                                  "styleSelector"}, samples
    assert samples["en"]["paperText"] == "Text of the paper"
    for key in samples["en"]:  # each in the interface language: three different names
        assert len({samples[lang][key] for lang in samples}) == 3, (key, samples)
    assert samples["ru"]["searchField"] == "Поиск" and samples["kk"]["searchField"] == "Іздеу"
