"""Room screen: join code and QR for latecomers, progress, countdown; blind shows only progress."""

from __future__ import annotations

import json
import time

import pytest
from streamlit.testing.v1 import AppTest

from kpi_logic.i18n import t
from kpi_logic.links import ROOM_PARAM
from kpi_logic.store import WorkshopStore
from tests.support import PROJECT_ROOT, APP_TIMEOUT_S, page_app
from ui import session

PAGE = "pages/room.py"
CHURN = "Churn rate"


def _room_link(workshop, language: str = "en") -> AppTest:
    """The room screen as a projector opens it: by the room link, no session before."""
    app = AppTest.from_file(str(PROJECT_ROOT / PAGE), default_timeout=APP_TIMEOUT_S)
    app.session_state[session.LANGUAGE] = language
    app.query_params[ROOM_PARAM] = workshop.room_token
    return app.run()


def _html(app) -> str:
    """The room's texts (its style sheet left out)."""
    return "\n".join(element.proto.body for element in app.get("html") if not element.proto.body.startswith("<style"))


def _ranking(app) -> list[str]:
    charts = app.get("vega_lite_chart")
    return json.loads(charts[0].proto.spec)["encoding"]["y"]["sort"] if charts else []


@pytest.fixture
def room(voting_room):
    return voting_room


def _vote(store, people, candidates, points) -> None:
    for person, (on_first, on_second) in zip(people, points):
        store.votes.set_points(person.id, candidates[0], on_first)
        store.votes.set_points(person.id, candidates[1], on_second)
        store.participants.set_done(person.id, True)


@pytest.mark.parametrize("language", ["de", "en"])
def test_room_link_shows_join_code_qr_link_and_who_is_done(store, room, language):
    workshop, candidates, people = room
    _vote(store, people[:2], candidates, [(2, 1), (1, 0)])
    app = _room_link(workshop, language)
    assert not app.exception
    shown = _html(app)
    assert workshop.join_code in shown and f"/?join={workshop.join_code}" in shown
    assert app.get("image")
    assert t(language, "room.done", done=2, total=3) in shown
    assert not app.sidebar.children or not any(app.sidebar.get("button"))


def test_done_counts_who_said_so_not_who_gave_a_point(store, room):
    workshop, candidates, people = room
    store.votes.set_points(people[2].id, candidates[0], 1)
    store.participants.set_done(people[0].id, True)
    assert t("en", "room.done", done=1, total=3) in _html(_room_link(workshop))


def test_the_facilitators_own_ballot_is_not_counted(store, room):
    workshop, _, _ = room
    store.workshops.update_settings(workshop.id, facilitator_votes=True)
    store.participants.facilitator(workshop.id)
    assert t("en", "room.done", done=0, total=3) in _html(_room_link(workshop))


def test_blind_vote_shows_only_the_progress_until_the_reveal(store, room):
    workshop, candidates, people = room
    store.workshops.update_settings(workshop.id, results_hidden=True)
    _vote(store, people, candidates, [(2, 1), (1, 0), (0, 3)])
    app = _room_link(workshop)
    assert not app.get("vega_lite_chart")
    assert t("en", "room.blind") in _html(app)
    store.workshops.close_voting(workshop.id)
    assert not _room_link(workshop).get("vega_lite_chart")  # closed is not revealed
    store.workshops.reveal(workshop.id)
    app = _room_link(workshop)
    assert _ranking(app) == [f"1. {CHURN}", "2. Win rate"]
    assert t("en", "room.revealed") in _html(app)
    assert t("en", "room.done", done=3, total=3) not in _html(app)  # the ranking has the space now


def test_facilitator_sees_the_room_screen_as_the_room_does(store, room):
    workshop, candidates, people = room
    store.workshops.update_settings(workshop.id, results_hidden=True)
    _vote(store, people, candidates, [(2, 1)])
    app = page_app(PAGE, workshop_id=workshop.id, role=session.FACILITATOR).run()
    assert not app.exception
    assert not app.get("vega_lite_chart") and t("en", "room.blind") in _html(app)
    assert not app.sidebar.get("button") and not app.title  # no sidebar controls, no page title


def test_live_mode_shows_the_ranking_without_a_reveal(store, room):
    workshop, candidates, people = room
    _vote(store, people, candidates, [(3, 0), (0, 1)])
    assert _ranking(_room_link(workshop)) == ["1. Win rate", f"2. {CHURN}"]


def test_no_ranking_before_any_vote(room):
    workshop, _, _ = room
    app = _room_link(workshop)
    assert not app.get("vega_lite_chart")
    assert t("en", "room.no_votes") in _html(app)
    assert "1." not in _html(app)


def test_ties_are_shown_as_ties(store, room):
    workshop, candidates, people = room
    _vote(store, people, candidates, [(2, 2)])
    app = _room_link(workshop)
    assert sorted(_ranking(app)) == [f"1 = {CHURN}", "1 = Win rate"]
    assert t("en", "room.tie") in _html(app)


def test_a_running_countdown_is_shown_as_minutes_and_seconds(store, room):
    workshop, _, _ = room
    store.workshops.start_countdown(workshop.id, 150)
    shown = _html(_room_link(workshop))
    assert any(t("en", "room.countdown", time=time) in shown for time in ("02:30", "02:29"))


def test_a_countdown_that_ran_out_closes_the_vote(store, room, db_path):
    workshop, _, _ = room
    # Started a minute ago, for 30 seconds: the screen finds it ran out.
    WorkshopStore(db_path, clock=lambda: time.time() - 60).workshops.start_countdown(workshop.id, 30)
    app = _room_link(workshop)
    assert not app.exception
    assert not store.workshops.get(workshop.id).voting_open


def test_an_unknown_room_link_shows_nothing_of_any_workshop(room):
    workshop, _, _ = room
    app = AppTest.from_file(str(PROJECT_ROOT / PAGE), default_timeout=APP_TIMEOUT_S)
    app.query_params[ROOM_PARAM] = "not-a-token"
    app = app.run()
    assert not app.exception
    assert workshop.join_code not in _html(app) and not app.get("image")
