"""Concurrent `set_points` beside raw single-row SQLite insert transactions, same file settings, same run.

Each thread is one fresh participant who taps points on and off on ten candidates (never past the
budget), so every call is a real vote write: BEGIN IMMEDIATE, checks, upsert, COMMIT. The raw
baseline runs as many threads and processes doing `BEGIN IMMEDIATE; INSERT one row; COMMIT` on a
file in the same folder opened by the same `open_database` (WAL, synchronous=NORMAL, busy
timeout). Throughput counts from the moment all threads are released until the last one ends; the
ratio of the two throughputs is the figure.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
import time
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import percentile
from benchmarks.report import Row
from benchmarks.seed import Seeded, Sizes
from kpi_logic.db import enable_wal, open_database
from kpi_logic.domain import PARTICIPANT_TEAMS
from kpi_logic.store import WorkshopStore

THROUGHPUT_TARGET = 0.5
P95_TARGET_MS = 50.0
TAPPED_CANDIDATES = 10
VOTE, RAW = "set_points", "raw insert"
# Migration m004's triggers that bump the workshop's change counter on every vote write.
VOTE_TRIGGERS: tuple[str, ...] = ("votes_version_insert", "votes_version_update", "votes_version_delete")


@dataclass(frozen=True)
class Burst:
    """Writes per second over the whole burst and the 95th percentile latency of one write."""

    writes: int
    per_second: float
    p95_ms: float


class _Writer:
    """One thread's writes: a vote tap for VOTE, a one-row insert for RAW."""

    def __init__(self, kind: str, path: str, participant_id: int, candidate_ids: list[int]):
        self.kind, self.participant_id, self.candidate_ids = kind, participant_id, candidate_ids
        if kind == VOTE:
            self.store = WorkshopStore(path)
            _ = self.store.db  # opens this thread's connection before the clock starts
        else:
            self.db = open_database(Path(path))

    def write(self, number: int) -> None:
        if self.kind == VOTE:
            on = (number // TAPPED_CANDIDATES) % 2 == 0
            candidate = self.candidate_ids[number % TAPPED_CANDIDATES]
            self.store.votes.set_points(self.participant_id, candidate, 1 if on else 0)
        else:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("INSERT INTO raw (thread, number) VALUES (?, ?)", [self.participant_id, number])
            self.db.execute("COMMIT")


def _threads(kind: str, path: str, participant_ids: list[int], candidate_ids: list[int], count: int,
             barrier: Any) -> list[tuple[float, float, list[float]]]:
    """One thread per participant id; each returns (start, end, latencies) on the monotonic clock."""
    outcomes: list[tuple[float, float, list[float]]] = []
    errors: list[BaseException] = []

    def run(participant_id: int) -> None:
        try:
            writer = _Writer(kind, path, participant_id, candidate_ids)
            barrier.wait()
            start = time.monotonic()
            latencies = []
            for number in range(count):
                began = time.perf_counter()
                writer.write(number)
                latencies.append(time.perf_counter() - began)
            outcomes.append((start, time.monotonic(), latencies))
        except Exception as error:  # reported by the caller: a lost write must fail the run
            errors.append(error)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(pid,)) for pid in participant_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return outcomes


def _process(kind: str, path: str, participant_ids: list[int], candidate_ids: list[int], count: int,
             barrier: Any, results: Any) -> None:
    results.put(_threads(kind, path, participant_ids, candidate_ids, count, barrier))


def _summary(outcomes: list[tuple[float, float, list[float]]]) -> Burst:
    latencies = [latency for _, _, items in outcomes for latency in items]
    elapsed = max(end for _, end, _ in outcomes) - min(start for start, _, _ in outcomes)
    return Burst(len(latencies), len(latencies) / elapsed, percentile(latencies, 0.95) * 1000)


