"""A bundle that loaded without problems, kept for the next start (start-up time).

Loading validates every file of the bundle; the window's start (``oqu`` with no command) asks
``load_cached`` instead, which returns the paper loaded last time when nothing it depends on has
changed since. What it depends on is hashed into the cache file's key: the bundle folder, the
name and content of every file in it, the source of the core modules that load and check it,
Oqu's and Python's versions. Any edit -- a changed, added, removed or renamed file, a new
release -- gives another key, so a changed bundle is never served from the cache: it is loaded
and checked again (and its problems shown). Only a bundle without problems is kept.

The cache is one file per bundle folder in the user's cache folder (``OQU_CACHE_DIR``
overrides it; the tests point it at a temporary folder). A cache file that cannot be read, is
damaged or holds anything else is ignored and replaced; one that cannot be written is simply
not kept. ``oqu check`` and the other commands always load and check the bundle themselves.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from oqu import __version__
from oqu.core.model import Paper
from oqu.core.problems import LoadResult
from oqu.resources import data_dir

FORMAT = "oqu-bundle-cache 1"
KEEP = 8  # cache files kept (one per bundle folder): the most recently written
MAX_FILES, MAX_BYTES = 1000, 64 * 1024 * 1024  # beyond these a folder is not a bundle worth hashing
# The modules whose code decides what loading a bundle gives (beside oqu.__version__).
LOADER_MODULES = ("bundle.py", "model.py", "problems.py", "alignment.py", "sentences.py")


def cache_dir() -> Path:
    """The user's cache folder for Oqu (``OQU_CACHE_DIR`` overrides it)."""
    if os.environ.get("OQU_CACHE_DIR"):
        return Path(os.environ["OQU_CACHE_DIR"])
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = home / "Library" / "Caches"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or home / ".cache"
    return Path(base) / "oqu"


def _hasher():
    # blake2b from its own module: hashlib would first load OpenSSL (a few ms of the start).
    try:
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    return blake2b(digest_size=32)


def bundle_key(folder: Path) -> str | None:
    """The hash of everything loading ``folder`` depends on; None if a file cannot be read, or the
    folder is no bundle (no paper.json) or far larger than one (a home folder given by mistake)."""
    if not (folder / "paper.json").is_file():
        return None
    h = _hasher()
    h.update(f"{FORMAT}\0{__version__}\0{sys.version}\0{folder.resolve()}\0".encode())
    here = Path(__file__).parent
    try:
        for name in LOADER_MODULES:
            source = here / name
            h.update(b"code\0" + name.encode() + b"\0" + (source.read_bytes() if source.is_file() else b"-"))
        if getattr(sys, "frozen", False):  # no sources in a binary: its own file stands for its code
            info = os.stat(sys.executable)
            h.update(f"binary\0{info.st_size}\0{info.st_mtime_ns}".encode())
        paths = []
        for path in folder.rglob("*"):
            if not path.is_dir():
                paths.append(path)
                if len(paths) > MAX_FILES:
                    return None
        total = 0
        for path in sorted(paths):
            data = path.read_bytes()
            total += len(data)
            if total > MAX_BYTES:
                return None
            h.update(b"file\0" + path.relative_to(folder).as_posix().encode() + b"\0")
            h.update(len(data).to_bytes(8, "little") + data)
    except OSError:
        return None
    return h.hexdigest()


def cache_file(folder: Path) -> Path:
    """The one cache file of ``folder`` (a newer load of the folder replaces it)."""
    h = _hasher()
    h.update(str(folder.resolve()).encode())
    return cache_dir() / f"bundle-{h.hexdigest()[:24]}.pickle"


def read(folder: Path, key: str) -> Paper | None:
    """The paper kept for ``folder`` under ``key``; None if there is none or it is unusable."""
    try:
        from _pickle import loads  # the C unpickler itself: the pickle module around it costs ~1.5 ms
    except ImportError:
        from pickle import loads
    try:
        kept_key, paper = loads(cache_file(folder).read_bytes())
    except Exception:  # noqa: BLE001 -- missing, unreadable or damaged: load the bundle instead
        return None
    return paper if kept_key == key and isinstance(paper, Paper) else None


def write(folder: Path, key: str, paper: Paper) -> None:
    """Keep ``paper`` for ``folder`` (best effort: a folder that cannot be written keeps nothing)."""
    import pickle  # written after a load (the start it would cost has loaded the bundle anyway)

    target = cache_file(folder)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(pickle.dumps((key, paper), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, target)  # whole or not at all: a reader never sees half a file
    except (OSError, pickle.PicklingError, RecursionError):
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
        return
    _prune(target.parent)


def _prune(folder: Path) -> None:
    """Keep the ``KEEP`` newest cache files: folders opened once (a copy, a download) do not pile up."""
    try:
        kept = sorted(folder.glob("bundle-*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in kept[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # best effort, as the writing


def load_cached(folder: str | Path | None = None) -> LoadResult:
    """As ``oqu.core.bundle.load_bundle(folder)``, from the cache when the bundle is unchanged."""
    if folder is None:
        folder = data_dir()
    folder = Path(folder)
    key = bundle_key(folder) if folder.is_dir() else None
    paper = read(folder, key) if key else None
    if paper is not None:
        return LoadResult(paper, [])
    from oqu.core.bundle import load_bundle

    result = load_bundle(folder)
    # Kept only if no file changed while it was loading: the key must describe what was read.
    if key and result.ok and bundle_key(folder) == key:
        write(folder, key, result.paper)
    return result
