"""Time per search query on the paper and on a generated bundle 100 times larger.

    python bench/search_bench.py [FACTOR]

Prints the time to build the index and, per query, the median of several runs
and the number of hits. Search as you type needs a query well under ~50 ms.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_bundle import generate

from oqu.core import load_bundle
from oqu.core.search import SearchIndex

QUERIES = ("казакстан", "Tokayev", "digital", "social networks", "е", "цифровизации", "Freedom House",
           "no such words here")
RUNS = 5


def median_ms(fn) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench(label: str, folder: Path | None) -> None:
    result = load_bundle(folder)
    if result.problems:
        print(f"{label}: bundle has {len(result.problems)} problem(s); timing it anyway")
    paper = result.paper
    index = None

    def build():
        nonlocal index
        index = SearchIndex.for_paper(paper)

    build_ms = median_ms(build)
    print(f"\n{label}: {len(index.units)} texts, {len(index.folded):,} characters; index built in {build_ms:.1f} ms")
    print(f"  {'query':<22}{'hits':>8}{'ms (list ≤500)':>16}{'ms (count all)':>16}")
    for query in QUERIES:
        hits = index.count(query)
        listed = median_ms(lambda: index.search(query, limit=500))
        counted = median_ms(lambda: index.count(query))
        print(f"  {query:<22}{hits:>8}{listed:>16.2f}{counted:>16.2f}")


def main() -> int:
    factor = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    bench("the paper", None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "bundle", factor)
        bench(f"generated bundle x{factor}", folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
