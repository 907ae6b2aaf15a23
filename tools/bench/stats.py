"""Figures from timings: nearest-rank percentiles, one repetition's summary, the median over
repetitions and the ratios against a comparator. Pure functions on plain numbers."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


def percentile(values: Sequence[float], pct: float) -> float:
    """The nearest-rank percentile: the smallest value with at least `pct` % of values at or
    below it (so p100 is the maximum and a single value is every percentile)."""
    if not values:
        raise ValueError("no values")
    if not 0 < pct <= 100:
        raise ValueError("pct must be in (0, 100]")
    ordered = sorted(values)
    rank = math.ceil(pct / 100 * len(ordered))
    return ordered[max(rank, 1) - 1]


@dataclass(frozen=True)
class Summary:
    """One repetition at one concurrency level (latencies in milliseconds)."""

    turns: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def turns_per_s(self) -> float:
        return self.turns / self.seconds if self.seconds > 0 else 0.0


def summarise(latencies_s: Sequence[float], wall_seconds: float) -> Summary:
    """Per-turn latencies (seconds) and the repetition's wall time into a Summary."""
    ms = [value * 1000 for value in latencies_s]
    return Summary(
        turns=len(ms),
        seconds=wall_seconds,
        p50_ms=percentile(ms, 50),
        p95_ms=percentile(ms, 95),
        p99_ms=percentile(ms, 99),
    )


@dataclass(frozen=True)
class Level:
    """The median of each figure over the repetitions at one concurrency level."""

    concurrency: int
    repetitions: int
    turns: int  # per repetition (median)
    p50_ms: float
    p95_ms: float
    p99_ms: float
    turns_per_s: float


def median_level(concurrency: int, runs: Iterable[Summary]) -> Level:
    """Each figure's median over the repetitions (each figure on its own, as reported)."""
    runs = list(runs)
    if not runs:
        raise ValueError("no repetitions")
    return Level(
        concurrency=concurrency,
        repetitions=len(runs),
        turns=round(statistics.median(run.turns for run in runs)),
        p50_ms=statistics.median(run.p50_ms for run in runs),
        p95_ms=statistics.median(run.p95_ms for run in runs),
        p99_ms=statistics.median(run.p99_ms for run in runs),
        turns_per_s=statistics.median(run.turns_per_s for run in runs),
    )


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, infinite when the denominator is 0 and the numerator is not."""
    if denominator == 0:
        return math.inf if numerator else math.nan
    return numerator / denominator