@contextlib.contextmanager
def _bare_main() -> Iterator[None]:
    """Start workers with an empty `__main__`: a spawned process imports the parent's main script
    again, and after AppTest (the page benchmarks) that is the last page it ran, not this program."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def burst(kind: str, path: str, groups: list[list[int]], candidate_ids: list[int], count: int) -> Burst:
    """`count` writes per thread; one group of ids per process (a single group runs in this process)."""
    threads = sum(len(group) for group in groups)
    if len(groups) == 1:
        return _summary(_threads(kind, path, groups[0], candidate_ids, count, threading.Barrier(threads)))
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(threads), context.Queue()
    processes = [context.Process(target=_process, args=(kind, path, group, candidate_ids, count, barrier, results))
                 for group in groups]
    with _bare_main():
        for process in processes:
            process.start()
    outcomes = [item for _ in processes for item in results.get(timeout=300)]
    for process in processes:
        process.join()
        if process.exitcode:
            raise RuntimeError(f"a {kind} process failed with exit code {process.exitcode}")
    return _summary(outcomes)


def _voters(path: Path, join_code: str, prefix: str, count: int) -> list[int]:
    store = WorkshopStore(path)
    try:
        return [store.participants.join(join_code, f"{prefix} {number:03d}",
                                    PARTICIPANT_TEAMS[number % len(PARTICIPANT_TEAMS)]).id
                for number in range(count)]
    finally:
        store.close()


def _raw_file(seeded: Seeded) -> str:
    path = seeded.path.with_name("raw_inserts.db")
    db = open_database(path, create=True)
    enable_wal(db)
    db.execute("CREATE TABLE IF NOT EXISTS raw (thread INTEGER NOT NULL, number INTEGER NOT NULL)")
    db.close()
    return str(path)


def _split(ids: list[int], parts: int) -> list[list[int]]:
    size = len(ids) // parts
    return [ids[index * size:(index + 1) * size] for index in range(parts)]


def run(seeded: Seeded, sizes: Sizes) -> list[Row]:
    """Vote bursts beside raw-insert bursts, in threads and in processes."""
    raw_path = _raw_file(seeded)
    candidates = list(seeded.candidate_ids[:TAPPED_CANDIDATES])
    layouts = {
        f"{sizes.threads} threads": [sizes.threads],
        f"{sizes.processes} processes × {sizes.threads_per_process} threads":
            [sizes.threads_per_process] * sizes.processes,
    }
    rows = []
    for name, shape in layouts.items():
        voters = _voters(seeded.path, seeded.join_code, f"Bench {name}", sum(shape))
        groups = _split(voters, len(shape))
        raw = burst(RAW, raw_path, groups, candidates, sizes.votes_per_thread)
        vote = burst(VOTE, str(seeded.path), groups, candidates, sizes.votes_per_thread)
        ratio = vote.per_second / raw.per_second
        rows.append(Row(
            "3 concurrency", f"set_points, {name} ({vote.writes:,} votes)",
            f"{vote.per_second:,.0f} votes/s, p95 {vote.p95_ms:.1f} ms ({ratio:.0%} of raw)",
            f"raw insert {raw.per_second:,.0f}/s, p95 {raw.p95_ms:.1f} ms",
            f"≥ {THROUGHPUT_TARGET:.0%} of raw, p95 ≤ {P95_TARGET_MS:.0f} ms",
            ratio >= THROUGHPUT_TARGET and vote.p95_ms <= P95_TARGET_MS,
        ))
    return rows + [_without_triggers(seeded, sizes, raw_path, candidates)]


def _without_triggers(seeded: Seeded, sizes: Sizes, raw_path: str, candidates: list[int]) -> Row:
    """The threads burst again on a copy without the vote triggers: what the change counter costs."""
    copy = seeded.path.with_name("without_vote_triggers.db")
    store = WorkshopStore(seeded.path)
    try:
        store.backup(copy)
    finally:
        store.close()
    db = open_database(copy)
    for trigger in VOTE_TRIGGERS:
        db.execute(f"DROP TRIGGER {trigger}")
    db.close()
    groups = [_voters(copy, seeded.join_code, "Bench no trigger", sizes.threads)]
    pairs = [(burst(VOTE, str(copy), groups, candidates, sizes.votes_per_thread),
              burst(VOTE, str(seeded.path), [_voters(seeded.path, seeded.join_code, "Bench trigger", sizes.threads)],
                    candidates, sizes.votes_per_thread))]
    raw = burst(RAW, raw_path, groups, candidates, sizes.votes_per_thread)
    without, with_triggers = pairs[0]
    return Row(
        "3 concurrency", f"set_points, {sizes.threads} threads, vote triggers dropped (copy of the file)",
        f"{without.per_second:,.0f} votes/s, p95 {without.p95_ms:.1f} ms ({without.per_second / raw.per_second:.0%} of raw)",
        f"with the triggers, same moment {with_triggers.per_second:,.0f}/s "
        f"({with_triggers.per_second / raw.per_second:.0%}); raw insert {raw.per_second:,.0f}/s",
    )
