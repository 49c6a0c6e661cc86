"""`python -m benchmarks [--quick] [--only SECTION ...] [--output PATH]`: seed, measure, print, write RESULTS.md."""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.report import RESULTS_PATH, Row, machine, print_table, write_results
from benchmarks.seed import FULL, QUICK, Seeded, Sizes, seed

CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"
SECTIONS: tuple[str, ...] = ("pages", "core", "growth", "concurrency", "server", "capacity", "browser")

NOTES = """
## How each figure is measured

- **Seed** (`benchmarks/seed.py`): the workshop goes through `WorkshopStore`, except the 6,000
  allocations: 120 people × a budget of at most 20 points cannot place them, so they are inserted
  directly as rows `set_points` could have written (1–3 points, approved candidates, current round).
  Participants are therefore over budget, which the pages already handle.
- **Pages**: `AppTest` in German, one untimed run, then timed full script runs; the ballot as a
  participant, every other page as the facilitator. Baseline: a one-button script under AppTest.
  The results page caches its read model per workshop version: before each timed run the probe
  participant says or takes back "I'm done" (untimed), so each run is a miss, as a redraw after a
  vote is. The read model's own figure is `live_results(...)` on a miss; its rendering is inside
  the results page figure.
- **Growth**: more votes need more voters (one row per person and candidate), so 4× and 16× seed
  4× and 16× the people, each with 50 allocations.
- **Concurrency**: fresh participants tap 1 point on and off on ten candidates; the baseline is
  `BEGIN IMMEDIATE; INSERT one row; COMMIT` from the same threads/processes on a file opened by the
  same `open_database` (WAL, synchronous=NORMAL, busy timeout) in the same folder.
- **Server**: `streamlit run` until `/_stcore/health` answers; memory is VmRSS of the server and its
  children; sessions are the capacity benchmark's simulated phones (Streamlit's websocket protocol),
  five at a time, that join with the start page's form and land on the 150-candidate ballot (the
  server holds the same session whatever draws it; twenty chromium tabs drawing that ballot took
  five minutes of this machine).
- **Browser**: click latency is timed inside the page from the click until a MutationObserver
  sees "points left" change; the projector figure is wall time from a stored "I'm done" until the
  room screen (the projector's page, opened from its room link) shows the new done count.
- **Capacity** (`benchmarks/capacity.py`, `benchmarks/load.py`): its own workshop (a goal, 12
  candidates, voting open, totals shown), one `streamlit run app.py` and, in a separate process,
  asyncio + `websockets` phones speaking Streamlit's protocol: BackMsg `rerun_script` with a
  ClientState (query string, page script hash, widget states, fragment id) and the ForwardMsgs
  back. The first 30 phones join with the start page's form (widget ids read from the deltas);
  the workshop admits 60 new names a minute, so the others are created beforehand with a seat
  secret and open their own seat link, as a phone coming back does. Each lands on the
  ballot, keeps one point, then
  taps 0↔1 on the other candidates with 2–6 s think time: a tap sets the segmented control's
  value and reruns the ballot fragment; its figure runs from the BackMsg until the
  `script_finished` of a run of that fragment. Screens do not tick: the server redraws a session
  whose workshop moved (`ui/push.py`: one watcher per process reads the change counters every
  0.25 s and reruns the sessions built from an older one); any fragment the server did ask to tick
  (`auto_rerun`) would be rerun at its interval, as a browser tab does. The room grows
  50 → 100 → 200 → 400 phones on the same server; per size the phones sit idle on the ballot for
  the idle figure (server CPU ÷ phones), then tap. Server CPU and RSS come
  from `/proc/<pid>` of the server; the generator's CPU is its own process time. Change →
  projector: a probe participant written straight to the database by the generator (commit
  time known) toggles "I'm done" every 2 s (it bumps the same change counter as a vote); the
  figure runs from the commit until the projector's session (the facilitator on Live results,
  which the server redraws when the change counter moves) receives the metric delta with the new
  done count. Setting → every phone: after the taps the generator renames the workshop (a setting
  moves the counter phones follow, as the phase, the close and the reveal do) and times, per
  phone, the commit until the end of the next whole run the server pushed to it. Lost
  votes: every phone's believed points (sum over its candidates) against the database after
  the run. TCP_NODELAY is read from the server's own sockets (pidfd_getfd). Then the largest
  room again, in a workshop of its own, on two app processes behind the shipped nginx config
  (`benchmarks/proxy.py`, the same harness as the reverse-proxy test): the phones carry no route
  cookie, so nginx's consistent hash on a fresh request id spreads their websockets over both
  processes; CPU is shown per process, memory for both together.
- **CPU** (pages, core): this process's CPU time per run beside the wall time. The machine is
  shared with other work; where the load average is above the core count, wall times stretch and
  CPU time shows the work itself.

## Fixes found with these benchmarks (before → after, same seeded workshop)

CPU ms per warm run under AppTest, measured back to back before and after each change (load
average 9–13 on 2 cores at the time, so wall times were 2–3× these).

| change | page / figure | before | after |
| --- | --- | --- | --- |
| store reads straight through the driver (sqlite-utils' `query()` wrapped every SELECT in SAVEPOINT/RELEASE) | statements per `set_points` | 15 | 9 |
| charts reach pages as unvalidated Vega-Lite specs (`charts.vega_spec`) | review page; fragment body | 242; 33 | 208; 29 |
| review charts cached by their values and plan (`st.cache_data`) | review page | 208 | 61 |
| workshop JSON built only when its download is clicked | share page | 137 | 78 |
| funnel chart spec built once per set of figures (`charts.funnel.funnel_spec`) | funnel page; share page | 61; 78 | 19; 30 |
| Excel workbook built only when its download is clicked | KPI cards page | 65 | 12 |
| `runner.postScriptGC = false` in `.streamlit/config.toml` | one-button app click; vote click (wall, first full run) | 110 ms; 347 ms | 55 ms; 231 ms |
| one read per vote: participant ⋈ workshop ⟕ candidate with the voter's points as JSON, inside the write transaction | `set_points` alone (cProfile, one thread) | 72 µs, 7 DB calls | 51 µs, 4 DB calls |
| the ballot runs as an `st.fragment`: a tap reruns the ballot, not the frame and the other sections | vote click / one-button floor, postScriptGC false (load 4–8) | 1.8–2.5× | 1.8× |
| `escape_markdown` with one `str.translate` table (150 names escaped per tap) | ballot run | per-character generator | one C-level pass |

First full run, before the funnel and KPI-cards fixes (wall medians, load 11): voting 163 ms, results 146,
funnel 147, share 227, review 133, KPI cards 135, facilitate 102, fragment 62 ms. The very first
page run (load 9.5) had review at 944 ms, share 374, funnel 305 and the fragment at 95 ms.

## Targets still missed, and why

- **`set_points` vs raw inserts** (target 50 %) is met since write transactions of one process take
  a Python lock first (`kpi_logic/db.py`, `_WRITER`): 58 % (50 threads) and 71 % (4 processes ×
  10 threads) in this run, 13–35 % before, measured A-B-A-B at 08:00: 50 threads 1,177 / 6,120 /
  1,297 / 6,749 votes/s without / with the lock, 4 × 10 threads 1,883 / 6,275 / 1,692 / 6,981.
  Threads waiting for SQLite's write lock slept in its busy handler (1, 2, 5 … 100 ms between
  looks) and missed the moment it freed, while the holder shared the GIL with the other threads;
  on a Python lock the next writer starts at once. p95 of a vote under 50 writers is now 19–39 ms
  (they queue; target ≤ 50 ms), 1–4 ms before. The m004 change-counter triggers cost 10–25 µs a
  vote (row "vote triggers dropped"); they let each server process tell in one read which screens
  to redraw (`ui/push.py`), and they stay.
- **The vote click in the browser** (≤ 2× the one-button floor): 219–230 ms against 18–57 ms. The
  ballot has 150 candidates here: a tap reruns the ballot fragment, whose run and its 150 rows'
  deltas are the cost (the voting page row: 128 ms of CPU for the whole page under AppTest).
- **The voting and results pages** (≤ 100 ms): 118–128 and 109–122 ms across this session's runs,
  at 150 candidates and 120 people; the results page is a cache miss on every run here (each
  redraw after a vote is one).
- **Capacity at 200 and 400 phones on one process**: see the capacity model below.

## Connections that outlive a rerun (issue 14)

Streamlit runs every rerun on a new thread, so the one-connection-per-thread store opened a new
SQLite connection (file open, four pragmas) on every tap. `kpi_logic/db.Connections` is now a
small pool: a thread borrows an idle connection on first use and gives it back when the thread
ends (its thread-local lease is collected), at most 8 kept idle; one `stat` per borrow retires
connections to a file that was deleted or replaced, so such a file still fails loudly
(tests/hardening); after a fork nothing is reused. Row "tap on a fresh thread": one `set_points`
per new thread, thread start to end, before (a connection per thread) and after, same run.
First measured at load 8 on 2 cores: median 1.7 ms → 0.4 ms (p95 6.5 → 3.9 ms), 1.4 ms saved per tap.

## Nagle's algorithm on the websocket (issue 14)

Streamlit 1.67 serves the websocket with Starlette on uvicorn, not Tornado, so there is no
`WebSocketHandler.set_nodelay` to call and no server option for it. asyncio sets TCP_NODELAY on
every TCP transport (python/asyncio#373) only when the socket's protocol field reads IPPROTO_TCP;
Streamlit binds its listening socket itself as `socket.socket(family=...)` (protocol 0), so the
check fails and Nagle stays on: read from the server's own sockets, 0 of 51 websocket connections
had TCP_NODELAY. Streamlit's bootstrap runs the server on uvloop whenever uvloop imports, and
uvloop sets TCP_NODELAY on every connection: 51 of 51. So the cheap, supported fix is a
dependency, `uvloop` in requirements.txt (not on Windows, where Streamlit skips it anyway). Tap
figures, 40 phones, asyncio / uvloop alternating A-B-A-B at load 6–8 on 2 cores: p10 16 / 11–12 ms,
p25 19–21 / 13–17 ms, median 31–32 / 20–30 ms; the tails (p95 82–558 ms) swung with the other work
on the machine in both variants, so the ~40 ms delayed-ACK step itself could not be isolated there.
The row "server websockets with TCP_NODELAY" shows the state of the measured server.

## Capacity model (issue 14)

From the capacity rows of the table above (08:05, 2 cores, the machine otherwise idle; load 2–3
from this run itself; uvloop; one write transaction at a time per process; GIL switch interval
20 ms). Screens do not tick: one watcher per process reads the change counters every 0.25 s and
the server reruns the sessions whose page is out of date (`ui/push.py`). Read as costs per second
of one process's core:

- **an idle phone** costs 0.02–0.12 ms of CPU per second (400 idle phones: 1 % of the server). A
  tick per phone every 0.5 s would cost Streamlit's floor for a tick (row "empty ticking
  fragment", 1.8–2.0 ms) twice a second, 3.9 ms per phone-second: 400 phones would need 1.6 cores,
  more than a process has. The previous session's tick design measured, same benchmark: 100 % CPU,
  24.7 taps/s and tap p95 11.4 s at 400 phones; 97 %, 15.0 taps/s and 4.5 s at 200; 87 % and
  1.1 s at 100. Now: 80 %, 40.4 taps/s, 8.1 s at 400; 71 %, 35.3 taps/s, 0.68 s at 200; 50 % and
  0.13 s at 100.
- **a tap** ≈ 13 ms of server CPU (CPU rises 36 % → 50 % → 71 % at 9.4 → 18.4 → 35.3 taps/s). A
  phone tapping every 2–6 s (≈ 0.25 taps/s) costs ≈ 3 ms/s.
- **the projector** (the facilitator on Live results) is most of the rest, ~25 %: while votes come
  in it is redrawn up to four times a second, ~60–75 ms a redraw (the results page row: 109–122 ms
  at 150 candidates). Vote → projector: median 0.25–0.53 s, p95 0.35 s (50 phones), 0.47 s (100),
  0.83 s (200).
- **a phase change, the close or the reveal** reruns every phone's page: 25–30 ms of CPU per
  phone (a whole ballot run). Setting → every phone took 1.4 s for 50 phones, 2.8 s for 100, 5.3 s
  for 200 and 11.5 s for 400 on one process, 8.0 s for 400 on two: the room follows in about
  phones × 28 ms ÷ processes, so the 1 s target holds for rooms of up to ~35 phones per process.

**What saturates first is the GIL**, before the CPU figure reaches 100 %: every rerun is Python on
one interpreter, each on a thread of its own, and the event loop that serves every websocket
shares it. At 400 phones (~100 taps/s asked) one process served 40 taps/s at 80 % CPU. The switch
interval measured at 400 phones, one process, same minute: 26.4 taps/s (p50 8.2 s) at Python's
default 5 ms, 35.2 (4.3 s) at 20 ms, 38.9 (3.4 s) at 50 ms; the app sets 20 ms (`app.py`), which
kept the 50-phone tap p95 at 66 ms. SQLite is far from binding: one writer took 4,800–6,700
votes/s from 50 threads (rows 3), 100× the taps of a 200-phone room. The websocket fan-out is per
phase change (above), not per vote: phones follow `state_version`, which votes leave alone.

**Per process and per core**: the largest room within the 200-phone targets was 100 phones
(tap p95 129 ms at 50 % CPU). A room of 40 voting takes ≈ 25 % (its projector) + 40 × 3 ms/s ≈ 0.37
of a core and follows a phase in ≈ 1.1 s. One process per core, one core left to nginx and the OS
from 8 cores up; processes share nothing but the SQLite file, and a workshop stays on one process
(nginx's sticky sessions):

| machine | Streamlit processes | phones tapping at once (100 per process) | rooms of 40 voting at the same moment |
| --- | --- | --- | --- |
| 2 cores | 2 (shared with nginx) | ~150–200 (400 on two: tap p95 1.5 s) | ~3–4 |
| 8 cores | 7 | ~700 | ~14 |
| 32 cores | 31 | ~3,100 | ~60 |

Idle phones and phones between votes cost almost nothing, so a workshop's other phases do not
count. Extrapolated linearly from one process's measured costs; the 2-core row is what the
machine showed (400 phones on two processes: 66.8 taps/s at 59 % / 49 % CPU, tap p95 1.46 s), the
others assume the same per-core speed and a quiet machine. At 32 cores ~60 rooms of 40 tap ~600
votes/s, a tenth of what the one SQLite writer took. The targets at 200 phones on one process
(tap p95 ≤ 150 ms, phones follow ≤ 1 s) stay out of reach for this design on this machine: they
ask ≤ 5 ms of Python per phone redraw, and a ballot run is 25–30 ms.

**Moving the store to PostgreSQL** (on paper): the facade stays (`WorkshopStore` and its parts);
`kpi_logic/db.py` becomes a psycopg pool with the same `write()` (BEGIN … COMMIT with SERIALIZABLE
or `SELECT … FOR UPDATE` on the participant row in place of BEGIN IMMEDIATE), the SQL changes in
the few places that use SQLite dialect (`INSERT … ON CONFLICT` stays; JSON aggregates become
`json_agg`; `datetime('now')` defaults), the migrations are replayed as PostgreSQL DDL, the m004
triggers become PL/pgSQL triggers, and `LISTEN/NOTIFY` on the change counters could wake each
process's watcher instead of its 0.25 s read. The trigger that would justify it: more than one
machine (SQLite's file cannot be shared over the network), or write load near the single writer's
~5,000–6,000 votes/s — neither is close for rooms of a few hundred people; the GIL per process
binds long before.

## Why the app ships with `runner.postScriptGC = false`

Across four runs the vote click was 347/137/148/124 ms with the post-run GC and 231/172/211/123 ms
without: no difference the noise of a shared machine lets us see, and server memory was the same
(193 vs 197 MB after the clicks; 157 MB with 20 sessions open without it). What decides it is the
pause in the row "full garbage collection with every page loaded": Streamlit runs that collection
after every script run, holding the GIL, so with a room of participants tapping and a projector
redrawn several times a second, every session would wait for every other session's collection. Python's
generational collector still runs as objects pile up, so memory stays bounded.
"""


