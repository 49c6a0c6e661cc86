"""Trust under attack (issue 11): each numbered finding, tried as an attacker in the room would.

The browser parts (hostile text on every page, the upload flood, nginx in front of two servers)
are in test_hostile_text.py, test_uploads.py and test_reverse_proxy.py.
"""

from __future__ import annotations

import json
import threading
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from kpi_logic import config, workshop_json
from kpi_logic.csv_import import MAX_BYTES as CSV_MAX_BYTES
from kpi_logic.demo import DEMO_KEEP, open_demo
from kpi_logic.domain import MAX_UPLOAD_MB
from kpi_logic.errors import InvalidImport, InvalidInput, PinLocked, Throttled
from kpi_logic.i18n import TEXTS, t
from kpi_logic.security import validate_pin
from kpi_logic.store import WorkshopStore
from kpi_logic.store import workshops as workshops_module
from kpi_logic.text import escape_markdown
from kpi_logic.throttle import (
    DEMOS_PER_CLIENT,
    DEMOS_PER_SERVER,
    SERVER_KEY,
    WORKSHOPS_PER_SERVER,
    JOINS_PER_WORKSHOP,
    LIMITS,
    PIN_PER_DEVICE,
    PIN_PER_WORKSHOP,
    WORKSHOPS_PER_CLIENT,
    client_key,
    parse_networks,
)
from kpi_logic.validation import PARTICIPANT_FIELDS, clean
from kpi_logic.voting import totals_visible
from tests.support import FACILITATOR_PIN, page_app
from ui import session

PROJECT_ROOT = Path(__file__).resolve().parents[2]
THREADS = 16


# ------------------------------------------------------------ 1. the PIN limit at any concurrency


def _count_pin_checks(monkeypatch) -> list[int]:
    """Counts every slow hash the store runs (the PIN checks that reach scrypt)."""
    checks = [0]
    lock = threading.Lock()
    real = workshops_module.verify_pin

    def counting(pin, stored):
        with lock:
            checks[0] += 1
        return real(pin, stored)

    monkeypatch.setattr(workshops_module, "verify_pin", counting)
    return checks


def _guess_in_parallel(path: Path, workshop_id: int, devices: list[str], guesses_each: int) -> list[str]:
    """One thread (its own store and connection) per device, each trying `guesses_each` wrong PINs."""
    outcomes: list[str] = []
    start = threading.Barrier(len(devices))

    def guess(device: str) -> None:
        store = WorkshopStore(path)
        start.wait()
        for attempt in range(guesses_each):
            try:
                ok = store.workshops.check_pin(workshop_id, f"{attempt:06d}", device=device)
                outcomes.append("right" if ok else "wrong")
            except PinLocked:
                outcomes.append("locked")
        store.close()

    threads = [threading.Thread(target=guess, args=(device,)) for device in devices]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_sixteen_parallel_sessions_on_one_device_get_no_more_than_five_pin_checks(
        store, workshop, db_path, monkeypatch):
    checks = _count_pin_checks(monkeypatch)
    outcomes = _guess_in_parallel(db_path, workshop.id, [""] * THREADS, guesses_each=4)
    assert checks[0] == PIN_PER_DEVICE.count
    assert outcomes.count("wrong") == PIN_PER_DEVICE.count
    assert outcomes.count("locked") == THREADS * 4 - PIN_PER_DEVICE.count


def test_sixteen_devices_at_once_get_no_more_than_the_workshop_ceiling_of_pin_checks(
        store, workshop, db_path, monkeypatch):
    checks = _count_pin_checks(monkeypatch)
    devices = [f"ip:198.51.100.{n}" for n in range(THREADS)]
    _guess_in_parallel(db_path, workshop.id, devices, guesses_each=PIN_PER_DEVICE.count)
    assert checks[0] == PIN_PER_WORKSHOP.count  # 16 × 5 = 80 tries, 30 checks
    with pytest.raises(PinLocked):
        store.workshops.check_pin(workshop.id, FACILITATOR_PIN, device="ip:203.0.113.1")


