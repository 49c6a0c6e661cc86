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
    # Median CPU time of this process per run: on a shared machine it shows the work itself,
    # where wall time also shows the other processes on the same cores.
    cpu_ms: float | None = None

    def text(self) -> str:
        """The figure as printed in the table: median / p95 (and CPU time where measured)."""
        cpu = f"; CPU {self.cpu_ms:.0f} ms" if self.cpu_ms is not None else ""
        return f"{self.median_ms:.1f} ms / p95 {self.p95_ms:.1f} ms (n={self.runs}){cpu}"


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` quantile (0–1) of `values`, interpolated; the value itself for one sample."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(seconds: Sequence[float], cpu_seconds: Sequence[float] = ()) -> Timing:
    """A Timing from wall-clock durations (and optionally CPU times) in seconds."""
    if not seconds:
        raise ValueError("no measurements to summarise")
    cpu = statistics.median(cpu_seconds) * 1000 if cpu_seconds else None
    return Timing(len(seconds), statistics.median(seconds) * 1000, percentile(seconds, 0.95) * 1000, cpu)


def time_runs(action: Callable[[], object], runs: int, warmup: int = 1,
              before: Callable[[], object] | None = None) -> Timing:
    """Run `action` `warmup` times untimed (caches, imports), then time `runs` runs.

    `before` runs untimed ahead of every run (e.g. waiting for a cache to expire).
    """
    for _ in range(warmup):
        action()
    durations, cpu = [], []
    for _ in range(runs):
        if before is not None:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        action()
        durations.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return summarise(durations, cpu)
