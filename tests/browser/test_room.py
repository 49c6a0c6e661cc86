"""The live room, played in real browsers: a facilitator and the projector's room screen on desktops,
eight phones (390×844) in German and English joining by the QR link and by typed code, reloads
mid-vote, a ninth device trying a taken name, blind voting, "I'm done", the countdown and the reveal.

The facilitator's actions that the room watches (countdown, reveal) go through the store, as the
facilitator page would make them; what the test checks is what every screen does with them.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Locator, expect

from kpi_logic.demo import create_demo
from kpi_logic.domain import TEAM_LABELS, label
from kpi_logic.links import join_url, room_url
from kpi_logic.store import WorkshopStore
from tests.browser.conftest import screenshot
from tests.browser.helpers import App, blocking_violations, close, kpi_name, new_app, script_idle
from tests.support import FACILITATOR_PIN

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
PHONE = {"width": 390, "height": 844}
# Who joins: four by the QR link, four by typing the code; half of them read German.
PEOPLE: tuple[tuple[str, str, str, bool], ...] = (
    ("Anna", "marketing", "de-CH", True), ("Ben", "sales", "en-US", True),
    ("Chiara", "marketing", "en-US", True), ("Dario", "sales", "de-CH", True),
    ("Elif", "marketing", "de-CH", False), ("Fabian", "sales", "en-US", False),
    ("Gina", "sales", "de-CH", False), ("Hugo", "marketing", "en-US", False),
)
# How long a screen may take to follow the facilitator here. The speed (≤ 1 s p95) is measured in
# `python -m benchmarks`; this test plays ten browsers on the server's two cores, where eight phones
# drawing the ranking at once compete with the server, so it only asks that every screen gets there.
FOLLOW_TIMEOUT_MS = 30_000
COUNTDOWN_S = 30  # the shortest countdown the facilitator can start


@dataclass
class Room:
    store: WorkshopStore
    workshop_id: int
    join_code: str
    facilitator: App
    projector: App
    phones: dict[str, App] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)  # uncaught errors in any screen's page (a blank screen)


def watch_errors(room: Room, app: App, name: str) -> None:
    """Note every uncaught error of this screen's page: Streamlit blanks a page that throws one."""
    app.page.on("pageerror", lambda error: room.errors.append(f"{name} at {app.page.url}: {error}"))


def language_of(locale: str) -> str:
    return locale[:2]


@pytest.fixture(scope="module")
def room(browser, server) -> Iterator[Room]:
    """A fresh workshop (goal and candidates from the demo's catalogue picks, voting closed, blind by
    default), the facilitator unlocked in a desktop browser and the room screen on the projector."""
    store = WorkshopStore(server.db_path)
    demo = create_demo(store, "en")
    workshop = store.workshops.create("Raum-Test", facilitator_pin=FACILITATOR_PIN, language="en", voting_open=False)
    store.goals.add(workshop.id, "More revenue from new customers")
    for candidate in store.candidates.list(demo.id)[:6]:
        store.candidates.add(workshop.id, catalog_id=candidate.catalog_id)
    facilitator = new_app(browser, server)
    facilitator.open()
    facilitator.main.get_by_role("tab", name=facilitator.t("start.tab.unlock")).click()
    form = facilitator.form("start.unlock.submit")
    facilitator.field("start.join.code", form).fill(workshop.join_code)
    facilitator.field("start.unlock.pin", form).fill(FACILITATOR_PIN)
    form.get_by_role("button", name=facilitator.t("start.unlock.submit"), exact=True).click()
    expect(facilitator.sidebar.get_by_text(facilitator.t("role.facilitator"), exact=False)).to_be_visible()
    projector = App(browser.new_context(viewport=PROJECTOR, locale="de-CH").new_page(), server.url, "de")
    projector.page.goto(room_url(server.url, workshop.room_token))
    expect(projector.page.get_by_text(workshop.join_code, exact=True).first).to_be_visible(timeout=30_000)
    played = Room(store, workshop.id, workshop.join_code, facilitator, projector)
    watch_errors(played, projector, "projector")
    yield played
    for app in (facilitator, projector, *played.phones.values()):
        close(app)