def test_a_failure_never_clears_a_lock(tmp_path):
    now = [1000.0]
    store = WorkshopStore(tmp_path / "w.db", clock=lambda: now[0])
    ws = store.workshops.create("W", facilitator_pin=FACILITATOR_PIN)
    for _ in range(PIN_PER_DEVICE.count):
        store.workshops.check_pin(ws.id, "000000")
    for _ in range(20):
        now[0] += 10
        with pytest.raises(PinLocked):
            store.workshops.check_pin(ws.id, FACILITATOR_PIN)
    assert store.workshops.check_pin(ws.id, FACILITATOR_PIN, device="other")


@pytest.mark.parametrize(
    "pin,accepted",
    [("4711", False), ("12345", False), ("123456", True), ("98765432", True), ("abcdefgh", False),
     ("abc123", False), ("Tannenbaum 12", True), ("correct horse", True), ("１２３４５６", False)],
)
def test_new_pins_need_six_digits_or_a_twelve_character_passphrase(pin, accepted):
    if accepted:
        assert validate_pin(pin) == pin
    else:
        with pytest.raises(InvalidInput):
            validate_pin(pin)


def test_the_pin_rule_is_the_same_in_the_store_the_import_and_the_cli(store, workshop, capsys):
    with pytest.raises(InvalidInput):
        store.workshops.create("W", facilitator_pin="4711")
    data = store.transfer.export_workshop(workshop.id)
    with pytest.raises(InvalidInput):
        store.transfer.import_workshop(data, "4711")
    from kpi_logic.cli import main

    path = store.path.parent / "w.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--db", str(store.path), "import", str(path), "--pin", "4711"]) != 0
    assert "at least 6 digits" in capsys.readouterr().err
    assert len(store.workshops.list()) == 1


# ------------------------------------------------------------ 2. the unlock form is no code oracle


def _unlock(app, code: str, pin: str):
    code_fields = [w for w in app.text_input if w.label == t("en", "start.join.code")]
    code_fields[-1].set_value(code)
    next(w for w in app.text_input if w.label == t("en", "start.unlock.pin")).set_value(pin)
    next(b for b in app.button if b.label == t("en", "start.unlock.submit")).click()
    return app.run()


def test_a_wrong_code_and_a_wrong_pin_get_the_same_answer(store, workshop):
    answers = []
    for code, pin in ((workshop.join_code, "000000"), ("QQQQQQ", "000000")):
        app = _unlock(page_app("app.py").run(), code, pin)
        answers.append([error.value for error in app.error])
    assert answers[0] == answers[1] == [t("en", "start.unlock.wrong")]


def test_guessing_codes_on_the_unlock_form_is_throttled_like_the_join_form(store, workshop):
    app = page_app("app.py").run()
    for guess in range(10):
        app = _unlock(app, f"QQQQQ{guess}", "000000")
    app = _unlock(app, workshop.join_code, FACILITATOR_PIN)
    assert session.ROLE not in app.session_state
    assert any(t("en", "start.unlock.locked", seconds="")[:20] in error.value for error in app.error)


# ------------------------------------------------------------ 3. uploads bounded by the imports


def test_the_server_upload_limit_is_the_largest_import():
    settings = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["maxUploadSize"] == MAX_UPLOAD_MB == workshop_json.MAX_IMPORT_MB
    assert CSV_MAX_BYTES <= MAX_UPLOAD_MB * 1024 * 1024


# ------------------------------------------------------------ 4. throttles keyed correctly


PROXY = parse_networks("127.0.0.1, 10.0.0.0/8")


