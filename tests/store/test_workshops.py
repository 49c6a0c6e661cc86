"""Rules of `store.workshops`: codes, settings, the PIN and its lockout, deletion."""

from __future__ import annotations

from datetime import date

import pytest

from kpi_logic.errors import InvalidInput, NotFound, PinLocked, VotingClosed
from kpi_logic.store import WorkshopStore
from tests.store.support import PIN, TOO_LONG, row_counts


def test_new_workshop_has_defaults_codes_and_no_pin_in_it(store, ws):
    assert (ws.vote_budget, ws.per_kpi_cap, ws.language, ws.round) == (5, 3, "de", 1)
    assert ws.voting_open and ws.results_hidden and not ws.finalised  # blind by default
    assert len(ws.join_code) == 6 and len(ws.share_token) >= 20
    assert not hasattr(ws, "pin_hash")
    stored = store.db.execute("SELECT pin_hash FROM workshops").fetchone()[0]
    assert PIN not in stored and stored.startswith("scrypt$")


def test_join_codes_and_share_tokens_differ_between_workshops(store, ws, other_ws):
    assert ws.join_code != other_ws.join_code
    assert ws.share_token != other_ws.share_token


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "  {lower} ", "{first} {rest}"])
def test_join_code_is_found_whatever_the_case_and_spaces(store, ws, typed):
    code = typed.format(code=ws.join_code, lower=ws.join_code.lower(),
                        first=ws.join_code[:3], rest=ws.join_code[3:])
    assert store.workshops.by_join_code(code).id == ws.id


@pytest.mark.parametrize("code", ["", "ZZZZZZ", "'; DROP TABLE workshops; --"])
def test_wrong_join_code_is_not_found(store, ws, code):
    with pytest.raises(NotFound):
        store.workshops.by_join_code(code)
    with pytest.raises(NotFound):
        store.participants.join(code, "Anna", "marketing")


def test_share_token_finds_its_workshop_only(store, ws):
    assert store.workshops.by_share_token(ws.share_token).id == ws.id
    with pytest.raises(NotFound):
        store.workshops.by_share_token(ws.share_token + "x")


@pytest.mark.parametrize(
    "changes",
    [
        {"name": ""},
        {"name": "   "},
        {"name": TOO_LONG},
        {"name": "Work\x00shop"},
        {"vote_budget": 0},
        {"vote_budget": 21},
        {"vote_budget": 2, "per_kpi_cap": 3},
        {"per_kpi_cap": 0},
        {"language": "fr"},
        {"facilitator_pin": "12"},
        {"workshop_date": "1999-12-31"},
        {"workshop_date": date(2101, 1, 1)},
        {"workshop_date": "next week"},
    ],
)
def test_bad_workshop_settings_are_refused_and_nothing_is_written(store, changes):
    arguments = {"name": "Workshop", "facilitator_pin": PIN, **changes}
    with pytest.raises(InvalidInput):
        store.workshops.create(**arguments)
    assert store.workshops.list() == []


def test_name_is_stored_stripped(store):
    assert store.workshops.create("  Kick-off  ", facilitator_pin=PIN).name == "Kick-off"


def test_unknown_workshop_is_not_found(store):
    with pytest.raises(NotFound):
        store.workshops.get(999)


def test_right_pin_unlocks_and_wrong_pin_does_not(store, ws):
    assert store.workshops.check_pin(ws.id, PIN) is True
    assert store.workshops.check_pin(ws.id, "0000") is False


@pytest.fixture
def now() -> list[float]:
    """A clock the test moves by hand."""
    return [1_000_000.0]


@pytest.fixture
def clocked_ws(tmp_path, now):
    store = WorkshopStore(tmp_path / "w.db", clock=lambda: now[0])
    return store, store.workshops.create("W", facilitator_pin=PIN)


def test_five_wrong_pins_lock_checking_until_the_first_leaves_the_ten_minute_window(clocked_ws, now):
    store, ws = clocked_ws
    for _ in range(5):
        assert store.workshops.check_pin(ws.id, "0000") is False
        now[0] += 10
    with pytest.raises(PinLocked) as locked:
        store.workshops.check_pin(ws.id, PIN)
    assert locked.value.seconds_left == 600 - 50
    now[0] += 551
    assert store.workshops.check_pin(ws.id, PIN) is True


def test_wrong_pins_spread_over_more_than_ten_minutes_do_not_lock(clocked_ws, now):
    store, ws = clocked_ws
    for _ in range(8):
        assert store.workshops.check_pin(ws.id, "0000") is False
        now[0] += 200
    assert store.workshops.check_pin(ws.id, PIN) is True


def test_settings_change_and_come_back(store, ws):
    changed = store.workshops.update_settings(ws.id, name="Neu", phase="voting", results_hidden=True,
                                    vote_budget=8, per_kpi_cap=8, language="en")
    assert (changed.name, changed.phase, changed.results_hidden) == ("Neu", "voting", True)
    assert store.workshops.get(ws.id) == changed


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"pin_hash": "x"}, InvalidInput),
        ({"round": 3}, InvalidInput),
        ({"per_kpi_cap": 6}, InvalidInput),
        ({"vote_budget": 2}, InvalidInput),  # below the cap of 3
        ({"phase": "party"}, InvalidInput),
        ({"voting_open": "yes"}, InvalidInput),
    ],
)
def test_unknown_or_bad_settings_are_refused(store, ws, changes, error):
    with pytest.raises(error):
        store.workshops.update_settings(ws.id, **changes)
    assert store.workshops.get(ws.id) == ws


