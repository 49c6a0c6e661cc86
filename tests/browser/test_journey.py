"""The whole workshop in a real browser: a facilitator and two participants at once, then the demo.

The tests of this module run in order against one server: each step builds on what the previous one
left (a workshop, votes, a closed vote, a shortlist), as in a real workshop.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Locator, expect

from kpi_logic.catalog import catalog_by_id
from kpi_logic.domain import LANGUAGES, TEAM_LABELS, label
from kpi_logic.shortlist import ERROR, WARNING, check
from kpi_logic.shortlist_view import goal_refs, shortlist_items
from kpi_logic.domain import CANDIDATE_STATUSES
from kpi_logic.store import WorkshopStore
from tests.browser.conftest import VIEWPORTS, screenshot
from tests.browser.helpers import page_keys, App, close, kpi_name, new_app, script_idle
from tests.support import FACILITATOR_PIN
from ui.nav import PAGES, START

pytestmark = pytest.mark.browser

CANDIDATES = ("win_rate", "cost_per_lead", "mql_to_sql_rate", "pipeline_velocity", "impressions")
GOAL = {"words.goal": "Mehr Umsatz aus Neukunden", "words.metric": "Neukundenumsatz CHF",
        "words.baseline": "400000", "words.target": "520000"}
BUDGET, CAP = 5, 3  # the create form's defaults
LIVE_WITHIN_S = 3
TAP_GAP_S = (0.01, 0.03)  # a fast thumb: taps 10–30 ms apart
LOCALES = {"de": "de-CH", "en": "en-US"}
SETTLE_S, POLL_S = 10, 0.25


@dataclass(frozen=True)
class Voter:
    name: str
    team: str
    viewport: str


MARKETING = Voter("Mara Muster", "marketing", "phone")
SALES = Voter("Samuel Keller", "sales", "desktop")


@dataclass
class Journey:
    """The facilitator's tab and the workshop it created."""

    app: App
    store: WorkshopStore
    workshop_id: int
    join_code: str

    @property
    def workshop(self):
        return self.store.workshops.get(self.workshop_id)


def save_facilitation(app: App, phase: str | None = None, **switches: bool) -> None:
    """On the facilitation page, set the phase and flip switches (by their text keys): each acts at once."""
    app.go("facilitate")
    if phase is not None:
        app.choose("facilitate.settings.phase", app.t(f"start.phase.{phase}"))
        script_idle(app.page)
    for key, on in switches.items():
        app.set_switch(f"facilitate.settings.{key}", on)
        script_idle(app.page)


@pytest.fixture(scope="module")
def journey(browser, server) -> Iterator[Journey]:
    """The facilitator creates a workshop with the start page's form, adds a goal and candidates,
    and opens the vote — all through the pages."""
    app = new_app(browser, server)
    app.open()
    app.main.get_by_role("tab", name=app.t("start.tab.create")).click()
    app.field("start.create.name").fill("KPI-Workshop Herbst")
    app.field("start.create.company").fill("Muster Treuhand AG")
    app.field("start.create.pin").fill(FACILITATOR_PIN)
    app.field("start.create.pin_confirm").fill(FACILITATOR_PIN)
    app.button("start.create.submit").click()
    code_box = app.main.get_by_test_id("stMetric").filter(has_text=app.t("start.invite.code"))
    expect(code_box.get_by_test_id("stMetricValue")).to_have_text(re.compile(r"^\s*\w{6}\s*$"))
    join_code = code_box.get_by_test_id("stMetricValue").inner_text().strip()

    app.go("goals")
    for key, value in GOAL.items():
        app.field(key).fill(value)
    app.button("goals.add.submit").click()
    expect(app.main.get_by_test_id("stDataFrame")).to_be_visible()

    app.go("voting")
    app.main.get_by_role("radio", name=app.t("voting.section.catalog")).click()
    for catalog_id in CANDIDATES:
        app.choose("voting.add_many", kpi_name(catalog_id))
    app.button("voting.add_many.submit").click()
    expect(app.page.get_by_text(app.t("voting.added", count=len(CANDIDATES)))).to_be_visible()

    # Voting starts open; the facilitator moves the workshop to the voting phase with live totals.
    save_facilitation(app, phase="voting", voting_open=True, blind=False)

    store = WorkshopStore(server.db_path)
    workshop = store.workshops.by_join_code(join_code)
    yield Journey(app, store, workshop.id, join_code)
    close(app)


