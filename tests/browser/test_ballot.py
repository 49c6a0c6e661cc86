"""The phone ballot in a real browser at 390×844: accessible, points left in view, refusals beside the
KPI, "I'm done", closing followed without a tap, and a fast tap burst equal to what is stored."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, expect

from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.store import WorkshopStore
from tests.browser.conftest import SCREENSHOT_DIR, VIEWPORTS, screenshot
from tests.browser.helpers import (
    BALLOT_CANDIDATE_PREFIX,
    App,
    blocking_violations,
    close,
    kpi_name,
    new_app,
    script_idle,
)
from tests.support import FACILITATOR_PIN

pytestmark = pytest.mark.browser

CANDIDATES = ("win_rate", "cac", "cost_per_lead", "mql_to_sql_rate", "pipeline_velocity", "impressions",
              "churn_rate", "ltv_cac_ratio")
BUDGET, CAP = 5, 3
LOCALES = {"de": "de-CH", "en": "en-US"}
FOLLOW_TIMEOUT_MS = 15_000  # only "it follows": the speed is measured in `python -m benchmarks`
TAP_TARGET_PX = 44
# The ballot lives in the main area; Streamlit's own sidebar menu (<div>s inside its <ul>) is not the ballot's.
TAP_GAP_S = (0.01, 0.03)
SETTLE_S, POLL_S = 10, 0.25


@pytest.fixture(scope="module")
def room(server) -> Iterator[tuple[WorkshopStore, int]]:
    """A workshop with a goal and eight candidates, voting open."""
    store = WorkshopStore(server.db_path)
    workshop = store.workshops.create("Ballot test", facilitator_pin=FACILITATOR_PIN, language="de",
                                      results_hidden=False)
    store.goals.add(workshop.id, "Mehr Umsatz aus Neukunden")
    for catalog_id in CANDIDATES:
        store.candidates.add(workshop.id, catalog_id=catalog_id)
    store.workshops.open_voting(workshop.id)
    yield store, workshop.id


def join(browser, server, store: WorkshopStore, workshop_id: int, name: str, language: str) -> App:
    """A phone joins by the QR link and lands on its ballot."""
    app = new_app(browser, server, locale=LOCALES[language], viewport="phone")
    app.language = language
    app.open(f"?join={store.workshops.get(workshop_id).join_code}")
    form = app.form("start.join.submit")
    app.field("start.join.name", form).fill(name)
    app.choose("start.join.team", label(TEAM_LABELS, "marketing", language))
    form.get_by_role("button", name=app.t("start.join.submit"), exact=True).click()
    app.expect_page("voting")
    return app


def control(app: App, catalog_id: str) -> Locator:
    return app.points_control(kpi_name(catalog_id, app.language))


def candidate_box(app: App, catalog_id: str) -> Locator:
    """The tapped KPI's own container (its refusal shows in there)."""
    name = app.page.locator("strong", has_text=re.compile(rf"^{re.escape(kpi_name(catalog_id, app.language))}$"))
    return app.main.locator(f"[class*='st-key-{BALLOT_CANDIDATE_PREFIX}']").filter(has=name)


def tap(app: App, catalog_id: str, points: int) -> None:
    control(app, catalog_id).get_by_role("radio", name=str(points), exact=True).click()


def shown(app: App, catalog_id: str) -> int | None:
    """The points a control shows (0 when none is pressed); None while a rerun briefly shows two."""
    pressed = control(app, catalog_id).locator('[role="radio"][aria-checked="true"]').all_inner_texts()
    return int(pressed[0]) if len(pressed) == 1 else None if pressed else 0


def points_left(app: App) -> Locator:
    box = app.main.get_by_test_id("stMetric").filter(has_text=app.t("voting.points_left"))
    return box.get_by_test_id("stMetricValue")


def settled(app: App, store: WorkshopStore, person: int, workshop_id: int) -> tuple[dict, dict]:
    """What the phone shows and what is stored, once the two agree twice in a row (or SETTLE_S)."""
    ids = {c.id: c.catalog_id for c in store.candidates.list(workshop_id)}
    deadline = time.monotonic() + SETTLE_S
    agreed = 0
    while True:
        given = {ids[cid]: points for cid, points in store.votes.points_of(person).items()}
        stored = {cid: given.get(cid, 0) for cid in CANDIDATES} | {"left": BUDGET - sum(given.values())}
        seen = {cid: shown(app, cid) for cid in CANDIDATES} | {"left": int(points_left(app).inner_text())}
        agreed = agreed + 1 if seen == stored else 0
        if agreed == 2 or time.monotonic() > deadline:
            return seen, stored
        time.sleep(POLL_S)


