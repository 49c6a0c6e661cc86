"""Real-browser fixtures: a `streamlit run` server on a free port with its own database, and
Debian's Chromium driven by Playwright (never `playwright install`)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOT_DIR = PROJECT_ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
START_TIMEOUT_S = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"streamlit did not become healthy within {START_TIMEOUT_S} s")


@dataclass
class Server:
    """A running app: its base URL and the database file it writes."""

    url: str
    db_path: Path
    process: subprocess.Popen


def start_server(db_path: Path, env: dict[str, str] | None = None, log_path: Path | None = None) -> Server:
    """Start `streamlit run app.py` on a free port against `db_path` and wait until it is healthy.

    `env` adds settings (e.g. KPI_WORKSHOP_URL); `log_path` parts the logs of two servers on one file.
    """
    port = _free_port()
    env = {**os.environ, "KPI_WORKSHOP_DB": str(db_path), **(env or {})}
    # The server's log goes to a file beside its database: a pipe nobody reads would fill up
    # during a long module and stall the server mid-test.
    log = (log_path or db_path.with_suffix(".log")).open("w")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        ],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    log.close()  # the server holds its own copy of the file handle
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
    except RuntimeError:
        process.kill()
        raise
    return Server(url, db_path, process)


def stop_server(server: Server) -> None:
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    running = start_server(tmp_path_factory.mktemp("browser") / "workshop.db")
    yield running
    stop_server(running)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = "Debian's Chromium is missing: install it with `sudo apt-get install chromium`."
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


MAX_SCREENSHOT_HEIGHT = 8000


def screenshot(page, name: str) -> None:
    """Save a screenshot of the whole page for a human to look at (not committed).

    Streamlit scrolls inside its main area, so Playwright's full_page would only capture the window:
    the window is stretched to the content's height for the shot, then put back.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    # Park the pointer in a corner: a hovered menu entry or table toolbar would look like a fault.
    page.mouse.move(viewport["width"] - 1, viewport["height"] - 1)
    content_height = page.evaluate(
        "() => Math.max(...['stMain', 'stSidebarContent'].map(id =>"
        " document.querySelector(`[data-testid=${id}]`)?.scrollHeight ?? 0))"
    )
    height = min(max(viewport["height"], content_height), MAX_SCREENSHOT_HEIGHT)
    page.set_viewport_size({"width": viewport["width"], "height": height})
    # Charts and columns lay themselves out again for the new size within a frame or two.
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    try:
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), animations="disabled")
    finally:
        page.set_viewport_size(viewport)
