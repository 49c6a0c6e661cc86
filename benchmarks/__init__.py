"""Benchmarks at workshop scale (issue 5): `python -m benchmarks` prints a table and writes RESULTS.md.

Benchmarks are not tests: they print figures, each beside a baseline measured in the same run.
This module holds the timing helpers every benchmark shares.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    """Median and 95th percentile of repeated measurements, in milliseconds."""

    runs: int
    median_ms: float
    p95_ms: float

    def text(self) -> str:
        """The figure as printed in the table: median / p95."""
        return f"{self.median_ms:.1f} ms / p95 {self.p95_ms:.1f} ms (n={self.runs})"


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` quantile (0–1) of `values`, interpolated; the value itself for one sample."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(seconds: Sequence[float]) -> Timing:
    """A Timing from durations in seconds."""
    if not seconds:
        raise ValueError("no measurements to summarise")
    return Timing(len(seconds), statistics.median(seconds) * 1000, percentile(seconds, 0.95) * 1000)


def time_runs(action: Callable[[], object], runs: int, warmup: int = 1) -> Timing:
    """Run `action` `warmup` times untimed (caches, imports), then time `runs` runs."""
    for _ in range(warmup):
        action()
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        durations.append(time.perf_counter() - start)
    return summarise(durations)
