"""How many participants one `streamlit run app.py` process holds: simulated phones, no browser.

A separate process (benchmarks/load.py) speaks Streamlit's websocket protocol as N phones and one
projector against one server on a free port and a seeded workshop of its own (a goal, 12
candidates, voting open, live totals). The room grows step by step (50, 100, 200, 400 phones);
at each step the phones first sit idle on the ballot (the server watches their workshop for them,
ui/push.py), then tap with 2–6 s think time while a probe's "I'm done" goes straight to the
database (the same change counter as a vote) and the projector shows it; then a setting changes and
every phone's redraw is timed. Afterwards every phone's belief is compared with the database.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import percentile
from benchmarks.proxy import nginx_installed, running_nginx, site_config
from benchmarks.report import Row
from benchmarks.seed import PIN, Sizes
from benchmarks.server import PROJECT_ROOT, free_port, app_server
from kpi_logic.catalog import load_catalog
from kpi_logic.domain import APPROVED
from kpi_logic.i18n import t
from kpi_logic.store import WorkshopStore

CANDIDATES = 12
BUDGET = 20
CAP = 3
TARGETS: dict[int, tuple[float, float]] = {200: (150.0, 0.70), 400: (300.0, 1.0)}  # tap p95 ms, server CPU
PROJECTOR_P95_TARGET_S = 0.6
FOLLOW_P95_TARGET_S = 1.0
# The bound for an unchanged tick; an idle phone now costs its share of one watcher per process.
IDLE_TICK_TARGET_MS = 2.0
# How often each screen asked the server "anything new?" before the server pushed redraws: the
# baseline an idle phone's cost is compared with (Streamlit's floor for such a tick, measured below).
FORMER_TICK_SECONDS = 0.5
GENERATOR_TIMEOUT_S = 900
SECTION = "5 capacity"
# Sessions for Streamlit's floor per tick: a cost per tick needs no crowd, and 400 empty ticking
# sessions saturate this 2-core server (their settling never ended).
FLOOR_SESSIONS = 50


@dataclass(frozen=True)
class Room:
    """The seeded workshop the phones join."""

    path: Path
    workshop_id: int
    join_code: str


def seed_room(path: Path) -> Room:
    """A workshop in the voting phase: a goal, 12 catalogue candidates, voting open, totals shown."""
    store = WorkshopStore(path)
    try:
        workshop = store.workshops.create("Kapazität", facilitator_pin=PIN, vote_budget=BUDGET, per_kpi_cap=CAP,
                                          language="de", results_hidden=False)
        store.goals.add(workshop.id, "Umsatz steigern", metric="Umsatz", baseline=100, target=120)
        for kpi in load_catalog()[:CANDIDATES]:
            store.candidates.add(workshop.id, kpi.id, status=APPROVED)
        store.workshops.update_settings(workshop.id, phase="voting")
    finally:
        store.close()
    return Room(path, workshop.id, workshop.join_code)


# Streamlit's floor for a tick: an app that is one empty fragment, ticking as often as screens did.
TICK_APP = f"""import streamlit as st


@st.fragment(run_every={FORMER_TICK_SECONDS})
def tick():
    pass


