"""Write files whole or not at all: a temporary file beside the target, then a rename.

A rename within one folder is atomic: a reader (or a crash, a full disk, a killed process)
sees either the old file or the new one, never half of one. The temporary file is hidden
(``.name.XXXX.part``) and removed on any failure Python lives to see.

Only a regular file (or a name not yet taken) is replaced by rename. A symbolic link is followed
and its target replaced (atomically there), so the link stays a link; a FIFO, a device
(``/dev/full``, a terminal) or standard output is written directly, as ``cat > name`` would:
renaming over those would replace the node itself and its reader would get nothing.
"""
from __future__ import annotations

import contextlib
import functools
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


def write_atomic(path: str | Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data``; on any failure the old file stays intact."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    target = resolve_target(path)
    if target is None:
        _write_stream(path, payload)
        return
    with atomic_target(target, allow_empty=True) as tmp:
        with open(tmp, "wb") as fp:
            fp.write(payload)
            fp.flush()
            os.fsync(fp.fileno())


def resolve_target(path: str | Path) -> Path | None:
    """The regular file a rename may replace for ``path`` (a symlink's target), or None when ``path``
    is a stream to write into directly (a FIFO, a device, a socket, the process's own standard output).

    A folder is returned as is: the rename then fails with "Is a directory", which names the reason.
    """
    path = Path(path)
    try:
        st = os.stat(path)  # follows links
    except FileNotFoundError:
        st = None
    except OSError:
        st = None  # e.g. a loop of links: the rename below reports it
    if st is not None and not stat.S_ISREG(st.st_mode) and not stat.S_ISDIR(st.st_mode):
        return None
    if st is not None and _is_stdout(st):
        return None
    if path.is_symlink():
        return Path(os.path.realpath(path))  # a dangling link: its target is created, as a shell would
    return path


def _is_stdout(st: os.stat_result) -> bool:
    """True when ``st`` is the file standard output writes to (``-o /dev/stdout > file``)."""
    try:
        out = os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        return False
    return (out.st_dev, out.st_ino) == (st.st_dev, st.st_ino)


def _write_stream(path: str | Path, payload: bytes) -> None:
    """Write into a FIFO or device as it is (no truncating create, no rename)."""
    with open(path, "wb", buffering=0) as fp:
        view = memoryview(payload)
        while view:
            written = fp.write(view)
            view = view[written:]


@contextlib.contextmanager
def atomic_target(path: str | Path, *, allow_empty: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path`` for writers that need a file name (a PDF printer, an image
    exporter); it replaces ``path`` when the block ends without error, and is removed otherwise.
    An empty result is a failure unless allowed: a writer that silently wrote nothing must not win.
    A symlink's target is replaced instead; a FIFO or device gets the result copied into it.
    """
    target = resolve_target(path)
    place = Path(tempfile.gettempdir()) / "x" if target is None else target
    fd, name = tempfile.mkstemp(prefix=f".{place.name}.", suffix=".part", dir=place.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if not allow_empty and tmp.stat().st_size == 0:
            raise OSError(f"nothing was written for {path}")
        if target is None:  # a stream (standard output, a FIFO, a device): written through
            with open(tmp, "rb") as src, open(path, "wb", buffering=0) as dst:
                shutil.copyfileobj(src, dst)
            tmp.unlink()
            return
        _keep_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _keep_mode(path: Path, tmp: Path) -> None:
    """mkstemp makes a 0600 file; give the new file the old one's mode, or the usual umask mode."""
    try:
        mode = path.stat().st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_umask()
    with contextlib.suppress(OSError):
        os.chmod(tmp, mode)


@functools.cache
def _umask() -> int:
    umask = os.umask(0o022)  # reading the umask means setting it: done once, then cached
    os.umask(umask)
    return umask


def write_output(output: str | Path | None, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """The command line's ``-o``: None or ``-`` is standard output, anything else a file written whole."""
    if output is None or str(output) == "-":
        payload = data.encode(encoding) if isinstance(data, str) else data
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return
    write_atomic(output, data, encoding=encoding)


def write_failure(output: str | Path, exc: OSError) -> str:
    """One line for a failed write, naming the reason: ``cannot write /dev/full: No space left on device``."""
    reason = exc.strerror or str(exc)
    return f"cannot write {output}: {reason}"
