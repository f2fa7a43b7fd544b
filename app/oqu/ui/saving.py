"""Saving a file from the GUI: choose where, ask before replacing, write whole or not at all.

    path = ask_save_path(self, _("Export table"), "table1.csv", _("CSV files (*.csv)"), ".csv")
    if path:
        save_data(self, path, table_csv(table))

or, for a writer that needs a file name (a PDF printer, an image exporter)::

    save_with(self, path, lambda tmp: printer_to(tmp))

A failure (a full disk, a read-only folder, a folder that vanished) is told in a message box that
says what happened in plain words; the file that was there before is left as it was. The writing is
``oqu.core.atomic``'s: a regular file is replaced by rename, a symbolic link is written through to
its target, a FIFO or device is written into, never replaced.
"""
from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from oqu.core.atomic import atomic_target, write_atomic
from oqu.i18n import _
from oqu.ui.settings import open_settings

LAST_FOLDER_KEY = "saving/folder"


def start_folder() -> Path:
    """Where the save dialog opens: the folder used last, else Documents, else home."""
    last = open_settings().value(LAST_FOLDER_KEY)
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def ask_save_path(parent: QWidget | None, caption: str, suggested: str, name_filter: str,
                  suffix: str = "") -> Path | None:
    """A path the reader chose, or None. An existing file is replaced only after they agree.

    Qt's own overwrite question is turned off so the question is asked here, the same way on
    every platform (and the suffix added below is part of the name asked about).
    """
    path, _chosen = QFileDialog.getSaveFileName(parent, caption, str(start_folder() / suggested), name_filter,
                                                options=QFileDialog.Option.DontConfirmOverwrite)
    if not path:
        return None
    chosen = Path(path)
    if suffix and chosen.suffix.lower() != suffix.lower():
        chosen = chosen.with_name(chosen.name + suffix)
    if chosen.exists() and not confirm_replace(parent, chosen):
        return None

    open_settings().setValue(LAST_FOLDER_KEY, str(chosen.parent))
    return chosen


def confirm_replace(parent: QWidget | None, path: Path) -> bool:
    if path.is_dir():
        QMessageBox.warning(parent, _("Cannot save"),
                            _("“{name}” is a folder. Choose a file name.").format(name=path.name))
        return False
    answer = QMessageBox.question(
        parent, _("Replace the file?"),
        _("“{name}” already exists in {folder}. Do you want to replace it?").format(
            name=path.name, folder=str(path.parent)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def save_data(parent: QWidget | None, path: str | Path, data: bytes | str) -> bool:
    """Write ``data`` to ``path`` whole or not at all; tell the reader if it failed."""
    return _guarded(parent, Path(path), lambda: write_atomic(path, data))


def save_with(parent: QWidget | None, path: str | Path, writer: Callable[[Path], object]) -> bool:
    """Let ``writer`` write a temporary file beside ``path``, which then replaces it."""
    def run() -> None:
        with atomic_target(path) as tmp:
            writer(tmp)

    return _guarded(parent, Path(path), run)


def _guarded(parent: QWidget | None, path: Path, write: Callable[[], object]) -> bool:
    try:
        write()
    except OSError as exc:
        QMessageBox.critical(parent, _("Cannot save"), write_error_message(path, exc))
        return False
    return True


def write_error_message(path: Path, exc: OSError) -> str:
    """What went wrong, in the reader's words, and that the old file is safe."""
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        reason = _("The disk is full. Free some space or choose another place, then save again.")
    elif code == errno.EROFS:
        reason = _("The folder {folder} is on a read-only disk. Choose another place.")
    elif code in (errno.EACCES, errno.EPERM):
        reason = _("You may not write to the folder {folder}. Choose another place, for example your Documents.")
    elif code in (errno.ENOENT, errno.ENOTDIR):
        reason = _("The folder {folder} does not exist (any more). Choose another place.")
    elif code == errno.ENAMETOOLONG:
        reason = _("The file name is too long. Choose a shorter one.")
    else:
        reason = _("The system said: {error}")
    parts = [_("“{name}” could not be saved.").format(name=path.name),
             reason.format(folder=str(path.parent), error=exc.strerror or str(exc))]
    if path.exists():
        parts.append(_("The file that was there before is unchanged."))
    return "\n\n".join(parts)