@pytest.mark.parametrize(
    "peer,forwarded,trusted,expected",
    [
        # No proxy trusted: the peer is the client; a loopback peer says nothing about the person.
        ("192.0.2.10", [], (), "ip:192.0.2.10"),
        ("192.0.2.10", ["6.6.6.6"], (), "ip:192.0.2.10"),
        ("127.0.0.1", [], (), "session:S"),
        ("::1", ["6.6.6.6"], (), "session:S"),
        (None, [], (), "session:S"),
        ("::ffff:192.0.2.10", [], (), "ip:192.0.2.10"),
        # Behind a trusted proxy: the right-most address the proxies did not add themselves.
        ("127.0.0.1", ["192.0.2.10"], PROXY, "ip:192.0.2.10"),
        ("127.0.0.1", ["6.6.6.6, 192.0.2.10"], PROXY, "ip:192.0.2.10"),
        ("127.0.0.1", ["6.6.6.6", "192.0.2.10, 10.1.2.3"], PROXY, "ip:192.0.2.10"),
        ("127.0.0.1", ["192.0.2.10:5123"], PROXY, "ip:192.0.2.10"),
        ("127.0.0.1", ["2001:db8::7"], PROXY, "ip:2001:db8::7"),
        ("127.0.0.1", [], PROXY, "session:S"),
        ("127.0.0.1", ["10.1.2.3"], PROXY, "session:S"),
        ("127.0.0.1", ["6.6.6.6, garbage"], PROXY, "session:S"),
        # A client that reaches the server directly cannot pick its address with the header.
        ("192.0.2.10", ["6.6.6.6"], PROXY, "ip:192.0.2.10"),
    ],
)
def test_the_throttle_key_is_the_client_the_proxies_vouch_for(peer, forwarded, trusted, expected):
    assert client_key(peer, forwarded, trusted, "S") == expected


def test_the_trusted_proxies_setting_is_declared_once_with_help():
    assert config.TRUSTED_PROXIES in config.SETTINGS
    assert config.TRUSTED_PROXIES.env == "KPI_WORKSHOP_TRUSTED_PROXIES" and config.TRUSTED_PROXIES.help


def test_two_local_browsers_do_not_share_one_join_bucket(store, workshop):
    # Ten typos in one loopback session used to lock out every loopback client.
    typo = page_app("app.py").run()
    for guess in range(10):
        typo = _join(typo, f"WRONG{guess}")
    other = _join(page_app("app.py").run(), workshop.join_code, "Anna")
    assert not other.error
    assert [p.name for p in store.participants.list(workshop.id)] == ["Anna"]


def test_join_counters_are_shared_by_every_store_on_the_file(store, workshop, db_path):
    other_process = WorkshopStore(db_path)
    for _ in range(10):
        store.throttles.take((JOINS_PER_WORKSHOP, "x"))
    assert other_process.throttles.wait(JOINS_PER_WORKSHOP, "x") == 0  # 10 of 60
    assert store.db.execute("SELECT COUNT(*) FROM throttle_events").fetchone()[0] == 10


def _join(app, code: str, name: str = "Mallory"):
    next(w for w in app.text_input if w.label == t("en", "start.join.code")).set_value(code)
    next(w for w in app.text_input if w.label == t("en", "start.join.name")).set_value(name)
    next(w for w in app.selectbox if w.label == t("en", "start.join.team")).set_value("other")
    next(b for b in app.button if b.label == t("en", "start.join.submit")).click()
    return app.run()


# ------------------------------------------------------------ 5. the facilitator cannot be locked out


def test_a_participant_guessing_pins_does_not_lock_the_facilitator_out(store, workshop):
    participant = "ip:192.0.2.66"
    for _ in range(PIN_PER_DEVICE.count * 4):
        try:
            store.workshops.check_pin(workshop.id, "000000", device=participant)
        except PinLocked:
            pass
    assert store.workshops.check_pin(workshop.id, FACILITATOR_PIN, device="ip:192.0.2.1")


def test_one_participant_alone_cannot_reach_the_workshop_ceiling():
    assert PIN_PER_WORKSHOP.count >= 5 * PIN_PER_DEVICE.count
    assert PIN_PER_WORKSHOP.window_s == PIN_PER_DEVICE.window_s


def test_an_unlocked_facilitator_session_is_unaffected_by_a_lock(store, workshop):
    for n in range(PIN_PER_WORKSHOP.count):
        try:
            store.workshops.check_pin(workshop.id, "000000", device=f"ip:198.51.100.{n}")
        except PinLocked:
            pass
    app = page_app("pages/facilitate.py", workshop_id=workshop.id, role=session.FACILITATOR).run()
    assert not app.exception and not app.error