@pytest.fixture
def phone(browser, server, room) -> Iterator:
    """Join phones by name and language: (their tab, their participant id); closed after the test."""
    store, workshop_id = room
    opened: list[App] = []

    def joined(name: str, language: str) -> tuple[App, int]:
        opened.append(join(browser, server, store, workshop_id, name, language))
        return opened[-1], next(p.id for p in store.participants.list(workshop_id) if p.name == name)

    yield joined
    for app in opened:
        close(app)


@pytest.mark.parametrize("language", ["de", "en"])
def test_phone_ballot_is_accessible_keeps_points_left_in_view_and_has_thumb_sized_buttons(phone, language):
    app, _ = phone(f"Axe {language}", language)
    expect(points_left(app)).to_have_text(str(BUDGET))
    assert blocking_violations(app.page) == []
    box = control(app, CANDIDATES[0]).get_by_role("radio").first.bounding_box()
    assert box["width"] >= TAP_TARGET_PX and box["height"] >= TAP_TARGET_PX, box
    control(app, CANDIDATES[-1]).scroll_into_view_if_needed()
    expect(points_left(app)).to_be_in_viewport()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    app.page.screenshot(path=str(SCREENSHOT_DIR / f"ballot-390-{language}-scrolled.png"))
    screenshot(app.page, f"ballot-390-{language}")
    app.resize(VIEWPORTS["desktop"])
    assert blocking_violations(app.page) == []


def test_refused_tap_is_said_beside_the_kpi_and_the_control_goes_back(phone, room):
    store, workshop_id = room
    app, person = phone("Rita", "en")
    ids = {c.catalog_id: c.id for c in store.candidates.list(workshop_id)}
    tap(app, "win_rate", 3)
    expect(points_left(app)).to_have_text(str(BUDGET - 3))
    script_idle(app.page)
    # 2 left: 3 on another KPI would overspend.
    tap(app, "cac", 3)
    expect(candidate_box(app, "cac").get_by_text(app.t("voting.refused", reason="")[:10])).to_be_visible()
    assert store.votes.points_of(person) == {ids["win_rate"]: 3}
    expect(control(app, "cac").locator('[role="radio"][aria-checked="true"]')).to_have_count(0)


def test_done_and_closing_are_followed_on_the_phone_without_a_tap(phone, room):
    store, workshop_id = room
    app, person = phone("Dora", "en")
    app.button("voting.done").click()
    expect(app.text("voting.done.state")).to_be_visible()
    assert store.participants.get(person).done
    app.button("voting.undone").click()
    expect(app.button("voting.done")).to_be_visible()
    assert not store.participants.get(person).done
    script_idle(app.page)
    store.workshops.close_voting(workshop_id)
    try:
        expect(app.text("voting.closed")).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
        expect(control(app, "win_rate").get_by_role("radio").first).to_be_disabled(timeout=FOLLOW_TIMEOUT_MS)
    finally:
        store.workshops.open_voting(workshop_id)


def test_fast_tap_burst_on_the_phone_equals_the_database(phone, room):
    store, workshop_id = room
    app, person = phone("Fritz", "de")
    burst = [1, 3, 2, 0, 3, 1, 2, 3, 0, 2]
    for number, points in enumerate(burst):
        tap(app, "win_rate", points)
        time.sleep(TAP_GAP_S[number % 2])
    # Then across KPIs, more than the budget allows: some taps are refused.
    for catalog_id, points in (("cac", 2), ("cost_per_lead", 3), ("impressions", 1), ("cac", 1)):
        tap(app, catalog_id, points)
        time.sleep(TAP_GAP_S[0])
    script_idle(app.page)
    seen, stored = settled(app, store, person, workshop_id)
    assert seen == stored


def test_a_double_tap_on_a_value_keeps_it(phone, room):
    """Phones double-tap; the second tap on the lit value must not take the points back."""
    store, workshop_id = room
    app, person = phone("Doppel", "de")
    ids = {c.catalog_id: c.id for c in store.candidates.list(workshop_id)}
    control(app, "win_rate").get_by_role("radio", name="2", exact=True).dblclick()
    script_idle(app.page)
    tap(app, "win_rate", 2)
    script_idle(app.page)
    assert store.votes.points_of(person) == {ids["win_rate"]: 2}
    expect(points_left(app)).to_have_text(str(BUDGET - 2))
