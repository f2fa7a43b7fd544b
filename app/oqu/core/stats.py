"""Rank statistics for the charts, computed from the values shown (no scipy)."""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Correlation:
    rho: float | None  # None when it cannot be computed (fewer than 3 pairs, or a constant series)
    n: int  # the number of complete pairs used


def average_ranks(values: Sequence[float]) -> list[float]:
    """Ranks 1..n; tied values share the mean of the ranks they occupy (1, 2.5, 2.5, 4)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        mean_rank = (start + end) / 2 + 1
        for k in range(start, end + 1):
            ranks[order[k]] = mean_rank
        start = end + 1
    return ranks


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))  # NaN and pandas.NA (float(NA) raises TypeError)
    except TypeError:
        return True


def spearman(xs: Iterable[Any], ys: Iterable[Any]) -> Correlation:
    """Spearman's rank correlation over the pairs where both values are present.

    The Pearson correlation of the average ranks, so ties are handled as
    statistics packages do (scipy.stats.spearmanr, pandas ``corr("spearman")``).
    """
    pairs = [(float(x), float(y)) for x, y in zip(xs, ys) if not (_missing(x) or _missing(y))]
    n = len(pairs)
    if n < 3:
        return Correlation(None, n)
    rx = average_ranks([p[0] for p in pairs])
    ry = average_ranks([p[1] for p in pairs])
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    if vx == 0 or vy == 0:
        return Correlation(None, n)
    return Correlation(cov / math.sqrt(vx * vy), n)