@pytest.fixture(scope="module")
def voters(browser, server, journey) -> Iterator[dict[str, App]]:
    """Marketing and sales join in their own browser contexts through the join link."""
    apps = {}
    for voter in (MARKETING, SALES):
        app = new_app(browser, server, viewport=voter.viewport)
        app.open(f"?join={journey.join_code.lower()}")
        form = app.form("start.join.submit")
        expect(app.field("start.join.code", form)).to_have_value(journey.join_code.lower())
        app.field("start.join.name", form).fill(voter.name)
        app.choose("start.join.team", label(TEAM_LABELS, voter.team, app.language))
        form.get_by_role("button", name=app.t("start.join.submit"), exact=True).click()
        app.expect_page("voting")
        apps[voter.team] = app
    yield apps
    for app in apps.values():
        close(app)


def participant_id(journey: Journey, voter: Voter) -> int:
    return next(p.id for p in journey.store.participants.list(journey.workshop_id) if p.name == voter.name)


def seen_points(app: App, catalog_id: str) -> int:
    """The points a candidate's control shows: its pressed button, 0 when none is (untouched KPIs are unlit)."""
    pressed = app.points_control(kpi_name(catalog_id)).locator('[role="radio"][aria-checked="true"]').all_inner_texts()
    return int(pressed[0]) if len(pressed) == 1 else -1 if pressed else 0  # -1: a rerun briefly shows two


def tap(app: App, catalog_id: str, points: int) -> None:
    app.points_control(kpi_name(catalog_id)).get_by_role("radio", name=str(points), exact=True).click()


def points_left(app: App) -> Locator:
    box = app.main.get_by_test_id("stMetric").filter(has_text=app.t("voting.points_left"))
    return box.get_by_test_id("stMetricValue")


def settled_ballot(app: App, journey: Journey, person: int) -> tuple[dict[str, int], dict[str, int]]:
    """What the ballot shows and what is stored, per KPI plus "left", once both stop changing.

    Taps that arrive during a rerun are merged into the next one, so the page may still be catching
    up: compare until the two agree on two reads in a row, or give up after SETTLE_S.
    """
    names = {c.id: c.catalog_id for c in journey.store.candidates.list(journey.workshop_id)}
    deadline = time.monotonic() + SETTLE_S
    agreed = 0
    while True:
        stored = {names[cid]: points for cid, points in journey.store.votes.points_of(person).items()}
        stored = {cid: stored.get(cid, 0) for cid in CANDIDATES} | {"left": BUDGET - sum(stored.values())}
        seen = {cid: seen_points(app, cid) for cid in CANDIDATES}
        seen["left"] = int(points_left(app).inner_text())
        agreed = agreed + 1 if seen == stored else 0
        if agreed == 2 or time.monotonic() > deadline:
            return seen, stored
        time.sleep(POLL_S)


def test_facilitator_creates_a_workshop_with_a_goal_and_candidates_and_opens_the_vote(journey):
    workshop = journey.workshop
    assert (workshop.name, workshop.vote_budget, workshop.per_kpi_cap) == ("KPI-Workshop Herbst", BUDGET, CAP)
    assert workshop.voting_open and workshop.phase == "voting" and not workshop.results_hidden
    assert [goal.title for goal in journey.store.goals.list(journey.workshop_id)] == [GOAL["words.goal"]]
    candidates = journey.store.candidates.list(journey.workshop_id)
    assert sorted(c.catalog_id for c in candidates) == sorted(CANDIDATES)
    # The facilitation page ends with the invitation for the projector.
    expect(journey.app.main.get_by_text(journey.join_code, exact=True)).to_be_visible()


def test_participants_join_by_link_and_fast_taps_show_what_is_stored(journey, voters):
    app = voters[MARKETING.team]
    person = participant_id(journey, MARKETING)
    expect(points_left(app)).to_have_text(str(BUDGET))
    # Ten taps on one KPI, 10–30 ms apart. Streamlit merges taps that arrive during a rerun; the
    # last tap must win, and the ballot must then show what is stored.
    burst = [1, 3, 2, 0, 3, 1, 2, 3, 0, 2]
    for number, points in enumerate(burst):
        tap(app, "win_rate", points)
        time.sleep(TAP_GAP_S[number % 2])
    script_idle(app.page)
    assert settled_ballot(app, journey, person)[1]["win_rate"] == burst[-1]
    # Then across KPIs, more than the budget allows in total: some taps must be refused.
    for catalog_id, points in (("cost_per_lead", 2), ("mql_to_sql_rate", 3), ("pipeline_velocity", 1),
                               ("cost_per_lead", 1), ("impressions", 3)):
        tap(app, catalog_id, points)
        time.sleep(TAP_GAP_S[0])
    script_idle(app.page)
    seen, stored = settled_ballot(app, journey, person)
    assert seen == stored, f"the ballot shows {seen}, the database holds {stored}"
    assert 0 < sum(stored.values()) <= BUDGET
    screenshot(app.page, f"voting-participant-{app.language}-{VIEWPORTS[MARKETING.viewport]['width']}")


