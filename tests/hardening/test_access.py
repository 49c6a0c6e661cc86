"""Access: what a session may see and change, whatever session state, URL or link it crafts."""

from __future__ import annotations

import inspect
import logging
import math

import pytest

from kpi_logic.errors import WrongWorkshop
from kpi_logic.i18n import t
from kpi_logic.links import SHARE_PARAM
from kpi_logic.security import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, SHARE_TOKEN_BYTES
from kpi_logic.throttle import PIN_PER_DEVICE
from kpi_logic.store import WorkshopStore
from tests.support import FACILITATOR_PIN, page_app
from ui import session
from ui.nav import PAGES_BY_KEY

PIN = "93417265"  # distinctive, so a scan of files and logs cannot match by chance
PAGE_FILES = {key: spec.path for key, spec in PAGES_BY_KEY.items() if key != "start"}
# AppTest element kinds that write (the language switch and "leave workshop" only change the session).
WRITING_KINDS = ("text_input", "text_area", "number_input", "date_input", "selectbox", "multiselect",
                 "checkbox", "toggle", "radio", "slider", "select_slider", "color_picker", "chat_input")
SESSION_BUTTONS = {"leave_workshop"}
# Choices that change only this session's view or download, never stored data.
SESSION_GROUPS = {"Sprache", "Language", "Excel-Format der Shortlist", "Excel format of the shortlist"}


@pytest.fixture
def two(store):
    """Two workshops with voting open, a voter in each and points given."""
    made = []
    for name in ("Alpha", "Beta"):
        ws = store.workshops.create(name, facilitator_pin=PIN)
        store.goals.add(ws.id, "Umsatz")
        kpi = store.candidates.add(ws.id, name=f"KPI {name}")
        person = store.participants.join(ws.join_code, f"Person {name}", "sales")
        store.votes.set_points(person.id, kpi, 2)
        made.append((ws, person, kpi))
    return made


def writing_widgets(app) -> list[str]:
    """Every widget on the page that could change stored data."""
    found = [f"{kind}:{w.label}" for kind in WRITING_KINDS for w in app.get(kind)]
    found += [f"button:{b.label}" for b in app.get("button") if b.key not in SESSION_BUTTONS]
    found += [f"button_group:{g.label}" for g in app.get("button_group") if g.label not in SESSION_GROUPS]
    found += [f"data_editor:{e}" for e in app.get("arrow_data_frame") if getattr(e, "proto", None)
              and getattr(e.proto, "editing_mode", 0)]
    return found


def page_text(app) -> str:
    from tests.hardening.test_bad_input_pages import markdown_texts

    tables = " ".join(frame.value.to_csv() for frame in app.dataframe)
    return " ".join(markdown_texts(app)) + tables


@pytest.mark.parametrize("page_key", PAGE_FILES)
def test_a_share_link_session_has_nothing_that_writes_on_any_page(store, two, page_key):
    (alpha, _, _), _ = two
    app = page_app(PAGE_FILES[page_key], workshop_id=alpha.id, role=session.VIEWER).run()
    assert not app.exception
    assert writing_widgets(app) == []


@pytest.mark.parametrize(
    "forged",
    [
        {session.ROLE: "admin"},
        {session.ROLE: "FACILITATOR"},
        {session.WORKSHOP_ID: "1"},
        {session.WORKSHOP_ID: 10**9},
        {session.WORKSHOP_ID: -1},
        {session.PARTICIPANT_ID: "x"},
    ],
    ids=["unknown-role", "shouting-role", "id-as-text", "no-such-workshop", "negative-id", "participant-text"],
)
@pytest.mark.parametrize("page_key", ["voting", "results", "facilitate", "shortlist"])
def test_forged_session_values_open_nothing_and_never_crash(store, two, page_key, forged):
    (alpha, anna, _), _ = two
    app = page_app(PAGE_FILES[page_key], workshop_id=alpha.id, role=session.PARTICIPANT,
                   participant_id=anna.id)
    for key, value in forged.items():
        app.session_state[key] = value
    app = app.run()
    assert not app.exception
    assert writing_widgets(app) == []


@pytest.mark.parametrize("page_key", ["voting", "results", "shortlist", "facilitate"])
def test_a_participant_id_of_another_workshop_shows_nothing_of_either(store, two, page_key):
    (alpha, _, _), (beta, bert, _) = two
    app = page_app(PAGE_FILES[page_key], workshop_id=alpha.id, role=session.PARTICIPANT,
                   participant_id=bert.id).run()
    assert not app.exception
    assert writing_widgets(app) == []
    assert "Person Beta" not in page_text(app) and "KPI Alpha" not in page_text(app)


@pytest.mark.parametrize("query", [{"role": "facilitator"}, {"role": "facilitator", "pin": PIN},
                                   {"workshop_id": "2"}, {"participant_id": "2"}])
def test_query_parameters_never_raise_a_participants_rights(store, two, query):
    (alpha, anna, _), _ = two
    app = page_app(PAGE_FILES["facilitate"], workshop_id=alpha.id, role=session.PARTICIPANT,
                   participant_id=anna.id)
    for key, value in query.items():
        app.query_params[key] = value
    app = app.run()
    assert not app.exception
    assert writing_widgets(app) == []
    assert app.session_state[session.ROLE] == session.PARTICIPANT
    assert app.session_state[session.WORKSHOP_ID] == alpha.id


