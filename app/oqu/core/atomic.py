"""Write files whole or not at all: a temporary file beside the target, then a rename.

A rename within one folder is atomic: a reader (or a crash, a full disk, a killed process)
sees either the old file or the new one, never half of one. The temporary file is hidden
(``.name.XXXX.part``) and removed on any failure Python lives to see.
"""
from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


def write_atomic(path: str | Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``data``; on any failure the old file stays intact."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    with atomic_target(path, allow_empty=True) as tmp:
        with open(tmp, "wb") as fp:
            fp.write(payload)
            fp.flush()
            os.fsync(fp.fileno())


@contextlib.contextmanager
def atomic_target(path: str | Path, *, allow_empty: bool = False) -> Iterator[Path]:
    """A temporary path beside ``path`` for writers that need a file name (a PDF printer, an image
    exporter); it replaces ``path`` when the block ends without error, and is removed otherwise.
    An empty result is a failure unless allowed: a writer that silently wrote nothing must not win.
    """
    path = Path(path)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if not allow_empty and tmp.stat().st_size == 0:
            raise OSError(f"nothing was written for {path}")
        _keep_mode(path, tmp)
        os.replace(tmp, path)
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