def join(room: Room, browser, server, name: str, team: str, locale: str, by_link: bool) -> App:
    """A phone joins: by the QR code's link (the code filled in) or by typing the code itself."""
    app = App(browser.new_context(viewport=PHONE, locale=locale).new_page(), server.url, language_of(locale))
    watch_errors(room, app, name)
    app.open(join_url("", room.join_code).lstrip("/") if by_link else "")
    form = app.form("start.join.submit")
    if not by_link:
        app.field("start.join.code", form).fill(room.join_code.lower())
    if name == PEOPLE[0][0]:  # the join form, before anyone is in, on a German phone
        assert blocking_violations(app.page) == []
    app.field("start.join.name", form).fill(name)
    app.choose("start.join.team", label(TEAM_LABELS, team, app.language))
    form.get_by_role("button", name=app.t("start.join.submit"), exact=True).click()
    app.expect_page("voting")
    return app


def test_eight_phones_join_by_link_and_by_code_in_both_languages(room, browser, server):
    for name, team, locale, by_link in PEOPLE:
        room.phones[name] = join(room, browser, server, name, team, locale, by_link)
    names = sorted(person.name for person in room.store.participants.list(room.workshop_id))
    assert names == sorted(name for name, *_ in PEOPLE)
    assert all("seat=" in phone.page.url for phone in room.phones.values())


def test_a_ninth_device_with_a_taken_name_is_refused(room, browser, server):
    app = App(browser.new_context(viewport=PHONE, locale="en-US").new_page(), server.url, "en")
    app.open(join_url("", room.join_code).lstrip("/"))
    form = app.form("start.join.submit")
    app.field("start.join.name", form).fill("anna")
    app.choose("start.join.team", label(TEAM_LABELS, "sales", "en"))
    form.get_by_role("button", name=app.t("start.join.submit"), exact=True).click()
    expect(app.main.get_by_text(app.t("errors.name_taken"))).to_be_visible()
    assert len(room.store.participants.list(room.workshop_id)) == len(PEOPLE)
    close(app)


def test_the_facilitator_survives_a_reload_without_typing_the_pin_again(room):
    room.facilitator.page.reload()
    expect(room.facilitator.sidebar.get_by_text(room.facilitator.t("role.facilitator"), exact=False)).to_be_visible(
        timeout=30_000
    )
    assert "device=" in room.facilitator.page.url


def test_two_phones_reload_mid_vote_and_come_back_to_the_same_page_as_the_same_person(room):
    room.store.workshops.open_voting(room.workshop_id)
    last = room.store.candidates.list(room.workshop_id)[-1].catalog_id
    for name in ("Anna", "Ben"):
        phone = room.phones[name]
        phone.expect_page("voting")
        points_on(phone, last).get_by_role("radio", name="2", exact=True).click()
        script_idle(phone.page)
        phone.page.reload()
        phone.expect_page("voting")
        expect(phone.page.get_by_role("dialog")).to_have_count(0)  # no "Page not found" modal
        # The same votes: the control shows the 2 points given before the reload.
        expect(points_on(phone, last).get_by_role("radio", name="2", exact=True)).to_have_attribute(
            "aria-checked", "true")
        assert "/voting" in phone.page.url and "seat=" in phone.page.url
        # The folded menu names who this phone is.
        expect(phone.sidebar.get_by_text(name, exact=False).first).to_be_attached()


def points_on(phone: App, catalog_id: str) -> Locator:
    return phone.points_control(kpi_name(catalog_id, phone.language))


def test_blind_by_default_the_room_shows_only_progress_while_phones_vote_and_say_done(room):
    first = room.store.candidates.list(room.workshop_id)[0].catalog_id
    for name in ("Anna", "Ben", "Chiara", "Dario"):
        phone = room.phones[name]
        points_on(phone, first).get_by_role("radio", name="1", exact=True).click()
        script_idle(phone.page)
        phone.main.get_by_role("button", name=phone.t("voting.done"), exact=True).click()
        script_idle(phone.page)
    done = room.projector.t("room.done", done=4, total=len(PEOPLE))
    expect(room.projector.page.get_by_text(done).first).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
    expect(room.projector.page.get_by_text(room.projector.t("room.blind")).first).to_be_visible()
    expect(room.projector.page.get_by_test_id("stVegaLiteChart")).to_have_count(0)
    screenshot(room.projector.page, "room-blind-de-1280")


