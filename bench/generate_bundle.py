"""Generate a valid bundle FACTOR times larger than the paper, for scaling benchmarks.

The body's sections and the references are repeated; each copy cites its own
copies of the references, so every marker still resolves and every reference
is cited. Tables stay as they are (placed once).
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def generate(target: Path, factor: int, source: Path = ROOT / "data") -> Path:
    shutil.copytree(source, target)
    if factor <= 1:
        return target
    document = json.loads((source / "references.json").read_text(encoding="utf-8"))
    refs = document["references"]  # {"$schema": ..., "references": [...]}
    count = len(refs)
    body = (source / "body.md").read_text(encoding="utf-8")
    copies, all_refs = [body.rstrip("\n")], list(refs)
    for k in range(1, factor):
        shifted = re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + k * count}]", body)
        shifted = re.sub(r"^\{\{table \d+\}\}\n?", "", shifted, flags=re.M)
        shifted = re.sub(r"^# (.+)$", lambda m: f"# {m.group(1)} ({k + 1})", shifted, flags=re.M)
        copies.append(shifted.rstrip("\n"))
        for ref in refs:
            copy = json.loads(json.dumps(ref))
            copy["n"] = ref["n"] + k * count
            copy["csl"]["id"] = f"ref{copy['n']}"
            all_refs.append(copy)
    (target / "body.md").write_text("\n\n".join(copies) + "\n", encoding="utf-8")
    # Table source lines cite 6-10; their copies would be uncited, so copies of those are cited in the body.
    extra = " ".join(f"[{r['n']}]" for r in all_refs[count:] if 6 <= (r["n"] - 1) % count + 1 <= 10)
    if extra:
        with (target / "body.md").open("a", encoding="utf-8") as fp:
            fp.write(f"\n# Generated citations\n\nCopies of the tables' sources {extra}.\n")
    document["references"] = all_refs
    (target / "references.json").write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    return target


if __name__ == "__main__":
    out = generate(Path(sys.argv[1]), int(sys.argv[2]))
    print(out)
