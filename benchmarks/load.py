"""Simulated phones and a projector speaking Streamlit's websocket protocol, in their own process.

`python -m benchmarks.load CONFIG.json RESULT.json` (started by benchmarks/capacity.py). Each phone
is what a browser tab sends and hears: BackMsg rerun_script with a ClientState (query string, page
script hash, widget states, fragment id) and the ForwardMsgs back (new_session, delta,
script_finished, auto_rerun). A phone joins with the start page's form, lands on the ballot, taps
with 2–6 s think time by setting a segmented control and rerunning the ballot fragment, takes the
redraws the server pushes (ui/push.py), and reruns any fragment the server asked to tick
(`auto_rerun`) as the frontend does. After each step's taps a setting changes and every phone's
redraw is timed. The projector is the
facilitator on the live results; a probe participant written straight to the database (its commit
time known) toggles "I'm done", and the projector's done count shows when that change reached it.
"""

from __future__ import annotations

import asyncio
import ctypes
import json
import os
import random
import re
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

from kpi_logic.domain import PARTICIPANT_TEAMS
from kpi_logic.links import JOIN_PARAM, SEAT_PARAM
from kpi_logic.security import new_secret
from kpi_logic.store import WorkshopStore
from kpi_logic.throttle import JOINS_PER_WORKSHOP

THINK_SECONDS = (2.0, 6.0)
ANSWER_TIMEOUT_S = 20.0
SETTLE_TIMEOUT_S = 120.0
PROBE_EVERY_S = 2.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SYS_PIDFD_OPEN, SYS_PIDFD_GETFD = 434, 438  # Linux system call numbers (x86-64 and arm64 alike)
ESTABLISHED = "01"
JOIN_FORM, UNLOCK_FORM = "join_workshop", "unlock_workshop"
BALLOT_PAGE = "voting"
# Phones that join through the start form; the others come back through their own seat link (as a
# phone reopening its link does), created beforehand: the workshop admits so many new names a minute.
FORM_JOINS = JOINS_PER_WORKSHOP.count // 2


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU time of one server process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def cpu_seconds(pids: list[int]) -> list[float]:
    """CPU time so far of each server process."""
    return [server_cpu_seconds(pid) for pid in pids]


