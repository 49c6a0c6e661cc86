"""In a real browser: a participant's vote click until the new points are on screen, and a vote
until it shows on the projector (results) screen — beside a one-button app's click (the framework's
floor) measured in the same run, each with Streamlit's default post-run garbage collection and
with `--runner.postScriptGC false`.

Click latency is measured inside the page (performance.now() from the click until a
MutationObserver sees the expected text), so Playwright's round trips do not count. The projector
figure is wall time from the stored vote (WorkshopStore.votes.set_points in this process) until the
screen's "have voted" count changes, polled every animation frame.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, sync_playwright

from benchmarks import Timing, summarise
from benchmarks.report import Row
from benchmarks.seed import Seeded, Sizes
from benchmarks.server import (
    LANGUAGE,
    PROJECT_ROOT,
    STEP_TIMEOUT_MS,
    AppServer,
    app_server,
    launch,
    open_sessions,
    script_idle,
    trivial_app,
)
from kpi_logic import voting
from kpi_logic.i18n import t
from kpi_logic.links import room_url
from kpi_logic.store import WorkshopStore

CLICK_FACTOR_TARGET = 2.0
# Issue 14: a vote on the projector within 0.6 s (p95), once screens follow the change counter.
PROJECTOR_P95_TARGET_S = 0.6
TAPPED_CANDIDATES = 10
# Resolves with the milliseconds from the click until `done()` holds. `label` picks the metric
# whose value must read `expected`; without a label, a Markdown text must read `expected`.
CLICK_JS = """
async ([target, label, expected]) => {
  const texts = (selector) => [...document.querySelectorAll(selector)];
  const done = () => label
    ? texts('[data-testid="stMetric"]').some(m => m.textContent.includes(label)
        && m.querySelector('[data-testid="stMetricValue"]').textContent.trim() === expected)
    : texts('[data-testid="stMarkdownContainer"]').some(e => e.textContent.trim() === expected);
  const start = performance.now();
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (done()) { observer.disconnect(); resolve(performance.now() - start); }
    });
    observer.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
    setTimeout(() => { observer.disconnect(); reject(new Error("no change within 30 s")); }, 30000);
    target.click();
  });
}
"""
# True once the room screen's "who is done" line contains `expected` (any line, for "").
DONE_JS = """
(expected) => [...document.querySelectorAll('.room-done')].some(line => line.textContent.includes(expected))
"""


@dataclass(frozen=True)
class Variant:
    """One server setting's figures."""

    floor: Timing
    click: Timing
    projector: Timing
    floor_rss_mb: float
    app_rss_mb: float


def _click(page: Page, target: Locator, label: str | None, expected: str) -> float:
    script_idle(page)
    seconds = page.evaluate(CLICK_JS, [target.element_handle(), label, expected]) / 1000
    script_idle(page)
    return seconds


def floor_clicks(browser: Browser, server: AppServer, clicks: int) -> Timing:
    """Click to screen on the one-button app."""
    page = browser.new_context().new_page()
    page.goto(server.url)
    script_idle(page)
    button = page.get_by_test_id("stButton").get_by_role("button")
    _click(page, button, None, "Klicks: 1")  # warm-up
    return summarise([_click(page, button, None, f"Klicks: {number}") for number in range(2, clicks + 2)])


def _points_radio(page: Page, name: str, points: int) -> Locator:
    bold = page.locator("strong", has_text=re.compile(rf"^{re.escape(name)}$"))
    box = page.get_by_test_id("stMain").locator("[class*='st-key-ballot_candidate_']").filter(has=bold)
    group = box.get_by_test_id("stButtonGroup")
    return group.get_by_role("radio", name=str(points), exact=True)


