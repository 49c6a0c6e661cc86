"""`streamlit run` start to healthy, and the server's memory with 1 and with N sessions open.

Baseline: a one-button app started the same way in the same run. Each session joins the seeded
workshop with the start page's join form and lands on the 150-candidate ballot, spoken in
Streamlit's own websocket protocol by the capacity benchmark's simulated phone (benchmarks/load.py):
the server holds the same session, widgets and messages whatever draws them, and twenty chromium
tabs drawing that ballot at once took five minutes of this 2-core machine. Memory is VmRSS from
/proc of the server process and its children. `open_sessions` (real browser tabs) serves the
browser benchmark.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, Playwright, expect

from benchmarks.load import Phone
from benchmarks.report import Row
from benchmarks.seed import Seeded, Sizes
from kpi_logic.domain import PARTICIPANT_TEAMS, TEAM_LABELS, label
from kpi_logic.i18n import t
from kpi_logic.links import JOIN_PARAM

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
START_TARGET_S = 3.0
MEMORY_TARGET_MB = 300.0
START_TIMEOUT_S = 60
STEP_TIMEOUT_MS = 60_000
JOIN_GROUP = 5  # tabs that join at once
LANGUAGE = "de"
TRIVIAL_APP = (
    'import streamlit as st\n\n'
    'if "clicks" not in st.session_state:\n    st.session_state.clicks = 0\n'
    'if st.button("Klick"):\n    st.session_state.clicks += 1\n'
    'st.write(f"Klicks: {st.session_state.clicks}")\n'
)


@dataclass
class AppServer:
    """A running `streamlit run` process: its URL and how long it took to answer /_stcore/health."""

    url: str
    process: subprocess.Popen
    start_seconds: float

    def rss_mb(self) -> float:
        """Resident memory of the server and its children, in MB."""
        return sum(_rss_kb(pid) for pid in (self.process.pid, *_descendants(self.process.pid))) / 1024


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                # The parent id is the second field after the ")" closing the command name.
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def app_server(script: Path, db_path: Path, *flags: str) -> Iterator[AppServer]:
    """Start `streamlit run script` on a free port, wait until healthy, stop it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", *flags]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env={**os.environ, "KPI_WORKSHOP_DB": str(db_path)},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited with {process.returncode}: {' '.join(command)}")
            if time.perf_counter() - started > START_TIMEOUT_S:
                raise RuntimeError(f"streamlit was not healthy within {START_TIMEOUT_S} s")
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.02)
        yield AppServer(url, process, time.perf_counter() - started)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextlib.contextmanager
def trivial_app() -> Iterator[Path]:
    """The one-button app, written to a temporary file."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "trivial_app.py"
        script.write_text(TRIVIAL_APP)
        yield script


def launch(playwright: Playwright) -> Browser:
    """Debian's chromium, headless (never `playwright install`)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def script_idle(page: Page) -> None:
    """Wait until the app has finished its current run."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=STEP_TIMEOUT_MS)


def open_sessions(browser: Browser, server: AppServer, seeded: Seeded, names: list[str]) -> list[Page]:
    """New browser sessions that each join the workshop under one of `names` and land on the ballot.

    They join in groups of JOIN_GROUP: each group's tabs load and submit before any is waited for, so
    the server serves joins side by side as in a room where people join at once, while the 2-core
    machine's browser does not have to draw twenty 150-candidate ballots at the same moment.
    """
    pages = []
    for first in range(0, len(names), JOIN_GROUP):
        pages.extend(_join_group(browser, server, seeded, names[first:first + JOIN_GROUP], first))
    return pages


def _join_group(browser: Browser, server: AppServer, seeded: Seeded, names: list[str], offset: int) -> list[Page]:
    pages = []
    for _ in names:
        context = browser.new_context(locale="de-CH", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(STEP_TIMEOUT_MS)
        page = context.new_page()
        page.goto(f"{server.url}/?{JOIN_PARAM}={seeded.join_code}")
        pages.append(page)
    for number, (page, name) in enumerate(zip(pages, names), start=offset):
        main = page.get_by_test_id("stMain")
        main.get_by_label(t(LANGUAGE, "start.join.name"), exact=True).fill(name)
        team = PARTICIPANT_TEAMS[number % len(PARTICIPANT_TEAMS)]
        main.get_by_role("combobox", name=t(LANGUAGE, "start.join.team"), exact=True).click()
        page.get_by_role("option", name=label(TEAM_LABELS, team, LANGUAGE), exact=True).click()
        main.get_by_role("button", name=t(LANGUAGE, "start.join.submit"), exact=True).click()
    for page in pages:
        heading = page.get_by_test_id("stMain").get_by_role("heading", level=1)
        expect(heading).to_contain_text(t(LANGUAGE, "page.voting"), timeout=STEP_TIMEOUT_MS)
        script_idle(page)
    return pages


async def _memory_with_sessions(server: AppServer, seeded: Seeded, count: int) -> tuple[float, float]:
    """Server memory with one, then with `count` sessions on the ballot (joined JOIN_GROUP at a time)."""
    url = server.url.replace("http://", "ws://") + "/_stcore/stream"
    stats: dict = {}
    phones = [Phone(url, seeded.join_code, number, stats, random.Random(number)) for number in range(count)]
    try:
        await phones[0].join()
        one = server.rss_mb()
        for first in range(1, count, JOIN_GROUP):
            await asyncio.gather(*(phone.join() for phone in phones[first:first + JOIN_GROUP]))
        return one, server.rss_mb()
    finally:
        for phone in phones:
            await phone.session.close()


def _start_times(script: Path, db_path: Path, starts: int) -> list[float]:
    times = []
    for _ in range(starts):
        with app_server(script, db_path) as server:
            times.append(server.start_seconds)
    return times


def run(seeded: Seeded, sizes: Sizes) -> list[Row]:
    """Start times beside the trivial app's, and memory with 1 and with `sizes.sessions` sessions."""
    with trivial_app() as script:
        floor = statistics.median(_start_times(script, seeded.path, sizes.server_starts))
    app = PROJECT_ROOT / "app.py"
    # The server that then holds the sessions is the last of the timed starts.
    starts = _start_times(app, seeded.path, sizes.server_starts - 1)
    with app_server(app, seeded.path) as server:
        starts.append(server.start_seconds)
        idle = server.rss_mb()
        one, many = asyncio.run(_memory_with_sessions(server, seeded, sizes.sessions))
    start = statistics.median(starts)
    return [
        Row("4 server", f"streamlit run app.py to healthy (median of {len(starts)})", f"{start:.2f} s",
            f"trivial app {floor:.2f} s", f"≤ {START_TARGET_S:.0f} s", start <= START_TARGET_S),
        Row("4 server", "server memory, 1 participant session on the ballot", f"{one:.0f} MB",
            f"idle server {idle:.0f} MB"),
        Row("4 server", f"server memory, {sizes.sessions} participant sessions on the ballot", f"{many:.0f} MB",
            f"idle server {idle:.0f} MB", f"≤ {MEMORY_TARGET_MB:.0f} MB (20 sessions)", many <= MEMORY_TARGET_MB),
    ]
