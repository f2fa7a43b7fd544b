"""A corrupt or foreign settings file is set aside with a .bak name and defaults are used."""
from __future__ import annotations

import configparser
import os

import pytest

from oqu.ui.settings import open_settings, settings_path

FOREIGN = {
    "binary junk": os.urandom(200) + b"\x00\x01\xff",
    "not an INI file": "Dear diary,\nthis is not an INI file.\n= = =\n[[[\n".encode("utf-8"),
    "an INI file of another program": b"[General]\ncolor=blue\n[ui]\nlanguage=kk\n[window]\ntab=tables\n",
    "our INI in Latin-1": "[oqu]\nformat=1\n[ui]\nlanguage=kk\nnote=caf\xe9\n".encode("latin-1"),
    "ours, cut by a crash mid-write": b"[oqu]\nformat=1\n[ui]\nlanguage=kk\n\x00\x00\x00\x00",
}


def read_ini(path) -> configparser.ConfigParser:
    """Read the file back with the standard library, not with QSettings."""
    parser = configparser.ConfigParser()
    parser.read_string(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize("content", FOREIGN.values(), ids=FOREIGN.keys())
def test_a_foreign_or_corrupt_file_is_kept_as_bak_and_defaults_are_used(qapp, content):
    """A foreign or corrupt settings file is kept as .bak, defaults are used, and our own file replaces it."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    settings = open_settings()
    assert settings.value("ui/language") is None  # defaults: nothing read from the foreign file
    assert settings.value("window/tab") is None
    settings.setValue("ui/language", "ru")
    settings.sync()
    del settings
    assert path.with_name("oqu.ini.bak").read_bytes() == content  # nothing lost
    ini = read_ini(path)
    assert ini["oqu"]["format"] == "1" and ini["ui"]["language"] == "ru"
    assert open_settings().value("ui/language") == "ru"  # our own file is kept next time


def test_our_own_file_is_kept(qapp):
    """Our own settings file is read back next time and not set aside."""
    settings = open_settings()
    settings.setValue("window/tab", "paper")
    settings.sync()
    del settings
    assert open_settings().value("window/tab") == "paper"
    assert not list(settings_path().parent.glob("*.bak"))


def test_an_older_backup_is_not_overwritten(qapp):
    """Each corrupt settings file set aside gets a new .bak name; an older backup is never overwritten."""
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    for junk in [b"first\x00", b"second\x00", b"third\x00"]:
        path.write_bytes(junk)
        open_settings().sync()
    names = {p.name: p.read_bytes() for p in path.parent.glob("*.bak")}
    assert names == {"oqu.ini.bak": b"first\x00", "oqu.ini.1.bak": b"second\x00", "oqu.ini.2.bak": b"third\x00"}


def test_a_settings_folder_that_is_a_file_does_not_stop_the_app(qapp, tmp_path, monkeypatch, capfd):
    """A file where the settings folder should be: settings work for the run, a warning is printed, the file is kept."""
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("OQU_CONFIG_DIR", str(blocker))
    settings = open_settings()
    settings.setValue("ui/language", "kk")
    assert settings.value("ui/language") == "kk"  # works for this run, remembered nowhere
    assert "settings cannot be kept in" in capfd.readouterr().err
    assert blocker.read_text(encoding="utf-8") == "a file where the folder should be"


def test_the_window_starts_with_a_corrupt_settings_file(qtbot):
    """The window starts with a corrupt settings file, ignores its values and sets it aside."""
    from oqu.ui.main_window import MainWindow

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[window]\ngeometry=@ByteArray(\x00\xff\x01junk)\ntab=tables\n")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.current_tab() == "abstract"  # the foreign file's tab was not used
    assert path.with_name("oqu.ini.bak").exists()
