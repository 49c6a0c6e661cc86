"""Start page: open the demo, join, create or unlock a workshop; the URL only ever fills a form."""

from __future__ import annotations

import pytest

from kpi_logic.demo import DEMO_PIN
from kpi_logic.i18n import t
from kpi_logic.links import SEAT_PARAM
from tests.support import FACILITATOR_PIN, page_app
from ui import session

APP = "app.py"


def _field(app, kind: str, label: str):
    """The widget of `kind` (text_input, selectbox, …) whose label is `label`."""
    return next(widget for widget in getattr(app, kind) if widget.label == label)


def _click(app, label: str):
    next(button for button in app.button if button.label == label).click()
    return app.run()


def _errors(app) -> list[str]:
    return [error.value for error in app.error]


def _join(app, code: str, name: str, team: str | None, language: str = "en"):
    _field(app, "text_input", t(language, "start.join.code")).set_value(code)
    _field(app, "text_input", t(language, "start.join.name")).set_value(name)
    if team is not None:
        _field(app, "selectbox", t(language, "start.join.team")).set_value(team)
    return _click(app, t(language, "start.join.submit"))


def _create(app, **overrides):
    values = {"name": "Frühling 2027", "pin": "246813", "pin_again": "246813", "budget": 5, "cap": 3,
              **overrides}
    for key, field in (("name", "start.create.name"), ("pin", "start.create.pin"),
                       ("pin_again", "start.create.pin_confirm")):
        _field(app, "text_input", t("en", field)).set_value(values[key])
    _field(app, "number_input", t("en", "start.create.budget")).set_value(values["budget"])
    _field(app, "number_input", t("en", "start.create.cap")).set_value(values["cap"])
    return _click(app, t("en", "start.create.submit"))


def _unlock(app, code: str, pin: str):
    labels = [widget.label for widget in app.text_input]
    # The join form comes first and also asks for a code: the unlock form's code field is the last one.
    code_index = len(labels) - 1 - labels[::-1].index(t("en", "start.join.code"))
    app.text_input[code_index].set_value(code)
    _field(app, "text_input", t("en", "start.unlock.pin")).set_value(pin)
    return _click(app, t("en", "start.unlock.submit"))


@pytest.mark.parametrize("language", ["de", "en"])
def test_newcomer_sees_the_demo_and_the_three_ways_in(db_path, language):
    app = page_app(APP, language=language).run()
    assert not app.exception
    assert [tab.label for tab in app.tabs] == [
        t(language, key) for key in ("start.tab.join", "start.tab.create", "start.tab.unlock")
    ]
    assert any(button.label == t(language, "start.demo.button") for button in app.button)


def test_demo_button_opens_a_demo_as_facilitator(store, db_path):
    app = page_app(APP).run()
    app = _click(app, t("en", "start.demo.button"))
    assert not app.exception
    (demo,) = store.workshops.list()
    assert demo.is_demo and store.workshops.check_pin(demo.id, DEMO_PIN)
    assert app.session_state[session.WORKSHOP_ID] == demo.id
    assert app.session_state[session.ROLE] == session.FACILITATOR


def test_join_link_only_fills_the_form_and_grants_nothing(workshop):
    app = page_app(APP)
    app.query_params["join"] = workshop.join_code
    app.run()
    assert _field(app, "text_input", t("en", "start.join.code")).value == workshop.join_code
    assert session.ROLE not in app.session_state


def test_participant_joins_and_lands_on_voting_with_their_seat_kept_in_the_url(store, workshop):
    app = page_app(APP)
    app.query_params["join"] = workshop.join_code
    app.run()
    app = _join(app, workshop.join_code.lower(), "Anna Keller", "marketing")
    assert not app.exception
    (anna,) = store.participants.list(workshop.id)
    assert (anna.name, anna.team) == ("Anna Keller", "marketing")
    assert app.session_state[session.ROLE] == session.PARTICIPANT
    assert app.session_state[session.PARTICIPANT_ID] == anna.id
    assert app.query_params.get(SEAT_PARAM) == app.session_state[session.SECRET]


def test_joining_with_a_taken_name_is_refused_and_takes_over_nobody(store, workshop):
    first = _join(page_app(APP).run(), workshop.join_code, "Anna Keller", "marketing")
    second = _join(page_app(APP).run(), workshop.join_code, "anna keller", "marketing")
    assert session.PARTICIPANT_ID in first.session_state
    assert session.ROLE not in second.session_state
    assert t("en", "errors.name_taken") in _errors(second)
    assert len(store.participants.list(workshop.id)) == 1


def test_a_reloaded_phone_comes_back_as_the_same_participant_by_the_secret_in_its_url(store, workshop):
    joined = _join(page_app(APP).run(), workshop.join_code, "Anna Keller", "marketing")
    secret = joined.session_state[session.SECRET]
    reloaded = page_app("pages/voting.py")
    reloaded.query_params[SEAT_PARAM] = secret
    reloaded.run()
    assert not reloaded.exception
    assert reloaded.session_state[session.PARTICIPANT_ID] == joined.session_state[session.PARTICIPANT_ID]
    assert reloaded.session_state[session.ROLE] == session.PARTICIPANT


def test_a_voided_re_join_link_lets_nobody_in(store, workshop):
    joined = _join(page_app(APP).run(), workshop.join_code, "Anna Keller", "marketing")
    store.participants.readmit(workshop.id, joined.session_state[session.PARTICIPANT_ID])
    reloaded = page_app("pages/voting.py")
    reloaded.query_params[SEAT_PARAM] = joined.session_state[session.SECRET]
    reloaded.run()
    assert session.ROLE not in reloaded.session_state or reloaded.session_state[session.ROLE] == session.NO_ROLE