def test_a_fast_tap_burst_on_a_reloaded_phone_equals_the_database(room):
    phone = room.phones["Ben"]
    second = room.store.candidates.list(room.workshop_id)[1]
    for points in (1, 2, 0, 2, 1):
        points_on(phone, second.catalog_id).get_by_role("radio", name=str(points), exact=True).click()
        time.sleep(0.02)
    script_idle(phone.page)
    person = next(p for p in room.store.participants.list(room.workshop_id) if p.name == "Ben")
    expect(points_on(phone, second.catalog_id).locator('[role="radio"][aria-checked="true"]')).to_have_text("1")
    assert room.store.votes.points_of(person.id).get(second.id) == 1


def test_the_ballot_and_the_room_pass_axe_on_a_phone_and_a_projector(room):
    for name in ("Anna", "Ben"):  # one German, one English ballot at 390 px
        phone = room.phones[name]
        assert blocking_violations(phone.page) == [], name
        screenshot(phone.page, f"room-ballot-{phone.language}-390")
    assert blocking_violations(room.projector.page) == []


def test_the_countdown_closes_the_vote_on_every_phone_without_a_tap(room):
    room.store.workshops.start_countdown(room.workshop_id, COUNTDOWN_S)
    expect(room.projector.page.get_by_text(re.compile(r"\d+:\d\d")).first).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
    for phone in room.phones.values():  # at the bottom of the phone's screen, whatever page it shows
        expect(phone.page.get_by_test_id("stBottom").get_by_text(re.compile(r"\d+:\d\d"))).to_be_visible(
            timeout=FOLLOW_TIMEOUT_MS)
    shots = {phone.language: phone for phone in room.phones.values()}
    for language, phone in shots.items():
        screenshot(phone.page, f"room-countdown-{language}-390")
    # It counts down second by second (in the browser: nothing ticks on the server).
    bottom = next(iter(shots.values())).page.get_by_test_id("stBottom")
    shown = bottom.inner_text()
    expect(bottom).not_to_have_text(shown, timeout=3_000)
    deadline = time.monotonic() + COUNTDOWN_S + 5
    while room.store.workshops.get(room.workshop_id).voting_open and time.monotonic() < deadline:
        time.sleep(0.5)
    for phone in room.phones.values():
        closed = phone.main.get_by_text(phone.t("voting.closed.time_up"))
        expect(closed.or_(phone.main.get_by_text(phone.t("voting.closed")))).to_be_visible(
            timeout=FOLLOW_TIMEOUT_MS)
    assert room.errors == []


def test_the_reveal_shows_the_ranking_on_the_projector_and_every_phone_without_reload(room):
    for screen in (room.projector, *room.phones.values()):
        screen.page.evaluate("() => { window.notReloaded = true; }")
    room.facilitator.go("facilitate")
    room.facilitator.button("facilitate.reveal.button").click()
    expect(room.projector.page.get_by_test_id("stVegaLiteChart").first).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
    screenshot(room.projector.page, "room-revealed-de-1280")
    screenshot(room.phones["Anna"].page, "room-revealed-phone-de-390")
    for phone in room.phones.values():
        # The phase moved to the shortlist: phones follow to the ranking.
        expect(phone.page).to_have_url(re.compile(r"/results\?"), timeout=FOLLOW_TIMEOUT_MS)
        expect(phone.main.get_by_test_id("stVegaLiteChart").first).to_be_visible(timeout=FOLLOW_TIMEOUT_MS)
    for screen in (room.projector, *room.phones.values()):
        assert screen.page.evaluate("() => window.notReloaded === true"), "the screen was reloaded"
        expect(screen.page.get_by_role("dialog")).to_have_count(0)
    assert room.errors == []


def test_the_room_screen_reads_in_english_too(room, browser, server):
    english = App(browser.new_context(viewport=PROJECTOR, locale="en-US").new_page(), server.url, "en")
    try:
        english.page.goto(room_url(server.url, room.store.workshops.get(room.workshop_id).room_token))
        expect(english.page.get_by_text(room.join_code, exact=True).first).to_be_visible(timeout=30_000)
        expect(english.page.get_by_test_id("stVegaLiteChart").first).to_be_visible()
        screenshot(english.page, "room-revealed-en-1280")
        assert blocking_violations(english.page) == []
    finally:
        close(english)


def test_the_share_view_passes_axe_on_a_phone(room, browser, server):
    viewer = App(browser.new_context(viewport=PHONE, locale="de-CH").new_page(), server.url, "de")
    try:
        viewer.open(f"?share={room.store.workshops.get(room.workshop_id).share_token}")
        assert blocking_violations(viewer.page) == []
        screenshot(viewer.page, "share-viewer-de-390")
    finally:
        close(viewer)
