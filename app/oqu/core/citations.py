"""Reference exports. CSL-JSON is the bundle's own form of each reference."""
from __future__ import annotations

import json

from oqu.core.model import Reference


def csl_json(references: list[Reference]) -> str:
    """The references as a CSL-JSON array (Zotero and citeproc read it)."""
    return json.dumps([r.csl for r in references], ensure_ascii=False, indent=2) + "\n"


def export_references(references: list[Reference], fmt: str) -> str:
    if fmt == "csl-json":
        return csl_json(references)
    raise ValueError(f"unknown reference format {fmt!r}")