@pytest.mark.parametrize(
    "code,name,team,message_key",
    [
        ("ZZZZZZ", "Anna", "marketing", "start.join.unknown_code"),
        (None, "   ", "sales", "start.join.name_missing"),
        (None, "Anna", None, "start.join.team_missing"),
        ("", "Anna", "sales", "start.join.code_missing"),
    ],
)
def test_bad_join_input_is_refused_with_a_clear_message(store, workshop, code, name, team, message_key):
    app = _join(page_app(APP).run(), workshop.join_code if code is None else code, name, team)
    assert not app.exception
    expected = t("en", message_key, code=code)
    assert expected in _errors(app)
    assert store.participants.list(workshop.id) == []
    assert session.ROLE not in app.session_state


def test_facilitator_creates_a_workshop_and_sees_its_join_code_and_qr(store, db_path):
    app = _create(page_app(APP).run(), budget=8, cap=4)
    assert not app.exception
    (created,) = store.workshops.list()
    assert (created.name, created.vote_budget, created.per_kpi_cap) == ("Frühling 2027", 8, 4)
    assert store.workshops.check_pin(created.id, "246813")
    assert app.session_state[session.ROLE] == session.FACILITATOR
    assert any(metric.value == created.join_code for metric in app.metric)
    assert any(created.join_code in code.value for code in app.code)


@pytest.mark.parametrize(
    "overrides,message",
    [
        ({"name": "  "}, t("en", "start.create.name_missing")),
        ({"pin": "12", "pin_again": "12"}, t("en", "errors.pin_rule", digits=6, length=12)),
        ({"pin": "4711", "pin_again": "4711"}, t("en", "errors.pin_rule", digits=6, length=12)),
        ({"pin": "abcdefgh", "pin_again": "abcdefgh"}, t("en", "errors.pin_rule", digits=6, length=12)),
        ({"pin_again": "999999"}, t("en", "start.create.pin_mismatch")),
        ({"budget": 3, "cap": 4}, t("en", "start.create.cap_too_high", cap=4, budget=3)),
    ],
)
def test_bad_workshop_settings_are_refused_and_nothing_is_stored(store, db_path, overrides, message):
    app = _create(page_app(APP).run(), **overrides)
    assert not app.exception
    assert message in _errors(app)
    assert store.workshops.list() == []


def test_a_passphrase_is_accepted_as_pin(store, db_path):
    app = _create(page_app(APP).run(), pin="grüne Wiese 7", pin_again="grüne Wiese 7")
    assert not app.exception and not _errors(app)
    (created,) = store.workshops.list()
    assert store.workshops.check_pin(created.id, "grüne Wiese 7")


def test_facilitator_unlocks_an_existing_workshop_with_code_and_pin(workshop):
    app = _unlock(page_app(APP).run(), workshop.join_code, FACILITATOR_PIN)
    assert not app.exception
    assert app.session_state[session.WORKSHOP_ID] == workshop.id
    assert app.session_state[session.ROLE] == session.FACILITATOR


@pytest.mark.parametrize(
    "code_of,pin,message_key",
    [("workshop", "0000", "start.unlock.wrong"), ("nothing", "471100", "start.unlock.wrong")],
)
def test_wrong_unlock_is_refused_with_one_answer_for_code_and_pin(workshop, code_of, pin, message_key):
    code = workshop.join_code if code_of == "workshop" else "QQQQQQ"
    app = _unlock(page_app(APP).run(), code, pin)
    assert _errors(app) == [t("en", message_key)]
    assert session.ROLE not in app.session_state


def test_repeated_wrong_pins_lock_the_unlock_with_the_time_left(workshop):
    app = page_app(APP).run()
    for _ in range(6):
        app = _unlock(app, workshop.join_code, "0000")
    assert any(t("en", "start.unlock.locked", seconds="")[:24] in error for error in _errors(app))
    assert session.ROLE not in app.session_state


@pytest.mark.parametrize(
    "role,expected_next",
    [(session.FACILITATOR, "page.status_quo"), (session.PARTICIPANT, "page.status_quo")],
)
def test_session_in_a_workshop_sees_where_it_is_and_the_next_step(store, workshop, role, expected_next):
    participant = store.participants.join(workshop.join_code, "Luca", "sales")
    app = page_app(APP, workshop_id=workshop.id, role=role,
                   participant_id=participant.id if role == session.PARTICIPANT else None).run()
    assert not app.exception
    subheaders = [header.value for header in app.subheader]
    assert t("en", "start.here.title", name=workshop.name) in subheaders
    assert any(t("en", expected_next) in button.label for button in app.button)
    invite_shown = t("en", "start.invite.title") in subheaders
    assert invite_shown == (role == session.FACILITATOR)


def test_workshop_name_with_markup_is_shown_as_text(store, db_path):
    workshop = store.workshops.create("<b>x</b> [y](javascript:alert(1))", facilitator_pin="471100")
    app = page_app(APP, workshop_id=workshop.id, role=session.FACILITATOR).run()
    (title,) = [h.value for h in app.subheader if "x" in h.value]
    assert "<b>" not in title and "](javascript" not in title


def test_guessing_join_codes_is_stopped_after_ten_wrong_codes_a_minute(store, workshop):
    app = page_app(APP).run()
    for guess in range(10):
        app = _join(app, f"WRONG{guess}", "Mallory", "other")
    app = _join(app, workshop.join_code, "Mallory", "other")
    assert any("Too many wrong codes" in error for error in _errors(app))
    assert store.participants.list(workshop.id) == []