def test_deleting_a_workshop_deletes_all_of_its_data(store, full_workshop, other_ws):
    store.workshops.delete(full_workshop.id)
    counts = row_counts(store)
    assert counts["workshops"] == 1
    assert all(count == 0 for table, count in counts.items()
               if table not in ("workshops", "_sqlite_migrations"))
    with pytest.raises(NotFound):
        store.workshops.get(full_workshop.id)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: float = 1_800_000_000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def timed(tmp_path):
    clock = Clock()
    store = WorkshopStore(tmp_path / "timed.db", clock=clock)
    workshop = store.workshops.create("Timer", facilitator_pin=PIN, voting_open=False)
    store.goals.add(workshop.id, "Umsatz")
    person = store.participants.join(workshop.join_code, "Anna", "sales")
    kpi = store.candidates.add(workshop.id, catalog_id="cac")
    return store, clock, workshop, person, kpi


def test_the_countdown_closes_the_vote_when_it_runs_out(timed):
    store, clock, workshop, person, kpi = timed
    started = store.workshops.start_countdown(workshop.id, 120)
    assert started.voting_open and started.phase == "voting"
    clock.now += 119
    store.votes.set_points(person.id, kpi, 1)
    clock.now += 1
    with pytest.raises(VotingClosed):
        store.votes.set_points(person.id, kpi, 2)
    assert not store.workshops.settle_countdown(workshop.id).voting_open


def test_extending_the_countdown_gives_more_time_from_now_once_it_ran_out(timed):
    store, clock, workshop, person, kpi = timed
    store.workshops.start_countdown(workshop.id, 60)
    clock.now += 90
    extended = store.workshops.extend_countdown(workshop.id, 60)
    assert extended.timer_ends_at == clock.now + 60
    store.votes.set_points(person.id, kpi, 1)


def test_the_reveal_closes_the_vote_shows_totals_and_moves_to_the_shortlist(timed):
    store, clock, workshop, person, kpi = timed
    store.workshops.open_voting(workshop.id)
    revealed = store.workshops.reveal(workshop.id)
    assert (revealed.voting_open, revealed.revealed, revealed.phase) == (False, True, "shortlist")
    assert not store.workshops.open_voting(workshop.id).revealed


def _counters(store, workshop_id):
    return store.workshops.counters([workshop_id])[workshop_id]


def test_every_write_a_screen_shows_moves_the_version(timed):
    store, clock, workshop, person, kpi = timed
    seen = [_counters(store, workshop.id).version]
    store.workshops.open_voting(workshop.id)
    seen.append(_counters(store, workshop.id).version)
    store.votes.set_points(person.id, kpi, 1)
    seen.append(_counters(store, workshop.id).version)
    store.participants.set_done(person.id, True)
    seen.append(_counters(store, workshop.id).version)
    store.participants.join(workshop.join_code, "Ben", "sales")
    seen.append(_counters(store, workshop.id).version)
    assert seen == sorted(set(seen)), seen


def test_the_counters_of_several_workshops_come_in_one_read_with_a_running_countdown(timed):
    store, clock, workshop, person, kpi = timed
    other = store.workshops.create("Other", facilitator_pin=PIN)
    store.workshops.start_countdown(workshop.id, 120)
    counters = store.workshops.counters([workshop.id, other.id, 999])
    assert set(counters) == {workshop.id, other.id}  # a workshop that is gone has none
    assert counters[workshop.id].countdown_ends_at == pytest.approx(clock() + 120)
    assert counters[other.id].countdown_ends_at is None
    store.workshops.close_voting(workshop.id)
    assert _counters(store, workshop.id).countdown_ends_at is None
    assert store.workshops.counters([]) == {}


def test_a_new_join_code_replaces_the_old_one(store, ws):
    renewed = store.workshops.renew_join_code(ws.id)
    assert renewed.join_code != ws.join_code
    with pytest.raises(NotFound):
        store.workshops.by_join_code(ws.join_code)


def test_a_facilitator_device_comes_back_by_its_secret(store, ws):
    secret = store.workshops.new_facilitator_device(ws.id)
    assert store.workshops.by_facilitator_secret(secret).id == ws.id
    with pytest.raises(NotFound):
        store.workshops.by_facilitator_secret("not-a-secret")


def test_phones_follow_settings_but_not_every_vote_in_the_room(timed):
    store, clock, workshop, person, kpi = timed
    store.workshops.open_voting(workshop.id)
    before = _counters(store, workshop.id).state_version
    store.votes.set_points(person.id, kpi, 1)
    assert _counters(store, workshop.id).state_version == before
    store.workshops.reveal(workshop.id)
    assert _counters(store, workshop.id).state_version > before
