"""The bundle cache: the window's start reuses the paper loaded last time only while nothing it was
loaded from has changed; a changed, broken or unreadable bundle or cache is never served stale."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import oqu.core.bundle as bundle_module
from oqu.core import load_bundle
from oqu.core.bundle_cache import cache_dir, cache_file, load_cached
from oqu.resources import data_dir as data_folder


def test_an_unchanged_bundle_comes_from_the_cache(bundle_copy, monkeypatch):
    """The first start loads and keeps the paper; the next one gets the same paper without loading."""
    first = load_cached(bundle_copy)
    assert first.ok and cache_file(bundle_copy).is_file()
    monkeypatch.setattr(bundle_module, "load_bundle", lambda folder=None: pytest.fail("loaded again"))
    again = load_cached(bundle_copy)
    assert again.ok and again.paper == first.paper
    assert len(again.paper.references) == 26 and len(again.paper.markers) == 31


def test_the_cached_paper_equals_a_fresh_load(bundle_copy):
    """What the cache gives is exactly what loading the bundle gives (every field of the paper)."""
    load_cached(bundle_copy)
    cached = load_cached(bundle_copy)
    fresh = load_bundle(bundle_copy)
    assert cached.paper == fresh.paper and cached.problems == fresh.problems == []
    assert cached.paper.spellings == fresh.paper.spellings and cached.paper.alignment == fresh.paper.alignment


def test_a_changed_file_is_loaded_again(bundle_copy):
    """Editing body.md (one word) gives a new key: the start shows the edit, not the kept paper."""
    before = load_cached(bundle_copy).paper
    body = bundle_copy / "body.md"
    text = body.read_text(encoding="utf-8")
    assert "Digitalization of the work" in text
    body.write_text(text.replace("Digitalization of the work", "Digitalisation of the work", 1), encoding="utf-8")
    after = load_cached(bundle_copy)
    assert after.ok and after.paper != before
    assert after.paper.sections[0].blocks[0].text.startswith("Digitalisation of the work")
    assert after.paper == load_bundle(bundle_copy).paper


def test_a_same_size_edit_in_a_table_file_is_loaded_again(bundle_copy):
    """A change that keeps a file's size and folder listing (one digit of a table's CSV) is still seen."""
    load_cached(bundle_copy)
    table_file = sorted((bundle_copy / "tables").glob("*.csv"))[0]
    raw = table_file.read_bytes()
    digit = next(i for i, b in enumerate(raw) if chr(b).isdigit() and chr(b) != "9")
    changed = raw[:digit] + bytes([raw[digit] + 1]) + raw[digit + 1:]
    stat = table_file.stat()
    table_file.write_bytes(changed)
    os.utime(table_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even the time stamp as it was
    assert table_file.stat().st_size == len(raw)
    assert load_cached(bundle_copy).paper == load_bundle(bundle_copy).paper


def test_a_broken_bundle_is_never_kept_and_its_problems_are_shown(bundle_copy):
    """A bundle with problems is loaded (and its problems reported) at every start, never cached;
    after the fix the repaired bundle is loaded, not an older good one."""
    good = load_cached(bundle_copy).paper
    refs = bundle_copy / "references.json"
    original = refs.read_text(encoding="utf-8")
    refs.write_text(original[: len(original) // 2], encoding="utf-8")  # cut in half: not JSON
    for _ in range(2):
        broken = load_cached(bundle_copy)
        assert broken.problems and broken.problems == load_bundle(bundle_copy).problems
        assert any(p.file == "references.json" for p in broken.problems)
    refs.write_text(original, encoding="utf-8")
    assert load_cached(bundle_copy).paper == good


def test_an_added_or_removed_file_is_loaded_again(bundle_copy):
    """A file added to the bundle folder, or one removed, changes the key."""
    load_cached(bundle_copy)
    (bundle_copy / "notes.txt").write_text("a librarian's note", encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        calls = []
        real = bundle_module.load_bundle
        mp.setattr(bundle_module, "load_bundle", lambda folder=None: calls.append(folder) or real(folder))
        assert load_cached(bundle_copy).ok and calls == [bundle_copy]
        kept = load_cached(bundle_copy).paper
        assert len(calls) == 1 and kept.spellings  # unchanged since: from the cache
        (bundle_copy / "spellings.json").unlink()
        result = load_cached(bundle_copy)
        assert len(calls) == 2 and result.paper == real(bundle_copy).paper and not result.paper.spellings


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95\xff\xff\xff\xff"])
def test_a_damaged_cache_file_is_ignored_and_replaced(bundle_copy, damage):
    """An empty, foreign or truncated cache file is not an error: the bundle is loaded and the
    file written again, usable at the next start."""
    good = load_cached(bundle_copy).paper
    cache_file(bundle_copy).write_bytes(damage)
    assert load_cached(bundle_copy).paper == good
    assert cache_file(bundle_copy).read_bytes() != damage
    assert load_cached(bundle_copy).paper == good


def test_a_cache_file_of_another_shape_is_ignored(bundle_copy):
    """A well-formed pickle that is not (key, Paper) -- say, from another program -- is ignored."""
    import pickle

    good = load_cached(bundle_copy).paper
    cache_file(bundle_copy).write_bytes(pickle.dumps({"paper": "not one"}))
    assert load_cached(bundle_copy).paper == good


def test_an_unwritable_cache_folder_still_loads(bundle_copy, tmp_path, monkeypatch):
    """When the cache folder cannot be made (its path is a file), the bundle loads as always."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("OQU_CACHE_DIR", str(blocker / "cache"))
    for _ in range(2):
        result = load_cached(bundle_copy)
        assert result.ok and result.paper == load_bundle(bundle_copy).paper
    assert not list(tmp_path.glob("**/*.part"))