def server_rss_mb(pid: int) -> float:
    """Resident memory of one server process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _established_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == ESTABLISHED:
                inodes.add(fields[9])
    return inodes


def server_nodelay(pid: int, port: int) -> list[int] | None:
    """TCP_NODELAY of each of the server's open connections on `port` (None: not allowed to look).

    Nagle's algorithm holds a small reply until the client's delayed ACK: the server's own sockets
    tell whether it is off, borrowed with pidfd_getfd (Linux 5.6+, same user or root).
    """
    libc = ctypes.CDLL(None, use_errno=True)
    inodes = _established_inodes(port)
    pidfd = libc.syscall(SYS_PIDFD_OPEN, pid, 0)
    if pidfd < 0:
        return None
    flags = []
    try:
        for entry in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(entry)
            except OSError:
                continue
            if target.removeprefix("socket:[").rstrip("]") not in inodes:
                continue
            borrowed = libc.syscall(SYS_PIDFD_GETFD, pidfd, int(entry.name), 0)
            if borrowed < 0:
                return None
            sock = socket.socket(fileno=borrowed)
            try:
                flags.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            finally:
                sock.close()
    finally:
        os.close(pidfd)
    return flags


@dataclass
class Widget:
    """A widget as its delta described it."""

    kind: str
    id: str
    label: str
    form_id: str
    fragment_id: str
    options: list[str]


@dataclass
class Session:
    """One websocket session: what the frontend keeps between runs, and the timings it saw."""

    url: str
    query_string: str
    stats: dict[str, Any]
    page_script_hash: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    states: dict[str, WidgetState] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    ticks: dict[str, asyncio.Task] = field(default_factory=dict)
    # Fragments whose ticks the run under way asked for; after a whole run, the others are gone.
    ticks_of_run: set[str] = field(default_factory=set)
    # A run this session asked for (or the server started) has not finished yet.
    running: bool = False
    finished: asyncio.Event = field(default_factory=asyncio.Event)
    last_run_fragments: tuple[str, ...] = ()
    # When the last whole run (not a fragment's) finished: a redraw the server pushed ends with one.
    full_run_at: float = 0.0
    metrics: dict[str, tuple[str, float]] = field(default_factory=dict)
    ticks_sent: int = 0
    socket: Any = None

    async def open(self) -> None:
        # No Origin header: Streamlit then skips the XSRF check, which only guards auth cookies.
        self.socket = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=2**26,
                                               compression=None, ping_interval=None)
        asyncio.get_running_loop().create_task(self._listen())

    async def rerun(self, fragment_id: str = "", triggers: tuple[WidgetState, ...] = (),
                    auto: bool = False) -> None:
        message = BackMsg()
        state = message.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = self.page_script_hash
        state.fragment_id = fragment_id
        state.is_auto_rerun = auto
        state.widget_states.widgets.extend([*self.states.values(), *triggers])
        self.running = True
        self.finished.clear()
        await self.socket.send(message.SerializeToString())

    async def _listen(self) -> None:
        try:
            async for data in self.socket:
                message = ForwardMsg()
                message.ParseFromString(data)
                self._hear(message)
        except websockets.ConnectionClosed:
            pass
        finally:
            self.stats["closed"] = self.stats.get("closed", 0) + 1

    def _hear(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "new_session":
            if message.new_session.page_script_hash != self.page_script_hash:
                self._stop_ticks()  # as the frontend does: another page's fragments no longer exist
            self.page_script_hash = message.new_session.page_script_hash
            self.ticks_of_run = set()
            self.running = True
        elif kind == "navigation":
            self.pages = {page.url_pathname: page.page_script_hash for page in message.navigation.app_pages}
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "delta":
            self._element(message)
        elif kind == "auto_rerun":
            self.ticks_of_run.add(message.auto_rerun.fragment_id)
            self._tick(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            task = self.ticks.pop(message.stop_auto_rerun.fragment_id, None)
            if task is not None:
                task.cancel()
        elif kind == "script_finished":
            self.last_run_fragments = tuple(message.metadata.run.fragment_ids)
            if not self.last_run_fragments:
                self.full_run_at = time.perf_counter()
            # After a whole run, as the frontend does, drop the ticks it did not ask for: a fragment's id
            # moves with its place on the page, and the server never answers a tick for an unknown one.
            if message.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                for stale in set(self.ticks) - self.ticks_of_run:
                    self.ticks.pop(stale).cancel()
            self.running = False
            self.finished.set()

    def _element(self, message: ForwardMsg) -> None:
        delta = message.delta
        if delta.WhichOneof("type") != "new_element":
            return
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception" or (kind == "alert" and element.alert.format == 1):
            self.stats["errors"] = self.stats.get("errors", 0) + 1
        elif kind == "metric":
            self.metrics[element.metric.label] = (element.metric.body, time.perf_counter())
        elif kind in ("text_input", "selectbox", "button", "button_group"):
            proto = getattr(element, kind)
            options = [option.content for option in proto.options] if kind == "button_group" else (
                list(proto.options) if kind == "selectbox" else [])
            self.widgets[proto.id] = Widget(kind, proto.id, proto.label, getattr(proto, "form_id", ""),
                                            delta.fragment_id, options)

    def _stop_ticks(self) -> None:
        for task in self.ticks.values():
            task.cancel()
        self.ticks.clear()

    def _tick(self, fragment_id: str, interval: float) -> None:
        old = self.ticks.pop(fragment_id, None)
        if old is not None:
            old.cancel()
        self.ticks[fragment_id] = asyncio.get_running_loop().create_task(self._ticking(fragment_id, interval))

    async def _ticking(self, fragment_id: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            if not self.running:  # a browser tab does not pile reruns on a run under way
                self.ticks_sent += 1
                await self.rerun(fragment_id, auto=True)

    async def settle(self) -> None:
        """Wait until no run this session asked for is under way."""
        deadline = time.perf_counter() + SETTLE_TIMEOUT_S
        while True:
            while self.running:
                await asyncio.wait_for(self.finished.wait(), max(0.1, deadline - time.perf_counter()))
            await asyncio.sleep(0.2)  # a run may start another (st.rerun, st.switch_page)
            if not self.running:
                return

    def form(self, form: str) -> list[Widget]:
        return [widget for widget in self.widgets.values() if form in widget.form_id]

    async def submit(self, form: str, texts: list[str], choice: int | None = None) -> None:
        """Fill a form's text inputs in order (and its selectbox), then press its submit button."""
        widgets = self.form(form)
        inputs = [widget for widget in widgets if widget.kind == "text_input"]
        for widget, text in zip(inputs, texts):
            self.states[widget.id] = WidgetState(id=widget.id, string_value=text)
        for widget in widgets:
            if widget.kind == "selectbox" and choice is not None:
                self.states[widget.id] = WidgetState(id=widget.id, string_value=widget.options[choice])
        button = next(widget for widget in widgets if widget.kind == "button")
        await self.rerun(triggers=(WidgetState(id=button.id, trigger_value=True),))
        await self.settle()
        for widget in widgets:  # a submitted form's widgets are gone from the next page
            self.states.pop(widget.id, None)

    async def close(self) -> None:
        self._stop_ticks()
        await self.socket.close()