tick()
"""


def _run_generator(config: dict[str, Any], folder: Path) -> dict[str, Any]:
    config_path, result_path = folder / "load.json", folder / "load-result.json"
    config_path.write_text(json.dumps(config))
    subprocess.run([sys.executable, "-m", "benchmarks.load", str(config_path), str(result_path)],
                   cwd=PROJECT_ROOT, check=True, timeout=GENERATOR_TIMEOUT_S)
    return json.loads(result_path.read_text())


def tick_floor(room: Room, sizes: Sizes, folder: Path) -> dict[str, Any]:
    """Server CPU per tick of sessions on the empty-fragment app (FLOOR_SESSIONS, fewer in a tiny run)."""
    script = folder / "tick_app.py"
    script.write_text(TICK_APP)
    with app_server(script, room.path) as server:
        return _run_generator({"floor": True, "url": _websocket_url(server.url), "server_pids": [server.process.pid],
                               "sessions": min(FLOOR_SESSIONS, max(sizes.capacity_steps)),
                               "idle_seconds": sizes.capacity_idle_s}, folder)


def _websocket_url(url: str) -> str:
    return url.replace("http://", "ws://") + "/_stcore/stream"


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


def generate(room: Room, url: str, server_pids: list[int], app_port: int, steps: tuple[int, ...], sizes: Sizes,
             folder: Path) -> dict[str, Any]:
    """Run the load generator in its own process (so its CPU is not the server's) and read its figures.

    `url` is where the phones connect (one app process, or nginx in front of `server_pids`);
    `app_port` is the first app process's own port, whose sockets tell whether Nagle is off.
    """
    config = {
        "url": _websocket_url(url), "server_pids": server_pids, "port": app_port,
        "db": str(room.path), "code": room.join_code, "pin": PIN,
        "steps": list(steps), "idle_seconds": sizes.capacity_idle_s,
        "tap_seconds": sizes.capacity_tap_s, "join_batch": sizes.capacity_join_batch, "seed": 14,
        "voted_labels": [t(language, "results.done_count") for language in ("de", "en")],
    }
    return _run_generator(config, folder)


def lost_votes(room: Room, believed: dict[str, int]) -> int:
    """Phones whose stored points differ from what they believe they stored."""
    store = WorkshopStore(room.path)
    try:
        people = {person.name: person.id for person in store.participants.list(room.workshop_id)}
        return sum(sum(store.votes.points_of(people[name]).values()) != points for name, points in believed.items())
    finally:
        store.close()


def _verdict(phones: int, tap_p95_ms: float, cpu: float, errors: int, lost: int) -> bool | None:
    target = TARGETS.get(phones)
    if target is None:
        return None
    return tap_p95_ms <= target[0] and cpu <= target[1] and errors == 0 and lost == 0


def rows_for(result: dict[str, Any], lost: int, floor: dict[str, Any]) -> list[Row]:
    """One row per room size, the largest size within the targets, and Streamlit's floor for a tick."""
    rows, largest = [], None
    for step in result["steps"]:
        taps = [seconds * 1000 for seconds in step["tap_seconds"]] or [0.0]
        p50, p95, p99 = (percentile(taps, share) for share in (0.5, 0.95, 0.99))
        projector = step["projector"] or [float("nan")]
        idle_cpu = step["idle_cpu"] / step["idle_wall"]
        idle_text = (f"idle {idle_cpu / step['phones'] * 1000:.3f} ms CPU per phone-second "
                     f"(server CPU {idle_cpu:.0%}, {step['idle_ticks']} ticks)")
        followed = step["followed"] or [float("nan")]
        follow_p95 = percentile(followed, 0.95)
        errors = step["errors"] + (result["closed_early"] if step is result["steps"][-1] else 0)
        met = _verdict(step["phones"], p95, step["server_cpu"], errors, lost)
        within = (p95 <= TARGETS[200][0] and step["server_cpu"] <= TARGETS[200][1] and errors == 0 and lost == 0)
        if within:
            largest = step["phones"]
        target = TARGETS.get(step["phones"])
        rows.append(Row(
            SECTION, f"{step['phones']} phones + projector, {step['wall']:.0f} s of taps",
            f"{step['taps'] / step['wall']:.1f} taps/s; tap p50 {p50:.0f} / p95 {p95:.0f} / p99 {p99:.0f} ms; "
            f"{idle_text}; change → projector median {percentile(projector, 0.5):.2f} s / "
            f"p95 {percentile(projector, 0.95):.2f} s (n={len(step['projector'])}); setting → every phone "
            f"median {percentile(followed, 0.5):.2f} s / p95 {follow_p95:.2f} s; server CPU "
            f"{step['server_cpu']:.0%}, {step['rss_mb']:.0f} MB; generator CPU {step['own_cpu']:.0%}; "
            f"errors {errors}; lost {lost}",
            "",
            f"tap p95 ≤ {target[0]:.0f} ms, CPU ≤ {target[1]:.0%}, 0 errors, 0 lost; projector p95 ≤ "
            f"{PROJECTOR_P95_TARGET_S} s; phones p95 ≤ {FOLLOW_P95_TARGET_S:.0f} s" if target else "",
            None if met is None else (met and percentile(projector, 0.95) <= PROJECTOR_P95_TARGET_S
                                      and follow_p95 <= FOLLOW_P95_TARGET_S),
        ))
    rows.append(Row(SECTION, "largest room within the 200-phone targets (tap p95, CPU, errors, lost)",
                    f"{largest} phones" if largest else "none of the sizes"))
    floor_ms = floor["cpu"] / floor["ticks"] * 1000 if floor["ticks"] else float("nan")
    rows.append(Row(SECTION, f"an empty ticking fragment, {floor['sessions']} sessions (Streamlit's floor for a tick)",
                    f"{floor_ms:.2f} ms CPU per tick ({floor['ticks'] / floor['wall']:.0f} ticks/s): "
                    f"{floor_ms / FORMER_TICK_SECONDS:.1f} ms per phone-second at one tick per {FORMER_TICK_SECONDS} s",
                    f"the idle figures above against this; target ≤ {IDLE_TICK_TARGET_MS:.0f} ms per unchanged tick"))
    rows.append(Row(SECTION, "server websockets with TCP_NODELAY (Nagle off)", nodelay_text(result["steps"][-1]["nodelay"]),
                    f"event loop: {'uvloop' if uvloop_installed() else 'asyncio'}"))
    return rows


def nodelay_text(flags: list[int] | None) -> str:
    """How many of the server's connections have Nagle's algorithm off."""
    if flags is None:
        return "unknown (pidfd_getfd not permitted)"
    return f"{sum(1 for flag in flags if flag)} of {len(flags)}"


def uvloop_installed() -> bool:
    """Whether Streamlit will run its server on uvloop (it does whenever uvloop imports)."""
    return importlib.util.find_spec("uvloop") is not None


def behind_nginx(room: Room, sizes: Sizes, folder: Path) -> dict[str, Any] | None:
    """The largest room split over two app processes behind the shipped nginx config (None without nginx).

    Phones carry no route cookie, so nginx's consistent hash on a fresh request id spreads their
    websockets over both processes; each phone stays on its process for its whole session.
    """
    if not nginx_installed():
        return None
    prefix = folder / "nginx"
    prefix.mkdir()
    app = PROJECT_ROOT / "app.py"
    with app_server(app, room.path) as first, app_server(app, room.path) as second:
        listen = free_port()
        with running_nginx(prefix, listen, site_config(listen, [_port(first.url), _port(second.url)])) as url:
            return generate(room, url, [first.process.pid, second.process.pid], _port(first.url),
                            (max(sizes.capacity_steps),), sizes, folder)


def proxy_rows(result: dict[str, Any] | None, lost: int) -> list[Row]:
    """The two-process room beside the one-process figures of the same size."""
    if result is None:
        return [Row(SECTION, "two processes behind nginx", "not measured: nginx is not installed")]
    step = result["steps"][0]
    taps = [seconds * 1000 for seconds in step["tap_seconds"]] or [0.0]
    p95 = percentile(taps, 0.95)
    projector = step["projector"] or [float("nan")]
    followed = step["followed"] or [float("nan")]
    per_process = " / ".join(f"{cpu:.0%}" for cpu in step["process_cpu"])
    target = TARGETS.get(step["phones"])
    errors = step["errors"] + result["closed_early"]
    met = None if target is None else (p95 <= target[0] and max(step["process_cpu"]) <= target[1]
                                       and errors == 0 and lost == 0)
    return [Row(
        SECTION, f"{step['phones']} phones + projector on two processes behind nginx, {step['wall']:.0f} s of taps",
        f"{step['taps'] / step['wall']:.1f} taps/s; tap p50 {percentile(taps, 0.5):.0f} / p95 {p95:.0f} / p99 "
        f"{percentile(taps, 0.99):.0f} ms; change → projector median {percentile(projector, 0.5):.2f} s / p95 "
        f"{percentile(projector, 0.95):.2f} s; setting → every phone median {percentile(followed, 0.5):.2f} s / p95 "
        f"{percentile(followed, 0.95):.2f} s; CPU per process {per_process}, {step['rss_mb']:.0f} MB together; "
        f"generator CPU {step['own_cpu']:.0%}; errors {errors}; lost {lost}",
        "the one-process row of the same size above",
        f"tap p95 ≤ {target[0]:.0f} ms, CPU ≤ {target[1]:.0%} per process, 0 errors, 0 lost" if target else "",
        met,
    )]


def run(sizes: Sizes) -> list[Row]:
    """Seed a room, start one server, grow the room through `sizes.capacity_steps`, check every vote;
    then the largest room again on two processes behind nginx, in a room of its own."""
    with tempfile.TemporaryDirectory(prefix="kpi-capacity-") as name:
        folder = Path(name)
        room = seed_room(folder / "room.db")
        with app_server(PROJECT_ROOT / "app.py", room.path) as server:
            result = generate(room, server.url, [server.process.pid], _port(server.url), sizes.capacity_steps,
                              sizes, folder)
        floor = tick_floor(room, sizes, folder)
        rows = rows_for(result, lost_votes(room, result["believed"]), floor)
        proxied_room = seed_room(folder / "proxied.db")
        proxied = behind_nginx(proxied_room, sizes, folder)
        lost = lost_votes(proxied_room, proxied["believed"]) if proxied else 0
        return rows + proxy_rows(proxied, lost)