def test_a_share_link_of_another_workshop_only_lowers_rights_to_reading_that_one(store, two):
    (alpha, anna, _), (beta, _, _) = two
    app = page_app(PAGE_FILES["voting"], workshop_id=alpha.id, role=session.PARTICIPANT,
                   participant_id=anna.id)
    app.query_params[SHARE_PARAM] = beta.share_token
    app = app.run()
    assert not app.exception
    assert app.session_state[session.ROLE] == session.VIEWER
    assert app.session_state[session.WORKSHOP_ID] == beta.id
    assert writing_widgets(app) == []


def test_an_unknown_share_token_ends_the_session_and_shows_nothing(store, two):
    (alpha, _, _), _ = two
    app = page_app(PAGE_FILES["share"], workshop_id=alpha.id, role=session.FACILITATOR)
    app.query_params[SHARE_PARAM] = alpha.share_token[:-1] + ("A" if alpha.share_token[-1] != "A" else "B")
    app = app.run()
    assert not app.exception
    assert session.WORKSHOP_ID not in app.session_state
    assert "Alpha" not in page_text(app)


def test_a_participant_never_sees_another_participants_points_in_an_anonymous_workshop(store, two):
    (alpha, anna, kpi), _ = two
    ben = store.participants.join(alpha.join_code, "Ben Geheim", "marketing")
    store.votes.set_points(ben.id, kpi, 1)
    store.workshops.update_settings(alpha.id, anonymous=True)
    for page_key in ("voting", "results"):
        app = page_app(PAGE_FILES[page_key], workshop_id=alpha.id, role=session.PARTICIPANT,
                       participant_id=anna.id).run()
        assert not app.exception
        assert "Ben Geheim" not in page_text(app)


def test_no_store_method_that_writes_takes_a_share_token():
    """The share token only ever finds a workshop to read (workshop_by_share_token)."""
    takers = [name for name, method in inspect.getmembers(WorkshopStore, inspect.isfunction)
              if not name.startswith("_") and name != "workshop_by_share_token"
              and any("token" in p or "share" in p
                                                   for p in inspect.signature(method).parameters)]
    assert takers == []


def test_a_join_code_reaches_only_its_own_workshop(store, two):
    (alpha, _, _), (beta, _, beta_kpi) = two
    carla = store.participants.join(alpha.join_code.lower(), "Carla", "other")
    assert carla.workshop_id == alpha.id
    assert "Carla" not in [p.name for p in store.participants.list(beta.id)]
    with pytest.raises(WrongWorkshop):
        store.votes.set_points(carla.id, beta_kpi, 1)
    assert store.workshops.by_share_token(beta.share_token).id == beta.id


def test_the_pin_is_never_stored_or_logged_in_clear(store, db_path, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    ws = store.workshops.create("PIN", facilitator_pin=PIN)
    assert not store.workshops.check_pin(ws.id, PIN[::-1])
    assert store.workshops.check_pin(ws.id, PIN)
    app = page_app("app.py").run()
    code_fields = [w for w in app.text_input if w.label == t("en", "start.join.code")]
    code_fields[-1].set_value(ws.join_code)
    next(w for w in app.text_input if w.label == t("en", "start.unlock.pin")).set_value(PIN)
    next(b for b in app.button if b.label == t("en", "start.unlock.submit")).click()
    app = app.run()
    assert app.session_state[session.ROLE] == session.FACILITATOR
    store.close()
    files = b"".join(path.read_bytes() for path in db_path.parent.glob(db_path.name + "*"))
    for encoded in (PIN.encode("utf-8"), PIN.encode("utf-16-le")):
        assert encoded not in files
    output = capfd.readouterr()
    assert PIN not in caplog.text + output.out + output.err
    assert PIN not in str(store.transfer.export_workshop(ws.id))


def test_repeated_wrong_pins_lock_the_unlock_form_with_a_message_in_german(store, workshop):
    app = page_app("app.py", language="de").run()

    def unlock(pin: str):
        code_fields = [w for w in app.text_input if w.label == t("de", "start.join.code")]
        code_fields[-1].set_value(workshop.join_code)
        next(w for w in app.text_input if w.label == t("de", "start.unlock.pin")).set_value(pin)
        next(b for b in app.button if b.label == t("de", "start.unlock.submit")).click()
        return app.run()

    for attempt in range(PIN_PER_DEVICE.count + 1):
        app = unlock(f"000{attempt}")
        assert not app.exception
    assert session.ROLE not in app.session_state or app.session_state[session.ROLE] != session.FACILITATOR
    assert any(t("de", "start.unlock.locked", seconds="")[:12] in e.value for e in app.error)
    app = unlock(FACILITATOR_PIN)  # even the right PIN waits out the lock on this device
    assert session.ROLE not in app.session_state or app.session_state[session.ROLE] != session.FACILITATOR
    # The facilitator's own device is not locked by someone else's guesses.
    assert store.workshops.check_pin(workshop.id, FACILITATOR_PIN, device="ip:192.0.2.7")


def test_codes_and_tokens_carry_the_entropy_the_readme_states():
    join_bits = JOIN_CODE_LENGTH * math.log2(len(set(JOIN_CODE_ALPHABET)))
    share_bits = SHARE_TOKEN_BYTES * 8
    assert join_bits >= 29.7 and share_bits >= 144
    # README assumption: at most 20 join attempts per second against one server, over a 10-hour
    # workshop day: the chance to hit one given workshop's code stays below 0.1 %.
    assert 20 * 10 * 3600 / 2**join_bits < 0.001