def _seed(folder: Path, sizes: Sizes, factor: int = 1) -> Seeded:
    return seed(folder / f"workshop_{factor}x.db", sizes, vote_factor=factor)


def measure(sizes: Sizes, sections: tuple[str, ...], folder: Path) -> list[Row]:
    """Seed and run the chosen sections in an order where no section sees another's writes."""
    # Imported here, not at the top: the concurrency benchmark's spawned processes import this
    # module again, and the page benchmarks' Streamlit imports would only slow them down and warn.
    from benchmarks import browser, capacity, concurrency, core, pages, server

    seeded = _seed(folder, sizes)
    rows: list[Row] = []
    for section in SECTIONS:
        if section not in sections:
            continue
        print(f"… {section}", file=sys.stderr, flush=True)
        started = time.perf_counter()
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
        elif section == "capacity":
            rows += capacity.run(sizes)
        elif section == "browser":
            rows += browser.run(seeded, sizes)
        print(f"  {section}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
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
    # AppTest's session state is set from this thread, outside a script run: Streamlit notes each
    # time that a ScriptRunContext is missing, which is expected here. (A filter, since Streamlit
    # resets its loggers' levels when AppTest patches the config.)
    logging.getLogger(CONTEXT_LOGGER).addFilter(lambda record: "ScriptRunContext" not in record.getMessage())
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as folder:
        rows = measure(sizes, tuple(args.only), Path(folder))
    seconds = time.perf_counter() - started
    print_table(rows)
    print(f"\n{seconds:.0f} s", file=sys.stderr)
    if output is not None:
        from benchmarks.browser import shipped_setting

        notes = NOTES + f"\nThe app ships with `runner.postScriptGC = {shipped_setting()}`.\n"
        write_results(rows, output, machine_info=machine(), seconds=seconds, sizes=sizes.describe(), notes=notes)
        print(f"written to {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
