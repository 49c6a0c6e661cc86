"""The core at workshop scale: results aggregation, shortlist checks, funnel maths, vanity engine.

Baseline for the aggregation: the bare SQL sum of points per candidate over the same votes, so the
figure shows what ranking, team columns and names add on top of SQLite.
"""

from __future__ import annotations

import threading
import time

from benchmarks import Timing, summarise, time_runs
from benchmarks.report import Row
from benchmarks.seed import Seeded, Sizes, custom_kpi_names
from kpi_logic import voting
from kpi_logic.catalog import catalog_by_id, load_catalog
from kpi_logic.db import open_database
from kpi_logic.domain import PARTICIPANT_TEAMS
from kpi_logic.funnel_view import reports
from kpi_logic.shortlist import check
from kpi_logic.shortlist_view import goal_refs, shortlist_items
from kpi_logic.store import WorkshopStore
from kpi_logic.vanity import assess


def _row(what: str, timing: Timing, baseline: str = "") -> Row:
    return Row("2 core", what, timing.text(), baseline)


class _ConnectionPerThread:
    """The connections before the pool, as the baseline: each new thread opens its own."""

    def __init__(self, store: WorkshopStore):
        self.path, self._local = store.path, threading.local()

    def get(self, create: bool = False) -> object:
        if not hasattr(self._local, "db"):
            self._local.db = open_database(self.path)
        return self._local.db

    def close(self) -> None:
        self._local.__dict__.clear()


def taps_on_fresh_threads(store: WorkshopStore, participant_id: int, candidate_ids: tuple[int, ...],
                          taps: int) -> Timing:
    """One set_points per new thread, as Streamlit runs each rerun: thread start to thread end."""
    durations = []
    for number in range(taps + 1):
        points = 1 - number % 2
        candidate = candidate_ids[(number // 2) % len(candidate_ids)]
        started = time.perf_counter()
        thread = threading.Thread(target=store.votes.set_points, args=(participant_id, candidate, points))
        thread.start()
        thread.join()
        if number:  # the first tap opens the pool's connection
            durations.append(time.perf_counter() - started)
    return summarise(durations)


def tap_rows(seeded: Seeded, sizes: Sizes) -> list[Row]:
    """A tap's store work on a fresh thread with pooled connections, beside a connection per thread."""
    pooled, per_thread = WorkshopStore(seeded.path), WorkshopStore(seeded.path)
    per_thread._connections = _ConnectionPerThread(per_thread)
    try:
        voter = pooled.participants.join(seeded.join_code, "Pool 000", PARTICIPANT_TEAMS[0]).id
        candidates = seeded.candidate_ids[:4]
        taps = sizes.core_runs * 10
        before = taps_on_fresh_threads(per_thread, voter, candidates, taps)
        after = taps_on_fresh_threads(pooled, voter, candidates, taps)
    finally:
        pooled.close()
        per_thread.close()
    saved = before.median_ms - after.median_ms
    return [_row("tap on a fresh thread (set_points), pooled connections", after,
                 f"a connection per thread {before.text()}: {saved:.2f} ms saved per tap")]


def run(seeded: Seeded, sizes: Sizes) -> list[Row]:
    """Time each core step on the seeded workshop."""
    store = WorkshopStore(seeded.path)
    wid, runs = seeded.workshop_id, sizes.core_runs
    try:
        raw = time_runs(lambda: store.db.execute(
            "SELECT candidate_id, SUM(points) FROM votes WHERE workshop_id = ? AND round = 1 "
            "GROUP BY candidate_id", [wid]).fetchall(), runs)
        results = time_runs(lambda: store.votes.results(wid), runs)
        ranked = store.votes.results(wid)
        agreement = time_runs(lambda: (voting.agreement(ranked), voting.agreement_index(ranked)), runs)
        catalog = catalog_by_id()
        entries, candidates, goals = store.shortlist.list(wid), store.candidates.list(wid), store.goals.list(wid)
        shortlist = time_runs(
            lambda: check(shortlist_items(entries, candidates, catalog, "de"), goal_refs(goals)), runs
        )
        figures = store.funnel.list(wid)
        funnel = time_runs(lambda: reports(figures), runs)
    finally:
        store.close()
    kpis = load_catalog()
    names = custom_kpi_names(sizes.free_text_names)

    def assess_all() -> None:
        for kpi in kpis:
            assess(kpi.name.get("de"), kpi.definition.get("de"))
        for name in names:
            assess(name)

    # One run only after a warm-up: the engine caches nothing per text, so repeats add no news.
    vanity = time_runs(assess_all, max(1, runs // 4))
    raw_text = f"bare SQL sum per candidate {raw.median_ms:.1f} ms"
    return [
        _row(f"results aggregation (store.votes.results, {len(ranked)} candidates)", results,
             f"{raw_text} ({results.median_ms / raw.median_ms:.1f}×)"),
        _row("team agreement and index", agreement),
        _row(f"shortlist check ({len(entries)} KPIs, {len(goals)} goals)", shortlist),
        _row("funnel maths (baseline and target)", funnel),
        _row(f"vanity check: catalogue ({len(kpis)}) + {len(names):,} free-text names", vanity,
             f"{vanity.median_ms / (len(kpis) + len(names)) * 1000:.0f} µs per text"),
        *tap_rows(seeded, sizes),
    ]
