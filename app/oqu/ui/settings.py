"""All persistent settings in one place: one INI file, isolated in tests.

``OQU_CONFIG_DIR`` moves the file (the tests point it at a temporary folder).
A corrupt or foreign file is set aside as ``oqu.ini.bak`` (an older backup is kept as
``oqu.ini.1.bak``, ...) and defaults are used. A folder that cannot be written never stops
the app: its settings are then simply not remembered.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

FILE_NAME = "oqu.ini"
_MARK = "oqu/format"  # written on every save; a file without it is foreign


_scratch: tempfile.TemporaryDirectory | None = None  # see use_scratch_settings


def use_scratch_settings() -> None:
    """From now on this process reads and writes a throwaway settings file.

    For the headless commands (``oqu screenshot``, ``oqu smoke``): they start from the
    defaults, so a picture does not depend on where the reader left off, and they leave
    the reader's own file as it was (not even created).
    """
    global _scratch
    if _scratch is None:
        _scratch = tempfile.TemporaryDirectory(prefix="oqu-settings-")


def settings_path() -> Path:
    if _scratch is not None:
        return Path(_scratch.name) / FILE_NAME
    folder = os.environ.get("OQU_CONFIG_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(folder or Path.home() / ".config" / "oqu") / FILE_NAME


def _looks_sane(path: Path) -> bool:
    try:
        raw = path.read_bytes()
    except OSError:
        return False
    if b"\x00" in raw:
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def open_settings() -> QSettings:
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # e.g. OQU_CONFIG_DIR names a file: run with defaults, remember nothing
        print(f"oqu: settings cannot be kept in {path.parent}: {exc.strerror or exc}", file=sys.stderr)
    if path.exists() and path.stat().st_size and not _looks_sane(path):
        set_aside(path)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    if settings.status() != QSettings.Status.NoError or (path.exists() and path.stat().st_size
                                                          and not settings.contains(_MARK)):
        del settings
        set_aside(path)
        settings = QSettings(str(path), QSettings.Format.IniFormat)
    if not settings.contains(_MARK):
        settings.setValue(_MARK, 1)  # only then: a value set makes QSettings write the file
    return settings


def set_aside(path: Path) -> Path | None:
    """Rename ``path`` to a free ``.bak`` name, so nothing the user had is lost."""
    backup = path.with_name(path.name + ".bak")
    n = 0
    while backup.exists() or backup.is_symlink():
        n += 1
        backup = path.with_name(f"{path.name}.{n}.bak")
    try:
        os.replace(path, backup)
    except OSError as exc:
        print(f"oqu: cannot set aside the settings file {path}: {exc.strerror or exc}", file=sys.stderr)
        return None
    print(f"oqu: the settings file was not Oqu's or was damaged; kept as {backup.name}, defaults used",
          file=sys.stderr)
    return backup
