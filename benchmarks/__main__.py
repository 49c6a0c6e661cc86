"""`python -m benchmarks [--quick] [--only SECTION ...] [--output PATH]`: seed, measure, print, write RESULTS.md."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from streamlit.logger import set_log_level

from benchmarks import browser, concurrency, core, pages, server
from benchmarks.report import RESULTS_PATH, Row, machine, print_table, write_results
from benchmarks.seed import FULL, QUICK, Seeded, Sizes, seed

SECTIONS: tuple[str, ...] = ("pages", "core", "growth", "concurrency", "server", "browser")

NOTES = """
## How each figure is measured

- **Seed** (`benchmarks/seed.py`): the workshop goes through `WorkshopStore`, except the 6,000
  allocations: 120 people × a budget of at most 20 points cannot place them, so they are inserted
  directly as rows `set_points` could have written (1–3 points, approved candidates, current round).
  Participants are therefore over budget, which the pages already handle.
- **Pages**: `AppTest` in German, one untimed run, then timed full script runs; the ballot as a
  participant, every other page as the facilitator. Baseline: a one-button script under AppTest.
  The results page waits 0.6 s between runs so each run misses its 0.5 s cache, as every tick of a
  lone projector does. The fragment cannot run alone under AppTest: its figure is its body's work
  on a cache miss, `live_results(...)`; its rendering is inside the results page figure.
- **Growth**: more votes need more voters (one row per person and candidate), so 4× and 16× seed
  4× and 16× the people, each with 50 allocations.
- **Concurrency**: fresh participants tap 1 point on and off on ten candidates; the baseline is
  `BEGIN IMMEDIATE; INSERT one row; COMMIT` from the same threads/processes on a file opened by the
  same `open_database` (WAL, synchronous=NORMAL, busy timeout) in the same folder.
- **Server**: `streamlit run` until `/_stcore/health` answers; memory is VmRSS of the server and its
  children; sessions are chromium contexts that join with the start page's form and land on the
  150-candidate ballot.
- **Browser**: click latency is timed inside the page from the click until a MutationObserver
  sees "points left" change; the projector figure is wall time from `set_points` until the
  results screen's "have voted" count changes.
"""


def _seed(folder: Path, sizes: Sizes, factor: int = 1) -> Seeded:
    return seed(folder / f"workshop_{factor}x.db", sizes, vote_factor=factor)


def measure(sizes: Sizes, sections: tuple[str, ...], folder: Path) -> list[Row]:
    """Seed and run the chosen sections in an order where no section sees another's writes."""
    seeded = _seed(folder, sizes)
    rows: list[Row] = []
    for section in SECTIONS:
        if section not in sections:
            continue
        print(f"… {section}", file=sys.stderr, flush=True)
        if section == "pages":
            rows += pages.run(seeded, sizes)
        elif section == "core":
            rows += core.run(seeded, sizes)
        elif section == "growth":
            seeds = {factor: seeded if factor == 1 else _seed(folder, sizes, factor)
                     for factor in sizes.scale_factors}
            rows += pages.scale_rows(seeds, sizes)
        elif section == "concurrency":
            rows += concurrency.run(seeded, sizes)
        elif section == "server":
            rows += server.run(seeded, sizes)
        elif section == "browser":
            rows += browser.run(seeded, sizes)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes: checks that every benchmark runs")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=SECTIONS, help="sections to run")
    parser.add_argument("--output", type=Path, default=None,
                        help=f"where to write the results (default {RESULTS_PATH}; --quick writes none unless given)")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    output = args.output or (None if args.quick else RESULTS_PATH)
    # Page scripts run outside a server here; Streamlit's "missing ScriptRunContext" notes are noise.
    set_log_level("error")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as folder:
        rows = measure(sizes, tuple(args.only), Path(folder))
    seconds = time.perf_counter() - started
    print_table(rows)
    print(f"\n{seconds:.0f} s", file=sys.stderr)
    if output is not None:
        notes = NOTES + f"\nThe app ships with `runner.postScriptGC = {browser.shipped_setting()}`.\n"
        write_results(rows, output, machine_info=machine(), seconds=seconds, sizes=sizes.describe(), notes=notes)
        print(f"written to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
