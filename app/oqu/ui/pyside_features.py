"""PySide6's ``__feature__`` bookkeeping without reading the source of every module (start-up time).

After PySide6 is imported, every import statement reports its module to PySide6, which asks
once per module whether it uses PySide6 (its ``from __feature__ import snake_case`` switching
must know which modules to switch). It answers by reading the module's source
(``inspect.getsource``) and looking for the word "PySide6": before the window's first paint
that is ~60 modules (typing, inspect, argparse, dataclasses, ours...), ~12 ms, and every source
read stays in ``linecache``.

``quick_check()`` has it answer from what the module holds instead: a module, class or function
of PySide6 among its names. Oqu selects no feature; for a module that does, PySide6 notes its
choice when it imports ``__feature__``, whatever the answer here.
"""
from __future__ import annotations

import types

PREFIXES = ("PySide6", "shiboken6")


def uses_pyside(module: types.ModuleType) -> bool:
    """Whether ``module`` holds anything of PySide6 (imported it, or names from it)."""
    for value in list(vars(module).values()):
        try:
            name = value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", None)
        except Exception:  # noqa: BLE001 -- an object whose attributes cannot be read: not PySide's
            continue
        if isinstance(name, str) and name.startswith(PREFIXES):
            return True
    return False


def quick_check() -> bool:
    """Have PySide6 ask ``uses_pyside`` instead of reading sources; False where its internals differ
    (another PySide6 version): then it simply reads them, as before."""
    import PySide6  # noqa: F401 -- installs the import hook and its shibokensupport modules

    try:
        from shibokensupport import feature  # PySide6's own (embedded) module
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = uses_pyside
    return True