def test_two_folders_keep_their_own_paper(bundle_copy, tmp_path):
    """Two bundle folders do not share a cache file: each start gets its own folder's paper."""
    import shutil

    other = tmp_path / "other"
    shutil.copytree(bundle_copy, other)
    body = other / "body.md"
    body.write_text(body.read_text(encoding="utf-8").replace("Digitalization of the work",
                                                            "Digitalisation of the work", 1), encoding="utf-8")
    a, b = load_cached(bundle_copy).paper, load_cached(other).paper
    assert cache_file(bundle_copy) != cache_file(other)
    assert load_cached(bundle_copy).paper == a and load_cached(other).paper == b and a != b


def test_only_the_newest_cache_files_are_kept(bundle_copy, tmp_path, isolated_cache):
    """Each bundle folder opened keeps one cache file; beyond KEEP folders the oldest files go, and
    the folder opened last is still served from the cache."""
    import shutil
    import time

    from oqu.core.bundle_cache import KEEP

    folders = []
    for i in range(KEEP + 3):
        folder = tmp_path / f"copy-{i}"
        shutil.copytree(bundle_copy, folder)
        assert load_cached(folder).ok
        folders.append(folder)
        time.sleep(0.01)  # distinct modification times
    files = sorted(isolated_cache.glob("bundle-*.pickle"))
    assert len(files) == KEEP
    assert {cache_file(f) for f in folders[-KEEP:]} == set(files)
    assert not cache_file(folders[0]).exists()


def test_a_folder_that_is_no_bundle_is_neither_hashed_nor_kept(tmp_path, isolated_cache, monkeypatch):
    """A folder without paper.json, or one with more files than any bundle, is loaded (and its
    problems reported) as always, without the cache reading its files or keeping anything."""
    import oqu.core.bundle_cache as cache

    stray = tmp_path / "not-a-bundle"
    stray.mkdir()
    (stray / "notes.txt").write_text("hello", encoding="utf-8")
    assert cache.bundle_key(stray) is None
    assert load_cached(stray).problems == load_bundle(stray).problems != []
    monkeypatch.setattr(cache, "MAX_FILES", 3)
    assert cache.bundle_key(data_folder()) is None
    assert list(isolated_cache.iterdir()) == []


def test_the_cache_folder_is_the_users_cache_unless_overridden(monkeypatch, tmp_path):
    """OQU_CACHE_DIR wins; otherwise XDG_CACHE_HOME/oqu (Linux), or ~/.cache/oqu."""
    monkeypatch.setenv("OQU_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("OQU_CACHE_DIR")
    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
        assert cache_dir() == tmp_path / "xdg" / "oqu"
        monkeypatch.delenv("XDG_CACHE_HOME")
        monkeypatch.setenv("HOME", str(tmp_path / "home"))
        assert cache_dir() == tmp_path / "home" / ".cache" / "oqu"


def test_check_loads_the_bundle_itself_and_keeps_nothing(bundle_copy, isolated_cache):
    """`oqu check` validates the files themselves, never the cache, and writes no cache file."""
    from oqu.cli import main

    assert main(["check", "--bundle", str(bundle_copy)]) == 0
    assert list(isolated_cache.iterdir()) == []


# The window's start (`oqu`, oqu.cli.cmd_gui): which of the loader's modules are in at the first paint.
START = """
import json, sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import oqu.ui.startup as startup

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = {"loader": "oqu.core.bundle" in sys.modules, "title": obj.windowTitle(),
                         "references": len(obj.paper.references),
                         "opening": obj.paper.sections[0].blocks[0].text[:30]}
            print(json.dumps(self.seen), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

show = startup.show
startup.show = lambda window: (window.installEventFilter(Watch(window)), show(window))
from oqu.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_second_start_paints_without_loading_the_bundle(bundle_copy, tmp_path, isolated_cache):
    """The first start loads the bundle (and keeps it); the second paints the same window without
    even importing the loader; after an edit the start loads the bundle again and shows the edit."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OQU_CONFIG_DIR=str(tmp_path / "config"), LANGUAGE="en")
    env.pop("OQU_EXIT_AFTER", None)

    def start():
        out = subprocess.run([sys.executable, "-c", START, "--bundle", str(bundle_copy), "--lang", "en"],
                             env=env, capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])

    first, second = start(), start()
    assert first["loader"] and not second["loader"]
    assert second["title"] == first["title"] and second["references"] == first["references"] == 26
    body = bundle_copy / "body.md"
    body.write_text(body.read_text(encoding="utf-8").replace("Digitalization of the work",
                                                            "Digitalisation of the work", 1), encoding="utf-8")
    third = start()
    assert third["loader"] and third["opening"] == "Digitalisation of the work of "
    assert first["opening"] == second["opening"] == "Digitalization of the work of "