def vote_clicks(browser: Browser, server: AppServer, seeded: Seeded, names: list[str], budget: int,
                clicks: int, participant: str) -> Timing:
    """A fresh participant taps 1 point on, then off, on ten candidates; until "points left" shows it."""
    (page,) = open_sessions(browser, server, seeded, [participant])
    label = t(LANGUAGE, "voting.points_left")
    given, durations = 0, []
    for number in range(clicks + 1):
        on = (number // TAPPED_CANDIDATES) % 2 == 0
        given += 1 if on else -1
        seconds = _click(page, _points_radio(page, names[number % TAPPED_CANDIDATES], int(on)), label,
                         str(budget - given))
        if number:  # the first click warms up
            durations.append(seconds)
    return summarise(durations)


def projector(browser: Browser, server: AppServer, seeded: Seeded, clicks: int, voter: str) -> Timing:
    """A stored "I'm done" until the room screen (what the projector shows) counts the new voter."""
    store = WorkshopStore(seeded.path)
    try:
        room_token = store.workshops.get(seeded.workshop_id).room_token
        page = browser.new_context(locale="de-CH", viewport={"width": 1280, "height": 720}).new_page()
        page.goto(room_url(server.url, room_token))
        page.wait_for_function(DONE_JS, arg="", polling="raf", timeout=STEP_TIMEOUT_MS)
        progress = voting.progress(store.participants.list(seeded.workshop_id))
        participant = store.participants.join(seeded.join_code, voter, "sales").id
        durations = []
        for number in range(clicks + 1):
            on = number % 2 == 0
            expected = t(LANGUAGE, "room.done", done=progress.done + int(on), total=progress.total + 1)
            started = time.perf_counter()
            store.participants.set_done(participant, on)
            page.wait_for_function(DONE_JS, arg=expected, polling="raf", timeout=STEP_TIMEOUT_MS)
            if number:
                durations.append(time.perf_counter() - started)
    finally:
        store.close()
    return summarise(durations)


def _candidate_names(seeded: Seeded) -> tuple[list[str], int]:
    store = WorkshopStore(seeded.path)
    try:
        names = [candidate.name for candidate in store.candidates.list(seeded.workshop_id)[:TAPPED_CANDIDATES]]
        return names, store.workshops.get(seeded.workshop_id).vote_budget
    finally:
        store.close()


def measure(browser: Browser, seeded: Seeded, sizes: Sizes, flags: tuple[str, ...], tag: str) -> Variant:
    """Floor, vote click and projector figures with one server setting."""
    names, budget = _candidate_names(seeded)
    with trivial_app() as script, app_server(script, seeded.path, *flags) as server:
        floor = floor_clicks(browser, server, sizes.clicks)
        floor_rss = server.rss_mb()
    with app_server(PROJECT_ROOT / "app.py", seeded.path, *flags) as server:
        click = vote_clicks(browser, server, seeded, names, budget, sizes.clicks, f"Klick {tag}")
        screen = projector(browser, server, seeded, sizes.clicks, f"Projektor {tag}")
        app_rss = server.rss_mb()
    return Variant(floor, click, screen, floor_rss, app_rss)


def rows_for(name: str, variant: Variant) -> list[Row]:
    factor = variant.click.median_ms / variant.floor.median_ms
    return [
        Row("6 browser", f"vote click → points on screen, {name}", variant.click.text(),
            f"one-button app {variant.floor.text()} → {factor:.1f}× floor",
            f"≤ {CLICK_FACTOR_TARGET:.0f}× floor", factor <= CLICK_FACTOR_TARGET),
        Row("6 browser", f"vote → projector screen, {name}", variant.projector.text(), "",
            f"p95 ≤ {PROJECTOR_P95_TARGET_S} s", variant.projector.p95_ms <= PROJECTOR_P95_TARGET_S * 1000),
        Row("6 browser", f"server memory after the clicks, {name}", f"app {variant.app_rss_mb:.0f} MB",
            f"one-button app {variant.floor_rss_mb:.0f} MB"),
    ]


def run(seeded: Seeded, sizes: Sizes) -> list[Row]:
    """Each post-run GC setting in `sizes`, Streamlit's default (true) first."""
    rows = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for collect in sizes.post_script_gc:
                setting = "true" if collect else "false"
                variant = measure(browser, seeded, sizes, ("--runner.postScriptGC", setting), f"gc{setting}")
                rows += rows_for(f"postScriptGC {setting}", variant)
        finally:
            browser.close()
    return rows


def shipped_setting(path: Path = PROJECT_ROOT / ".streamlit" / "config.toml") -> str:
    """What the app ships with, for the report."""
    text = path.read_text() if path.exists() else ""
    return "false" if re.search(r"postScriptGC\s*=\s*false", text) else "true (default)"

