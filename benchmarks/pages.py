"""Every page's full script run, warm, under AppTest in the role that shows the most data.

Baseline: a one-button script under AppTest in the same run (AppTest's own cost per run).
The live results' own figure is their read model on a cache miss, `live_results(...)` (query,
ranking, agreement, vanity flags, chart specs): the results page caches it per workshop version, and
every vote is a new version, so in a voting room nearly every redraw is a miss. Its rendering is
inside the results page's figure. Before each timed run of the results page the workshop changes
(untimed), so every run measures the miss too.
"""

from __future__ import annotations

import gc
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from streamlit.testing.v1 import AppTest

from benchmarks import Timing, time_runs
from benchmarks.report import Row
from benchmarks.seed import Seeded, Sizes
from kpi_logic.results_view import live_results
from kpi_logic.store import WorkshopStore
from ui import session
from ui.nav import PAGES, START

PROJECT_ROOT = Path(__file__).resolve().parent.parent
PAGE_TARGET_MS = 100.0
FRAGMENT_TARGET_MS = 30.0
TRIVIAL_SCRIPT = 'import streamlit as st\n\nif st.button("Click"):\n    st.write("clicked")\n'
# The ballot is the participant's page; every other page shows the most to the facilitator.
PARTICIPANT_PAGES = frozenset({"voting"})


@dataclass(frozen=True)
class PageTiming:
    """One page's warm run time."""

    key: str
    role: str
    timing: Timing


def _app(script: Path, seeded: Seeded | None, role: str) -> AppTest:
    app = AppTest.from_file(str(script), default_timeout=120)
    app.session_state[session.LANGUAGE] = "de"
    if seeded is not None:
        app.session_state[session.WORKSHOP_ID] = seeded.workshop_id
        app.session_state[session.ROLE] = role
        app.session_state[session.PARTICIPANT_ID] = (
            seeded.participant_ids[0] if role == session.PARTICIPANT else None
        )
    return app


def _run(app: AppTest) -> None:
    app.run()
    if app.exception:
        raise RuntimeError(f"the page failed: {app.exception[0].message}")


def time_page(key: str, script: Path, seeded: Seeded, runs: int) -> PageTiming:
    """Warm run time of one page: one untimed run, then `runs` timed ones."""
    role = session.PARTICIPANT if key in PARTICIPANT_PAGES else session.FACILITATOR
    app = _app(script, seeded, role)
    # The results page: a new version before each run (untimed) makes every run a cache miss.
    store = WorkshopStore(seeded.path)
    try:
        before = _version_bumper(store, seeded) if key == "results" else None
        return PageTiming(key, role, time_runs(lambda: _run(app), runs, before=before))
    finally:
        store.close()


def _version_bumper(store: WorkshopStore, seeded: Seeded):
    """A callable that says and takes back one participant's "I'm done": a new workshop version each call."""
    person = seeded.participant_ids[-1]
    calls = iter(range(1 << 30))
    return lambda: store.participants.set_done(person, next(calls) % 2 == 0)


def time_trivial_page(runs: int) -> Timing:
    """AppTest's own cost: a one-button script, warm."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "trivial.py"
        script.write_text(TRIVIAL_SCRIPT)
        app = _app(script, None, session.NO_ROLE)
        return time_runs(lambda: _run(app), runs)


def time_fragment(seeded: Seeded, runs: int) -> Timing:
    """The live results' read model on a cache miss (see the module docstring)."""
    store = WorkshopStore(seeded.path)
    try:
        return time_runs(lambda: live_results(store, seeded.workshop_id, "de"), runs)
    finally:
        store.close()


def page_scripts() -> dict[str, Path]:
    """Every page of the registry (the start page is app.py, which runs it through st.navigation)."""
    return {spec.key: PROJECT_ROOT / spec.path for spec in (START, *PAGES)}


def run(seeded: Seeded, sizes: Sizes) -> list[Row]:
    """Warm page runs beside AppTest's trivial-script floor, and the fragment alone."""
    os.environ["KPI_WORKSHOP_DB"] = str(seeded.path)
    floor = time_trivial_page(sizes.page_runs)
    rows = []
    for key, script in page_scripts().items():
        result = time_page(key, script, seeded, sizes.page_runs)
        timing = result.timing
        rows.append(Row(
            "1 pages", f"{key} ({result.role})", timing.text(),
            f"trivial AppTest script {floor.median_ms:.1f} ms ({timing.median_ms / floor.median_ms:.1f}×)",
            f"median ≤ {PAGE_TARGET_MS:.0f} ms", timing.median_ms <= PAGE_TARGET_MS,
        ))
    fragment = time_fragment(seeded, sizes.fragment_runs)
    # With every page loaded this process holds what a server holds; Streamlit's runner.postScriptGC
    # runs this collection after every script run, with the GIL held, so every session waits for it.
    collection = time_runs(gc.collect, max(2, sizes.page_runs // 4))
    rows += [
        Row("1 pages", "live results read model (cache miss)", fragment.text(), "",
            f"median ≤ {FRAGMENT_TARGET_MS:.0f} ms", fragment.median_ms <= FRAGMENT_TARGET_MS),
        Row("1 pages", "full garbage collection with every page loaded (postScriptGC's pause)",
            collection.text()),
    ]
    return rows


def scale_rows(seeds: dict[int, Seeded], sizes: Sizes) -> list[Row]:
    """The results page and the fragment's body at each vote factor, against the 1× figure."""
    rows, first = [], None
    for factor, seeded in sorted(seeds.items()):
        os.environ["KPI_WORKSHOP_DB"] = str(seeded.path)
        page = time_page("results", page_scripts()["results"], seeded, sizes.scale_runs).timing
        fragment = time_fragment(seeded, sizes.scale_runs)
        first = first or (factor, page, fragment)
        growth = page.median_ms / first[1].median_ms
        allowed = factor / first[0]
        votes = sizes.allocations * factor
        rows.append(Row(
            "5 growth", f"results page at {factor}× votes ({votes:,}; {sizes.participants * factor:,} people)",
            f"{page.text()}; fragment body {fragment.median_ms:.1f} ms",
            f"1×: page {first[1].median_ms:.1f} ms, fragment {first[2].median_ms:.1f} ms → "
            f"page {growth:.1f}×, fragment {fragment.median_ms / first[2].median_ms:.1f}×",
            f"≤ {allowed:g}× the 1× time", growth <= allowed,
        ))
    return rows