# ------------------------------------------------------------ 6. blind stays blind


@pytest.mark.parametrize(
    "hidden,revealed,facilitator,visible",
    [(True, False, False, False), (True, False, True, True), (True, True, False, True),
     (False, False, False, True)],
)
def test_totals_stay_hidden_from_all_but_the_facilitator_until_the_reveal(hidden, revealed, facilitator, visible):
    assert totals_visible(hidden, revealed, facilitator) is visible


def _blind_workshop(store, workshop):
    store.goals.add(workshop.id, "Umsatz +20 %")
    kpi = store.candidates.add(workshop.id, "win_rate")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.votes.set_points(anna.id, kpi, 3)
    store.shortlist.set(workshop.id, [kpi], actor="Moderation")
    store.workshops.update_settings(workshop.id, results_hidden=True, voting_open=True)
    return anna


@pytest.mark.parametrize("role", [session.PARTICIPANT, session.VIEWER])
def test_no_one_but_the_facilitator_downloads_vote_totals_during_blind_voting(store, workshop, role):
    anna = _blind_workshop(store, workshop)
    app = page_app("pages/kpi_cards.py", workshop_id=workshop.id, role=role,
                   participant_id=anna.id if role == session.PARTICIPANT else None).run()
    assert not app.exception
    labels = [button.label for button in app.get("download_button")]
    assert t("en", "kpi_cards.download.excel") not in labels
    if role == session.PARTICIPANT:  # a viewer does not get the downloads at all
        assert t("en", "kpi_cards.download.excel_blind") in [c.value for c in app.caption]


def test_the_facilitator_still_downloads_the_workbook_during_blind_voting(store, workshop):
    _blind_workshop(store, workshop)
    app = page_app("pages/kpi_cards.py", workshop_id=workshop.id, role=session.FACILITATOR).run()
    assert t("en", "kpi_cards.download.excel") in [b.label for b in app.get("download_button")]


# ------------------------------------------------------------ 7. user text is never a link


@pytest.mark.parametrize(
    "text",
    ["https://evil.example/x", "see www.evil.ch now", "WWW.EVIL.CH", "anna@evil.ch",
     "mailto:anna@evil.ch", "xmpp:anna@evil.ch", "![x](https://evil.example/i.png)", "$x^2$",
     ":red[Alarm]", "<a href=x>y</a>"],
)
def test_escaped_text_holds_no_autolink_pattern(text):
    import re

    escaped = escape_markdown(text)
    assert not re.search(r"(?i)https?:\\?//|www\\?\.|[\w.+-]@[\w-]", escaped)
    assert escaped.replace("\u2060", "").replace("\\", "") == text.replace("<", "&lt;").replace(">", "&gt;")


def test_the_review_toast_escapes_the_kpi_name():
    import re

    source = (PROJECT_ROOT / "pages" / "review.py").read_text(encoding="utf-8")
    assert re.search(r'"review\.measure\.done",[^)]{0,40}name=escape_markdown\(', source)


# ------------------------------------------------------------ 8. imports refuse whole


@pytest.fixture
def exported(store, workshop):
    goal = store.goals.add(workshop.id, "Umsatz +20 %")
    kpi = store.candidates.add(workshop.id, "win_rate")
    other = store.candidates.add(workshop.id, "cac")
    anna = store.participants.join(workshop.join_code, "Anna", "marketing")
    store.votes.set_points(anna.id, kpi, 2)
    store.shortlist.set(workshop.id, [kpi, other], actor="Moderation")
    entry = store.shortlist.list(workshop.id)[0]
    store.shortlist.update_entry(workshop.id, entry.id, "Moderation", goal_ids=[goal.id])
    return store.transfer.export_workshop(workshop.id)


def _five_thousand_digits(data: dict) -> bytes:
    text = json.dumps(data)
    return text.replace('"round": 1', '"round": ' + "9" * 5000, 1).encode()


def _goal_twice(data: dict) -> dict:
    data["shortlist"][0]["goal_ids"] *= 2
    return data


def _over_cap(data: dict) -> dict:
    data["votes"][0]["points"] = data["workshop"]["per_kpi_cap"] + 1
    return data


