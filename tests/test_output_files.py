"""What `-o` names is written as the user expects: `-` is standard output, a link is written through, a
FIFO or device is written into (never replaced), a format never contradicts the file name."""
from __future__ import annotations

import os
import select
import stat
import subprocess
import sys
import threading
import time

import pytest

from helpers import run_cli
from oqu.core.atomic import atomic_target, write_atomic

PNG = b"\x89PNG\r\n\x1a\n"
FIFO_SECONDS = 60  # every FIFO test gives up after this, never hangs


def read_fifo(path, deadline: float) -> bytes:
    """Everything a writer puts into the FIFO at ``path``, read without ever blocking past ``deadline``:
    opened non-blocking (no writer needed to open), polled, done at end of file after some data."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    got = b""
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if not ready:
                continue
            chunk = os.read(fd, 65536)
            if chunk:
                got += chunk
            elif got:
                return got  # the writer closed it
            else:
                time.sleep(0.05)  # no writer yet
    finally:
        os.close(fd)
    return got


def test_dash_is_standard_output(tmp_path):
    """`-o -` writes to standard output (for a table, the references, a chart and a comparison), and no
    file named "-" appears."""
    result = subprocess.run([sys.executable, "-m", "oqu", "export", "table", "2", "-o", "-"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.splitlines()[0] == "№,Country,in 2010,in 2018,in 2019"
    chart = subprocess.run([sys.executable, "-m", "oqu", "export", "chart", "2", "--format", "png", "-o", "-"],
                           cwd=tmp_path, capture_output=True, timeout=120,
                           env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert chart.returncode == 0 and chart.stdout.startswith(PNG)
    assert not (tmp_path / "-").exists()


def test_a_symlink_is_written_through_to_its_target(tmp_path):
    """The link stays a link; its target gets the new content (atomically, in the target's folder)."""
    target_dir = tmp_path / "real"
    target_dir.mkdir()
    target = target_dir / "table.csv"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    result = run_cli("export", "table", "3", "--ids", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8").startswith("country,y2010,y2018,y2018_year")
    with atomic_target(link) as tmp:  # a writer that needs a file name
        tmp.write_bytes(b"via a name")
    assert link.is_symlink() and target.read_bytes() == b"via a name"
    assert [p.name for p in target_dir.iterdir()] == ["table.csv"]  # no temporary file left


def test_a_dangling_symlink_creates_its_target(tmp_path):
    """As a shell's `>` would: the link's target is created, the link kept."""
    link = tmp_path / "link.csv"
    link.symlink_to(tmp_path / "new.csv")
    write_atomic(link, "data")
    assert link.is_symlink() and (tmp_path / "new.csv").read_text() == "data"


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    """`oqu export table 2 -o FIFO`: the reader of the FIFO gets the CSV and the FIFO stays a FIFO
    (time-bounded: a replaced FIFO would leave the reader with nothing, not hang the test)."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    deadline = time.monotonic() + FIFO_SECONDS
    writer = subprocess.Popen([sys.executable, "-m", "oqu", "export", "table", "2", "-o", str(fifo)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        got = read_fifo(fifo, deadline)
        writer.wait(timeout=max(1, deadline - time.monotonic()))
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
    assert got.decode("utf-8").startswith("№,Country,in 2010")
    assert writer.returncode == 0 and stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_the_window_saves_into_a_fifo_and_through_a_link(qapp, tmp_path):
    """The window's save (oqu.ui.saving) writes the same way: into a FIFO read by another thread, and
    through a symlink to its target."""
    from oqu.ui import saving

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(read_fifo(fifo, time.monotonic() + FIFO_SECONDS)),
                              daemon=True)
    reader.start()
    assert saving.save_data(None, fifo, "a,b\n1,2\n")
    reader.join(FIFO_SECONDS)
    assert got == [b"a,b\n1,2\n"] and stat.S_ISFIFO(os.lstat(fifo).st_mode)
    target = tmp_path / "t.csv"
    target.write_text("old")
    link = tmp_path / "l.csv"
    link.symlink_to(target)
    assert saving.save_with(None, link, lambda tmp: tmp.write_text("new"))
    assert link.is_symlink() and target.read_text() == "new"


def test_dev_full_is_an_error_naming_the_reason_and_the_device_stays(tmp_path):
    """`-o /dev/full`: exit 1, one line with the reason; the device node is untouched (as root the old
    rename replaced it with a file)."""
    before = os.lstat("/dev/full")
    result = run_cli("export", "table", "2", "-o", "/dev/full")
    assert result.returncode == 1
    assert result.stderr.strip() == "oqu: cannot write /dev/full: No space left on device"
    after = os.lstat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino
    assert not [p for p in os.listdir("/dev") if p.startswith(".full.")]


def test_dev_stdout_is_written_directly(tmp_path):
    """`-o /dev/stdout` writes into the pipe the caller reads; /dev/stdout stays what it was."""
    before = os.lstat("/dev/stdout")
    result = run_cli("export", "table", "2", "-o", "/dev/stdout")
    assert result.returncode == 0 and result.stdout.startswith("№,Country")
    after = os.lstat("/dev/stdout")
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)


def test_a_write_error_names_the_reason(tmp_path):
    """A folder that does not exist, or a folder as the output: exit 1, one line saying why."""
    result = run_cli("export", "table", "2", "-o", str(tmp_path / "nowhere" / "t.csv"))
    assert result.returncode == 1 and "No such file or directory" in result.stderr
    result = run_cli("export", "table", "2", "-o", str(tmp_path))
    assert result.returncode == 1 and "Is a directory" in result.stderr
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("args, name", [
    (["export", "chart", "2", "--format", "png"], "chart.svg"),
    (["export", "chart", "2", "--format", "svg"], "chart.png"),
    (["screenshot", "--tab", "paper"], "shot.jpg"),
    (["export", "references", "--format", "bibtex"], "refs.ris"),
    (["export", "table", "2"], "table.json"),
])
def test_a_format_contradicting_the_file_name_is_a_usage_error(tmp_path, args, name):
    """Never PNG bytes under another name: exit 2, one line, nothing written."""
    out = tmp_path / name
    result = run_cli(*args, "-o", str(out))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1, result.stderr
    assert "contradicts the file name" in result.stderr
    assert not out.exists()


def test_the_chart_format_follows_the_file_name(tmp_path):
    """Without --format the chart's format is the one its name says; a name that says none is refused."""
    svg = tmp_path / "chart.svg"
    assert run_cli("export", "chart", "3", "-o", str(svg)).returncode == 0
    assert svg.read_bytes().lstrip().startswith(b"<?xml") and b"<svg" in svg.read_bytes()
    png = tmp_path / "chart.PNG"
    assert run_cli("export", "chart", "3", "-o", str(png)).returncode == 0
    assert png.read_bytes().startswith(PNG)
    result = run_cli("export", "chart", "3", "-o", str(tmp_path / "chart"))
    assert result.returncode == 2 and "--format" in result.stderr