def phone_name(number: int) -> str:
    return f"Phone {number:04d}"


def seated(store: WorkshopStore, code: str, number: int) -> str:
    """Create phone `number`'s participant with a seat secret, as its first visit would; the secret."""
    secret = new_secret()
    store.participants.join(code, phone_name(number), PARTICIPANT_TEAMS[number % len(PARTICIPANT_TEAMS)],
                            secret=secret)
    return secret


class Phone:
    """A participant: joins, taps with think time, remembers what it believes is stored."""

    def __init__(self, url: str, code: str, number: int, stats: dict[str, Any], rng: random.Random,
                 seat: str | None = None):
        self.session = Session(url, f"{SEAT_PARAM}={seat}" if seat else f"{JOIN_PARAM}={code}", stats)
        self.code, self.seat = code, seat
        self.name, self.team = phone_name(number), number % len(PARTICIPANT_TEAMS)
        self.stats, self.rng = stats, rng
        self.believed: dict[str, int] = {}
        self.ballot: list[Widget] = []

    async def join(self) -> None:
        session = self.session
        await session.open()
        await session.rerun()
        await session.settle()
        if self.seat:
            await self.open_page(BALLOT_PAGE)
        else:
            await session.submit(JOIN_FORM, [self.code, self.name], self.team)
        deadline = time.perf_counter() + SETTLE_TIMEOUT_S
        while not self.ballot:
            await asyncio.sleep(0.1)
            await session.settle()
            self.ballot = [widget for widget in session.widgets.values()
                           if widget.kind == "button_group" and widget.fragment_id and widget.options[:2] == ["0", "1"]]
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{self.name} never saw the ballot")

    async def tap(self, widget: Widget, points: int) -> float:
        """Set the points and rerun the ballot fragment; seconds until that run finished."""
        session = self.session
        session.states[widget.id] = WidgetState(id=widget.id)
        session.states[widget.id].string_array_value.data.append(str(points))
        started = time.perf_counter()
        await session.rerun(widget.fragment_id)
        deadline = started + ANSWER_TIMEOUT_S
        while True:
            await asyncio.wait_for(session.finished.wait(), max(0.1, deadline - time.perf_counter()))
            if widget.fragment_id in session.last_run_fragments or not session.last_run_fragments:
                break
            session.finished.clear()
        self.believed[widget.label] = points
        return time.perf_counter() - started

    async def open_page(self, page: str) -> None:
        """Go to another page as the menu does: a full rerun with that page's script hash."""
        session = self.session
        session._stop_ticks()
        session.page_script_hash = session.pages[page]
        await session.rerun()
        await session.settle()

    async def keep(self) -> None:
        """One point that stays, as people do once they have voted."""
        try:
            await self.tap(self.ballot[0], 1)
        except (TimeoutError, websockets.ConnectionClosed):
            self.stats["errors"] = self.stats.get("errors", 0) + 1

    async def tapping(self, until: float, taps: list[float]) -> None:
        choices = self.ballot[1:]
        while True:
            await asyncio.sleep(self.rng.uniform(*THINK_SECONDS))
            if time.perf_counter() >= until:
                return
            widget = self.rng.choice(choices)
            try:
                taps.append(await self.tap(widget, 1 - self.believed.get(widget.label, 0)))
            except (TimeoutError, websockets.ConnectionClosed):
                self.stats["errors"] = self.stats.get("errors", 0) + 1