def _over_budget(data: dict) -> dict:
    first = data["votes"][0]
    data["workshop"]["per_kpi_cap"] = data["workshop"]["vote_budget"]
    others = [c["id"] for c in data["candidates"] if c["id"] != first["candidate_id"]]
    data["votes"].append({**first, "candidate_id": others[0], "points": data["workshop"]["vote_budget"]})
    return data


def _rejected(data: dict) -> dict:
    voted = data["votes"][0]["candidate_id"]
    next(c for c in data["candidates"] if c["id"] == voted)["status"] = "rejected"
    return data


def _unknown(data: dict) -> dict:
    data["votes"][0]["candidate_id"] = 999_999
    return data


@pytest.mark.parametrize(
    "spoil,needle",
    [(_goal_twice, "appears twice"), (_over_cap, "points"), (_over_budget, "budget"),
     (_rejected, "not up for the vote"), (_unknown, "not in the file")],
    ids=["goal-twice", "over-cap", "over-budget", "rejected-candidate", "unknown-candidate"],
)
def test_a_malformed_import_is_refused_whole_with_a_clear_message(store, exported, spoil, needle):
    before = len(store.workshops.list())
    with pytest.raises(InvalidImport) as refused:
        workshop_json.import_workshop_json(store, json.dumps(spoil(exported)).encode(), "246813")
    assert needle in str(refused.value)
    assert len(store.workshops.list()) == before


def test_a_five_thousand_digit_number_is_refused_with_a_message(store, exported):
    with pytest.raises(InvalidImport) as refused:
        workshop_json.import_workshop_json(store, _five_thousand_digits(exported), "246813")
    assert "digits" in str(refused.value)


@pytest.mark.parametrize("spoil", [_five_thousand_digits, lambda d: json.dumps(_goal_twice(d)).encode()],
                         ids=["huge-number", "goal-twice"])
def test_a_refused_import_names_the_problem_without_a_traceback_or_a_server_path(store, exported, spoil):
    with pytest.raises(InvalidImport) as refused:
        workshop_json.import_workshop_json(store, spoil(exported), "246813")
    message = str(refused.value)
    assert message.startswith("Import refused:")
    assert "Traceback" not in message and str(PROJECT_ROOT) not in message and ".py" not in message


def test_the_browser_never_gets_error_details():
    settings = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["client"]["showErrorDetails"] == "none"


# ------------------------------------------------------------ 9. creation is bounded


def test_one_client_creates_only_so_many_workshops_an_hour(store):
    for n in range(WORKSHOPS_PER_CLIENT.count):
        store.workshops.create(f"W{n}", facilitator_pin=FACILITATOR_PIN, client="ip:192.0.2.5")
    with pytest.raises(Throttled) as refused:
        store.workshops.create("one more", facilitator_pin=FACILITATOR_PIN, client="ip:192.0.2.5")
    assert refused.value.explain("de").startswith("Von diesem Gerät")
    store.workshops.create("another client", facilitator_pin=FACILITATOR_PIN, client="ip:192.0.2.6")
    assert len(store.workshops.list()) == WORKSHOPS_PER_CLIENT.count + 1


def test_demo_copies_are_limited_per_client_and_cleaned_up(store):
    for n in range(DEMOS_PER_CLIENT.count):
        open_demo(store, "de", client=f"ip:192.0.2.{n}")
    with pytest.raises(Throttled):
        for _ in range(DEMOS_PER_CLIENT.count):
            open_demo(store, "de", client="ip:192.0.2.0")
    store.db.execute("UPDATE workshops SET created_at = '2000-01-01T00:00:00+00:00' WHERE id = 1")
    assert store.workshops.delete_old_demos(DEMO_KEEP, timedelta(days=1)) == 1
    for n in range(DEMO_KEEP + 3):
        store.workshops.create(f"D{n}", facilitator_pin=FACILITATOR_PIN, is_demo=True)
    store.workshops.delete_old_demos(DEMO_KEEP, timedelta(days=1))
    assert sum(w.is_demo for w in store.workshops.list()) == DEMO_KEEP


