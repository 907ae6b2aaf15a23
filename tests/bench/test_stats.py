"""Percentiles, medians over repetitions and ratios: the arithmetic behind every figure in
docs/BENCHMARKS.md."""

from __future__ import annotations

import math

import pytest

from tools.bench.stats import Summary, median_level, percentile, ratio, summarise


def test_percentiles_are_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 99) == 99
    assert percentile(values, 100) == 100
    assert percentile([3.0, 1.0, 2.0, 4.0], 50) == 2.0
    assert percentile([7.0], 99) == 7.0


def test_a_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 0)


def test_a_repetition_is_summarised_in_milliseconds_and_turns_per_second() -> None:
    summary = summarise([0.010, 0.020, 0.030, 0.040], wall_seconds=2.0)
    assert summary.turns == 4
    assert summary.p50_ms == pytest.approx(20)
    assert summary.p99_ms == pytest.approx(40)
    assert summary.turns_per_s == 2.0


def test_each_figure_is_the_median_of_the_repetitions() -> None:
    runs = [
        Summary(turns=10, seconds=1.0, p50_ms=5, p95_ms=50, p99_ms=90),
        Summary(turns=10, seconds=2.0, p50_ms=7, p95_ms=30, p99_ms=70),
        Summary(turns=10, seconds=4.0, p50_ms=6, p95_ms=40, p99_ms=80),
    ]
    level = median_level(8, runs)
    assert (level.p50_ms, level.p95_ms, level.p99_ms) == (6, 40, 80)
    assert level.turns_per_s == 5.0  # 10, 5 and 2.5 turns/s
    assert level.repetitions == 3


def test_ratios_with_a_zero_denominator_are_not_numbers() -> None:
    assert ratio(1.0, 4.0) == 0.25
    assert math.isinf(ratio(1.0, 0.0))
    assert math.isnan(ratio(0.0, 0.0))