async def projector(url: str, code: str, pin: str, stats: dict[str, Any]) -> Session:
    """The facilitator unlocks and opens the live results page (which the server redraws on every change)."""
    session = Session(url, "", stats)
    await session.open()
    await session.rerun()
    await session.settle()
    await session.submit(UNLOCK_FORM, [code, pin])
    session.page_script_hash = session.pages["results"]
    await session.rerun()
    await session.settle()
    return session


def voted(screen: Session, labels: list[str]) -> tuple[int, float] | None:
    """The projector's done count (first number of "12 von 51") and when it arrived."""
    for label in labels:
        if label in screen.metrics:
            body, at = screen.metrics[label]
            found = re.match(r"\D*(\d+)", body)
            return (int(found.group(1)), at) if found else None
    return None


@dataclass
class Probe:
    """A participant written straight to the database: its commit time is known to the microsecond."""

    store: WorkshopStore
    voter: int
    workshop_id: int
    points: int = 0


async def probe(config: dict[str, Any], screen: Session, prober: Probe, until: float) -> list[float]:
    """Toggle the probe's "I'm done"; seconds from each commit until the projector's count shows it."""
    latencies = []
    while time.perf_counter() < until:
        await asyncio.sleep(PROBE_EVERY_S)
        shown = voted(screen, config["voted_labels"])
        if shown is None:
            continue
        prober.points = 1 - prober.points
        await asyncio.to_thread(prober.store.participants.set_done, prober.voter, bool(prober.points))
        committed = time.perf_counter()
        expected = shown[0] + (1 if prober.points else -1)
        while (now := voted(screen, config["voted_labels"])) is None or now[0] != expected:
            await asyncio.sleep(0.005)
            if time.perf_counter() - committed > ANSWER_TIMEOUT_S:
                raise RuntimeError("the projector never showed the probe's change")
        latencies.append(now[1] - committed)
    return latencies


async def follow(phones: list[Phone], prober: Probe, mark: str) -> tuple[list[float], int]:
    """A change every phone follows (the workshop's name; any setting, the phase or the reveal moves
    the same counter): seconds from its commit until each phone's page was redrawn, and how many
    phones were not redrawn within ANSWER_TIMEOUT_S."""
    await asyncio.to_thread(prober.store.workshops.update_settings, prober.workshop_id, name=mark)
    committed = time.perf_counter()
    while (any(phone.session.full_run_at < committed for phone in phones)
           and time.perf_counter() - committed < ANSWER_TIMEOUT_S):
        await asyncio.sleep(0.01)
    latencies = [phone.session.full_run_at - committed for phone in phones if phone.session.full_run_at >= committed]
    return latencies, len(phones) - len(latencies)


async def _all_open(phones: list[Phone], page: str, batch: int) -> None:
    if all(phone.session.page_script_hash == phone.session.pages[page] for phone in phones):
        return
    for start in range(0, len(phones), batch):
        await asyncio.gather(*(phone.open_page(page) for phone in phones[start:start + batch]))