def test_the_start_page_says_when_the_demo_limit_is_hit(store, db_path):
    for _ in range(DEMOS_PER_SERVER.count):
        store.throttles.add(DEMOS_PER_SERVER, SERVER_KEY)
    app = page_app("app.py", language="de").run()
    next(b for b in app.button if b.key == "open_demo").click()
    app = app.run()
    assert not app.exception and session.ROLE not in app.session_state
    assert any("Demos" in error.value for error in app.error)
    assert not any(w.is_demo for w in store.workshops.list())


def test_the_start_page_says_when_the_workshop_limit_is_hit(store, db_path):
    for _ in range(WORKSHOPS_PER_SERVER.count):
        store.throttles.add(WORKSHOPS_PER_SERVER, SERVER_KEY)
    app = page_app("app.py").run()
    fields = {"start.create.name": "Mine", "start.create.pin": "246813", "start.create.pin_confirm": "246813"}
    for key, value in fields.items():
        next(w for w in app.text_input if w.label == t("en", key)).set_value(value)
    next(b for b in app.button if b.label == t("en", "start.create.submit")).click()
    app = app.run()
    assert not app.exception and store.workshops.list() == []
    assert any("Very many workshops" in error.value for error in app.error)


def test_a_projected_code_lets_only_so_many_new_names_join_a_minute(store, workshop):
    # Every fake name from another session, as a script rotating sessions would.
    for n in range(JOINS_PER_WORKSHOP.count):
        store.participants.join(workshop.join_code, f"Fake {n}", "other", client=f"session:{n}")
    with pytest.raises(Throttled) as refused:
        store.participants.join(workshop.join_code, "Fake one more", "other", client="session:new")
    assert refused.value.explain("de").startswith("Gerade treten sehr viele Personen bei")
    assert len(store.participants.list(workshop.id)) == JOINS_PER_WORKSHOP.count


def test_the_join_form_says_when_the_workshop_join_limit_is_hit(store, workshop):
    for _ in range(JOINS_PER_WORKSHOP.count):
        store.throttles.add(JOINS_PER_WORKSHOP, str(workshop.id))
    app = _join(page_app("app.py").run(), workshop.join_code, "Latecomer")
    assert session.ROLE not in app.session_state
    assert any("Very many people are joining" in error.value for error in app.error)


@pytest.mark.parametrize("limit", [limit for limit in LIMITS if not limit.bucket.startswith("pin_")])
def test_every_limit_a_person_can_hit_says_so_in_both_languages(limit):
    # PIN limits surface as PinLocked (errors.pin_locked); every other one as its own text.
    assert f"errors.throttled.{limit.bucket}" in TEXTS


@pytest.mark.parametrize("key", [key for key in TEXTS if key.startswith("errors.throttled.")])
def test_every_limit_is_explained_in_swiss_german_and_english_without_placeholder_plurals(key):
    german, english = TEXTS[key]
    assert "ß" not in german and "(s)" not in english and "(n)" not in german
    assert t("de", key, seconds=5, minutes=2) and t("en", key, seconds=5, minutes=2)


# ------------------------------------------------------------ 10. names people really type


@pytest.mark.parametrize(
    "typed,stored",
    [("Anna\u00a0Müller", "Anna Müller"), ("Anna\u202fMüller", "Anna Müller"),
     ("Soft\u00adware-Team", "Software-Team"), ("Anna 👩‍💻", "Anna 👩‍💻"), ("Familie 👨‍👩‍👧", "Familie 👨‍👩‍👧")],
)
def test_names_people_paste_or_type_are_accepted(typed, stored):
    assert clean(PARTICIPANT_FIELDS, {"name": typed, "team": "sales"}, partial=True)["name"] == stored


@pytest.mark.parametrize(
    "name", ["Anna\u202eevil", "Anna\u2066x\u2069", "Anna\x07", "Anna\u200bB", "An\x1bna", "Anna\u200e"]
)
def test_control_and_bidi_override_characters_are_still_refused(name):
    with pytest.raises(InvalidInput):
        clean(PARTICIPANT_FIELDS, {"name": name, "team": "sales"}, partial=True)