def done_count(app: App) -> Locator:
    box = app.main.get_by_test_id("stMetric").filter(has_text=app.t("results.done_count"))
    return box.get_by_test_id("stMetricValue")


def ranking_bar(app: App, catalog_id: str, team: str, points: int) -> Locator:
    """A bar of the ranking chart, found by the label Vega gives it: "Points: 3; KPI: 1. Win rate; …"."""
    starts = f"{app.t('results.chart.points')}: {points}; {app.t('results.chart.kpi')}: "
    holds = (f" {kpi_name(catalog_id, app.language)}; "
             f"{app.t('results.chart.team')}: {label(TEAM_LABELS, team, app.language)};")
    chart = app.main.get_by_test_id("stVegaLiteChart").first
    return chart.locator(f'[aria-label^="{starts}"][aria-label*="{holds}"]')


def test_results_page_shows_a_new_vote_within_three_seconds_without_reload(journey, voters):
    facilitator, store = journey.app, journey.store
    facilitator.go("results")
    before = sum(1 for person in store.participants.list(journey.workshop_id) if person.done)
    expect(done_count(facilitator)).to_have_text(facilitator.t("room.done", done=before, total=2))
    facilitator.page.evaluate("() => { window.notReloaded = true; }")  # a reload would drop it
    sales = voters[SALES.team]
    tap(sales, "win_rate", 3)
    started = time.monotonic()
    expect(ranking_bar(facilitator, "win_rate", SALES.team, 3)).to_have_count(1, timeout=LIVE_WITHIN_S * 1000)
    assert time.monotonic() - started <= LIVE_WITHIN_S
    sales.main.get_by_role("button", name=sales.t("voting.done"), exact=True).click()
    started = time.monotonic()
    expect(done_count(facilitator)).to_have_text(
        facilitator.t("room.done", done=before + 1, total=2), timeout=LIVE_WITHIN_S * 1000
    )
    assert time.monotonic() - started <= LIVE_WITHIN_S
    assert facilitator.page.evaluate("() => window.notReloaded === true")
    done_names = facilitator.main.get_by_test_id("stMarkdownContainer").filter(
        has_text=re.compile(rf"^{re.escape(facilitator.t('results.done'))}:")
    )
    expect(done_names).to_contain_text(SALES.name)
    win_rate = next(c.id for c in store.candidates.list(journey.workshop_id) if c.catalog_id == "win_rate")
    assert store.votes.points_of(participant_id(journey, SALES)) == {win_rate: 3}


def test_blind_mode_hides_totals_from_participants_until_the_reveal(journey, voters):
    app, phone = journey.app, voters[MARKETING.team]
    save_facilitation(app, blind=True)
    phone.go("results")
    expect(phone.main.get_by_text(phone.t("results.blind"))).to_be_visible()
    expect(phone.main.get_by_test_id("stVegaLiteChart")).to_have_count(0)
    save_facilitation(app, voting_open=False)
    phone.go("results")
    expect(phone.main.get_by_test_id("stVegaLiteChart")).to_have_count(0)  # closed is not revealed
    app.go("facilitate")
    app.button("facilitate.reveal.button").click()
    script_idle(app.page)
    expect(phone.main.get_by_test_id("stVegaLiteChart").first).to_be_visible(timeout=LIVE_WITHIN_S * 1000)
    expect(phone.main.get_by_text(phone.t("results.blind"))).to_have_count(0)


def counted(app: App, kind: str, count: int) -> str:
    return app.t(f"shortlist.count.{kind}", count=count)


