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
    tab opened: no push button, tab, menu item, text view, list, table, chart, combo box or entry is
    unnamed, and the names are in the interface language. Before that, View → "Next citation
    marker" (F8), pressed through AT-SPI, selects [1] then [2] in the focused paper text, whose
    description announces each as a link with its reference."""
    _need_session()
    with accessibility_session(tmp_path) as env:
        app = subprocess.Popen([sys.executable, "-m", "oqu", "--lang", "en"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            report = walk(env, app.pid)
        finally:
            app.terminate()
            app.wait(timeout=20)
    first, second = report["citation"]["steps"]
    assert first["selected"] == "[1]" and second["selected"] == "[2]", report["citation"]
    assert first["description"].startswith("Link: citation [1], 1 of 31: Konkov A.E. Digitalization"), first
    assert second["description"].startswith("Link: citation [2], 2 of 31: Hanna N."), second
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