async def step(config: dict[str, Any], phones: list[Phone], screen: Session, prober: Probe, count: int,
               stats: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Grow the room to `count` phones, let them idle, then tap for the step's duration."""
    url, pids, code = config["url"], config["server_pids"], config["code"]
    errors = stats.get("errors", 0)
    new = [Phone(url, code, number, stats, rng,
                 None if number < FORM_JOINS else await asyncio.to_thread(seated, prober.store, code, number))
           for number in range(len(phones), count)]
    for start in range(0, len(new), config["join_batch"]):
        batch = new[start:start + config["join_batch"]]
        await asyncio.gather(*(phone.join() for phone in batch))
        await asyncio.gather(*(phone.keep() for phone in batch))
    phones += new
    nodelay = server_nodelay(pids[0], config["port"])
    # Idle on the ballot, as phones wait in a vote: the server watches their workshop for them.
    await _all_open(phones, BALLOT_PAGE, config["join_batch"])
    await asyncio.sleep(1.0)
    sent, cpu, began = sum(phone.session.ticks_sent for phone in phones), sum(cpu_seconds(pids)), time.perf_counter()
    await asyncio.sleep(config["idle_seconds"])
    idle_ticks = sum(phone.session.ticks_sent for phone in phones) - sent
    idle_cpu, idle_wall = sum(cpu_seconds(pids)) - cpu, time.perf_counter() - began
    taps: list[float] = []
    cpu, own, began = cpu_seconds(pids), time.process_time(), time.perf_counter()
    until = began + config["tap_seconds"]
    probed = asyncio.gather(probe(config, screen, prober, until),
                            *(phone.tapping(until, taps) for phone in phones))
    latencies = (await probed)[0]
    wall = time.perf_counter() - began
    process_cpu = [(after - before) / wall for before, after in zip(cpu, cpu_seconds(pids))]
    followed, unfollowed = await follow(phones, prober, f"Kapazität {count}")
    return {
        "phones": count, "taps": len(taps), "tap_seconds": taps, "wall": wall,
        "server_cpu": sum(process_cpu), "process_cpu": process_cpu, "own_cpu": (time.process_time() - own) / wall,
        "rss_mb": sum(server_rss_mb(pid) for pid in pids), "idle_ticks": idle_ticks, "idle_cpu": idle_cpu,
        "idle_wall": idle_wall, "projector": latencies, "followed": followed,
        "errors": stats.get("errors", 0) - errors + unfollowed, "nodelay": nodelay,
    }


async def tick_floor(config: dict[str, Any]) -> dict[str, Any]:
    """Sessions on an app whose only content is an empty ticking fragment: Streamlit's own cost of a tick."""
    stats: dict[str, Any] = {}
    sessions = [Session(config["url"], "", stats) for _ in range(config["sessions"])]
    for session in sessions:
        await session.open()
        await session.rerun()
    for session in sessions:
        await session.settle()
    await asyncio.sleep(1.0)
    (pid,) = config["server_pids"]
    ticks, cpu, began = sum(s.ticks_sent for s in sessions), server_cpu_seconds(pid), time.perf_counter()
    await asyncio.sleep(config["idle_seconds"])
    result = {"ticks": sum(s.ticks_sent for s in sessions) - ticks, "cpu": server_cpu_seconds(pid) - cpu,
              "wall": time.perf_counter() - began, "sessions": len(sessions)}
    for session in sessions:
        await session.close()
    return result


async def main(config: dict[str, Any]) -> dict[str, Any]:
    if config.get("floor"):
        return await tick_floor(config)
    stats: dict[str, Any] = {}
    rng = random.Random(config["seed"])
    screen = await projector(config["url"], config["code"], config["pin"], stats)
    store = WorkshopStore(config["db"])
    voter = store.participants.join(config["code"], "Probe", PARTICIPANT_TEAMS[0])
    prober = Probe(store, voter.id, voter.workshop_id)
    phones: list[Phone] = []
    steps = [await step(config, phones, screen, prober, count, stats, rng) for count in config["steps"]]
    closed_early = stats.get("closed", 0)
    believed = {phone.name: sum(phone.believed.values()) for phone in phones}
    for phone in phones:
        await phone.session.close()
    await screen.close()
    return {"steps": steps, "believed": believed, "closed_early": closed_early}


if __name__ == "__main__":
    config_path, result_path = (Path(argument) for argument in sys.argv[1:3])
    result = asyncio.run(main(json.loads(config_path.read_text())))
    result_path.write_text(json.dumps(result))