def test_a_shortlist_of_four_shows_its_checks(journey):
    app = journey.app
    app.go("shortlist")
    # The top four are prefilled but for a tie at the cut, which is the facilitator's to settle.
    expect(app.main.get_by_text(app.t("shortlist.pick.tie", n=4, names="", points=0).split(":")[0])).to_be_visible()
    app.choose("shortlist.pick.label", app.t("shortlist.pick.option", rank=4, name=kpi_name("impressions"), count=0))
    script_idle(app.page)
    store, workshop_id = journey.store, journey.workshop_id
    for _ in range(3):  # a click that lands while the page reruns can be dropped by Streamlit
        app.button("shortlist.pick.save").click()
        script_idle(app.page)
        if len(store.shortlist.list(workshop_id)) == 4:
            break
    expect(app.main.get_by_text(counted(app, "kpis", 4)).first).to_be_visible()
    entries = store.shortlist.list(workshop_id)
    assert len(entries) == 4
    items = shortlist_items(entries, store.candidates.list(workshop_id, statuses=CANDIDATE_STATUSES),
                            catalog_by_id(), app.language)
    findings = check(items, goal_refs(store.goals.list(workshop_id)))
    severities = [finding.severity for finding in findings]
    assert ERROR in severities, "a shortlist without owners and targets must draw errors"
    summary = app.t("shortlist.summary", kpis=counted(app, "kpis", 4),
                    errors=counted(app, "errors", severities.count(ERROR)),
                    warnings=counted(app, "warnings", severities.count(WARNING)))
    expect(app.main.get_by_text(summary, exact=True)).to_be_visible()
    alerts = app.main.get_by_test_id("stAlert")
    for finding in (finding for finding in findings if finding.item_key is None):  # shortlist-wide
        expect(alerts.filter(has_text=finding.message.get(app.language)).first).to_be_visible()
    # Each KPI's own findings are its row of the checklist, the reasons behind it one tap away.
    expect(app.main.get_by_test_id("stExpander")).to_have_count(4)
    for entry in entries:
        expect(app.main.get_by_text(entry.name).first).to_be_visible()
    # The facilitator edits the details in a grid: the share test's check can see editable cells.
    expect(app.editable_cells().first).to_be_attached()


def test_share_link_opens_read_only_with_nothing_that_writes(journey, browser, server):
    # The facilitator's share page has its import form: the check below can see writing widgets.
    journey.app.go("share")
    expect(journey.app.writing_widgets().first).to_be_visible()
    viewer = new_app(browser, server)
    try:
        viewer.open(f"?share={journey.workshop.share_token}")
        expect(viewer.main.get_by_role("heading", name=journey.workshop.name).first).to_be_visible()
        for entry in journey.store.shortlist.list(journey.workshop_id):
            expect(viewer.main.get_by_text(entry.name).first).to_be_visible()
        expect(viewer.main.get_by_test_id("stDownloadButton").first).to_be_visible()
        # Only the choice of Excel's number format for the download, a view setting, is a control.
        expect(viewer.writing_widgets().filter(has_not_text=viewer.t("share.csv_dialect"))).to_have_count(0)
        expect(viewer.editable_cells()).to_have_count(0)
        for page_key in page_keys():  # the menu offers a viewer nothing but the share page
            if page_key != "share":
                expect(viewer.page.get_by_role("link", name=viewer.title(page_key), exact=True)).to_have_count(0)
    finally:
        close(viewer)


# Every page the menu offers; the room screen opens by its own link (tests/browser/test_room.py).
MENU_PAGES = tuple(spec for spec in (START, *PAGES) if spec.key != "room")


@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_opens_in_one_click_and_every_page_renders_in_both_languages(browser, server, language):
    """The demo in the browser's language, each page captured on a projector and a phone, then
    every page again after switching the language in the sidebar."""
    app = new_app(browser, server, locale=LOCALES[language])
    app.language = language
    try:
        app.open()
        for size in VIEWPORTS.values():  # the first thing a newcomer sees
            app.resize(size)
            screenshot(app.page, f"start-fresh-{language}-{size['width']}")
        app.resize(VIEWPORTS["desktop"])
        app.button("start.demo.button").click()
        app.expect_page("results")
        for spec in MENU_PAGES:
            app.go(spec.key)
            expect(app.errors()).to_have_count(0)
            for size in VIEWPORTS.values():
                app.resize(size)
                screenshot(app.page, f"{spec.key}-{language}-{size['width']}")
            app.resize(VIEWPORTS["desktop"])
        app.switch_language(next(other for other in LANGUAGES if other != language))
        for spec in MENU_PAGES:
            app.go(spec.key)
            expect(app.errors()).to_have_count(0)
    finally:
        close(app)
