"""All persistent settings in one place: one INI file, isolated in tests.

``OQU_CONFIG_DIR`` moves the file (the tests point it at a temporary folder).
A corrupt or foreign file is set aside as ``oqu.ini.bak`` and defaults are used.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

FILE_NAME = "oqu.ini"
_MARK = "oqu/format"  # written on every save; a file without it is foreign


def settings_path() -> Path:
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
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size and not _looks_sane(path):
        set_aside(path)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    if settings.status() != QSettings.Status.NoError or (path.exists() and path.stat().st_size
                                                          and not settings.contains(_MARK)):
        del settings
        set_aside(path)
        settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.setValue(_MARK, 1)
    return settings


def set_aside(path: Path) -> Path:
    backup = path.with_name(path.name + ".bak")
    os.replace(path, backup)
    return backup
