"""The benchmarks run at tiny sizes (`--quick`): the suite checks they work, never how fast."""

from __future__ import annotations

import re

import pytest

from benchmarks import browser, capacity, concurrency, core, pages, server, summarise
from benchmarks.__main__ import main
from benchmarks.report import Row
from benchmarks.seed import QUICK, seed
from kpi_logic.store import WorkshopStore
from tests.support import on_own_thread


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    return seed(tmp_path_factory.mktemp("bench") / "workshop.db", QUICK)


def measured(rows: list[Row]) -> list[str]:
    return [row.measured for row in rows if row.measured]


def test_seed_builds_the_workshop_at_the_asked_size(seeded):
    store = WorkshopStore(seeded.path)
    assert len(store.participants.list(seeded.workshop_id)) == QUICK.participants
    assert len(store.candidates.list(seeded.workshop_id)) == QUICK.candidates
    assert len(store.votes.table(seeded.workshop_id)) == QUICK.allocations
    assert len(store.shortlist.list(seeded.workshop_id)) == QUICK.shortlist
    assert len(store.shortlist.history(seeded.workshop_id)) == QUICK.history
    assert len(store.measurements.list(seeded.workshop_id)) == QUICK.shortlist * QUICK.months


@pytest.mark.parametrize("durations,median_ms,p95_ms", [
    ([0.010], 10.0, 10.0),
    ([0.010, 0.020, 0.030], 20.0, 29.0),
])
def test_timings_report_median_and_95th_percentile(durations, median_ms, p95_ms):
    timing = summarise(durations)
    assert (round(timing.median_ms, 6), round(timing.p95_ms, 6)) == (median_ms, p95_ms)


def test_every_page_and_the_fragment_get_a_figure_with_a_target(seeded):
    rows = pages.run(seeded, QUICK)
    assert len([row for row in rows if row.met is not None]) == len(pages.page_scripts()) + 1
    assert "garbage collection" in rows[-1].what


def test_results_page_growth_is_measured_at_each_vote_factor(seeded, tmp_path):
    seeds = {1: seeded, 2: seed(tmp_path / "double.db", QUICK, vote_factor=2)}
    assert len(measured(pages.scale_rows(seeds, QUICK))) == 2


def test_core_figures_cover_aggregation_shortlist_funnel_vanity_and_a_pooled_tap(seeded):
    rows = core.run(seeded, QUICK)
    assert len(measured(rows)) == 6
    assert "a connection per thread" in rows[-1].baseline


def test_concurrent_votes_are_compared_with_raw_inserts_in_threads_and_processes(seeded):
    rows = concurrency.run(seeded, QUICK)
    assert len(rows) == 3 and all("of raw" in row.measured for row in rows)
    assert "triggers dropped" in rows[-1].what


def test_capacity_run_joins_taps_and_loses_no_vote_with_a_tiny_room():
    rows = capacity.run(QUICK)
    assert len(rows) == len(QUICK.capacity_steps) + 4
    by_what = {row.what: row for row in rows}
    floor = next(row for what, row in by_what.items() if "floor" in what)
    assert "ms CPU per tick" in floor.measured
    assert "errors 0; lost 0" in rows[0].measured and "taps/s" in rows[0].measured
    # Every phone followed the setting's change (a phone that did not counts as an error above).
    assert re.search(r"setting → every phone median \d+\.\d\d s / p95 \d+\.\d\d s", rows[0].measured)
    # Whether a size is within the targets depends on the machine's load; the verdict is always named.
    largest = next(row for what, row in by_what.items() if what.startswith("largest room"))
    assert largest.measured in {f"{size} phones" for size in QUICK.capacity_steps} | {"none of the sizes"}
    # The same room on two processes behind nginx (CI installs nginx): per-process CPU, nothing lost.
    proxied = rows[-1]
    assert "two processes behind nginx" in proxied.what
    assert proxied.measured == "not measured: nginx is not installed" or (
        "CPU per process" in proxied.measured and "errors 0; lost 0" in proxied.measured)


def test_server_start_and_memory_with_sessions_are_measured(seeded):
    assert len(measured(on_own_thread(lambda: server.run(seeded, QUICK)))) == 3


@pytest.mark.browser
def test_click_and_projector_latency_are_measured_beside_the_one_button_app(seeded):
    rows = on_own_thread(lambda: browser.run(seeded, QUICK))
    assert len(measured(rows)) == 3 * len(QUICK.post_script_gc)
    assert "one-button app" in rows[0].baseline


def test_results_file_names_the_machine_and_every_figure(tmp_path):
    output = tmp_path / "RESULTS.md"
    assert main(["--quick", "--only", "core", "--output", str(output)]) == 0
    text = output.read_text()
    assert "cores" in text and "Python" in text and "streamlit" in text
    assert "vanity check" in text
