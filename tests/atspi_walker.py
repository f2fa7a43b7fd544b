"""Walk Oqu's accessibility tree over AT-SPI, as a screen reader sees it.

Run by the system's Python (Debian's python3-pyatspi lives there, not in the
venv) from ``tests/test_accessibility_bus.py``:

    python3 tests/atspi_walker.py --pid PID --langs en,ru,kk

For each language it chooses that language's item in the Language menu (as a
reader would: through the item's AT-SPI action; the items are named in their
own language, so they are found whatever the interface language), opens every
page tab (the window's, the abstract's, the tables'), waits for the texts to
settle and lists every interactive node that has no name. Prints one JSON
object: {"en": {"nodes": N, "unnamed": [...], "sample": {...}}, ...}.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

import pyatspi
from gi.repository import GLib

# Nodes a keyboard or screen-reader user lands on or operates. Table cells, headers and scroll bars
# take their names from their content; they are not listed here (and a table's cells are not walked).
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "menu item",
    "check menu item", "radio menu item", "menu", "page tab", "text", "entry", "password text",
    "table", "tree table", "list", "list box", "list item", "tree", "tree item", "slider",
    "spin button", "link", "document frame", "document text", "tool bar", "page tab list",
}
# Named by their content (or mere containers): checked only when a reader can focus them.
NAMED_BY_CONTENT = {"table cell", "column header", "row header", "scroll bar"}
# Nodes whose names are reported, to check they follow the interface language (by accessible id).
SAMPLED = {"searchField", "paperText", "paperToc", "tableView", "chart1", "searchNext", "styleSelector"}
LANGUAGE_ITEMS = {"en": "English", "ru": "Русский", "kk": "Қазақша"}


def find_app(pid: int, timeout: float = 90.0):
    desktop = pyatspi.Registry.getDesktop(0)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for app in desktop:
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except GLib.Error:  # an application leaving the bus meanwhile
                pass
        time.sleep(0.2)
    sys.exit(f"atspi_walker: no application with pid {pid} on the accessibility bus")


def nodes(acc, path=()):
    """Every node under ``acc`` (a table's cells left out), with its path of role names."""
    try:
        role = acc.getRoleName()
    except GLib.Error:  # a node gone meanwhile
        return
    here = (*path, role)
    yield acc, here
    if role in ("table", "tree table"):
        return
    for child in acc:
        if child is not None:
            yield from nodes(child, here)


def find(app, role: str, name: str | None = None):
    return [acc for acc, _path in nodes(app) if acc.getRoleName() == role and (name is None or acc.name == name)]


def is_interactive(acc, role: str) -> bool:
    if role in INTERACTIVE:
        return True
    if role in NAMED_BY_CONTENT:
        return False
    # Anything else the reader can land on: a read-only text view (a "label"), a chart (a "filler").
    return acc.getState().contains(pyatspi.STATE_FOCUSABLE)


def describe(acc, path) -> str:
    try:
        ident = acc.get_accessible_id()
    except GLib.Error:
        ident = ""
    return f"{'/'.join(path[-3:])} [{ident}]"


def wait_complete(app, timeout: float = 90.0) -> None:
    """The window is complete when its References pane is on the bus (built after the first paint)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if len(find(app, "panel")) >= 2:  # the References and Search panes
            return
        time.sleep(0.3)
    sys.exit("atspi_walker: the window did not complete (no panes on the bus)")


def wait_active(app, timeout: float = 30.0) -> None:
    """Until the window manager has made the app's window active: before that no widget has the
    keyboard focus, and the focus checks below would read a desktop's fault as the app's."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if any(frame.getState().contains(pyatspi.STATE_ACTIVE) for frame in find(app, "frame")):
            return
        time.sleep(0.2)
    sys.exit("atspi_walker: the window was never made active (is a window manager running?)")


def press(acc) -> None:
    """The node's press action. A busy app (building a table's charts on a loaded machine) may
    answer after D-Bus has stopped waiting: the press still happens, so that is not an error."""
    action = acc.queryAction()
    names = [action.getName(i).lower() for i in range(action.nActions)]
    index = next((i for i, n in enumerate(names) if n in ("press", "click", "activate", "switch")), 0)
    try:
        action.doAction(index)
    except GLib.Error as exc:  # "Did not receive a reply"
        if "reply" not in str(exc):
            raise
        time.sleep(2)


def menu_titles(app) -> list[str]:
    bars = find(app, "menu bar")
    return [child.name for child in bars[0]] if bars else []


def switch_language(app, lang: str) -> None:
    before = menu_titles(app)
    items = [acc for acc in find(app, "radio menu item") + find(app, "menu item") + find(app, "check menu item")
             if acc.name == LANGUAGE_ITEMS[lang]]
    if not items:
        sys.exit(f"atspi_walker: no menu item named {LANGUAGE_ITEMS[lang]!r}")
    if items[0].getState().contains(pyatspi.STATE_CHECKED):
        return  # already the interface language
    press(items[0])
    end = time.monotonic() + 20
    while time.monotonic() < end and menu_titles(app) == before:
        time.sleep(0.2)


def open_every_tab(app) -> None:
    """Each page tab once (the tables' pages are built when first shown), then back to the first."""
    for _round in range(2):  # the tables' own tabs exist once their page has been shown
        for tab in find(app, "page tab"):
            press(tab)
            time.sleep(0.4)
    first = find(app, "page tab")
    if first:
        press(first[0])
    time.sleep(0.5)


def by_id(app, suffix: str):
    return next((acc for acc, path in nodes(app) if describe(acc, path).endswith(f".{suffix}]")), None)


def press_and_listen(acc, event_type: str, seconds: float = 1.5) -> list[str]:
    """Press ``acc`` and collect the events of ``event_type`` (their text) the bus carries meanwhile:
    what a screen reader is told (Orca speaks ``object:announcement``)."""
    from gi.repository import GLib

    heard = []

    def listener(event):
        heard.append(str(event.any_data))

    pyatspi.Registry.registerEventListener(listener, event_type)
    GLib.timeout_add(100, lambda: press(acc) and False)
    GLib.timeout_add(int(seconds * 1000), lambda: pyatspi.Registry.stop() and False)
    pyatspi.Registry.start()
    pyatspi.Registry.deregisterEventListener(listener, event_type)
    return heard


def read_citation(app) -> dict:
    """Press View → "Next citation marker" (F8) twice; what the bus announced, what the paper's
    text node then says."""
    seen = []
    for _press in range(2):
        items = [acc for acc in find(app, "menu item") if acc.name.startswith("Next citation marker")]
        if not items:
            return {"error": "no 'Next citation marker' menu item"}
        announced = press_and_listen(items[0], "object:announcement")
        text = by_id(app, "paperText")
        selection = text.queryText().getSelection(0) if text.queryText().getNSelections() else (0, 0)
        seen.append({"description": text.description,
                     "selected": text.queryText().getText(*selection),
                     "focused": text.getState().contains(pyatspi.STATE_FOCUSED),
                     "announced": announced})
    return {"steps": seen}


def read_chart(app) -> dict:
    """Give the first table's chart the focus (AT-SPI grabFocus, as a screen reader's "focus this"
    does) and read the name it then has: its first value."""
    chart = by_id(app, "chart1")
    if chart is None:
        return {"error": "no chart1"}
    before = chart.name
    chart.queryComponent().grabFocus()
    time.sleep(0.8)
    return {"before": before, "focused": chart.getState().contains(pyatspi.STATE_FOCUSED), "name": chart.name}


def check(app) -> dict:
    unnamed, count, sample = [], 0, {}
    for acc, path in nodes(app):
        role = path[-1]
        if not is_interactive(acc, role):
            continue
        count += 1
        name = (acc.name or "").strip()
        if not name:
            unnamed.append(describe(acc, path))
        else:
            ident = describe(acc, path).rsplit(".", 1)[-1].rstrip("]")
            if ident in SAMPLED and role != "list item":
                sample[ident] = name
                if acc.description:
                    sample[f"{ident}.description"] = acc.description
    return {"nodes": count, "unnamed": unnamed, "sample": sample}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pid", type=int, required=True)
    parser.add_argument("--langs", default="en,ru,kk")
    parser.add_argument("--dump", action="store_true", help="print every node (for a person, not the test)")
    args = parser.parse_args()
    app = find_app(args.pid)
    wait_complete(app)
    wait_active(app)
    if args.dump:
        open_every_tab(app)
        for acc, path in nodes(app):
            states = acc.getState()
            print("  " * len(path), path[-1], repr(acc.name), repr(acc.description)[:80],
                  "F" if states.contains(pyatspi.STATE_FOCUSABLE) else "-", describe(acc, path).split("[")[-1])
        return 0
    report = {"citation": read_citation(app)}
    for lang in args.langs.split(","):
        switch_language(app, lang)
        open_every_tab(app)
        report[lang] = check(app)
        report[lang]["chart"] = read_chart(app)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
