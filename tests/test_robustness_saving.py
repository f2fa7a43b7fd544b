"""Exports never leave a half-written file, never overwrite without asking, and say why they failed."""
from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys
import textwrap

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from oqu.core import atomic
from oqu.core.atomic import atomic_target, write_atomic
from oqu.ui import saving

OLD = "the old export, which must survive\n"


@pytest.fixture
def old_file(tmp_path):
    path = tmp_path / "references.json"
    path.write_text(OLD, encoding="utf-8")
    return path


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


# -- the core: write_atomic and atomic_target -------------------------------------------

@pytest.mark.parametrize("fail_at", ["write", "fsync", "replace"])
def test_a_write_failing_midway_leaves_the_old_file(old_file, monkeypatch, fail_at):
    """A disk that fills up while writing, flushing or renaming leaves the old file as it was and no temporary file."""
    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if fail_at == "write":  # the payload cannot be encoded halfway: fail inside the open file instead
        real_open = open

        class FullDisk:
            def __init__(self, fp):
                self.fp = fp

            def write(self, data):
                self.fp.write(data[: len(data) // 2])  # half of it reaches the disk, then the disk is full
                disk_full()

            def __getattr__(self, name):
                return getattr(self.fp, name)

            def __enter__(self):
                return self

            def __exit__(self, *exc):
                self.fp.close()

        monkeypatch.setattr("builtins.open", lambda *a, **k: FullDisk(real_open(*a, **k)))
    else:
        monkeypatch.setattr(atomic.os, fail_at, disk_full)
    with pytest.raises(OSError) as raised:
        write_atomic(old_file, "x" * 100_000)
    assert raised.value.errno == errno.ENOSPC
    assert old_file.read_text(encoding="utf-8") == OLD
    assert leftovers(old_file.parent) == []


def test_a_writer_that_raises_or_writes_nothing_does_not_replace(old_file):
    """A writer that raises or writes nothing (a silent printer) leaves the old file and no temporary file."""
    with pytest.raises(RuntimeError):
        with atomic_target(old_file) as tmp:
            tmp.write_bytes(b"half a PDF")
            raise RuntimeError("the printer gave up")
    with pytest.raises(OSError, match="nothing was written"):
        with atomic_target(old_file):
            pass  # e.g. a QPrinter that silently failed to open its file
    assert old_file.read_text(encoding="utf-8") == OLD
    assert leftovers(old_file.parent) == []


def test_a_successful_write_keeps_the_files_mode(old_file):
    """Replacing a file keeps its permission bits."""
    os.chmod(old_file, 0o640)
    write_atomic(old_file, "new")
    assert old_file.read_text(encoding="utf-8") == "new"
    assert old_file.stat().st_mode & 0o777 == 0o640


# -- the real command line, killed or starved ---------------------------------------------

KILL_BEFORE_RENAME = textwrap.dedent("""
    import os, signal, sys
    from oqu.core import atomic
    def killed(fd):  # the data is written, not yet renamed: the worst moment to die
        os.kill(os.getpid(), signal.SIGKILL)
    atomic.os.fsync = killed
    from oqu.cli import main
    sys.exit(main(sys.argv[1:]))
""")


def test_an_export_killed_midway_leaves_the_old_file(old_file):
    """An export killed before its rename leaves the old file intact, beside only the complete hidden temporary file."""
    result = subprocess.run([sys.executable, "-c", KILL_BEFORE_RENAME, "export", "references",
                             "--format", "csl-json", "-o", str(old_file)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == -signal.SIGKILL
    assert old_file.read_text(encoding="utf-8") == OLD
    # What the SIGKILL leaves is only the hidden temporary file, holding the complete new export.
    [name] = leftovers(old_file.parent)
    assert name.startswith(".references.json.")
    assert len(json.loads((old_file.parent / name).read_text(encoding="utf-8"))) == 26


def _file_size_limit(limit: int):
    def apply() -> None:  # in the child: writes past `limit` bytes fail with EFBIG, as on a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    return apply


def test_an_export_that_cannot_be_written_exits_1_and_keeps_the_old_file(old_file):
    """An export the system refuses to write (file size limit) exits 1 with one clear line and keeps the old file."""
    result = subprocess.run([sys.executable, "-m", "oqu", "export", "references", "--format", "csl-json",
                             "-o", str(old_file)], capture_output=True, text=True, timeout=120,
                            preexec_fn=_file_size_limit(4096))
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip() == f"oqu: cannot write {old_file}: File too large"
    assert old_file.read_text(encoding="utf-8") == OLD
    assert leftovers(old_file.parent) == []


def test_the_same_export_without_the_limit_succeeds(old_file):
    """The control for the test above: the export itself is fine, only the disk failed."""
    result = subprocess.run([sys.executable, "-m", "oqu", "export", "references", "--format", "csl-json",
                             "-o", str(old_file)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(old_file.read_text(encoding="utf-8"))) == 26


# -- the GUI helper ---------------------------------------------------------------------------

@pytest.fixture
def dialogs(monkeypatch):
    """Answers for the file and message dialogs; records what was asked and said."""
    record = {"chosen": None, "answer": QMessageBox.StandardButton.No, "asked": [], "said": []}

    def get_save_file_name(parent, caption, start, name_filter, options=None, **kw):
        record["start"], record["options"] = start, options
        return str(record["chosen"] or ""), name_filter

    def question(parent, title, text, *args):
        record["asked"].append(text)
        return record["answer"]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(get_save_file_name))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    for kind in ("critical", "warning"):
        monkeypatch.setattr(QMessageBox, kind,
                            staticmethod(lambda parent, title, text, *a: record["said"].append(text)))
    return record


def test_an_existing_file_is_replaced_only_when_the_reader_agrees(qapp, dialogs, old_file):
    """Saving over an existing file asks our own question; No writes nothing, Yes returns the path."""
    dialogs["chosen"] = old_file
    assert saving.ask_save_path(None, "Export", "references.json", "JSON (*.json)", ".json") is None
    assert dialogs["asked"] == [f"“references.json” already exists in {old_file.parent}. Do you want to replace it?"]
    assert dialogs["options"] == QFileDialog.Option.DontConfirmOverwrite  # the question is ours, always asked
    dialogs["answer"] = QMessageBox.StandardButton.Yes
    assert saving.ask_save_path(None, "Export", "references.json", "JSON (*.json)", ".json") == old_file
    assert old_file.read_text(encoding="utf-8") == OLD  # asking writes nothing


def test_the_suffix_is_added_and_a_new_name_is_not_questioned(qapp, dialogs, tmp_path):
    """A name without its suffix gets it and a new name is not questioned; the dialog opens where the last file went."""
    dialogs["chosen"] = tmp_path / "table1"
    assert saving.ask_save_path(None, "Export", "table1.csv", "CSV (*.csv)", ".csv") == tmp_path / "table1.csv"
    assert dialogs["asked"] == []
    dialogs["chosen"] = None
    saving.ask_save_path(None, "Export", "t.csv", "CSV (*.csv)", ".csv")
    assert dialogs["start"] == str(tmp_path / "t.csv")  # the dialog opens where the last file went


def test_a_folder_is_never_replaced(qapp, dialogs, tmp_path):
    """Choosing a folder's name is refused with a message, even if the reader would agree to replace."""
    (tmp_path / "out.csv").mkdir()
    dialogs["chosen"] = tmp_path / "out.csv"
    dialogs["answer"] = QMessageBox.StandardButton.Yes
    assert saving.ask_save_path(None, "Export", "out.csv", "CSV (*.csv)", ".csv") is None
    assert dialogs["said"] == ["“out.csv” is a folder. Choose a file name."]


@pytest.mark.parametrize("code, says", [
    (errno.ENOSPC, "The disk is full. Free some space or choose another place, then save again."),
    (errno.EROFS, "The folder {folder} is on a read-only disk. Choose another place."),
    (errno.EACCES, "You may not write to the folder {folder}. Choose another place, for example your Documents."),
])
def test_a_full_disk_or_read_only_folder_is_reported_clearly(qapp, dialogs, old_file, monkeypatch, code, says):
    """A full disk, a read-only disk and a forbidden folder each get a plain message: the old file is unchanged."""
    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    # A read-only folder refuses the temporary file; a full disk fails while the data is flushed.
    monkeypatch.setattr(atomic.tempfile if code != errno.ENOSPC else atomic.os,
                        "mkstemp" if code != errno.ENOSPC else "fsync", fail)
    assert saving.save_data(None, old_file, "new text") is False
    assert dialogs["said"] == ["“references.json” could not be saved.\n\n" + says.format(folder=old_file.parent)
                               + "\n\nThe file that was there before is unchanged."]
    assert old_file.read_text(encoding="utf-8") == OLD
    assert leftovers(old_file.parent) == []


def test_a_real_write_limit_is_reported_and_the_old_file_kept(qapp, dialogs, old_file):
    """Not a mock: the process may not write past 4 kB (RLIMIT_FSIZE), so the kernel refuses."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
    try:
        ok = saving.save_data(None, old_file, "y" * 100_000)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)
    assert ok is False
    assert dialogs["said"][0].startswith("“references.json” could not be saved.\n\nThe system said: File too large")
    assert old_file.read_text(encoding="utf-8") == OLD
    assert leftovers(old_file.parent) == []


def test_save_with_a_file_name_writer(qapp, dialogs, old_file):
    """A writer given a file name replaces the file; one that writes nothing fails with a message and keeps it."""
    assert saving.save_with(None, old_file, lambda tmp: tmp.write_text("from a printer", encoding="utf-8"))
    assert old_file.read_text(encoding="utf-8") == "from a printer"
    assert not saving.save_with(None, old_file, lambda tmp: None)  # wrote nothing: not a success
    assert old_file.read_text(encoding="utf-8") == "from a printer"
    assert dialogs["said"][0].startswith("“references.json” could not be saved.")
