#!/usr/bin/env python3
"""Formatting the 26 references: one bibliography per CSL style, and the exports.

    .venv/bin/python bench/references_bench.py [REPEATS]

Each figure is the median of fresh renderings (Oqu's cache cleared), after one warm-up that
loads citeproc-py and the style. The first bibliography of a session also pays the warm-up,
printed apart. Why Oqu formats with citeproc-py rather than citeproc-js in an embedded
JavaScript engine is written, with figures, in app/oqu/core/citations.py. Asserts nothing.
"""
from __future__ import annotations

import statistics
import sys
import time


def main() -> int:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    from oqu.core import citations, load_bundle

    refs = load_bundle().paper.references
    for style in citations.CSL_STYLES:
        start = time.perf_counter()
        citations.formatted(refs, style)
        first = time.perf_counter() - start
        times = []
        for _ in range(repeats):
            citations._render.cache_clear()
            start = time.perf_counter()
            citations.formatted(refs, style)
            times.append(time.perf_counter() - start)
        print(f"  {style + ': first bibliography (loads the style)':<58} {first * 1000:>7.0f} ms")
        print(f"  {style + ': a bibliography of 26 entries':<58} {statistics.median(times) * 1000:>7.0f} ms")
    for fmt in ("bibtex", "ris", "csl-json"):
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            citations.export_references(refs, fmt)
            times.append(time.perf_counter() - start)
        print(f"  {'export ' + fmt:<58} {statistics.median(times) * 1000:>7.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
